# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from contextlib import contextmanager

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.engine import as_engine, is_engine
from .loyalty_club_reward import COUPON_KINDS

# What only the redemption's own steps change.
GUARDED_FIELDS = {"state", "coupon_id", "move_id", "approved_by_id"}
MANAGER_GROUP = "loyalty_club.group_loyalty_club_manager"


class LoyaltyClubRedemption(models.Model):
    """A member spending points on a reward of the catalog."""

    _name = "loyalty.club.redemption"
    _inherit = ["mail.thread"]
    _description = "Club Reward Redemption"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("club_member", "=", True)],
        tracking=True,
    )
    reward_id = fields.Many2one(
        "loyalty.club.reward",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    reward_kind = fields.Selection(related="reward_id.kind")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    points = fields.Integer(
        compute="_compute_points", store=True, readonly=False, tracking=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting Approval"),
            ("confirmed", "Confirmed"),
            ("used", "Used"),
            ("delivered", "Delivered"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    coupon_id = fields.Many2one(
        "loyalty.card",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    coupon_code = fields.Char(related="coupon_id.code", string="Coupon Code")
    coupon_expiry_date = fields.Date(related="coupon_id.expiration_date")
    move_id = fields.Many2one(
        "loyalty.club.move", string="Points Move", readonly=True, copy=False
    )
    campaign_id = fields.Many2one(
        "loyalty.club.campaign",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The campaign that gave this coupon, free of points.",
    )
    approved_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="The club manager who let this redemption above the approval "
        "threshold through.",
    )
    channel = fields.Selection(
        [("sale", "Back office"), ("pos", "Point of Sale"), ("website", "Website")],
        default="sale",
        required=True,
    )

    @api.depends("reward_id")
    def _compute_points(self):
        for redemption in self:
            redemption.points = redemption.reward_id.points_cost

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "loyalty.club.redemption"
                ) or _("New")
        for vals in vals_list:
            given = {key: vals[key] for key in GUARDED_FIELDS if vals.get(key)}
            if given and given != {"state": "draft"}:
                raise AccessError(_("A redemption starts as a draft."))
        return super().create(vals_list)

    def write(self, vals):
        guarded = GUARDED_FIELDS & set(vals)
        if guarded and not is_engine(self):
            raise AccessError(_("A redemption changes state through its buttons only."))
        if set(vals) & {"partner_id", "reward_id", "points", "channel"} and any(
            redemption.state != "draft" for redemption in self
        ):
            raise UserError(_("A confirmed redemption cannot be changed."))
        return super().write(vals)

    def _set(self, **values):
        """Write the guarded fields, for the redemption's own steps."""
        return as_engine(self).write(values)

    # ------------------------------------------------------------------
    # Confirm
    # ------------------------------------------------------------------

    def action_confirm(self):
        """Check everything, debit the member's points and issue what the
        reward gives. Above the company's approval threshold, a redemption
        made by anyone but a club manager waits for one. Every refusal is
        noted on the member. Confirming again does nothing more."""
        for redemption in self.filtered(lambda r: r.state == "draft"):
            with redemption._refusals_noted():
                redemption._check_redeemable()
                if redemption._needs_approval():
                    redemption._request_approval()
                else:
                    redemption._confirm()
        return True

    def action_approve(self):
        """A club manager lets redemptions waiting for approval through,
        checking them again: the balance may have changed meanwhile."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only a club manager can approve a redemption."))
        for redemption in self.filtered(lambda r: r.state == "to_approve"):
            with redemption._refusals_noted():
                redemption._check_redeemable()
                redemption._confirm()
        return True

    @api.model
    def _give(self, partner, reward, campaign):
        """A coupon of ``reward`` that ``campaign`` gives ``partner``, free of
        points and outside the reward's limits."""
        redemption = self.sudo().create(
            {
                "partner_id": partner.id,
                "reward_id": reward.id,
                "points": 0,
                "campaign_id": campaign.id,
                "company_id": campaign.company_id.id,
            }
        )
        redemption._issue()
        return redemption

    @contextmanager
    def _refusals_noted(self):
        """Note on the member why the club refused this redemption, then let
        the error reach the user."""
        try:
            yield
        except UserError as error:
            self.partner_id._club_log_durably(
                _(
                    "Redemption of %(reward)s refused (%(channel)s): %(reason)s",
                    reward=self.reward_id.name,
                    channel=self._channel_label(),
                    reason=error.args[0],
                )
            )
            raise

    def _channel_label(self):
        return dict(self._fields["channel"]._description_selection(self.env))[
            self.channel
        ]

    def _check_redeemable(self):
        self.ensure_one()
        counts = self.reward_id._redemption_counts(self.partner_id, exclude=self)
        refusal = self.reward_id._refusal_for(self.partner_id, self.channel, counts)
        if refusal:
            raise UserError(refusal)
        if self.points != self.reward_id.points_cost:
            raise UserError(_("The points of a redemption are the reward's cost."))

    def _needs_approval(self):
        self.ensure_one()
        threshold = self.company_id.club_redemption_approval_points
        return bool(threshold) and self.points > threshold

    def _request_approval(self):
        """A club manager confirms it themselves; anyone else waits for one."""
        self.ensure_one()
        if self.env.user.has_group(MANAGER_GROUP):
            return self._confirm()
        self._set(state="to_approve")
        self.partner_id._club_log(
            _(
                "%(user)s asked a club manager to approve redemption %(name)s of "
                "%(reward)s (%(points)s points).",
                user=self.env.user.name,
                name=self.name,
                reward=self.reward_id.name,
                points=self.points,
            )
        )

    def _confirm(self):
        self.ensure_one()
        self._debit_points()
        self._issue()
        channels = dict(self._fields["channel"]._description_selection(self.env))
        self.partner_id._club_log(
            _(
                "Redeemed %(reward)s for %(points)s points (%(name)s, %(channel)s).",
                reward=self.reward_id.name,
                points=self.points,
                name=self.name,
                channel=channels.get(self.channel, self.channel),
            )
        )
        if self._needs_approval():
            self._set(approved_by_id=self.env.user.id)
            self.partner_id._club_log(
                _(
                    "%(user)s approved redemption %(name)s of %(reward)s "
                    "(%(points)s points).",
                    user=self.env.user.name,
                    name=self.name,
                    reward=self.reward_id.name,
                    points=self.points,
                )
            )

    def _debit_points(self):
        self.ensure_one()
        move = self.env["loyalty.club.move"]._post(
            self.partner_id,
            "redeem",
            -self.points,
            f"redemption:{self.id}",
            company=self.company_id,
            source=self,
            description=_lt("Reward: %(reward)s", reward=self.reward_id.name),
        )
        self.reward_id._take_from_stock()
        self._set(move_id=move.id)

    def _issue(self):
        self.ensure_one()
        kind = self.reward_id.kind
        if kind in COUPON_KINDS:
            self._set(coupon_id=self._create_coupon().id)
        elif kind == "ewallet":
            self._top_up_ewallet()
        self._set(state="confirmed")
        self.env["loyalty.club.auto.message"]._notify(
            "reward_redeemed",
            self.partner_id,
            f"redemption:{self.id}",
            extra={
                "coupon_code": self.coupon_code or "",
                "reward": self.reward_id.name,
            },
        )

    def _create_coupon(self):
        validity = self.reward_id.coupon_validity_days
        today = fields.Date.context_today(self)
        return (
            self.env["loyalty.card"]
            .sudo()
            .create(
                {
                    "program_id": self.reward_id.program_id.id,
                    "partner_id": self.partner_id.id,
                    "points": 1,
                    "expiration_date": today + datetime.timedelta(days=validity)
                    if validity > 0
                    else False,
                    "club_redemption_id": self.id,
                }
            )
        )

    def _top_up_ewallet(self):
        program = (
            self.env["loyalty.program"]
            .sudo()
            .search(
                [
                    ("program_type", "=", "ewallet"),
                    ("company_id", "in", [self.company_id.id, False]),
                ],
                limit=1,
            )
        )
        if not program:
            raise UserError(
                _("Create an eWallet program (Sales > Discount & Loyalty) first.")
            )
        card = self.env["loyalty.card"].sudo().search(
            [("program_id", "=", program.id), ("partner_id", "=", self.partner_id.id)],
            limit=1,
        ) or self.env["loyalty.card"].sudo().create(
            {"program_id": program.id, "partner_id": self.partner_id.id, "points": 0}
        )
        card.points += self.reward_id.ewallet_amount
        self._set(coupon_id=card.id)

    # ------------------------------------------------------------------
    # Cancel, deliver, expire
    # ------------------------------------------------------------------

    def action_cancel(self):
        """Cancel unused redemptions: their points come back to the member
        as new lots keeping the original expiry dates, their coupon is
        archived. A used coupon cannot be cancelled."""
        for redemption in self:
            if redemption.state in ("used", "delivered"):
                raise UserError(
                    _(
                        "%(redemption)s was already used; it cannot be cancelled.",
                        redemption=redemption.name,
                    )
                )
            if redemption.state == "confirmed":
                if redemption._coupon_used():
                    raise UserError(
                        _(
                            "The coupon of %(redemption)s was used; it cannot be "
                            "cancelled.",
                            redemption=redemption.name,
                        )
                    )
                redemption._return_points()
                redemption._withdraw_what_was_given()
                redemption.reward_id._return_to_stock()
            if redemption.state == "to_approve":
                redemption.partner_id._club_log(
                    _(
                        "%(user)s refused redemption %(name)s of %(reward)s.",
                        user=self.env.user.name,
                        name=redemption.name,
                        reward=redemption.reward_id.name,
                    )
                )
            if redemption.state in ("draft", "to_approve", "confirmed"):
                redemption._set(state="cancelled")
        return True

    def action_deliver(self):
        for redemption in self:
            if redemption.state != "confirmed" or redemption.reward_kind != "gift":
                raise UserError(_("Only a confirmed gift can be delivered."))
            redemption._set(state="delivered")
        return True

    def _coupon_used(self):
        """Whether what the redemption gave was spent: its coupon, or the
        eWallet credit it added (the member's card holds less than that)."""
        self.ensure_one()
        coupon = self.coupon_id.sudo()
        if not coupon:
            return False
        if self.reward_kind == "ewallet":
            return coupon.points < self.reward_id.ewallet_amount
        return self.reward_kind in COUPON_KINDS and coupon.points < 1

    def _withdraw_what_was_given(self):
        """Archive the redemption's coupon; for eWallet credit, take the
        credit back from the member's card, which stays theirs."""
        self.ensure_one()
        card = as_engine(self.coupon_id)
        if self.reward_kind == "ewallet":
            card.points -= self.reward_id.ewallet_amount
        else:
            card.active = False

    def _return_points(self):
        """Give back each lot the redemption took, with that lot's expiry."""
        self.ensure_one()
        moves = self.env["loyalty.club.move"]
        for allocation in self.move_id.sudo().allocation_ids:
            moves._post(
                self.partner_id,
                "earn",
                allocation.points,
                f"redemption:{self.id}:cancel:{allocation.lot_id.id}",
                company=self.company_id,
                source=self,
                description=_lt("Redemption %(name)s cancelled", name=self.name),
                expiry_date=allocation.lot_id.expiry_date,
            )

    @api.model
    def _cron_expire_coupons(self, batch_size=2000):
        """Unused coupons past their expiry: the redemption is recorded as
        expired and nothing comes back. One batch a call."""
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "confirmed"),
            ("coupon_id.expiration_date", "<", today),
            ("reward_kind", "in", list(COUPON_KINDS)),
        ]
        expired = self.sudo().search(domain, order="id", limit=batch_size)
        used = expired.filtered(lambda r: r._coupon_used())
        used._set(state="used")
        (expired - used)._set(state="expired")
        remaining = self.sudo().search_count(domain) if expired else 0
        self.env["ir.cron"]._notify_progress(done=len(expired), remaining=remaining)
        return (expired - used).with_env(self.env)

    def _day_start(self):
        """The UTC moment today began for the user, for daily caps."""
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight.astimezone(pytz.utc).replace(tzinfo=None)

    def _period_start(self, period, today):
        if period == "month":
            return today - relativedelta(months=1)
        if period == "year":
            return today - relativedelta(years=1)
        return None
