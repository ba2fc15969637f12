# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

EVENT_TYPES = ("signup", "birthday", "referral")


class LoyaltyClubRule(models.Model):
    """How members earn points: on what they buy (per amount, per product,
    per order, during a campaign) and on events (sign-up, birthday,
    referral)."""

    _name = "loyalty.club.rule"
    _inherit = ["loyalty.club.applicability.mixin"]
    _description = "Club Earn Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    currency_id = fields.Many2one(related="company_id.currency_id")
    rule_type = fields.Selection(
        [
            ("amount", "Per amount spent"),
            ("product", "Product or category multiplier"),
            ("order", "Per order"),
            ("campaign", "Campaign multiplier"),
            ("signup", "Sign-up bonus"),
            ("birthday", "Birthday bonus"),
            ("referral", "Referral bonus"),
        ],
        string="Type",
        required=True,
        default="amount",
    )
    points = fields.Integer(
        help="Per amount spent: the points given for each step of the amount. "
        "Per order and bonuses: the points given.",
    )
    amount_step = fields.Monetary(
        string="Per Amount",
        help="The points are given per this amount, in proportion: twice the "
        "amount earns twice the points. The order's total is rounded down to "
        "whole points.",
    )
    min_amount = fields.Monetary(
        string="Minimum Order",
        help="Orders below this amount earn nothing from this rule.",
    )
    multiplier = fields.Float(
        default=2.0,
        digits=(16, 2),
        help="Points of the matching lines (product rule) or of the whole "
        "order (campaign) are multiplied by this factor.",
    )
    product_ids = fields.Many2many("product.product", string="Products")
    product_category_ids = fields.Many2many(
        "product.category", string="Product Categories"
    )
    tier_ids = fields.Many2many(
        help="Only members of these tiers earn from this rule; empty for all.",
    )

    _sql_constraints = [
        ("points_not_negative", "CHECK(points >= 0)", "A rule cannot take points."),
        (
            "amount_step_not_negative",
            "CHECK(amount_step >= 0)",
            "The amount of a rule cannot be negative.",
        ),
        (
            "dates_in_order",
            "CHECK(date_from IS NULL OR date_to IS NULL OR date_from <= date_to)",
            "A rule cannot end before it starts.",
        ),
    ]

    @api.constrains("rule_type", "points", "amount_step", "multiplier")
    def _check_rule_values(self):
        for rule in self:
            if rule.rule_type == "amount" and (
                rule.amount_step <= 0 or rule.points <= 0
            ):
                raise ValidationError(
                    _(
                        "The rule %(rule)s needs points and the amount that "
                        "earns them.",
                        rule=rule.name,
                    )
                )
            if rule.rule_type in ("product", "campaign") and rule.multiplier <= 0:
                raise ValidationError(
                    _("The multiplier of %(rule)s must be positive.", rule=rule.name)
                )
            if rule.rule_type in ("order", *EVENT_TYPES) and rule.points <= 0:
                raise ValidationError(
                    _("The rule %(rule)s must give some points.", rule=rule.name)
                )

    # ------------------------------------------------------------------
    # Which rules apply
    # ------------------------------------------------------------------

    @api.model
    def _get_applicable_rules(self, company, date, channel=None, tier=None):
        return self.sudo().search(
            self._get_applicable_domain(company, date, channel, tier)
        )

    def _matches_product(self, product):
        self.ensure_one()
        if product in self.product_ids:
            return True
        return bool(
            self.product_category_ids
            and product.categ_id.parent_path
            and any(
                product.categ_id.parent_path.startswith(categ.parent_path)
                for categ in self.product_category_ids
            )
        )

    # ------------------------------------------------------------------
    # Points of an order
    # ------------------------------------------------------------------

    @api.model
    def _compute_order_points(self, partner, channel, lines, company, date):
        """Points a member earns on an order.

        :param lines: ``[(product, amount)]``, the amount the customer really
            pays for each line, in the company currency, tax included
            (reward and coupon lines left out by the caller)
        :return: whole points, rounded down once for the whole order

        Per-amount rules add up, per line; a product rule multiplies the lines
        it matches (the largest factor wins); per-order rules add their
        points; a campaign multiplies the whole (the largest factor wins);
        last comes the member's tier multiplier.
        """
        tier = partner.club_tier_id
        rules = self._get_applicable_rules(company, date, channel, tier)
        total = sum(amount for __, amount in lines)
        if total <= 0:
            return 0
        rules = rules.filtered(lambda rule: total >= rule.min_amount)
        base = sum(
            self._line_points(rules, product, amount) for product, amount in lines
        )
        base += sum(rule.points for rule in rules if rule.rule_type == "order")
        campaign = max(
            (r.multiplier for r in rules if r.rule_type == "campaign"), default=1.0
        )
        multiplier = campaign * (tier.earn_multiplier if tier else 1.0)
        # a tiny epsilon keeps 2.9999999 from losing a point to float error
        return max(math.floor(base * multiplier + 1e-6), 0)

    @api.model
    def _line_points(self, rules, product, amount):
        rate = sum(
            rule.points / rule.amount_step
            for rule in rules
            if rule.rule_type == "amount" and rule.amount_step
        )
        factor = max(
            (
                rule.multiplier
                for rule in rules
                if rule.rule_type == "product" and rule._matches_product(product)
            ),
            default=1.0,
        )
        return amount * rate * factor

    @api.model
    def _event_points(self, event, tier, company, date):
        """Points of the ``event`` rules (sign-up, birthday, referral) for a
        member of ``tier``."""
        rules = self._get_applicable_rules(company, date, tier=tier)
        return sum(rule.points for rule in rules if rule.rule_type == event)
