# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools.engine import is_engine
from ..tools.normalize import normalize_text

# What makes a club coupon its owner's: nobody but the club changes it.
CLUB_COUPON_FIELDS = {
    "partner_id",
    "program_id",
    "code",
    "club_redemption_id",
    "expiration_date",
}

# A public page refusing a coupon writes at most one note a coupon per hour:
# retyping a leaked code cannot make the shop write on every request.
REFUSAL_NOTE_INTERVAL = datetime.timedelta(hours=1)

# A club coupon's code: Odoo's coupon prefix (the till's barcode rules read
# 044… as a coupon), then 20 random digits, 66 bits: the public /coupon/<code>
# page cannot be guessed into (stock codes carry 32). Digits only, so that a
# code typed on a Persian keyboard is found once its digits are normalised.
CLUB_COUPON_PREFIX = "044"
CLUB_COUPON_RANDOM_DIGITS = 20


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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("club_redemption_id") and not vals.get("code"):
                vals["code"] = self._club_new_coupon_code()
        return super().create(vals_list)

    def write(self, vals):
        self._check_club_coupon_write(vals)
        return super().write(vals)

    def _check_club_coupon_write(self, vals):
        """A salesperson or cashier may spend a club coupon (its points go
        down, and back up to one when the order is cancelled), never give it
        to someone else, make it anyone's, or make it last longer or serve
        twice. Odoo's own code that runs as superuser is trusted."""
        if is_engine(self) or self.env.su:
            return
        if "club_redemption_id" not in vals and not self.filtered("club_redemption_id"):
            return
        if CLUB_COUPON_FIELDS & set(vals) or vals.get("points", 0) > 1:
            raise AccessError(
                _("A club coupon belongs to its member: only the club changes it.")
            )

    @api.model
    def _club_new_coupon_code(self):
        number = secrets.randbelow(10**CLUB_COUPON_RANDOM_DIGITS)
        return f"{CLUB_COUPON_PREFIX}{number:0{CLUB_COUPON_RANDOM_DIGITS}d}"

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
