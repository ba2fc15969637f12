# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _club_channel(self):
        """Orders from the web shop earn by the website's rules."""
        self.ensure_one()
        if self.website_id:
            return "website"
        return super()._club_channel()
