# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date
from odoo.tools.sql import create_index

from odoo.addons.loyalty_club.tools import jalali
from odoo.addons.loyalty_club.tools.normalize import (
    normalize_iranian_mobile,
    normalize_member_code,
    normalize_text,
)

from .pos_config import record_id

# The most members one look-up returns: the till shows them in a short list.
LOOKUP_LIMIT = 8
MEMBER_CODE_LENGTH = 10  # as loyalty_club's make_member_code writes them
# What the till shows of a member, next to the fields it loads for customers.
POS_CLUB_FIELDS = [
    "club_member",
    "club_code",
    "club_mobile",
    "club_tier_id",
    "club_points",
    "club_points_pending",
    "club_points_expiring",
    "club_points_expiring_date",
    "club_points_expiring_date_text",
    "club_sms_consent",
]
ENROL_KEYS = {"name", "mobile", "birthday", "gender", "sms_consent", "referral_code"}
_CODE_NOISE = re.compile(r"[\s\-+]")


class ResPartner(models.Model):
    """Members at the till: what the Point of Sale loads and shows of them,
    finding them by mobile, code or name, and enrolling new ones."""

    _inherit = "res.partner"

    club_points_expiring_date_text = fields.Char(
        string="Next Expiry (Text)",
        compute="_compute_club_points_expiring_date_text",
        compute_sudo=True,
        help="When the points expiring within 30 days expire, written as the "
        "reader writes dates (Jalali, with Persian digits, in Persian).",
    )

    def init(self):
        result = super().init()
        # the till finds members by a part of their name ("ilike"): a trigram
        # index over members only, or every look-up reads every contact
        if self.env.registry.has_trigram:
            create_index(
                self.env.cr,
                "res_partner_club_member_name_trgm_idx",
                self._table,
                ["name gin_trgm_ops"],
                method="gin",
                where="club_member",
            )
        return result

    @api.depends("club_points_expiring_date")
    @api.depends_context("lang")
    def _compute_club_points_expiring_date_text(self):
        lang = self.env.lang or "en_US"
        for partner in self:
            date = partner.club_points_expiring_date
            if not date:
                partner.club_points_expiring_date_text = ""
            elif lang.startswith("fa"):
                partner.club_points_expiring_date_text = jalali.format_date(date, lang)
            else:
                partner.club_points_expiring_date_text = format_date(self.env, date)

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + POS_CLUB_FIELDS

    # ------------------------------------------------------------------
    # The till's calls
    # ------------------------------------------------------------------

    @api.model
    def club_pos_find_members(self, query, config_id):
        """Find club members of the till's company by what the cashier typed
        or scanned: a mobile number (any digits, spaces, +98), a member code,
        or else a name. Returns at most ``LOOKUP_LIMIT`` members, with the
        records the till loads for them (see the README)."""
        config = self.env["pos.config"]._club_get_config(config_id)
        text = normalize_text(query) if isinstance(query, str) else ""
        kind, domain, message = self._club_pos_lookup_domain(text or "")
        members = self.browse()
        if domain is not None:
            members = self.search(
                expression.AND([config._club_member_domain(), domain]),
                limit=LOOKUP_LIMIT,
                order="name, id",
            )
            if not members:
                message = self._club_pos_not_found_message(kind, text)
        if not members:
            status = "not_found"
        else:
            status = "found" if len(members) == 1 else "several"
        return {
            "status": status,
            "kind": kind,
            "message": message or "",
            "partner_ids": members.ids,
            "data": self._club_pos_payload(members, config),
        }

    @api.model
    def club_pos_member_data(self, partner_ids, config_id):
        """The till's records of a few members (their data, tier and club
        coupons): for a customer chosen from the stock customer list, or to
        refresh the balance shown."""
        config = self.env["pos.config"]._club_get_config(config_id)
        if not isinstance(partner_ids, list) or len(partner_ids) > LOOKUP_LIMIT:
            raise UserError(
                _(
                    "The till asks for at most %(count)s members at a time.",
                    count=LOOKUP_LIMIT,
                )
            )
        ids = [record_id(self.env, partner_id) for partner_id in partner_ids]
        members = self.search(
            expression.AND([config._club_member_domain(), [("id", "in", ids)]])
        )
        return self._club_pos_payload(members, config)

    @api.model
    def club_pos_enrol(self, config_id, values):
        """Enrol a customer at the till through the engine (code, tier,
        sign-up bonus, welcome message). A mobile number that already belongs
        to a member is refused, and that member is returned instead; a
        contact who already has the number (not a member yet) is enrolled
        rather than copied."""
        config = self.env["pos.config"]._club_get_config(config_id)
        if not isinstance(values, dict):
            raise UserError(_("The till sent no enrolment details."))
        try:
            vals = self._club_pos_enrol_values(values, config)
        except UserError as error:
            return self._club_pos_enrol_result(False, error.args[0])
        same_mobile_sudo = self.sudo().search(
            [("club_mobile", "=", vals["mobile"])], order="id"
        )
        member_sudo = same_mobile_sudo.filtered("club_member")[:1]
        if member_sudo:
            return self._club_pos_refuse_duplicate(member_sudo, config)
        companies = (config.company_id, config.company_id.browse())
        contact_sudo = same_mobile_sudo.filtered(
            lambda p: not p.is_company and p.company_id in companies
        )[:1]
        try:
            with self.env.cr.savepoint():
                member = self._club_pos_enrol_contact(contact_sudo, vals, config)
        except ValidationError as error:  # e.g. a referral the club refuses
            return self._club_pos_enrol_result(False, error.args[0])
        return self._club_pos_enrol_result(
            True,
            _(
                "%(name)s joined the club with the member code %(code)s.",
                name=member.name,
                code=member.club_code,
            ),
            member,
            config,
        )

    # ------------------------------------------------------------------
    # Look-up
    # ------------------------------------------------------------------

    @api.model
    def _club_pos_lookup_domain(self, text):
        """``(kind, domain, message)``: how to search for what was typed,
        on indexed, normalised fields for numbers. No domain when what was
        typed cannot be searched (the message says why)."""
        if not text:
            return "name", None, _("Type a mobile number, a member code or a name.")
        mobile = normalize_iranian_mobile(text)
        if mobile:
            return "mobile", [("club_mobile", "=", mobile)], None
        if _CODE_NOISE.sub("", text).isdigit():
            code = normalize_member_code(text)
            if code:
                # leading zeros change no check digit: cashiers leave them out
                codes = list({code, code.zfill(MEMBER_CODE_LENGTH)})
                return "code", [("club_code", "in", codes)], None
            return (
                "code",
                None,
                _(
                    "%(text)s is neither a mobile number nor a member code: "
                    "check the digits.",
                    text=text,
                ),
            )
        if len(text) < 2:
            return "name", None, _("Type at least two letters of the name.")
        return "name", [("name", "ilike", text)], None

    @api.model
    def _club_pos_not_found_message(self, kind, text):
        if kind == "mobile":
            return _("No club member has the mobile number %(mobile)s.", mobile=text)
        if kind == "code":
            return _("No club member has the code %(code)s.", code=text)
        return _("No club member is called %(name)s.", name=text)

    @api.model
    def _club_pos_payload(self, members, config):
        """The records the till loads for ``members``, as ``{model: [values]}``
        (what the Point of Sale's ``loadData`` takes): the members with the
        fields it loads for customers, their tiers, their club coupons."""
        members = members.with_env(self.env)
        tiers = members.club_tier_id
        coupons = self.env["loyalty.card"]._club_pos_coupons(members, config)
        return {
            "res.partner": members.read(
                self._load_pos_data_fields(config.id), load=False
            ),
            "loyalty.club.tier": tiers.read(
                tiers._load_pos_data_fields(config.id), load=False
            ),
            "loyalty.card": coupons.read(
                coupons._load_pos_data_fields(config.id), load=False
            ),
        }

    # ------------------------------------------------------------------
    # Enrolment
    # ------------------------------------------------------------------

    @api.model
    def _club_pos_enrol_values(self, values, config):
        """The new member's values from what the till sent, checked."""
        unknown = set(values) - ENROL_KEYS
        if unknown:
            raise UserError(
                _(
                    "The till cannot set %(fields)s on enrolment.",
                    fields=", ".join(sorted(unknown)),
                )
            )
        name = values.get("name")
        name = normalize_text(name) if isinstance(name, str) else ""
        if not name:
            raise UserError(_("The new member's name is missing."))
        mobile = values.get("mobile")
        number = normalize_iranian_mobile(mobile) if isinstance(mobile, str) else None
        if not number:
            raise UserError(
                _(
                    "%(mobile)s is not an Iranian mobile number (09xxxxxxxxx).",
                    mobile=mobile or _("An empty mobile"),
                )
            )
        vals = {
            "name": name,
            "mobile": number,
            "club_member": True,
            "club_sms_consent": values.get("sms_consent") is True,
        }
        if values.get("birthday"):
            vals["club_birthday"] = self._club_pos_birthday(values["birthday"])
        if values.get("gender"):
            vals["club_gender"] = self._club_pos_gender(values["gender"])
        if values.get("referral_code"):
            vals["club_referrer_id"] = self._club_pos_referrer(
                values["referral_code"], config
            ).id
        return vals

    @api.model
    def _club_pos_birthday(self, text):
        """A birthday typed as a Jalali (1370/07/15) or Gregorian
        (1991-10-07) date, with any digits."""
        if not isinstance(text, str):
            raise UserError(_("The birthday is not a date."))
        birthday = self.env["loyalty.club.member.import"]._parse_birthday(text)
        if birthday > fields.Date.context_today(self):
            raise UserError(_("A birthday cannot be in the future."))
        return birthday

    @api.model
    def _club_pos_gender(self, gender):
        genders = dict(self._fields["club_gender"].selection)
        if gender not in genders:
            raise UserError(_("Unknown gender %(gender)s.", gender=gender))
        return gender

    @api.model
    def _club_pos_referrer(self, code, config):
        """The member whose referral code the new member gave."""
        code = normalize_text(code).upper() if isinstance(code, str) else ""
        referrer_sudo = self.sudo().search(
            expression.AND(
                [config._club_member_domain(), [("club_referral_code", "=", code)]]
            ),
            limit=1,
        )
        if not code or not referrer_sudo:
            raise UserError(
                _("No club member has the referral code %(code)s.", code=code)
            )
        return referrer_sudo

    @api.model
    def _club_pos_enrol_contact(self, contact_sudo, vals, config):
        """Enrol ``contact_sudo``, or a new contact. Point of Sale users
        enrol without the right to create contacts or to set a referrer, so
        the values checked by ``_club_pos_enrol_values`` (and nothing else)
        are written as superuser."""
        partners_sudo = self.sudo().with_company(config.company_id)
        if not contact_sudo:
            return partners_sudo.create(vals).with_env(self.env)
        vals = dict(vals)
        vals.pop("name")
        if contact_sudo.club_birthday:
            vals.pop("club_birthday", None)
        contact_sudo.with_company(config.company_id).write(vals)
        return contact_sudo.with_env(self.env)

    @api.model
    def _club_pos_refuse_duplicate(self, member_sudo, config):
        if member_sudo.company_id not in (
            config.company_id,
            config.company_id.browse(),
        ):
            return self._club_pos_enrol_result(
                False,
                _(
                    "This mobile number already belongs to a club member of "
                    "another company."
                ),
            )
        member = member_sudo.with_env(self.env)
        return self._club_pos_enrol_result(
            False,
            _(
                "The mobile number %(mobile)s already belongs to the club member "
                "%(member)s: the member is selected instead.",
                mobile=member.club_mobile,
                member=member.name,
            ),
            member,
            config,
        )

    @api.model
    def _club_pos_enrol_result(self, successful, message, member=None, config=None):
        return {
            "successful": successful,
            "message": message,
            "partner_id": member.id if member else False,
            "data": self._club_pos_payload(member, config) if member else {},
        }
