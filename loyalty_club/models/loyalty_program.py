# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    club_reward_id = fields.Many2one(
        "loyalty.club.reward",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The catalog reward whose coupons this program issues.",
    )
