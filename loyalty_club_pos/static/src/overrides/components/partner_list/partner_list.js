import { PartnerList } from "@point_of_sale/app/screens/partner_list/partner_list";
import { PartnerLine } from "@point_of_sale/app/screens/partner_list/partner_line/partner_line";
import { patch } from "@web/core/utils/patch";
import { useEffect, useState } from "@odoo/owl";
import { useDebounced } from "@web/core/utils/timing";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { ClubEnrolDialog } from "@loyalty_club_pos/components/club_enrol_dialog/club_enrol_dialog";
import { ClubMemberSummary } from "@loyalty_club_pos/components/club_member_summary/club_member_summary";
import { looksLikeMemberNumber } from "@loyalty_club_pos/app/club_format";

// the till preloads ~100 customers: a mobile or a member code typed is
// looked up on the server once the cashier stops typing
const LOOKUP_DELAY_MS = 400;

patch(PartnerLine, {
    components: { ...PartnerLine.components, ClubMemberSummary },
});

patch(PartnerList.prototype, {
    setup() {
        super.setup(...arguments);
        this.club = useState({ query: "", status: "", kind: "", message: "", partners: [] });
        this.clubLookupDebounced = useDebounced(
            (query) => this.clubLookup(query),
            LOOKUP_DELAY_MS
        );
        useEffect(
            (query) => {
                if (looksLikeMemberNumber(query)) {
                    this.clubLookupDebounced(query);
                } else if (this.club.query) {
                    Object.assign(this.club, { query: "", status: "", message: "", partners: [] });
                }
            },
            () => [this.state.query]
        );
    },
    /** One look-up of what was typed; the answer is kept for that query. */
    async clubLookup(query) {
        if (this.club.query === query && this.club.status) {
            return this.club;
        }
        const result = await this.pos.clubFindMembers(query);
        if (query !== this.state.query) {
            return result; // the cashier typed on meanwhile: not shown
        }
        Object.assign(this.club, {
            query,
            status: result.status,
            kind: result.kind,
            message: result.status === "not_found" ? result.message : "",
            partners: result.partners,
        });
        return this.club;
    },
    get isClubLookupShown() {
        return this.club.query && this.club.query === this.state.query;
    },
    getPartners() {
        if (this.isClubLookupShown && this.club.partners.length) {
            return this.club.partners;
        }
        return super.getPartners(...arguments);
    },
    /** Enter on a mobile or a member code: the member is looked up at once;
     * unknown, a mobile opens the enrol form, a code says so. */
    async onEnter() {
        const query = this.state.query;
        if (!looksLikeMemberNumber(query)) {
            return await super.onEnter(...arguments);
        }
        const result = await this.clubLookup(query);
        if (result.status === "found" && result.partners.length === 1) {
            return this.clickPartner(result.partners[0]);
        }
        if (result.status === "not_found") {
            if (result.kind === "mobile") {
                return await this.clubEnrol({ mobile: query });
            }
            this.notification.add(result.message, { type: "warning" });
        }
    },
    async clubEnrol(props = {}) {
        const partner = await makeAwaitable(this.dialog, ClubEnrolDialog, props);
        if (partner) {
            this.clickPartner(partner);
        }
    },
});
