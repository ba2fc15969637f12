# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.tools import SQL


class LoyaltyClubTier(models.Model):
    _name = "loyalty.club.tier"
    _description = "Customer Club Tier"
    _order = "company_id, sequence, threshold, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="The tier's technical name, the same in every language: campaign "
        "segments and imports refer to it (e.g. gold). Given from the English "
        "name when left empty.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        ondelete="cascade",
        help="Leave empty to share the tier between all companies.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
    )
    threshold = fields.Monetary(
        string="Qualifying Spend",
        help="Spend within the qualification window that reaches this tier.",
    )
    earn_multiplier = fields.Float(
        default=1.0,
        digits=(16, 2),
        help="Points earned by members of this tier are multiplied by this factor.",
    )
    benefits = fields.Html(translate=True)
    color = fields.Integer(string="Colour")
    member_count = fields.Integer(compute="_compute_member_count")

    _sql_constraints = [
        (
            "code_company_unique",
            "UNIQUE(code, company_id)",
            "Two tiers of a company cannot have the same code.",
        ),
        (
            "threshold_not_negative",
            "CHECK(threshold >= 0)",
            "The qualifying spend of a tier cannot be negative.",
        ),
        (
            "earn_multiplier_positive",
            "CHECK(earn_multiplier > 0)",
            "The earn multiplier of a tier must be greater than zero.",
        ),
    ]

    def init(self):
        result = super().init()
        # tiers made before codes existed get theirs from the English name
        self.env.cr.execute(
            SQL(
                "UPDATE loyalty_club_tier SET code = trim(both '_' FROM lower("
                "regexp_replace(name->>'en_US', '\\W+', '_', 'g'))) "
                "WHERE code IS NULL AND name->>'en_US' IS NOT NULL"
            )
        )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("code") and vals.get("name"):
                vals["code"] = self._code_from_name(vals["name"])
        return super().create(vals_list)

    @api.model
    def _code_from_name(self, name):
        """``"Gold Plus"`` → ``"gold_plus"`` (the name as typed, in the
        language of whoever creates the tier)."""
        if isinstance(name, dict):
            name = name.get("en_US") or next(iter(name.values()), "")
        return re.sub(r"\W+", "_", name.strip().lower()).strip("_") or False

    @api.depends("company_id")
    def _compute_currency_id(self):
        for tier in self:
            tier.currency_id = (tier.company_id or self.env.company).currency_id

    def _compute_member_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("club_tier_id", "in", self.ids)], ["club_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    @api.model
    def _get_company_tiers(self, company):
        """The active tiers of ``company`` (its own, or else the shared ones),
        lowest threshold first."""
        tiers = self.search(
            [("company_id", "in", [company.id, False])], order="threshold, sequence, id"
        )
        own = tiers.filtered(lambda t: t.company_id == company)
        return own or tiers

    @api.model
    def _get_entry_tier(self, company):
        return self._get_company_tiers(company)[:1]

    @api.model
    def _get_tier_for_spend(self, company, spend, tiers=None):
        """The highest tier whose qualifying spend ``spend`` reaches, among
        ``tiers`` (the company's tiers, lowest first) when given."""
        tiers = self._get_company_tiers(company) if tiers is None else tiers
        reached = tiers.filtered(lambda tier: tier.threshold <= spend)
        return reached[-1:] or tiers[:1]

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty_club.res_partner_action_club_members"
        )
        action["domain"] = [("club_tier_id", "=", self.id)]
        return action
