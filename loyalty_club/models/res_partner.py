# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import secrets

import psycopg2
from markupsafe import Markup

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import jalali
from ..tools.engine import as_engine, is_engine
from ..tools.normalize import (
    ascii_digits,
    make_member_code,
    normalize_iranian_mobile,
)

_logger = logging.getLogger(__name__)

REFERRAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
MANAGER_GROUP = "loyalty_club.group_loyalty_club_manager"
# Written by the engine alone: the balance and the crons' bookkeeping.
ENGINE_FIELDS = {
    "club_points",
    "club_referral_code",
    "club_tier_downgrade_date",
    "club_tier_review_date",
    "club_birthday_bonus_year",
    "club_referral_order",
}
# Set by the engine, corrected by a Club Manager only (and noted on the member):
# a Club User serves members but cannot promote them or credit a referrer.
MANAGER_FIELDS = ["club_tier_id", "club_referrer_id", "club_join_date", "club_code"]


class ResPartner(models.Model):
    """A club member: enrolment, codes and referrals, who may change what,
    and the notes the club writes on the member. The balance, tiers,
    birthdays and segments live in the ``res_partner_*.py`` files beside."""

    _inherit = "res.partner"

    club_member = fields.Boolean(index=True, copy=False, tracking=True)
    club_code = fields.Char(
        string="Member Code",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The member's scannable code, given on enrolment (its last digit "
        "is a check digit).",
    )
    club_join_date = fields.Date(string="Member Since", copy=False, readonly=True)
    club_mobile = fields.Char(
        compute="_compute_club_mobile",
        store=True,
        index="btree_not_null",
        help="The member's Iranian mobile number, normalised (09…), used to "
        "find members and to refuse duplicates.",
    )
    club_birthday = fields.Date(string="Birthday")
    club_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")],
        string="Gender",
    )
    club_sms_consent = fields.Boolean(
        string="Accepts SMS",
        help="The member agreed to receive club messages by SMS.",
    )
    club_email_consent = fields.Boolean(
        string="Accepts Email",
        help="The member agreed to receive club messages by email.",
    )
    club_referral_code = fields.Char(
        string="Referral Code",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="A friend who joins with this code makes this member earn the "
        "referral bonus.",
    )
    club_referrer_id = fields.Many2one(
        "res.partner",
        string="Referred By",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    club_redemption_ids = fields.One2many(
        "loyalty.club.redemption",
        "partner_id",
        string="Redemptions",
        readonly=True,
        groups="loyalty_club.group_loyalty_club_user",
    )
    club_redemption_count = fields.Integer(
        string="Redemption Count",
        compute="_compute_club_redemption_count",
        groups="loyalty_club.group_loyalty_club_user",
    )
    club_join_date_jalali = fields.Char(
        string="Member Since (Jalali)", compute="_compute_club_jalali_dates"
    )
    club_birthday_jalali = fields.Char(
        string="Birthday (Jalali)", compute="_compute_club_jalali_dates"
    )
    club_show_jalali = fields.Boolean(compute="_compute_club_jalali_dates")
    club_is_manager = fields.Boolean(
        compute="_compute_club_is_manager",
        help="Whether the current user may change the member's tier and referrer.",
    )

    _sql_constraints = [
        ("club_code_uniq", "UNIQUE(club_code)", "This member code is already used."),
        (
            "club_referral_code_uniq",
            "UNIQUE(club_referral_code)",
            "This referral code is already used.",
        ),
    ]

    @api.depends("mobile", "phone")
    def _compute_club_mobile(self):
        for partner in self:
            partner.club_mobile = normalize_iranian_mobile(
                partner.mobile
            ) or normalize_iranian_mobile(partner.phone)

    @api.depends_context("uid")
    def _compute_club_is_manager(self):
        self.club_is_manager = self.env.user.has_group(MANAGER_GROUP)

    def _compute_club_redemption_count(self):
        counts = dict(
            self.env["loyalty.club.redemption"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.club_redemption_count = counts.get(partner, 0)

    @api.depends("club_join_date", "club_birthday")
    @api.depends_context("lang")
    def _compute_club_jalali_dates(self):
        lang = self.env.lang or "en_US"
        for partner in self:
            partner.club_show_jalali = lang.startswith("fa")
            partner.club_join_date_jalali = jalali.format_date(
                partner.club_join_date, lang
            )
            partner.club_birthday_jalali = jalali.format_date(
                partner.club_birthday, lang
            )

    @api.constrains("club_member", "club_mobile", "active")
    def _check_club_mobile_unique(self):
        members = self.filtered(lambda p: p.club_member and p.club_mobile)
        if not members:
            return
        duplicates = self.search_fetch(
            [
                ("club_member", "=", True),
                ("club_mobile", "in", members.mapped("club_mobile")),
                ("id", "not in", members.ids),
            ],
            ["club_mobile", "display_name"],
        )
        mobiles = members.mapped("club_mobile")
        clashes = duplicates or members.filtered(
            lambda p: mobiles.count(p.club_mobile) > 1
        )
        if clashes:
            raise ValidationError(
                _(
                    "The mobile number %(mobile)s already belongs to the club "
                    "member %(member)s.",
                    mobile=clashes[0].club_mobile,
                    member=clashes[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD: points only change through the ledger; digits are normalised
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            for field_name in ENGINE_FIELDS:
                if not vals.get(field_name):
                    vals.pop(field_name, None)  # defaults, copied by _inherits
            self._check_club_engine_fields(vals)
            self._check_club_manager_fields([f for f in MANAGER_FIELDS if vals.get(f)])
            self._normalize_club_phone_vals(vals)
        partners = super().create(vals_list)
        partners.filtered(lambda p: p.club_member and not p.club_code)._club_enroll()
        return partners

    def write(self, vals):
        self._check_club_engine_fields(vals)
        by_hand = self._club_fields_changed_by_hand(vals)
        self._check_club_manager_fields(by_hand)
        notes = self._club_prepare_change_notes(by_hand, vals)
        self._normalize_club_phone_vals(vals)
        enrolling = vals.get("club_member") and self.filtered(
            lambda p: not p.club_member
        )
        tier_changes = self.env["loyalty.club.tier.history"]
        if "club_tier_id" in vals:
            tier_changes = self._club_record_tier_changes(vals["club_tier_id"])
        result = super().write(vals)
        if enrolling:
            enrolling.filtered(lambda p: not p.club_code)._club_enroll()
        tier_changes._notify_members()
        for partner, note in notes.items():
            partner._club_log(note)
        return result

    @api.model
    def _check_club_engine_fields(self, vals):
        if ENGINE_FIELDS & set(vals) and not is_engine(self):
            raise AccessError(
                _("Points and their bookkeeping change only through the club's ledger.")
            )

    def _club_fields_changed_by_hand(self, vals):
        """The member fields a person is changing that only a Club Manager
        may change: those of ``MANAGER_FIELDS``, and a birthday already set
        (it decides the birthday bonus)."""
        if is_engine(self):
            return []
        fields_changed = [name for name in MANAGER_FIELDS if name in vals]
        if "club_birthday" in vals and any(
            partner.club_member
            and partner.club_birthday
            and partner.club_birthday != fields.Date.to_date(vals["club_birthday"])
            for partner in self
        ):
            fields_changed.append("club_birthday")
        return fields_changed

    @api.model
    def _check_club_manager_fields(self, field_names):
        if not field_names or is_engine(self) or self.env.su:
            return
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                _(
                    "Only a Club Manager can change a member's %(fields)s.",
                    fields=", ".join(self._club_field_labels(field_names)),
                )
            )

    def _club_field_labels(self, field_names):
        return [
            self._fields[name]._description_string(self.env) for name in field_names
        ]

    def _club_prepare_change_notes(self, field_names, vals):
        """``{member: note}`` saying who changed which guarded field from
        what to what, for members whose values really change."""
        if not field_names:
            return {}
        new = self.new({name: vals[name] for name in field_names})
        notes = {}
        labels = dict(
            zip(field_names, self._club_field_labels(field_names), strict=True)
        )
        for partner in self.filtered("club_member"):
            changes = []
            for name, label in labels.items():
                if partner[name] != new[name]:
                    changes.append(
                        _(
                            "%(field)s: %(old)s → %(new)s",
                            field=label,
                            old=partner._club_display_value(name),
                            new=new._club_display_value(name),
                        )
                    )
            if changes:
                notes[partner] = _(
                    "%(user)s changed by hand: %(changes)s",
                    user=self.env.user.name,
                    changes="; ".join(changes),
                )
        return notes

    def _club_display_value(self, field_name):
        value = self[field_name]
        if isinstance(value, models.BaseModel):
            return value.display_name or "—"
        return str(value) if value else "—"

    @api.model
    def _normalize_club_phone_vals(self, vals):
        for field_name in ("mobile", "phone"):
            if vals.get(field_name):
                number = normalize_iranian_mobile(vals[field_name])
                vals[field_name] = number or ascii_digits(vals[field_name])

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_club_enroll(self):
        """Make the selected contacts club members (button and list action)."""
        self.check_access("write")
        to_enroll = self.filtered(lambda p: not p.club_member)
        if not to_enroll:
            raise UserError(_("These contacts are already club members."))
        companies = to_enroll.filtered("is_company")
        if companies:
            raise UserError(
                _(
                    "%(names)s is a company: enrol the people who buy, not the "
                    "company.",
                    names=", ".join(companies.mapped("display_name")),
                )
            )
        to_enroll.write({"club_member": True})
        return True

    def action_view_club_redemptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty_club.loyalty_club_redemption_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Enrolment
    # ------------------------------------------------------------------

    def _club_enroll(self):
        """Give new members their code, join date, referral code and first
        tier, then their sign-up bonus. Called on the members, in batch."""
        today = fields.Date.context_today(self)
        codes = self._club_new_member_codes(len(self))
        for partner, code in zip(self, codes, strict=True):
            values = {
                "club_code": code,
                "club_referral_code": self._club_new_referral_code(),
                "club_join_date": partner.club_join_date or today,
            }
            if not partner.club_tier_id:
                tier = self.env["loyalty.club.tier"]._get_entry_tier(
                    partner._club_company()
                )
                values["club_tier_id"] = tier.id
            as_engine(partner).with_context(loyalty_club_tier_reason="enrol").write(
                values
            )
        self._club_post_event_bonus("signup", _lt("Welcome to the club"))
        self.env["loyalty.club.auto.message"]._notify("welcome", self, "welcome")

    @api.model
    def _club_new_member_codes(self, count):
        """``count`` unused member codes from the member sequence (numbers
        already taken, e.g. after the sequence was reset, are skipped)."""
        sequence = self.env["ir.sequence"].sudo()
        codes = []
        while len(codes) < count:
            batch = [
                make_member_code(sequence.next_by_code("loyalty.club.member"))
                for _i in range(count - len(codes))
            ]
            taken = set(
                self.with_context(active_test=False)
                .search([("club_code", "in", batch)])
                .mapped("club_code")
            )
            codes += [code for code in batch if code not in taken]
        return codes

    def _club_company(self):
        self.ensure_one()
        return self.company_id or self.env.company

    def _club_post_event_bonus(self, event, description, key_suffix=""):
        """Post the points of the ``event`` rules (signup, birthday,
        referral) to each member of ``self``, once per event."""
        rules = self.env["loyalty.club.rule"]
        today = fields.Date.context_today(self)
        groups = self.grouped(lambda p: (p._club_company(), p.club_tier_id))
        for (company, tier), partners in groups.items():
            points = rules._event_points(event, tier, company, today)
            if points <= 0:
                continue
            for partner in partners:
                self.env["loyalty.club.move"]._post(
                    partner,
                    "earn",
                    points,
                    f"{event}:{partner.id}{key_suffix}",
                    company=company,
                    description=description,
                )

    @api.model
    def _club_new_referral_code(self):
        return "".join(secrets.choice(REFERRAL_ALPHABET) for _i in range(8))

    # ------------------------------------------------------------------
    # The member's chatter: what the club refused or approved them
    # ------------------------------------------------------------------

    def _club_is_anonymous(self):
        """Whether this is the partner of a public (not signed in) user."""
        self.ensure_one()
        users = self.with_context(active_test=False).user_ids
        return any(user._is_public() for user in users)

    def _club_log(self, message):
        """Note ``message`` on the member's chatter, by the current user."""
        self.ensure_one()
        self.sudo()._message_log(
            body=Markup("<p>%s</p>") % message,
            author_id=self.env.user.partner_id.id,
        )

    def _club_log_durably(self, message, claim=None):
        """Note ``message`` on the member in a transaction of its own: a
        refusal's error rolls the caller's transaction back, the note stays.

        :param claim: an SQL statement run first in that transaction; the
            note is written only if it returns a row
        """
        self.ensure_one()
        try:
            with self.env.registry.cursor() as cr:
                env = self.env(cr=cr)
                if claim is None or env.execute_query(claim):
                    self.with_env(env)._club_log(message)
        except (psycopg2.Error, UserError):
            # e.g. a member created in the refused transaction itself
            _logger.info("Could not note a refusal on partner %s", self.id)
