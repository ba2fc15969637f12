# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def write(self, vals):
        result = super().write(vals)
        if "available_in_pos" in vals:
            self.env["loyalty.club.reward"].sudo().search(
                [
                    ("kind", "=", "free_product"),
                    ("product_id.product_tmpl_id", "in", self.ids),
                ]
            )._sync_program()
        return result
