# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class LoyaltyClubReward(models.Model):
    _inherit = "loyalty.club.reward"

    @api.constrains("channel_pos", "kind", "product_id")
    def _check_pos_product(self):
        for reward in self:
            if (
                reward.channel_pos
                and reward.kind == "free_product"
                and not reward.product_id.available_in_pos
            ):
                raise ValidationError(
                    _(
                        "%(product)s is not sold in the Point of Sale: make it "
                        "available there, or untick Point of Sale on %(reward)s.",
                        product=reward.product_id.display_name,
                        reward=reward.name,
                    )
                )

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
