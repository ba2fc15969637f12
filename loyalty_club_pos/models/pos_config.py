# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models

from odoo.addons.loyalty_club.tools.normalize import normalize_text


class PosConfig(models.Model):
    _inherit = "pos.config"

    def use_coupon_code(self, code, creation_date, partner_id, pricelist_id):
        """The till's "Enter Code" and coupon scans: a club coupon only for
        its owner as the order's customer; Persian or Arabic digits work."""
        code = normalize_text(code or "")
        coupon = self.env["loyalty.card"].sudo()._club_find_by_code(code)
        if coupon:
            partner = self.env["res.partner"].browse(partner_id or []).exists()
            refusal = coupon._club_refusal_for(
                partner,
                self.name,
                anonymous_refusal=_(
                    "This coupon belongs to a club member: set its owner as the "
                    "customer first."
                ),
            )
            if refusal:
                return {"successful": False, "payload": {"error_message": refusal}}
        return super().use_coupon_code(code, creation_date, partner_id, pricelist_id)
