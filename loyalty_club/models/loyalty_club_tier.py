# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LoyaltyClubTier(models.Model):
    _name = "loyalty.club.tier"
    _description = "Customer Club Tier"
    _order = "company_id, sequence, threshold, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
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
