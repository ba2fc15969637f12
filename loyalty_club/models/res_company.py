# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    club_points_validity_months = fields.Integer(
        string="Points Validity (Months)",
        default=12,
        help="Points expire this many months after they are earned; 0 keeps "
        "them forever.",
    )
    club_pending_days = fields.Integer(
        string="Return Window (Days)",
        default=14,
        help="Points earned on a sale become spendable this many days after "
        "the order is confirmed, once it can no longer be returned.",
    )
    club_tier_window = fields.Selection(
        [
            ("rolling", "Rolling months"),
            ("jalali_year", "Jalali calendar year"),
        ],
        string="Tier Qualification Window",
        default="rolling",
        required=True,
        help="Which purchases count towards a member's tier: those of the last "
        "months, or those of the current Jalali year.",
    )
    club_tier_window_months = fields.Integer(
        string="Qualification Months",
        default=12,
    )
    club_tier_grace_days = fields.Integer(
        string="Downgrade Grace (Days)",
        default=30,
        help="A member whose spend falls below their tier keeps it this many "
        "days before the nightly review moves them down.",
    )
    club_redemption_daily_limit = fields.Integer(
        string="Redemptions per Member per Day",
        help="The most rewards one member may redeem in a day, across the "
        "catalog; 0 for no limit.",
    )
    club_redemption_approval_points = fields.Integer(
        string="Manager Approval Above (Points)",
        help="A redemption costing more points waits for a club manager's "
        "approval unless a manager makes it; 0 to never ask.",
    )
    club_quiet_hours_start = fields.Float(
        string="Quiet Hours From",
        default=22.0,
        help="Automatic messages and campaigns wait from this hour (the "
        "company's time zone, Tehran by default)…",
    )
    club_quiet_hours_end = fields.Float(
        string="Quiet Hours To", default=8.0, help="…until this hour."
    )
