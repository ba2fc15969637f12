# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging
import secrets

import psycopg2
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

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
}
# Set by the engine, corrected by a Club Manager only (and noted on the member):
# a Club User serves members but cannot promote them or credit a referrer.
MANAGER_FIELDS = ["club_tier_id", "club_referrer_id", "club_join_date", "club_code"]
JALALI_MONTHS = [(str(month), jalali.month_name(month, "en")) for month in range(1, 13)]
AGE_GROUPS = [
    ("under_25", "Under 25"),
    ("25_34", "25–34"),
    ("35_44", "35–44"),
    ("45_54", "45–54"),
    ("55_plus", "55 and over"),
]
AGE_BOUNDS = {  # (youngest age, oldest age) in whole years
    "under_25": (0, 24),
    "25_34": (25, 34),
    "35_44": (35, 44),
    "45_54": (45, 54),
    "55_plus": (55, 150),
}


class ResPartner(models.Model):
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
    club_tier_id = fields.Many2one(
        "loyalty.club.tier",
        index="btree_not_null",
        copy=False,
        ondelete="restrict",
        tracking=True,
    )
    club_points = fields.Integer(
        string="Points",
        copy=False,
        readonly=True,
        default=0,
        help="Spendable points. Negative when refunds took back points that "
        "were already spent: new earnings pay that debt first.",
    )
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
    club_move_ids = fields.One2many(
        "loyalty.club.move", "partner_id", string="Points History", readonly=True
    )
    club_redemption_ids = fields.One2many(
        "loyalty.club.redemption", "partner_id", string="Redemptions", readonly=True
    )
    club_redemption_count = fields.Integer(
        string="Redemption Count", compute="_compute_club_redemption_count"
    )
    club_next_expiry_date = fields.Date(
        string="Points Expire On",
        compute="_compute_club_next_expiry_date",
        search="_search_club_next_expiry_date",
        compute_sudo=True,
        help="When the member's next points expire.",
    )
    club_last_purchase_date = fields.Date(
        string="Last Purchase",
        compute="_compute_club_last_purchase_date",
        search="_search_club_last_purchase_date",
        compute_sudo=True,
        help="The day of the member's last order that earned points.",
    )
    club_birthday_month = fields.Selection(
        JALALI_MONTHS,
        string="Birthday Month (Jalali)",
        compute="_compute_club_birthday_month",
        store=True,
    )
    club_age_group = fields.Selection(
        AGE_GROUPS,
        string="Age Group",
        compute="_compute_club_age_group",
        search="_search_club_age_group",
    )
    club_points_pending = fields.Integer(
        string="Pending Points",
        compute="_compute_club_points_pending",
        compute_sudo=True,
    )
    club_points_expiring = fields.Integer(
        string="Expiring Soon",
        compute="_compute_club_points_expiring",
        compute_sudo=True,
        help="Points that expire within 30 days.",
    )
    club_points_expiring_date = fields.Date(
        string="Next Expiry",
        compute="_compute_club_points_expiring",
        compute_sudo=True,
    )
    club_join_date_jalali = fields.Char(
        string="Member Since (Jalali)", compute="_compute_club_jalali_dates"
    )
    club_birthday_jalali = fields.Char(
        string="Birthday (Jalali)", compute="_compute_club_jalali_dates"
    )
    club_show_jalali = fields.Boolean(compute="_compute_club_jalali_dates")
    club_tier_history_ids = fields.One2many(
        "loyalty.club.tier.history", "partner_id", string="Tier History", readonly=True
    )
    club_tier_downgrade_date = fields.Date(
        string="Downgrade Due",
        copy=False,
        readonly=True,
        help="The member's spend fell below their tier: unless it recovers, "
        "the nightly review moves them down on this day.",
    )
    club_tier_review_date = fields.Date(copy=False, readonly=True)
    club_birthday_jmd = fields.Integer(
        compute="_compute_club_birthday_keys",
        store=True,
        index="btree_not_null",
        help="Jalali month * 100 + day of the birthday, to find today's birthdays.",
    )
    club_birthday_gmd = fields.Integer(
        compute="_compute_club_birthday_keys",
        store=True,
        index="btree_not_null",
        help="Gregorian month * 100 + day of the birthday.",
    )
    club_birthday_bonus_year = fields.Integer(copy=False, readonly=True)
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

    def init(self):
        result = super().init()
        # the members the nightly tier review has still to see today
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS res_partner_club_tier_review_idx "
                "ON res_partner (club_tier_review_date) WHERE club_member"
            )
        )
        return result

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

    def _compute_club_points_pending(self):
        moves = self.env["loyalty.club.move"]
        pending = dict(
            moves._read_group(
                [("partner_id", "in", self.ids), ("state", "=", "pending")],
                ["partner_id"],
                ["points:sum"],
            )
        )
        for partner in self:
            partner.club_points_pending = pending.get(partner, 0)

    def _compute_club_points_expiring(self):
        soon = fields.Date.context_today(self) + datetime.timedelta(days=30)
        groups = self.env["loyalty.club.move"]._read_group(
            [
                ("partner_id", "in", self.ids),
                ("state", "=", "posted"),
                ("remaining", ">", 0),
                ("expiry_date", "<=", soon),
            ],
            ["partner_id"],
            ["remaining:sum", "expiry_date:min"],
        )
        expiring = {partner: (points, date) for partner, points, date in groups}
        for partner in self:
            points, date = expiring.get(partner, (0, False))
            partner.club_points_expiring = points
            partner.club_points_expiring_date = date

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

    @api.depends("club_birthday")
    def _compute_club_birthday_keys(self):
        for partner in self:
            birthday = partner.club_birthday
            if birthday:
                jdate = jalali.to_jalali(birthday)
                partner.club_birthday_jmd = jdate.month * 100 + jdate.day
                partner.club_birthday_gmd = birthday.month * 100 + birthday.day
            else:
                partner.club_birthday_jmd = partner.club_birthday_gmd = 0

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

    def action_view_club_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty_club.loyalty_club_move_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

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

    def _club_reward_referrer(self):
        """The referral bonus, for whoever referred these members, once per
        referred member (call it when a member's order is confirmed)."""
        rules = self.env["loyalty.club.rule"]
        today = fields.Date.context_today(self)
        for member in self.filtered(lambda p: p.club_referrer_id.club_member):
            referrer = member.club_referrer_id
            company = member._club_company()
            points = rules._event_points(
                "referral", referrer.club_tier_id, company, today
            )
            if points > 0:
                self.env["loyalty.club.move"]._post(
                    referrer,
                    "earn",
                    points,
                    f"referral:{member.id}",
                    company=company,
                    source=member,
                    description=_lt("Referral of %(member)s", member=member.name),
                )

    @api.model
    def _club_new_referral_code(self):
        return "".join(secrets.choice(REFERRAL_ALPHABET) for _i in range(8))

    def _club_record_tier_changes(self, new_tier_id):
        changed = self.filtered(
            lambda p: p.club_member and p.club_tier_id.id != (new_tier_id or False)
        )
        if not changed:
            return self.env["loyalty.club.tier.history"]
        # why the tier changed is the engine's word; any other change is manual
        context = self.env.context if is_engine(self) else {}
        reason = context.get("loyalty_club_tier_reason", "manual")
        spend = context.get("loyalty_club_tier_spend", {})
        return (
            self.env["loyalty.club.tier.history"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": partner.id,
                        "old_tier_id": partner.club_tier_id.id,
                        "new_tier_id": new_tier_id,
                        "reason": reason,
                        "qualifying_spend": spend.get(partner.id, 0.0),
                    }
                    for partner in changed
                ]
            )
        )

    def _club_default_expiry_date(self):
        """When points earned today expire, by the company's validity."""
        months = (self.company_id or self.env.company).club_points_validity_months
        if months <= 0:
            return None
        return jalali.add_months(fields.Date.context_today(self), months)

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

    # ------------------------------------------------------------------
    # Ledger support: the member's row is the lock of its balance
    # ------------------------------------------------------------------

    def _club_lock(self):
        """Lock the member's row until the end of the transaction, so that
        two tills changing the same balance run one after the other."""
        self.ensure_one()
        self.flush_recordset()
        self.env.execute_query(
            SQL(
                "SELECT id FROM res_partner WHERE id = %s FOR NO KEY UPDATE",
                self.id,
            )
        )

    def _club_locked_balance(self):
        self.ensure_one()
        [(balance,)] = self.env.execute_query(
            SQL("SELECT club_points FROM res_partner WHERE id = %s", self.id)
        )
        return balance or 0

    def _club_add_to_balance(self, delta):
        self.ensure_one()
        self.env.execute_query(
            SQL(
                "UPDATE res_partner SET club_points = COALESCE(club_points, 0) + %s "
                "WHERE id = %s",
                delta,
                self.id,
            )
        )
        self.invalidate_recordset(["club_points"])

    # ------------------------------------------------------------------
    # Tiers
    # ------------------------------------------------------------------

    @api.model
    def _club_window_start(self, company, today):
        """The first day whose purchases count towards tiers."""
        if company.club_tier_window == "jalali_year":
            return jalali.year_bounds(jalali.to_jalali(today).year)[0]
        return today - relativedelta(months=company.club_tier_window_months)

    def _club_qualifying_spend(self, company, today):
        """``{partner id: spend}`` in the company's qualification window."""
        start = self._club_window_start(company, today)
        groups = (
            self.env["loyalty.club.move"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("company_id", "=", company.id),
                    ("date", ">=", datetime.datetime.combine(start, datetime.time.min)),
                ],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        return {partner.id: amount for partner, amount in groups}

    def _club_update_tier_after_earning(self):
        """Upgrade at once a member whose spend just reached a higher tier."""
        today = fields.Date.context_today(self)
        for partner in self:
            company = partner._club_company()
            spend = partner._club_qualifying_spend(company, today).get(partner.id, 0.0)
            target = self.env["loyalty.club.tier"]._get_tier_for_spend(company, spend)
            if target and target.threshold > partner.club_tier_id.threshold:
                as_engine(partner).with_context(
                    loyalty_club_tier_reason="upgrade",
                    loyalty_club_tier_spend={partner.id: spend},
                ).write({"club_tier_id": target.id, "club_tier_downgrade_date": False})

    @api.model
    def _cron_review_club_tiers(self, batch_size=2000):
        """The nightly tier review: upgrades, and downgrades once the grace
        period is over. One batch of members a call."""
        today = fields.Date.context_today(self)
        domain = [
            ("club_member", "=", True),
            "|",
            ("club_tier_review_date", "=", False),
            ("club_tier_review_date", "<", today),
        ]
        partners = self.sudo().search(domain, order="id", limit=batch_size)
        for company, members in partners.grouped(lambda p: p._club_company()).items():
            members._club_review_tiers(company, today)
        # a technical marker: plain SQL spares 2,000 partner writes per batch
        partners.flush_recordset()
        self.env.execute_query(
            SQL(
                "UPDATE res_partner SET club_tier_review_date = %s WHERE id IN %s",
                today,
                tuple(partners.ids) or (0,),
            )
        )
        partners.invalidate_recordset(["club_tier_review_date"])
        remaining = self.sudo().search_count(domain) if partners else 0
        _logger.info(
            "Reviewed the tiers of %s members, %s left", len(partners), remaining
        )
        self.env["ir.cron"]._notify_progress(done=len(partners), remaining=remaining)

    def _club_review_tiers(self, company, today):
        tier_model = self.env["loyalty.club.tier"]
        tiers = tier_model._get_company_tiers(company)
        spend = self._club_qualifying_spend(company, today)
        grace = datetime.timedelta(days=company.club_tier_grace_days)
        moves = {}  # (tier, reason) -> members
        due = {}  # downgrade date -> members
        for partner in self:
            target = tier_model._get_tier_for_spend(
                company, spend.get(partner.id, 0.0), tiers
            )
            current = partner.club_tier_id
            if not current or target.threshold > current.threshold:
                moves.setdefault((target, "upgrade"), self.browse())
                moves[(target, "upgrade")] |= partner
            elif target.threshold < current.threshold:
                if not partner.club_tier_downgrade_date:
                    due.setdefault(today + grace, self.browse())
                    due[today + grace] |= partner
                elif partner.club_tier_downgrade_date <= today:
                    moves.setdefault((target, "downgrade"), self.browse())
                    moves[(target, "downgrade")] |= partner
            elif partner.club_tier_downgrade_date:
                due.setdefault(False, self.browse())
                due[False] |= partner
        quiet = {"tracking_disable": True, "loyalty_club_tier_spend": spend}
        for (tier, reason), members in moves.items():
            as_engine(members).with_context(
                loyalty_club_tier_reason=reason, **quiet
            ).write({"club_tier_id": tier.id, "club_tier_downgrade_date": False})
        for date, members in due.items():
            as_engine(members).with_context(**quiet).write(
                {"club_tier_downgrade_date": date}
            )

    # ------------------------------------------------------------------
    # Birthdays
    # ------------------------------------------------------------------

    @api.model
    def _club_birthday_domains(self, today):
        """``[(domain, year)]``: members whose birthday is ``today``, with the
        year their bonus is for. Members who read Persian have their birthday
        on the Jalali calendar, the others on the Gregorian one; 30 Esfand
        and 29 February birthdays are kept on the day before in common
        years."""
        jtoday = jalali.to_jalali(today)
        jalali_keys = [jtoday.month * 100 + jtoday.day]
        if (jtoday.month, jtoday.day) == (12, 29) and jalali.month_length(
            jtoday.year, 12
        ) == 29:
            jalali_keys.append(1230)
        gregorian_keys = [today.month * 100 + today.day]
        if (today.month, today.day) == (2, 28) and (
            today + datetime.timedelta(1)
        ).day == 1:
            gregorian_keys.append(229)
        member = [("club_member", "=", True)]
        return [
            (
                member
                + [("lang", "=like", "fa%"), ("club_birthday_jmd", "in", jalali_keys)],
                jtoday.year,
            ),
            (
                member
                + [
                    "|",
                    ("lang", "=", False),
                    ("lang", "not like", "fa%"),
                    ("club_birthday_gmd", "in", gregorian_keys),
                ],
                today.year,
            ),
        ]

    @api.model
    def _cron_birthday_bonus(self, batch_size=2000):
        """Give today's birthday bonus, once a year per member."""
        today = fields.Date.context_today(self)
        done = remaining = 0
        for domain, year in self._club_birthday_domains(today):
            todo = domain + [("club_birthday_bonus_year", "!=", year)]
            if done >= batch_size:
                remaining += self.sudo().search_count(todo)
                continue
            partners = self.sudo().search(todo, order="id", limit=batch_size - done)
            partners._club_post_event_bonus(
                "birthday", _lt("Happy birthday!"), key_suffix=f":{year}"
            )
            self.env["loyalty.club.auto.message"]._notify(
                "birthday", partners, f"birthday:{year}"
            )
            as_engine(partners).write({"club_birthday_bonus_year": year})
            done += len(partners)
            remaining += self.sudo().search_count(todo)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    # ------------------------------------------------------------------
    # Segments: what campaigns search members by, from the ledger
    # ------------------------------------------------------------------

    def _compute_club_next_expiry_date(self):
        groups = self.env["loyalty.club.move"]._read_group(
            [
                ("partner_id", "in", self.ids),
                ("state", "=", "posted"),
                ("remaining", ">", 0),
                ("expiry_date", "!=", False),
            ],
            ["partner_id"],
            ["expiry_date:min"],
        )
        dates = dict(groups)
        for partner in self:
            partner.club_next_expiry_date = dates.get(partner, False)

    def _search_club_next_expiry_date(self, operator, value):
        return self._club_search_ledger_date(
            operator,
            value,
            SQL(
                "SELECT partner_id, MIN(expiry_date) AS day FROM loyalty_club_move "
                "WHERE state = 'posted' AND remaining > 0 AND expiry_date IS NOT NULL "
                "GROUP BY partner_id"
            ),
        )

    def _compute_club_last_purchase_date(self):
        groups = self.env["loyalty.club.move"]._read_group(
            [
                ("partner_id", "in", self.ids),
                ("move_type", "=", "earn"),
                ("amount", ">", 0),
            ],
            ["partner_id"],
            ["date:max"],
        )
        dates = {partner: moment.date() for partner, moment in groups}
        for partner in self:
            partner.club_last_purchase_date = dates.get(partner, False)

    def _search_club_last_purchase_date(self, operator, value):
        return self._club_search_ledger_date(
            operator,
            value,
            SQL(
                "SELECT partner_id, MAX(date)::date AS day FROM loyalty_club_move "
                "WHERE move_type = 'earn' AND amount > 0 GROUP BY partner_id"
            ),
        )

    def _club_search_ledger_date(self, operator, value, per_partner):
        """A domain on a date the ledger gives per member (``per_partner``
        selects ``partner_id, day``); "is not set" finds members without."""
        comparisons = {"=": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
        if value is False and operator in ("=", "!="):
            members = SQL("(SELECT partner_id FROM (%s) AS ledger)", per_partner)
            return [("id", "not in" if operator == "=" else "in", members)]
        if operator not in comparisons:
            return NotImplemented
        day = fields.Date.to_date(value)
        comparison = comparisons[operator]
        members = SQL(
            f"(SELECT partner_id FROM (%s) AS ledger WHERE day {comparison} %s)",
            per_partner,
            day,
        )
        return [("id", "in", members)]

    @api.depends("club_birthday")
    def _compute_club_birthday_month(self):
        for partner in self:
            birthday = partner.club_birthday
            partner.club_birthday_month = (
                str(jalali.to_jalali(birthday).month) if birthday else False
            )

    @api.depends("club_birthday")
    def _compute_club_age_group(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.club_age_group = False
            if partner.club_birthday:
                age = relativedelta(today, partner.club_birthday).years
                for group, (youngest, oldest) in AGE_BOUNDS.items():
                    if youngest <= age <= oldest:
                        partner.club_age_group = group

    def _search_club_age_group(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        groups = [value] if operator == "=" else value
        today = fields.Date.context_today(self)
        domain = []
        for group in groups:
            youngest, oldest = AGE_BOUNDS[group]
            born_after = (
                today - relativedelta(years=oldest + 1) + datetime.timedelta(days=1)
            )
            born_before = today - relativedelta(years=youngest)
            domain = [
                *(["|"] if domain else []),
                *domain,
                "&",
                ("club_birthday", ">=", born_after),
                ("club_birthday", "<=", born_before),
            ]
        return domain or [("id", "=", False)]
