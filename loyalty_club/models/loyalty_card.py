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

    def _club_refusal_for(self, partner, where, anonymous_refusal=None):
        """Why ``partner`` may not use this coupon, or None: a club coupon
        belongs to the member who redeemed it. A refusal is noted on the
        owner, who may be the victim of a leaked code.

        :param where: the order or till the code was typed at, for the note
        :param anonymous_refusal: what to tell when nobody is signed in or
            chosen as the customer, if the channel has better words for it
        """
        self.ensure_one()
        if not self.club_redemption_id:
            return None
        owner = self.partner_id.commercial_partner_id
        if partner and partner.commercial_partner_id == owner:
            return None
        if not partner or partner._club_is_anonymous():
            refusal = anonymous_refusal or _(
                "This coupon belongs to a club member: sign in as its owner to use it."
            )
            customer = _("an anonymous customer")
        else:
            refusal = _(
                "This coupon belongs to another club member: only its owner can use it."
            )
            customer = partner.display_name
        self.partner_id._club_log_durably(
            _(
                "Coupon %(code)s was refused to %(customer)s at %(where)s: it is "
                "this member's.",
                code=self.code,
                customer=customer,
                where=where,
            )
        )
        return refusal

    def _club_find_by_code(self, code):
        """The coupon of a code typed with any digits."""
        return self.search([("code", "=", normalize_text(code))], limit=1)
