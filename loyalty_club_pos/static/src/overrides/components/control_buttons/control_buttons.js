import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import { patch } from "@web/core/utils/patch";
import { ClubRewardsDialog } from "@loyalty_club_pos/components/club_rewards_dialog/club_rewards_dialog";

patch(ControlButtons.prototype, {
    get clubMember() {
        return this.pos.get_order()?.clubMember || null;
    },
    async clickClubRewards() {
        const member = this.clubMember;
        if (!member) {
            return;
        }
        await this.pos.clubRefreshMembers([member]);
        this.dialog.add(ClubRewardsDialog, { member });
    },
});
