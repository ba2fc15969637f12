import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { parseUTCString } from "@point_of_sale/utils";
import {
    formatClubDateTime,
    formatClubDelta,
    formatClubNumber,
    isPersian,
    localDigits,
    maskMemberCode,
} from "@loyalty_club_pos/app/club_format";

patch(PosOrder.prototype, {
    setup() {
        super.setup(...arguments);
        this.uiState = {
            ...this.uiState,
            // what the server's rules give this order, with the lines it saw
            clubPreview: null,
            // redemptions made at the till for this order: cancelled again
            // if their coupon does not leave with the paid order
            clubRedemptions: [],
            // a message for the cashier about the club, shown once
            clubNotice: "",
        };
    },
    setupState(vals) {
        super.setupState(...arguments);
        this.uiState.clubRedemptions = vals.clubRedemptions || [];
    },
    serializeState() {
        const state = super.serializeState(...arguments);
        state.clubRedemptions = this.uiState.clubRedemptions || [];
        return state;
    },
    /** The club member who earns on this order, if any. */
    get clubMember() {
        const partner = this.get_partner();
        return partner?.isClubMember ? partner : null;
    },
    /** The lines as the server's preview takes them: products at their
     * price, reward lines marked (they earn nothing). */
    getClubPreviewLines() {
        return this.get_orderlines()
            .filter((line) => line.product_id)
            .map((line) => ({
                product_id: line.product_id.id,
                qty: line.get_quantity(),
                price_unit: line.get_unit_price(),
                discount: line.get_discount(),
                is_reward_line: Boolean(line.is_reward_line),
            }));
    },
    getClubPreviewSignature() {
        return JSON.stringify([this.get_partner()?.id || false, this.getClubPreviewLines()]);
    },
    /** Whether the preview shown was computed for the order as it is now. */
    get isClubPreviewCurrent() {
        const preview = this.uiState.clubPreview;
        return Boolean(preview && preview.signature === this.getClubPreviewSignature());
    },
    /** The reward lines of club coupons that belong to someone else than
     * ``partner``. */
    getForeignClubRewardLines(partner) {
        return this.get_orderlines().filter((line) => {
            const coupon = line.is_reward_line && line.coupon_id;
            return (
                coupon &&
                coupon.program_id?.is_club_program &&
                coupon.partner_id &&
                coupon.partner_id.id !== partner?.id
            );
        });
    },
    /**
     * A club coupon is its owner's: when the customer changes, the club
     * rewards of another member leave the order, with a message.
     *
     * @override
     */
    set_partner(partner) {
        const oldPartner = this.get_partner();
        super.set_partner(partner);
        if (oldPartner === this.get_partner()) {
            return;
        }
        this.uiState.clubPreview = null;
        const foreignLines = this.getForeignClubRewardLines(this.get_partner());
        if (!foreignLines.length) {
            return;
        }
        const coupons = new Set(foreignLines.map((line) => line.coupon_id));
        for (const line of foreignLines) {
            this.removeOrderline(line);
        }
        this.clubUnlinkCoupons(coupons);
        this.uiState.clubNotice = _t(
            "The club reward %(rewards)s belongs to %(member)s and was removed from the order.",
            {
                rewards: [...new Set(foreignLines.map((line) => line.reward_id?.description))]
                    .filter(Boolean)
                    .join(", "),
                member: oldPartner?.name || [...coupons][0].partner_id?.name || "",
            }
        );
    },
    /** Take coupons off the order's activated codes. Written as clear and
     * link: the point_of_sale models keep the last command in the record's
     * raw values and serialise them when the list is empty, and an
     * ``unlink`` command holds records (which cannot be serialised). */
    clubUnlinkCoupons(coupons) {
        const removed = new Set(coupons);
        const kept = this._code_activated_coupon_ids.filter((coupon) => !removed.has(coupon));
        this.update({ _code_activated_coupon_ids: [["clear"], ["link", ...kept]] });
    },
    /** The club's part of the receipt, and a Jalali date on a Persian one. */
    export_for_printing(baseUrl, headerData) {
        const result = super.export_for_printing(...arguments);
        if (isPersian() && this.date_order) {
            result.date = formatClubDateTime(parseUTCString(this.date_order));
        }
        const member = this.clubMember;
        if (member) {
            result.club = this.getClubReceiptData(member);
        }
        return result;
    },
    getClubReceiptData(member) {
        // the server's figures once the order is synced, else the preview
        // if it was computed for the order as paid
        const synced = typeof this.id === "number" && this.club_points !== undefined;
        const preview = this.uiState.clubPreview;
        const previewed = this.isClubPreviewCurrent && !preview.offline;
        let points = "";
        if (synced) {
            points = formatClubDelta(this.club_points);
        } else if (previewed) {
            points = formatClubDelta(preview.points);
        }
        return {
            rtl: isPersian(),
            name: member.name,
            code: localDigits(maskMemberCode(member.club_code)),
            tier: member.club_tier_id?.name || "",
            synced,
            points,
            pending: synced ? Boolean(this.club_points_pending) : true,
            balance: formatClubNumber(member.club_points),
            pendingBalance: member.club_points_pending
                ? formatClubNumber(member.club_points_pending)
                : "",
            expiring: member.club_points_expiring
                ? formatClubNumber(member.club_points_expiring)
                : "",
            expiringLabel: _t("Expiring on %s", member.club_points_expiring_date_text || ""),
        };
    },
});
