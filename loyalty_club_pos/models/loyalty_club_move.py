# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class LoyaltyClubMove(models.Model):
    _inherit = "loyalty.club.move"

    @api.model
    def _source_models(self):
        return super()._source_models() + ["pos.order"]
