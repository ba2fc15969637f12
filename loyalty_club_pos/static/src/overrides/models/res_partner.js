import { ResPartner } from "@point_of_sale/app/models/res_partner";
import { patch } from "@web/core/utils/patch";
import { latinDigits } from "@loyalty_club_pos/app/club_format";

patch(ResPartner.prototype, {
    get isClubMember() {
        return Boolean(this.club_member);
    },
    /** The tier's Odoo colour index (0 when the member has no tier). */
    get clubTierColor() {
        return this.club_tier_id?.color || 0;
    },
    get searchString() {
        return [super.searchString, this.club_code, this.club_mobile].filter(Boolean).join(" ");
    },
    exactMatch(searchWord) {
        return (
            super.exactMatch(...arguments) ||
            Boolean(this.club_code && this.club_code === latinDigits(searchWord))
        );
    },
});
