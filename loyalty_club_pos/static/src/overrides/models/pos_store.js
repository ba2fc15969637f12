import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError } from "@web/core/network/rpc";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";

/** The club at the till: every call goes to the server's club methods
 * (see loyalty_club_pos/README.rst), which check what the till sends. */
patch(PosStore.prototype, {
    // ------------------------------------------------------------------
    // Members
    // ------------------------------------------------------------------

    /** Load the records a club call returned (tiers, members, their club
     * coupons). Records the till already has are updated in place: orders
     * keep pointing at them. */
    clubLoad(payload) {
        for (const model of ["loyalty.club.tier", "res.partner", "loyalty.card"]) {
            const missing = [];
            for (const values of payload?.[model] || []) {
                const record = this.models[model].get(values.id);
                if (record) {
                    this.clubUpdateRecord(record, values);
                } else {
                    missing.push(values);
                }
            }
            if (missing.length) {
                this.models.loadData({ [model]: missing });
            }
        }
    },
    clubUpdateRecord(record, values) {
        const fields = record.model.modelFields;
        const vals = {};
        for (const [name, value] of Object.entries(values)) {
            const field = fields[name];
            if (name === "id" || !field || ["one2many", "many2many"].includes(field.type)) {
                continue;
            }
            if (field.type === "many2one") {
                const related = value && this.models[field.relation]?.get(value);
                if (related || !value) {
                    vals[name] = related || false;
                }
            } else {
                vals[name] = value;
            }
        }
        record.update(vals);
    },
    /** One look-up of members by a mobile, a member code or a name.
     * @returns {{status: string, kind: string, message: string, partners: Object[]}}
     */
    async clubFindMembers(query) {
        const result = await this.data.call("res.partner", "club_pos_find_members", [
            query,
            this.config.id,
        ]);
        this.clubLoad(result.data);
        return {
            ...result,
            partners: result.partner_ids
                .map((id) => this.models["res.partner"].get(id))
                .filter(Boolean),
        };
    },
    /** Reload members' balances, tiers and coupons from the server. Failures
     * (offline) keep what the till shows. */
    async clubRefreshMembers(partners) {
        const ids = [...new Set(partners.filter((p) => p?.isClubMember).map((p) => p.id))];
        if (!ids.length) {
            return;
        }
        const payload = await this.data.silentCall("res.partner", "club_pos_member_data", [
            ids.slice(0, 8),
            this.config.id,
        ]);
        if (payload) {
            this.clubLoad(payload);
        }
    },
    async clubEnrol(values) {
        const result = await this.data.call("res.partner", "club_pos_enrol", [
            this.config.id,
            values,
        ]);
        this.clubLoad(result.data);
        return {
            ...result,
            partner: result.partner_id && this.models["res.partner"].get(result.partner_id),
        };
    },
    /** Set ``partner`` as the customer of the current order, with the club's
     * side effects: fresh balance, points preview, removed foreign rewards. */
    async clubSetCustomer(partner) {
        const order = this.get_order();
        if (!order || order.finalized) {
            return;
        }
        if (order.get_partner() !== partner) {
            order.set_partner(partner);
        }
        await this.clubAfterCustomerChange(order);
        await this.updateRewards();
    },
    async clubAfterCustomerChange(order) {
        await this.clubShowNotice(order);
        const member = order.clubMember;
        if (member) {
            await this.clubRefreshMembers([member]);
            await this.clubPreviewPoints(order);
        }
    },
    /** Tell the cashier what the club changed on the order, once; cancel the
     * redemptions whose coupon left it. */
    async clubShowNotice(order) {
        const notice = order.uiState.clubNotice;
        if (!notice) {
            return;
        }
        order.uiState.clubNotice = "";
        this.notification.add(notice, { type: "warning" });
        await this.clubCancelUnusedRedemptions(order);
    },

    // ------------------------------------------------------------------
    // Points preview: by the server's rules, when the customer is set and
    // when the cashier goes to payment (never per keystroke)
    // ------------------------------------------------------------------

    async clubPreviewPoints(order = this.get_order()) {
        const member = order?.clubMember;
        if (!member) {
            if (order) {
                order.uiState.clubPreview = null;
            }
            return;
        }
        const signature = order.getClubPreviewSignature();
        try {
            const preview = await this.data.call("pos.order", "club_pos_preview_points", [
                this.config.id,
                member.id,
                order.getClubPreviewLines(),
            ]);
            order.uiState.clubPreview = { ...preview, signature, offline: false };
        } catch (error) {
            if (!(error instanceof ConnectionLostError)) {
                throw error;
            }
            // offline: no figure; the receipt says the points are pending
            order.uiState.clubPreview = { points: 0, signature, offline: true };
        }
    },
    async selectPartner() {
        const result = await super.selectPartner(...arguments);
        const order = this.get_order();
        if (order) {
            await this.clubAfterCustomerChange(order);
        }
        return result;
    },
    async pay() {
        const order = this.get_order();
        if (order?.clubMember && !order.isClubPreviewCurrent) {
            await this.clubPreviewPoints(order);
        }
        return await super.pay(...arguments);
    },

    // ------------------------------------------------------------------
    // Rewards
    // ------------------------------------------------------------------

    async clubCatalog(member) {
        return await this.data.call("loyalty.club.reward", "club_pos_catalog", [
            this.config.id,
            member.id,
        ]);
    },
    /** Redeem ``reward`` for the order's member and apply its coupon to the
     * order at once. Returns the server's answer. */
    async clubRedeem(reward) {
        const order = this.get_order();
        const member = order.clubMember;
        const result = await this.data.call("loyalty.club.redemption", "club_pos_redeem", [
            this.session.id,
            member.id,
            reward.id,
        ]);
        if (!result.successful) {
            return result;
        }
        this.clubLoad(result.data);
        order.uiState.clubRedemptions.push({
            id: result.redemption_id,
            couponId: result.coupon_id,
        });
        result.applied = await this.clubApplyCoupon(order, result.coupon_id);
        await this.clubPreviewPoints(order);
        return result;
    },
    /** Put a member's club coupon on the order, as pos_loyalty does for a
     * code typed in *Enter Code*. */
    async clubApplyCoupon(order, couponId) {
        const coupon = couponId && this.models["loyalty.card"].get(couponId);
        if (!coupon) {
            return false;
        }
        if (!order._code_activated_coupon_ids.includes(coupon)) {
            order.update({ _code_activated_coupon_ids: [["link", coupon]] });
        }
        await this.orderUpdateLoyaltyPrograms();
        const claimable = order.getClaimableRewards(coupon.id);
        if (!claimable.length) {
            return false;
        }
        order._applyReward(claimable[0].reward, claimable[0].coupon_id);
        await this.updateRewards();
        return true;
    },
    /** Cancel the redemptions made for ``order`` at this till whose coupon
     * is no longer on it (the order was emptied, cancelled, or given to
     * another customer): the points go back to the member. */
    async clubCancelUnusedRedemptions(order, { all = false } = {}) {
        const redemptions = order.uiState.clubRedemptions || [];
        if (!redemptions.length) {
            return;
        }
        const used = new Set(
            order
                .get_orderlines()
                .filter((line) => line.is_reward_line && line.coupon_id)
                .map((line) => line.coupon_id.id)
        );
        const toCancel = redemptions.filter((r) => all || !used.has(r.couponId));
        if (!toCancel.length) {
            return;
        }
        order.uiState.clubRedemptions = redemptions.filter((r) => !toCancel.includes(r));
        const cancelled = new Set();
        for (const redemption of toCancel) {
            let result;
            try {
                result = await this.data.call("loyalty.club.redemption", "club_pos_cancel", [
                    this.session.id,
                    redemption.id,
                ]);
            } catch (error) {
                if (!(error instanceof ConnectionLostError)) {
                    throw error;
                }
                // the coupon stays on the member's card: nothing is lost
                order.uiState.clubRedemptions.push(redemption);
                this.notification.add(
                    _t(
                        "Offline: the redemption could not be cancelled; its coupon stays with the member."
                    ),
                    { type: "warning" }
                );
                continue;
            }
            if (!result.successful) {
                this.dialog.add(AlertDialog, {
                    title: _t("Redemption not cancelled"),
                    body: result.message,
                });
                continue;
            }
            this.clubLoad(result.data);
            cancelled.add(result.name);
            const coupon = this.models["loyalty.card"].get(redemption.couponId);
            if (coupon && !order.finalized) {
                order.clubUnlinkCoupons([coupon]);
            }
        }
        if (cancelled.size) {
            this.notification.add(
                _t(
                    "Redemption %s cancelled: the points are back on the member's balance.",
                    [...cancelled].join(", ")
                ),
                { type: "info" }
            );
        }
    },
    /** An emptied order gives its redemptions back. */
    async orderUpdateLoyaltyPrograms() {
        await super.orderUpdateLoyaltyPrograms(...arguments);
        const order = this.get_order();
        if (
            order &&
            !order.finalized &&
            order.uiState.clubRedemptions?.length &&
            !order.get_orderlines().some((line) => !line.is_reward_line)
        ) {
            await this.clubCancelUnusedRedemptions(order, { all: true });
        }
    },
    removeOrder(order, removeFromServer = true) {
        if (!order.finalized && order.state === "draft" && order.uiState.clubRedemptions?.length) {
            this.clubCancelUnusedRedemptions(order, { all: true });
        }
        return super.removeOrder(...arguments);
    },

    // ------------------------------------------------------------------
    // After the order reached the server
    // ------------------------------------------------------------------

    async syncAllOrders(options = {}) {
        const result = await super.syncAllOrders(...arguments);
        if (Array.isArray(result)) {
            await this.clubRefreshMembers(result.map((order) => order.get_partner()));
        }
        return result;
    },
});
