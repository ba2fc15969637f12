# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models

from ..tools.normalize import normalize_text


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    club_redemption_id = fields.Many2one(
        "loyalty.club.redemption",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )

    def _club_refusal_for(self, partner):
        """Why ``partner`` may not use this coupon, or None: a club coupon
        belongs to the member who redeemed it."""
        self.ensure_one()
        if not self.club_redemption_id:
            return None
        owner = self.partner_id.commercial_partner_id
        if not partner or partner.commercial_partner_id != owner:
            return _(
                "This coupon belongs to another club member: only its owner can use it."
            )
        return None

    def _club_find_by_code(self, code):
        """The coupon of a code typed with any digits."""
        return self.search([("code", "=", normalize_text(code))], limit=1)
