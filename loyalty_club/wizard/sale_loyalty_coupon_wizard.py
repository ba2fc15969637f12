# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleLoyaltyCouponWizard(models.TransientModel):
    _inherit = "sale.loyalty.coupon.wizard"

    def action_apply(self):
        """A club coupon gives one reward: apply it at once instead of
        opening *Available Rewards* with nothing selected."""
        action = super().action_apply()
        reward_ids = action.get("context", {}).get("default_reward_ids", [])
        rewards = self.env["loyalty.reward"].browse(reward_ids)
        if len(rewards) != 1 or not rewards.program_id.club_reward_id:
            return action
        coupon = self.env["loyalty.card"]._club_find_by_code(self.coupon_code)
        if coupon.program_id != rewards.program_id or rewards.multi_product:
            return action
        self.order_id._apply_program_reward(rewards, coupon)
        self.order_id._update_programs_and_rewards()
        return {"type": "ir.actions.act_window_close"}
