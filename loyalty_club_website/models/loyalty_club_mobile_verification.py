# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import hashlib
import hmac
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.loyalty_club.tools import jalali

CODE_DIGITS = 6
CODE_LIFETIME_MINUTES = 10
MAX_TRIES = 5
CODES_PER_MOBILE_PER_HOUR = 3
CODES_PER_ADDRESS_PER_HOUR = 10
KEPT_FOR = datetime.timedelta(days=1)


class LoyaltyClubMobileVerification(models.Model):
    """A code sent by SMS to prove a mobile number before it joins the club.

    Only a keyed hash of the code is kept. A code lives a few minutes and
    takes a few tries; a mobile number and a client address get only a few
    codes an hour. Whether the number belongs to a member or not changes
    nothing here: the answer is the same for both."""

    _name = "loyalty.club.mobile.verification"
    _description = "Club Mobile Verification Code"
    _order = "id desc"

    mobile = fields.Char(required=True, readonly=True, index=True)
    client_address = fields.Char(readonly=True, index="btree_not_null")
    code_hash = fields.Char(required=True, readonly=True)
    sent_at = fields.Datetime(required=True, readonly=True, index=True)
    expires_at = fields.Datetime(required=True, readonly=True)
    tries = fields.Integer(readonly=True)
    used = fields.Boolean(readonly=True)

    @api.autovacuum
    def _gc_old_codes(self):
        self.sudo().search(
            [("sent_at", "<", fields.Datetime.now() - KEPT_FOR)]
        ).unlink()

    @api.model
    def _club_can_send(self):
        """Whether the company has an SMS gateway to send codes through."""
        return bool(self.env["loyalty.club.sms.gateway"]._enabled_gateway())

    @api.model
    def _club_send_code(self, mobile, client_address):
        """Send a new code to ``mobile`` (normalised), asked from
        ``client_address``; a UserError when either asked too often."""
        self._club_check_send_limits(mobile, client_address)
        code = self._club_new_code()
        now = fields.Datetime.now()
        self.sudo().create(
            {
                "mobile": mobile,
                "client_address": client_address,
                "code_hash": self._club_hash(mobile, code),
                "sent_at": now,
                "expires_at": now + datetime.timedelta(minutes=CODE_LIFETIME_MINUTES),
            }
        )
        self._club_send_sms(mobile, code)

    @api.model
    def _club_check_code(self, mobile, code):
        """Whether ``code`` is the last code sent to ``mobile``, unexpired,
        unused and within its tries; a right code is used up."""
        verification = self.sudo().search(
            [
                ("mobile", "=", mobile),
                ("used", "=", False),
                ("expires_at", ">", fields.Datetime.now()),
            ],
            limit=1,
        )
        if not verification or not verification._club_take_try():
            return False
        if not hmac.compare_digest(
            verification.code_hash, self._club_hash(mobile, code or "")
        ):
            return False
        verification.used = True
        return True

    def _club_take_try(self):
        """Count one try, in one statement (two tries at once count two);
        False when the code has no try left."""
        self.ensure_one()
        self.flush_recordset()
        taken = self.env.execute_query(
            SQL(
                "UPDATE %s SET tries = COALESCE(tries, 0) + 1 "
                "WHERE id = %s AND COALESCE(tries, 0) < %s AND used IS NOT TRUE "
                "RETURNING id",
                SQL.identifier(self._table),
                self.id,
                MAX_TRIES,
            )
        )
        self.invalidate_recordset(["tries"])
        return bool(taken)

    @api.model
    def _club_check_send_limits(self, mobile, client_address):
        since = fields.Datetime.now() - datetime.timedelta(hours=1)
        codes = self.sudo()
        by_mobile = codes.search_count(
            [("mobile", "=", mobile), ("sent_at", ">", since)]
        )
        by_address = client_address and codes.search_count(
            [("client_address", "=", client_address), ("sent_at", ">", since)]
        )
        if (
            by_mobile >= CODES_PER_MOBILE_PER_HOUR
            or by_address >= CODES_PER_ADDRESS_PER_HOUR
        ):
            raise UserError(
                _("Too many codes were asked for. Please try again in an hour.")
            )

    @api.model
    def _club_new_code(self):
        return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"

    @api.model
    def _club_hash(self, mobile, code):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        message = f"{mobile}:{jalali.ascii_digits(code).strip()}"
        return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()

    @api.model
    def _club_send_sms(self, mobile, code):
        """The code, at once, through the enabled gateway (Odoo's SMS
        queue, whose ``_send`` the club routes to the gateway)."""
        minutes = str(CODE_LIFETIME_MINUTES)
        if (self.env.lang or "").startswith("fa"):
            minutes = jalali.persian_digits(minutes)
        body = _(
            "%(club)s: your verification code is %(code)s. It expires in "
            "%(minutes)s minutes.",
            club=self.env.company.sudo()._club_display_name(),
            code=code,
            minutes=minutes,
        )
        self.env["sms.sms"].sudo().create({"number": mobile, "body": body}).send()
