# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_amount, format_date

from odoo.addons.loyalty_club.tools import jalali
from odoo.addons.loyalty_club.tools.normalize import normalize_text

REFERRAL_CODE = re.compile(r"^[A-Z0-9]{4,16}$")

# What a member may change of themselves on /my/club/profile.
PROFILE_FIELDS = (
    "club_birthday",
    "club_gender",
    "club_sms_consent",
    "club_email_consent",
)
OLDEST_BIRTHDAY = datetime.date(1900, 1, 1)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _club_portal_is_persian(self):
        return (self.env.lang or "").startswith("fa")

    def _club_portal_date(self, value):
        """A date as the reader writes it: Jalali with Persian digits in
        Persian."""
        if not value:
            return ""
        if self._club_portal_is_persian():
            return jalali.format_date(value, self.env.lang)
        return format_date(self.env, value)

    def _club_portal_number(self, value):
        text = f"{round(value or 0):,}"
        if self._club_portal_is_persian():
            return jalali.persian_digits(text).replace(",", "٬")
        return text

    def _club_portal_amount(self, amount, company):
        text = format_amount(self.env, amount, company.currency_id)
        return jalali.persian_digits(text) if self._club_portal_is_persian() else text

    def _club_portal_summary(self):
        """What ``/my/club`` shows of the member's tier and points, from the
        ledger's aggregates (the same cost at 10 or 10,000 moves)."""
        self.ensure_one()
        company = self._club_company()
        today = fields.Date.context_today(self)
        partner_sudo = self.sudo()
        spend = partner_sudo._club_qualifying_spend(company, today).get(self.id, 0.0)
        tier = self.club_tier_id
        tiers = self.env["loyalty.club.tier"].sudo()._get_company_tiers(company)
        next_tier = tiers.filtered(lambda t: t.threshold > tier.threshold)[:1]
        window_start = partner_sudo._club_window_start(company, today)
        summary = {
            "tier": tier,
            "tier_color": tier.color or 0,
            "next_tier": next_tier,
            "spend_text": _(
                "Qualifying spend since %(date)s: %(amount)s",
                date=self._club_portal_date(window_start),
                amount=self._club_portal_amount(spend, company),
            ),
            "progress": 100,
            "next_tier_text": "",
            "downgrade_text": "",
            "points": self._club_portal_number(self.club_points),
            "pending": self._club_portal_number(self.club_points_pending),
            "expiring_text": "",
        }
        if next_tier and next_tier.threshold > 0:
            summary["progress"] = max(
                0, min(100, int(spend * 100 / next_tier.threshold))
            )
            summary["next_tier_text"] = _(
                "Spend %(amount)s more to reach %(tier)s.",
                amount=self._club_portal_amount(
                    max(next_tier.threshold - spend, 0.0), company
                ),
                tier=next_tier.name,
            )
        if self.club_tier_downgrade_date:
            summary["downgrade_text"] = _(
                "Spend %(amount)s by %(date)s to keep your tier.",
                amount=self._club_portal_amount(
                    max(tier.threshold - spend, 0.0), company
                ),
                date=self._club_portal_date(self.club_tier_downgrade_date),
            )
        if self.club_points_expiring:
            summary["expiring_text"] = _(
                "%(points)s points expire on %(date)s.",
                points=self._club_portal_number(self.club_points_expiring),
                date=self._club_portal_date(self.club_points_expiring_date),
            )
        return summary

    # ------------------------------------------------------------------
    # /my/club/profile and redeeming online
    # ------------------------------------------------------------------

    def _club_website_update_profile(self, values):
        """Write what the member changed of their profile, checked: only
        ``PROFILE_FIELDS``, a birthday only while none is set (afterwards
        only a club manager changes it: it decides the birthday bonus). Each
        consent given or withdrawn is noted on the member with its date and
        channel. Portal users may not write contacts: written as superuser,
        for these checked values only."""
        self.ensure_one()
        if set(values) - set(PROFILE_FIELDS):
            raise AccessError(_("Only your birthday, gender and consents change here."))
        if "club_birthday" in values:
            self._club_check_new_birthday(values["club_birthday"])
        notes = [
            self._club_consent_note(name, values[name])
            for name in ("club_sms_consent", "club_email_consent")
            if name in values and bool(values[name]) != self[name]
        ]
        self.sudo().write(values)
        for note in notes:
            self._club_log(note)

    def _club_check_new_birthday(self, birthday):
        self.ensure_one()
        if self.club_birthday and self.club_birthday != birthday:
            raise AccessError(
                _("Your birthday is already set: only the club can change it.")
            )
        today = fields.Date.context_today(self)
        if birthday and not OLDEST_BIRTHDAY <= birthday <= today:
            raise UserError(_("This birthday is not a date in the past."))

    def _club_consent_note(self, field_name, given):
        when = self._club_portal_date(fields.Date.context_today(self))
        if field_name == "club_sms_consent":
            if given:
                return _(
                    "Consent to club SMS given on the website on %(date)s.", date=when
                )
            return _(
                "Consent to club SMS withdrawn on the website on %(date)s.", date=when
            )
        if given:
            return _(
                "Consent to club emails given on the website on %(date)s.", date=when
            )
        return _(
            "Consent to club emails withdrawn on the website on %(date)s.", date=when
        )

    def _club_website_claim(self):
        """Lock the member's row by writing it, until the end of the
        transaction. Odoo's transactions read a snapshot taken when they
        began: a second post of the same redeem form waiting here would not
        see the redemption the first one made. Because the first one wrote
        the row, PostgreSQL refuses the second one's write, and Odoo retries
        that request from the start, where it finds the redemption."""
        self.ensure_one()
        self.flush_recordset(["club_points"])
        self.env.execute_query(
            SQL(
                "UPDATE res_partner SET club_points = club_points WHERE id = %s",
                self.id,
            )
        )

    # ------------------------------------------------------------------
    # Joining on the website: the signed-in customer enrols themself, with
    # a mobile number they proved by SMS
    # ------------------------------------------------------------------

    @api.model
    def _club_website_referral_code(self, text):
        """A referral code as typed or found in a link, or "" when it
        cannot be one."""
        code = normalize_text(text).replace(" ", "").upper() if text else ""
        return code if REFERRAL_CODE.match(code) else ""

    def _club_website_join(self, mobile, sms_consent, email_consent, referral_code):
        """Enrol this customer (the signed-in user's contact) through the
        engine, with their verified ``mobile`` and consents, linked to the
        member whose ``referral_code`` they gave when the referral is
        allowed.

        Customers cannot write club fields: exactly these checked values are
        written as superuser."""
        self.ensure_one()
        if self.club_member:
            return
        if self.is_company:
            raise UserError(_("A company cannot join the club; its people can."))
        if self._club_website_mobile_taken(mobile):
            raise UserError(self._club_website_mobile_taken_message())
        vals = {
            "club_member": True,
            "mobile": mobile,
            "club_sms_consent": bool(sms_consent),
            "club_email_consent": bool(email_consent),
        }
        referrer = self._club_website_referrer(referral_code, mobile)
        if referrer:
            vals["club_referrer_id"] = referrer.id
        try:
            with self.env.cr.savepoint():
                self.sudo().write(vals)
        except ValidationError:
            # the engine's referral rules (a number that had another club
            # account…) drop the referrer without a word; a second refusal is
            # the same number enrolled elsewhere in the meantime
            if not vals.pop("club_referrer_id", False):
                raise UserError(self._club_website_mobile_taken_message()) from None
            try:
                with self.env.cr.savepoint():
                    self.sudo().write(vals)
            except ValidationError:
                raise UserError(self._club_website_mobile_taken_message()) from None
        self._club_log(self._club_website_join_note(vals))

    def _club_website_mobile_taken(self, mobile):
        """Whether another member has ``mobile``."""
        return bool(
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("club_member", "=", True),
                    ("club_mobile", "=", mobile),
                    ("id", "!=", self.id),
                ],
                limit=1,
            )
        )

    @api.model
    def _club_website_mobile_taken_message(self):
        return _(
            "This mobile number already belongs to another club member. Sign in "
            "with that member's account, or join with another mobile number."
        )

    def _club_website_referrer(self, referral_code, mobile):
        """The member whose code was given, if they may refer this
        customer: not the customer themself, their company or their mobile
        number, and in the same club. Nothing otherwise, and nothing says
        why: a wrong code and an unknown one look the same."""
        self.ensure_one()
        code = self._club_website_referral_code(referral_code)
        if not code or self.club_member:
            return self.browse()
        referrer = self.sudo().search(
            [("club_member", "=", True), ("club_referral_code", "=", code)], limit=1
        )
        if (
            not referrer
            or referrer.commercial_partner_id == self.commercial_partner_id
            or referrer.club_mobile == mobile
            or referrer._club_company() != self._club_company()
        ):
            return self.browse()
        return referrer

    def _club_website_join_note(self, vals):
        yes, no = _("yes"), _("no")
        return _(
            "Joined the club on the website with the mobile number %(mobile)s, "
            "verified by SMS. Accepts SMS: %(sms)s; accepts email: %(email)s.",
            mobile=vals["mobile"],
            sms=yes if vals["club_sms_consent"] else no,
            email=yes if vals["club_email_consent"] else no,
        )
