# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.tools import format_amount, format_date

from odoo.addons.loyalty_club.tools import jalali


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
