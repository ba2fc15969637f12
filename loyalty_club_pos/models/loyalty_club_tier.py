# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class LoyaltyClubTier(models.Model):
    """Tiers reach the till with the Point of Sale's own data, so that a
    member's tier shows with its name and colour."""

    _name = "loyalty.club.tier"
    _inherit = ["loyalty.club.tier", "pos.load.mixin"]

    @api.model
    def _load_pos_data_domain(self, data):
        config = self.env["pos.config"].browse(data["pos.config"]["data"][0]["id"])
        return [("company_id", "in", [config.company_id.id, False])]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return ["name", "color", "sequence"]
