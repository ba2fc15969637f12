# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    club_name = fields.Char(related="company_id.club_name", readonly=False)
    club_logo = fields.Image(related="company_id.club_logo", readonly=False)
    club_color = fields.Char(related="company_id.club_color", readonly=False)
    club_points_validity_months = fields.Integer(
        related="company_id.club_points_validity_months", readonly=False
    )
    club_pending_days = fields.Integer(
        related="company_id.club_pending_days", readonly=False
    )
    club_tier_window = fields.Selection(
        related="company_id.club_tier_window", readonly=False
    )
    club_tier_window_months = fields.Integer(
        related="company_id.club_tier_window_months", readonly=False
    )
    club_tier_grace_days = fields.Integer(
        related="company_id.club_tier_grace_days", readonly=False
    )
    club_redemption_daily_limit = fields.Integer(
        related="company_id.club_redemption_daily_limit", readonly=False
    )
    club_redemption_approval_points = fields.Integer(
        related="company_id.club_redemption_approval_points", readonly=False
    )
    club_referral_monthly_cap = fields.Integer(
        related="company_id.club_referral_monthly_cap", readonly=False
    )
    club_quiet_hours_start = fields.Float(
        related="company_id.club_quiet_hours_start", readonly=False
    )
    club_quiet_hours_end = fields.Float(
        related="company_id.club_quiet_hours_end", readonly=False
    )
