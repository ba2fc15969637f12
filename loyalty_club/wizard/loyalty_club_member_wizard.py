# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LoyaltyClubMemberWizard(models.AbstractModel):
    """What the wizards opened from a member's form share: the member (taken
    from the form that opened the wizard) and their balance."""

    _name = "loyalty.club.member.wizard"
    _description = "Club Wizard on a Member"

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        domain=[("club_member", "=", True)],
    )
    current_points = fields.Integer(
        related="partner_id.club_points", string="Current Balance"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            values.setdefault("partner_id", self.env.context.get("active_id"))
        return values
