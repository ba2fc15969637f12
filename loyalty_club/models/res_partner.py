# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    club_member = fields.Boolean(
        index=True,
        copy=False,
        tracking=True,
    )
    club_tier_id = fields.Many2one(
        "loyalty.club.tier",
        index="btree_not_null",
        copy=False,
        ondelete="restrict",
        tracking=True,
    )
