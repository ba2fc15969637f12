# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models


class LoyaltyClubReward(models.Model):
    _inherit = "loyalty.club.reward"

    @api.onchange("channel_pos", "kind", "product_id")
    def _onchange_pos_product(self):
        if (
            self.channel_pos
            and self.kind == "free_product"
            and self.product_id
            and not self.product_id.available_in_pos
        ):
            return {
                "warning": {
                    "title": _("Not sold at the till"),
                    "message": _(
                        "%(product)s is not sold in the Point of Sale: the till "
                        "cannot give this reward until the product is made "
                        "available there.",
                        product=self.product_id.display_name,
                    ),
                }
            }
        return None

    @api.model
    def club_pos_catalog(self, config_id, partner_id):
        """The till's catalog for the member on the order: the rewards of the
        till's company, each with whether the member can redeem it here and
        now, and if not, why (``get_club_catalog`` for the channel *Point of
        Sale*, plus the approval a cashier cannot give)."""
        config = self.env["pos.config"]._club_get_config(config_id)
        redemptions = self.env["loyalty.club.redemption"]
        member = redemptions._club_pos_member(partner_id, config)
        company = config.company_id
        catalog = self.with_company(company).get_club_catalog(member.id, "pos")
        rewards = self.sudo().browse([entry["id"] for entry in catalog])
        reward_of = {reward.id: reward for reward in rewards}
        offered = []
        for entry in catalog:
            reward_sudo = reward_of[entry["id"]]
            if reward_sudo.company_id != company:
                continue
            if entry["redeemable"]:
                refusal = redemptions._club_pos_approval_refusal(reward_sudo, company)
                entry.update(redeemable=not refusal, reason=refusal or "")
            offered.append(entry)
        return offered

    def _applies_at_the_till(self):
        """Whether the till can apply this reward's coupons. A program whose
        free product the till does not sell would stop every session from
        opening, so such a program is kept out of the Point of Sale."""
        self.ensure_one()
        if not self.channel_pos or self.kind == "free_shipping":
            return False
        return self.kind != "free_product" or self.product_id.available_in_pos

    def _prepare_program_values(self):
        values = super()._prepare_program_values()
        values["pos_ok"] = self._applies_at_the_till()
        return values

    def _offer_refusal(self, partner, channel):
        if channel == "pos" and not self._applies_at_the_till():
            return _("This reward cannot be redeemed here.")
        return super()._offer_refusal(partner, channel)
