# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LoyaltyClubRedeem(models.TransientModel):
    """Redeem a reward for a member from their form: only the rewards the
    member can have now are offered."""

    _name = "loyalty.club.redeem"
    _inherit = ["loyalty.club.member.wizard"]
    _description = "Redeem a Reward for a Member"

    available_reward_ids = fields.Many2many(
        "loyalty.club.reward", compute="_compute_available_reward_ids"
    )
    reward_id = fields.Many2one(
        "loyalty.club.reward",
        required=True,
        domain="[('id', 'in', available_reward_ids)]",
    )

    @api.depends("partner_id")
    def _compute_available_reward_ids(self):
        rewards = self.env["loyalty.club.reward"].search([])
        for wizard in self:
            partner = wizard.partner_id
            if not partner:
                wizard.available_reward_ids = False
                continue
            counts = rewards._redemption_counts(partner)
            wizard.available_reward_ids = rewards.filtered(
                lambda reward, p=partner, c=counts: (
                    not reward._refusal_for(p, "sale", c)
                )
            )

    def action_redeem(self):
        self.ensure_one()
        redemption = self.env["loyalty.club.redemption"].create(
            {"partner_id": self.partner_id.id, "reward_id": self.reward_id.id}
        )
        redemption.action_confirm()
        return {
            "type": "ir.actions.act_window",
            "res_model": "loyalty.club.redemption",
            "res_id": redemption.id,
            "view_mode": "form",
        }
