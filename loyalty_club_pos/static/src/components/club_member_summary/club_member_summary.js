import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { formatClubNumber } from "@loyalty_club_pos/app/club_format";

/** A member's tier, balance, pending and expiring points, and a warning
 * when they take no SMS: on the customer list and on the order. */
export class ClubMemberSummary extends Component {
    static template = "loyalty_club_pos.ClubMemberSummary";
    static props = {
        partner: Object,
        compact: { type: Boolean, optional: true },
    };

    get balanceText() {
        return _t("%s points", formatClubNumber(this.props.partner.club_points));
    }
    get pendingText() {
        return _t("(+%s pending)", formatClubNumber(this.props.partner.club_points_pending));
    }
    get expiringText() {
        const partner = this.props.partner;
        return _t("%(points)s expire on %(date)s", {
            points: formatClubNumber(partner.club_points_expiring),
            date: partner.club_points_expiring_date_text,
        });
    }
}
