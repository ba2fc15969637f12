# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class LoyaltyClubReward(models.Model):
    _inherit = "loyalty.club.reward"

    def _prepare_program_values(self):
        values = super()._prepare_program_values()
        values["ecommerce_ok"] = self.channel_website
        return values
