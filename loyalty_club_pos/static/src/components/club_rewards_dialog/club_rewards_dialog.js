import { Component, onWillStart, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { ClubMemberSummary } from "@loyalty_club_pos/components/club_member_summary/club_member_summary";
import { formatClubNumber } from "@loyalty_club_pos/app/club_format";

/** The club's rewards for the member on the order: those they can redeem
 * now, and for the others, why not (the server's catalog). Redeeming goes
 * through the engine and puts the coupon on the order. */
export class ClubRewardsDialog extends Component {
    static template = "loyalty_club_pos.ClubRewardsDialog";
    static components = { Dialog, ClubMemberSummary };
    static props = { member: Object, close: Function };

    setup() {
        this.pos = usePos();
        this.notification = useService("notification");
        this.state = useState({ catalog: [], busy: false, message: "" });
        onWillStart(() => this.load());
    }
    async load() {
        this.state.catalog = await this.pos.clubCatalog(this.props.member);
    }
    costText(reward) {
        return _t("%s points", formatClubNumber(reward.points));
    }
    async redeem(reward) {
        if (this.state.busy || !reward.redeemable) {
            return;
        }
        this.state.busy = true;
        try {
            const result = await this.pos.clubRedeem(reward);
            if (!result.successful) {
                this.state.message = result.message;
                await this.load();
                return;
            }
            this.notification.add(this.successMessage(reward, result), { type: "success" });
            this.props.close();
        } finally {
            this.state.busy = false;
        }
    }
    successMessage(reward, result) {
        if (result.applied) {
            return _t("%(reward)s is on the order (coupon %(code)s).", {
                reward: reward.name,
                code: result.coupon_code,
            });
        }
        if (result.coupon_code) {
            return _t(
                "%(reward)s redeemed: coupon %(code)s applies as soon as the order qualifies.",
                { reward: reward.name, code: result.coupon_code }
            );
        }
        return _t("%(reward)s redeemed (%(redemption)s): hand it to the member.", {
            reward: reward.name,
            redemption: result.name,
        });
    }
}
