# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import re
from typing import NamedTuple

import pytz
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..tools import jalali

PLACEHOLDER = re.compile(r"\{(\w+)\}")
PLACEHOLDERS = (
    "name",
    "tier",
    "points",
    "expiring_points",
    "expiry_date",
    "member_code",
    "coupon_code",
    "reward",
)
REFUSALS = [
    ("no_consent", "No consent"),
    ("no_number", "No mobile number"),
    ("no_address", "No email address"),
    ("blacklisted", "Blacklisted"),
]


class Letter(NamedTuple):
    """What one member is to be sent: texts left empty are not sent."""

    partner: models.BaseModel
    extra: dict
    sms_body: str = ""
    email_subject: str = ""
    email_body: str = ""


class Outcome(NamedTuple):
    """What became of a letter: the queued SMS, or why none; whether an
    email was queued, or why none."""

    sms: models.BaseModel | None = None
    sms_refusal: str | None = None
    email_queued: bool = False
    email_refusal: str | None = None


class LoyaltyClubMessaging(models.AbstractModel):
    """What campaigns and automatic messages share: placeholders rendered
    for one member in their language (Persian digits and Jalali dates for
    Persian readers), consent, and the quiet hours."""

    _name = "loyalty.club.messaging"
    _description = "Club Messages"

    @api.model
    def _check_placeholders(self, *texts):
        for text in texts:
            unknown = set(PLACEHOLDER.findall(text or "")) - set(PLACEHOLDERS)
            if unknown:
                raise ValidationError(
                    _(
                        "Unknown placeholder %(unknown)s; use %(known)s.",
                        unknown=", ".join(f"{{{name}}}" for name in sorted(unknown)),
                        known=", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                    )
                )

    @api.model
    def _render(self, text, partner, extra=None):
        """``text`` (plain text: SMS, subject) with its placeholders filled
        for ``partner``, as they are."""
        if not text:
            return text
        values = self._placeholder_values(partner, extra or {})
        return PLACEHOLDER.sub(
            lambda match: str(values.get(match.group(1), match.group(0))), text
        )

    @api.model
    def _render_html(self, html, partner, extra=None):
        """``html`` (an email body, sanitized when it was saved) with its
        placeholders filled for ``partner``, each value escaped: a member
        chooses their own name, and it must not become markup."""
        if not html:
            return html
        values = self._placeholder_values(partner, extra or {})
        return Markup(
            PLACEHOLDER.sub(
                lambda match: str(escape(values.get(match.group(1), match.group(0)))),
                str(html),
            )
        )

    @api.model
    def _placeholder_values(self, partner, extra):
        persian = (partner.lang or "").startswith("fa")

        def number(value):
            text = f"{value:,}"
            return jalali.persian_digits(text.replace(",", "٬")) if persian else text

        def day(value):
            if not value:
                return ""
            if persian:
                return jalali.format_date(value, "fa")
            return format_date(self.env, value, lang_code=self._lang_of(partner))

        tier = partner.club_tier_id.with_context(lang=self._lang_of(partner))
        values = {
            "name": partner.name or "",
            "tier": tier.name or "",
            "points": number(partner.club_points),
            "expiring_points": number(partner.club_points_expiring),
            "expiry_date": day(partner.club_points_expiring_date),
            "member_code": partner.club_code or "",
            "coupon_code": extra.get("coupon_code", ""),
            "reward": extra.get("reward", ""),
        }
        if persian:
            for key in ("member_code", "coupon_code"):
                values[key] = jalali.persian_digits(values[key])
        return values

    @api.model
    def _lang_of(self, partner):
        """The member's language if it is installed, else English."""
        lang = partner.lang
        if lang and self.env["res.lang"]._get_data(code=lang):
            return lang
        return "en_US"

    # ------------------------------------------------------------------
    # Consent
    # ------------------------------------------------------------------

    @api.model
    def _sms_refusal(self, partner, blacklisted=None):
        """Why ``partner`` gets no club SMS, or None.

        :param blacklisted: ``_blacklisted_ids`` of a batch the partner is in
        """
        if not partner.club_sms_consent:
            return "no_consent"
        if not partner.club_mobile:
            return "no_number"
        if blacklisted is None:
            blacklisted = self._blacklisted_ids(partner)
        if partner.id in blacklisted:
            return "blacklisted"
        return None

    @api.model
    def _blacklisted_ids(self, partners):
        """Ids of ``partners`` whose mobile is in Odoo's phone blacklist, in
        one query; Odoo itself cannot format the 09… number of a contact
        without a country, so the number is also looked up as +98…."""
        numbers = {
            f"+98{partner.club_mobile[1:]}": partner.id
            for partner in partners
            if partner.club_mobile
        }
        listed = (
            self.env["phone.blacklist"].sudo().search([("number", "in", list(numbers))])
        )
        found = {numbers[number] for number in listed.mapped("number")}
        found.update(partners.sudo().filtered("phone_sanitized_blacklisted").ids)
        return found

    @api.model
    def _email_refusal(self, partner):
        if not partner.club_email_consent:
            return "no_consent"
        if not partner.email:
            return "no_address"
        if partner.sudo().is_blacklisted:
            return "blacklisted"
        return None

    # ------------------------------------------------------------------
    # Sending: the one loop campaigns and automatic messages share
    # ------------------------------------------------------------------

    @api.model
    def _deliver(self, letters):
        """Send each letter's SMS and email to its member, with their
        consent: texts rendered for the member, the blacklist read once, the
        SMS created together. Returns an ``Outcome`` per letter, in order."""
        partners = self.env["res.partner"].union(
            *(letter.partner for letter in letters)
        )
        blacklisted = self._blacklisted_ids(partners)
        outcomes, sms_values, sms_indexes = [], [], []
        for letter in letters:
            partner, extra = letter.partner, letter.extra
            outcome = Outcome()
            if letter.sms_body:
                refusal = self._sms_refusal(partner, blacklisted)
                if refusal:
                    outcome = outcome._replace(sms_refusal=refusal)
                else:
                    body = self._render(letter.sms_body, partner, extra)
                    sms_values.append(self._sms_values(partner, body))
                    sms_indexes.append(len(outcomes))
            if letter.email_body:
                refusal = self._email_refusal(partner)
                if refusal:
                    outcome = outcome._replace(email_refusal=refusal)
                else:
                    self._queue_email(
                        partner,
                        self._render(letter.email_subject, partner, extra),
                        self._render_html(letter.email_body, partner, extra),
                    )
                    outcome = outcome._replace(email_queued=True)
            outcomes.append(outcome)
        all_sms = self.env["sms.sms"].sudo().create(sms_values)
        for index, sms in zip(sms_indexes, all_sms, strict=True):
            outcomes[index] = outcomes[index]._replace(sms=sms)
        if all_sms:
            self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger()
        return outcomes

    @api.model
    def _sms_values(self, partner, body):
        """A club SMS for Odoo's SMS queue (and the enabled gateway)."""
        return {
            "partner_id": partner.id,
            "number": partner.club_mobile,
            "body": body,
            "club_opt_out_footer": True,
        }

    @api.model
    def _queue_email(self, partner, subject, body):
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": body,
                    "recipient_ids": [(4, partner.id)],
                    "auto_delete": True,
                }
            )
        )

    # ------------------------------------------------------------------
    # Quiet hours
    # ------------------------------------------------------------------

    @api.model
    def _quiet_until(self, company, now=None):
        """When the company's quiet hours (22:00–08:00 Tehran by default)
        end, if ``now`` falls in them; else None. Naive UTC, like Odoo."""
        start, end = company.club_quiet_hours_start, company.club_quiet_hours_end
        if start == end:
            return None
        tz = pytz.timezone(company.partner_id.tz or "Asia/Tehran")
        now = now or fields.Datetime.now()
        local = pytz.utc.localize(now).astimezone(tz)
        hour = local.hour + local.minute / 60
        quiet = (start <= hour or hour < end) if start > end else (start <= hour < end)
        if not quiet:
            return None
        end_local = local.replace(
            hour=int(end), minute=int(round(end % 1 * 60)), second=0, microsecond=0
        )
        if end_local <= local:
            end_local = tz.normalize(end_local + datetime.timedelta(days=1))
        return end_local.astimezone(pytz.utc).replace(tzinfo=None)
