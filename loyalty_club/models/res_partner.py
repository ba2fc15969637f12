# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools import jalali
from ..tools.normalize import (
    ascii_digits,
    make_member_code,
    normalize_iranian_mobile,
)

REFERRAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
ENGINE_FIELDS = {"club_points"}


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
    club_points_pending = fields.Integer(
        string="Pending Points",
        compute="_compute_club_points_pending",
        compute_sudo=True,
    )
    club_join_date_jalali = fields.Char(
        string="Member Since (Jalali)", compute="_compute_club_jalali_dates"
    )
    club_birthday_jalali = fields.Char(
        string="Birthday (Jalali)", compute="_compute_club_jalali_dates"
    )
    club_show_jalali = fields.Boolean(compute="_compute_club_jalali_dates")

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
            if not vals.get("club_points"):
                vals.pop("club_points", None)  # the default, copied by _inherits
            self._check_club_points_untouched(vals)
            self._normalize_club_phone_vals(vals)
        partners = super().create(vals_list)
        partners.filtered(lambda p: p.club_member and not p.club_code)._club_enroll()
        return partners

    def write(self, vals):
        self._check_club_points_untouched(vals)
        self._normalize_club_phone_vals(vals)
        enrolling = vals.get("club_member") and self.filtered(
            lambda p: not p.club_member
        )
        result = super().write(vals)
        if enrolling:
            enrolling.filtered(lambda p: not p.club_code)._club_enroll()
        return result

    @api.model
    def _check_club_points_untouched(self, vals):
        if ENGINE_FIELDS & set(vals) and not self.env.context.get(
            "loyalty_club_engine"
        ):
            raise AccessError(_("Points change only through the club's ledger."))

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

    # ------------------------------------------------------------------
    # Enrolment
    # ------------------------------------------------------------------

    def _club_enroll(self):
        """Give new members their code, join date, referral code and first
        tier. Called on the members themselves, in batch."""
        sequence = self.env["ir.sequence"].sudo()
        today = fields.Date.context_today(self)
        for partner in self:
            number = sequence.next_by_code("loyalty.club.member")
            values = {
                "club_code": make_member_code(number),
                "club_referral_code": self._club_new_referral_code(),
                "club_join_date": partner.club_join_date or today,
            }
            if not partner.club_tier_id:
                tier = self.env["loyalty.club.tier"]._get_entry_tier(
                    partner.company_id or self.env.company
                )
                values["club_tier_id"] = tier.id
            partner.write(values)

    @api.model
    def _club_new_referral_code(self):
        return "".join(secrets.choice(REFERRAL_ALPHABET) for _i in range(8))

    def _club_default_expiry_date(self):
        """When points earned today expire, by the company's validity."""
        months = (self.company_id or self.env.company).club_points_validity_months
        if months <= 0:
            return None
        return jalali.add_months(fields.Date.context_today(self), months)

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
