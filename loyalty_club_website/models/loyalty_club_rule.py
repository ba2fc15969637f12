# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models

from odoo.addons.loyalty_club.tools import jalali


class LoyaltyClubRule(models.Model):
    _inherit = "loyalty.club.rule"

    def _club_website_text(self):
        """How this rule earns points, in a sentence for the club page."""
        self.ensure_one()
        reader = self.env["res.partner"]
        points = reader._club_portal_number(self.points)
        multiplier = f"{self.multiplier:g}"
        if reader._club_portal_is_persian():
            multiplier = jalali.persian_digits(multiplier)
        rule_type = self.rule_type
        if rule_type == "amount":
            return _(
                "%(points)s points for every %(amount)s you spend",
                points=points,
                amount=reader._club_portal_amount(self.amount_step, self.company_id),
            )
        if rule_type == "product":
            return _(
                "%(multiplier)s× points on %(products)s",
                multiplier=multiplier,
                products=", ".join(
                    self.sudo().product_ids.mapped("name")
                    + self.sudo().product_category_ids.mapped("name")
                ),
            )
        if rule_type == "campaign":
            return _("%(multiplier)s× points on every purchase", multiplier=multiplier)
        if rule_type == "signup":
            return _("%(points)s points when you join", points=points)
        if rule_type == "birthday":
            return _("%(points)s points on your birthday", points=points)
        if rule_type == "referral":
            return _(
                "%(points)s points for each friend who joins and buys", points=points
            )
        return _("%(points)s points on every order", points=points)

    def _club_website_conditions(self):
        """What else the rule asks: a minimum order, an end date, tiers."""
        self.ensure_one()
        reader = self.env["res.partner"]
        conditions = []
        if self.min_amount:
            conditions.append(
                _(
                    "on orders of %(amount)s or more",
                    amount=reader._club_portal_amount(self.min_amount, self.company_id),
                )
            )
        if self.date_to:
            conditions.append(
                _("until %(date)s", date=reader._club_portal_date(self.date_to))
            )
        if self.tier_ids:
            conditions.append(
                _(
                    "for %(tiers)s members",
                    tiers=", ".join(self.tier_ids.mapped("name")),
                )
            )
        return conditions
