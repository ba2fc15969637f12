# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import jalali
from ..tools.engine import as_engine, is_engine

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    """A member's tier: qualifying spend, upgrades at once, the nightly
    review with its grace period, and the history of every change."""

    # one model, one file per concern (members, balance, tiers, birthdays, segments)
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    club_tier_id = fields.Many2one(
        "loyalty.club.tier",
        index="btree_not_null",
        copy=False,
        ondelete="restrict",
        tracking=True,
    )
    club_tier_history_ids = fields.One2many(
        "loyalty.club.tier.history", "partner_id", string="Tier History", readonly=True
    )
    club_tier_downgrade_date = fields.Date(
        string="Downgrade Due",
        copy=False,
        readonly=True,
        help="The member's spend fell below their tier: unless it recovers, "
        "the nightly review moves them down on this day.",
    )
    club_tier_review_date = fields.Date(copy=False, readonly=True)

    def init(self):
        result = super().init()
        # the members the nightly tier review has still to see today
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS res_partner_club_tier_review_idx "
                "ON res_partner (club_tier_review_date) WHERE club_member"
            )
        )
        return result

    def _club_record_tier_changes(self, new_tier_id):
        changed = self.filtered(
            lambda p: p.club_member and p.club_tier_id.id != (new_tier_id or False)
        )
        if not changed:
            return self.env["loyalty.club.tier.history"]
        # why the tier changed is the engine's word; any other change is manual
        context = self.env.context if is_engine(self) else {}
        reason = context.get("loyalty_club_tier_reason", "manual")
        spend = context.get("loyalty_club_tier_spend", {})
        return (
            self.env["loyalty.club.tier.history"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": partner.id,
                        "old_tier_id": partner.club_tier_id.id,
                        "new_tier_id": new_tier_id,
                        "reason": reason,
                        "qualifying_spend": spend.get(partner.id, 0.0),
                    }
                    for partner in changed
                ]
            )
        )

    @api.model
    def _club_window_start(self, company, today):
        """The first day whose purchases count towards tiers."""
        if company.club_tier_window == "jalali_year":
            return jalali.year_bounds(jalali.to_jalali(today).year)[0]
        return today - relativedelta(months=company.club_tier_window_months)

    def _club_qualifying_spend(self, company, today):
        """``{partner id: spend}`` in the company's qualification window."""
        start = self._club_window_start(company, today)
        groups = (
            self.env["loyalty.club.move"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("company_id", "=", company.id),
                    ("date", ">=", datetime.datetime.combine(start, datetime.time.min)),
                ],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        return {partner.id: amount for partner, amount in groups}

    def _club_update_tier_after_earning(self):
        """Upgrade at once a member whose spend just reached a higher tier."""
        today = fields.Date.context_today(self)
        for partner in self:
            company = partner._club_company()
            spend = partner._club_qualifying_spend(company, today).get(partner.id, 0.0)
            target = self.env["loyalty.club.tier"]._get_tier_for_spend(company, spend)
            if target and target.threshold > partner.club_tier_id.threshold:
                as_engine(partner).with_context(
                    loyalty_club_tier_reason="upgrade",
                    loyalty_club_tier_spend={partner.id: spend},
                ).write({"club_tier_id": target.id, "club_tier_downgrade_date": False})

    @api.model
    def _cron_review_club_tiers(self, batch_size=2000):
        """The nightly tier review: upgrades, and downgrades once the grace
        period is over. One batch of members a call."""
        today = fields.Date.context_today(self)
        domain = [
            ("club_member", "=", True),
            "|",
            ("club_tier_review_date", "=", False),
            ("club_tier_review_date", "<", today),
        ]
        partners = self.sudo().search(domain, order="id", limit=batch_size)
        for company, members in partners.grouped(lambda p: p._club_company()).items():
            members._club_review_tiers(company, today)
        # a technical marker: plain SQL spares 2,000 partner writes per batch
        partners.flush_recordset()
        self.env.execute_query(
            SQL(
                "UPDATE res_partner SET club_tier_review_date = %s WHERE id IN %s",
                today,
                tuple(partners.ids) or (0,),
            )
        )
        partners.invalidate_recordset(["club_tier_review_date"])
        remaining = self.sudo().search_count(domain) if partners else 0
        _logger.info(
            "Reviewed the tiers of %s members, %s left", len(partners), remaining
        )
        self.env["ir.cron"]._notify_progress(done=len(partners), remaining=remaining)

    def _club_review_tiers(self, company, today):
        tier_model = self.env["loyalty.club.tier"]
        tiers = tier_model._get_company_tiers(company)
        spend = self._club_qualifying_spend(company, today)
        grace = datetime.timedelta(days=company.club_tier_grace_days)
        moves = {}  # (tier, reason) -> members
        due = {}  # downgrade date -> members
        for partner in self:
            target = tier_model._get_tier_for_spend(
                company, spend.get(partner.id, 0.0), tiers
            )
            current = partner.club_tier_id
            if not current or target.threshold > current.threshold:
                moves.setdefault((target, "upgrade"), self.browse())
                moves[(target, "upgrade")] |= partner
            elif target.threshold < current.threshold:
                if not partner.club_tier_downgrade_date:
                    due.setdefault(today + grace, self.browse())
                    due[today + grace] |= partner
                elif partner.club_tier_downgrade_date <= today:
                    moves.setdefault((target, "downgrade"), self.browse())
                    moves[(target, "downgrade")] |= partner
            elif partner.club_tier_downgrade_date:
                due.setdefault(False, self.browse())
                due[False] |= partner
        quiet = {"tracking_disable": True, "loyalty_club_tier_spend": spend}
        for (tier, reason), members in moves.items():
            as_engine(members).with_context(
                loyalty_club_tier_reason=reason, **quiet
            ).write({"club_tier_id": tier.id, "club_tier_downgrade_date": False})
        for date, members in due.items():
            as_engine(members).with_context(**quiet).write(
                {"club_tier_downgrade_date": date}
            )
