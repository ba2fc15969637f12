# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LoyaltyClubApplicabilityMixin(models.AbstractModel):
    _inherit = "loyalty.club.applicability.mixin"

    @api.model
    def _club_website_domain(self, company):
        """What the club page lists (earn rules, rewards): offered on the
        website today, whatever the tier (a tier's own say which)."""
        today = fields.Date.context_today(self)
        return [
            ("company_id", "=", company.id),
            ("channel_website", "=", True),
            "|",
            ("date_from", "=", False),
            ("date_from", "<=", today),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", today),
        ]
