# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    def confirm_coupon_programs(self, coupon_data):
        result = super().confirm_coupon_programs(coupon_data)
        self._club_mark_coupons_used()
        return result

    def _club_mark_coupons_used(self):
        """Club coupons spent on this order: their redemption is used. A paid
        order is never refused afterwards; if the customer changed after the
        code was accepted, the owner's chatter says so."""
        self.ensure_one()
        for coupon in self.lines.coupon_id.sudo().filtered("club_redemption_id"):
            redemption = coupon.club_redemption_id
            if redemption.state != "confirmed" or coupon.points >= 1:
                continue
            redemption._set(state="used")
            owner = coupon.partner_id.commercial_partner_id
            if self.partner_id.commercial_partner_id != owner:
                coupon.partner_id._club_log(
                    _(
                        "Coupon %(code)s was spent on %(order)s of %(customer)s, "
                        "not on an order of this member.",
                        code=coupon.code,
                        order=self.name,
                        customer=self.partner_id.display_name
                        or _("an anonymous customer"),
                    )
                )
