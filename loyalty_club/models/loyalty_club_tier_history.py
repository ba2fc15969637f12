# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LoyaltyClubTierHistory(models.Model):
    """Every change of a member's tier, and why."""

    _name = "loyalty.club.tier.history"
    _description = "Club Tier Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    old_tier_id = fields.Many2one(
        "loyalty.club.tier", string="From", readonly=True, ondelete="set null"
    )
    new_tier_id = fields.Many2one(
        "loyalty.club.tier", string="To", readonly=True, ondelete="set null"
    )
    reason = fields.Selection(
        [
            ("enrol", "Enrolment"),
            ("upgrade", "Upgrade"),
            ("downgrade", "Downgrade"),
            ("manual", "Changed by hand"),
        ],
        required=True,
        readonly=True,
    )
    qualifying_spend = fields.Float(readonly=True)
    user_id = fields.Many2one(
        "res.users", string="By", readonly=True, default=lambda self: self.env.user
    )

    def _notify_members(self):
        """Tell members who moved up or down (not a first tier)."""
        changes = self.filtered(lambda c: c.old_tier_id and c.new_tier_id)
        ups = changes.filtered(
            lambda c: c.new_tier_id.threshold > c.old_tier_id.threshold
        )
        for event, moved in (("tier_up", ups), ("tier_down", changes - ups)):
            keys = {change.partner_id.id: f"tier:{change.id}" for change in moved}
            self.env["loyalty.club.auto.message"]._notify(
                event, moved.partner_id, lambda partner, keys=keys: keys[partner.id]
            )
