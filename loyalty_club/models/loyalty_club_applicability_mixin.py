# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

CHANNELS = ("sale", "pos", "website")


class LoyaltyClubApplicabilityMixin(models.AbstractModel):
    """Where and when a record of the club applies: in its company, on the
    channels ticked, between its dates and for members of its tiers.

    Earn rules and rewards share it; the search domain and the check of one
    record say the same thing."""

    _name = "loyalty.club.applicability.mixin"
    _description = "Club Applicability"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    channel_sale = fields.Boolean(string="Sales Orders", default=True)
    channel_pos = fields.Boolean(string="Point of Sale", default=True)
    channel_website = fields.Boolean(string="Website", default=True)
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    tier_ids = fields.Many2many(
        "loyalty.club.tier",
        string="Tiers",
        help="Only members of these tiers; empty for all.",
    )

    @api.model
    def _check_channel(self, channel):
        if channel not in CHANNELS:
            raise UserError(_("Unknown channel."))

    @api.model
    def _get_applicable_domain(self, company, date, channel=None, tier=None):
        """The records that apply in ``company`` on ``date``, for a member of
        ``tier`` (none: only records open to every tier), on ``channel``
        (none: whatever the channel)."""
        domain = [
            ("company_id", "=", company.id),
            "|",
            ("date_from", "=", False),
            ("date_from", "<=", date),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", date),
            "|",
            ("tier_ids", "=", False),
            ("tier_ids", "in", tier.ids if tier else []),
        ]
        if channel:
            self._check_channel(channel)
            domain = expression.AND([domain, [(f"channel_{channel}", "=", True)]])
        return domain

    def _applies(self, company, date, channel=None, tier=None):
        """Whether this record is in ``_get_applicable_domain`` of the same
        arguments, without a query."""
        self.ensure_one()
        return (
            self.company_id == company
            and self._applies_on(date)
            and (not channel or self._applies_to_channel(channel))
            and self._applies_to_tier(tier)
        )

    def _applies_on(self, date):
        self.ensure_one()
        date = fields.Date.to_date(date)
        return not (
            (self.date_from and date < self.date_from)
            or (self.date_to and date > self.date_to)
        )

    def _applies_to_channel(self, channel):
        self.ensure_one()
        self._check_channel(channel)
        return self[f"channel_{channel}"]

    def _applies_to_tier(self, tier):
        self.ensure_one()
        return not self.tier_ids or bool(tier and tier in self.tier_ids)
