import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { ClubMemberSummary } from "@loyalty_club_pos/components/club_member_summary/club_member_summary";
import { formatClubDate, formatClubDelta } from "@loyalty_club_pos/app/club_format";

/** Under the order's lines: the member, and the points this order earns by
 * the server's rules (asked when the customer is set and at payment). */
export class ClubOrderPanel extends Component {
    static template = "loyalty_club_pos.ClubOrderPanel";
    static components = { ClubMemberSummary };
    static props = { order: Object };

    setup() {
        this.pos = usePos();
    }
    get member() {
        return this.props.order.clubMember;
    }
    get preview() {
        return this.props.order.uiState.clubPreview;
    }
    get isCurrent() {
        return this.props.order.isClubPreviewCurrent;
    }
    get pointsText() {
        return _t("%s points", formatClubDelta(this.preview?.points || 0));
    }
    get availableText() {
        const date = this.preview?.available_date;
        return date ? _t("spendable from %s", formatClubDate(date)) : "";
    }
    async refresh() {
        await this.pos.clubPreviewPoints(this.props.order);
    }
}
