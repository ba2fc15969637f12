# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    is_club_program = fields.Boolean(
        compute="_compute_is_club_program",
        help="The coupon program of a club reward: its coupons belong to one "
        "member, and the till takes them off an order given to someone else.",
    )

    @api.depends("club_reward_id")
    def _compute_is_club_program(self):
        for program in self:
            program.is_club_program = bool(program.club_reward_id)

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["is_club_program"]
