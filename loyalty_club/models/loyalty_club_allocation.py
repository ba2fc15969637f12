# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..tools.engine import is_engine


class LoyaltyClubAllocation(models.Model):
    """What a redemption, expiry or reversal took from one earning lot, so
    that expiry, refunds and reports stay exact."""

    _name = "loyalty.club.allocation"
    _description = "Club Points Taken From a Lot"
    _order = "id"

    move_id = fields.Many2one(
        "loyalty.club.move",
        string="Taken By",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    lot_id = fields.Many2one(
        "loyalty.club.move",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    points = fields.Integer(required=True, readonly=True)
    company_id = fields.Many2one(related="move_id.company_id", store=True)
    lot_date = fields.Datetime(related="lot_id.date", string="Earned On")
    lot_expiry_date = fields.Date(related="lot_id.expiry_date", string="Lot Expiry")

    _sql_constraints = [
        ("points_positive", "CHECK(points > 0)", "An allocation takes points."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if not is_engine(self):
            raise AccessError(_("Only the club's ledger records what lots gave."))
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise AccessError(_("Posted points moves cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        raise AccessError(_("Posted points moves cannot be deleted."))
