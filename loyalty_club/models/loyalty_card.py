# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import _, fields, models
from odoo.tools import SQL

from ..tools.normalize import normalize_text

# A public page refusing a coupon writes at most one note a coupon per hour:
# retyping a leaked code cannot make the shop write on every request.
REFUSAL_NOTE_INTERVAL = datetime.timedelta(hours=1)


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    club_redemption_id = fields.Many2one(
        "loyalty.club.redemption",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    club_refusal_noted_at = fields.Datetime(
        readonly=True,
        copy=False,
        help="When a refusal of this club coupon was last noted on its owner.",
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
        self._club_note_refusal(
            _(
                "Coupon %(code)s was refused to %(customer)s at %(where)s: it is "
                "this member's.",
                code=self.code,
                customer=customer,
                where=where,
            )
        )
        return refusal

    def _club_note_refusal(self, message):
        """Note a refusal on the coupon's owner, unless one was noted within
        the hour (checked again, atomically, where the note is written)."""
        self.ensure_one()
        now = fields.Datetime.now()
        since = now - REFUSAL_NOTE_INTERVAL
        if self.club_refusal_noted_at and self.club_refusal_noted_at > since:
            return
        self.partner_id._club_log_durably(
            message,
            claim=SQL(
                "UPDATE loyalty_card SET club_refusal_noted_at = %s WHERE id = %s "
                "AND (club_refusal_noted_at IS NULL OR club_refusal_noted_at <= %s) "
                "RETURNING id",
                now,
                self.id,
                since,
            ),
        )
        self.invalidate_recordset(["club_refusal_noted_at"])

    def _club_find_by_code(self, code):
        """The coupon of a code typed with any digits."""
        return self.search([("code", "=", normalize_text(code))], limit=1)
