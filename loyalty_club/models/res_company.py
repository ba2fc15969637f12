# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_CLUB_COLOR = "#7c3aed"
HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class ResCompany(models.Model):
    _inherit = "res.company"

    club_name = fields.Char(
        translate=True,
        help="The club's name as members read it: on the website, the member "
        "card and the receipt. Empty: Customer Club.",
    )
    club_logo = fields.Image(
        max_width=512,
        max_height=512,
        help="Shown on the club's page and the member card. Empty: the company's logo.",
    )
    club_color = fields.Char(
        string="Club Colour",
        default=DEFAULT_CLUB_COLOR,
        help="The main colour of the club's pages and member card (#rrggbb).",
    )

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

    @api.constrains("club_color")
    def _check_club_color(self):
        for company in self:
            if company.club_color and not HEX_COLOR.fullmatch(company.club_color):
                raise ValidationError(
                    _(
                        "The club colour is written #rrggbb, e.g. #7c3aed, "
                        "not %(color)s.",
                        color=company.club_color,
                    )
                )

    def _club_display_name(self):
        """The club's name as members read it."""
        self.ensure_one()
        return self.club_name or _("Customer Club")

    def _club_display_color(self):
        """The club's colour, safe in a style attribute (``#rrggbb``)."""
        self.ensure_one()
        color = (self.club_color or "").strip()
        return color if HEX_COLOR.fullmatch(color) else DEFAULT_CLUB_COLOR
