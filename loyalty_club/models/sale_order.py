# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import _lt, api, fields, models

from ..tools.normalize import normalize_text


class SaleOrder(models.Model):
    """Sale orders earn points when confirmed, pending for the return window;
    cancelling takes them back, credit notes take back their share. A
    referred member's first order earns their referrer the referral bonus,
    taken back the same way."""

    _inherit = "sale.order"

    club_points = fields.Integer(
        compute="_compute_club_points",
        help="Points this order earned its customer, net of what was taken back.",
    )

    def _compute_club_points(self):
        net = self._club_net_by_order()
        for order in self:
            order.club_points = net.get(order.id, (0, 0.0))[0]

    def _action_confirm(self):
        result = super()._action_confirm()
        self._club_post_earnings()
        self.order_line.coupon_id.club_redemption_id.filtered(
            lambda redemption: redemption.state == "confirmed"
        ).sudo()._set(state="used")
        return result

    def _try_apply_code(self, code):
        """Club coupons only for their owner; codes typed with Persian or
        Arabic digits work."""
        code = normalize_text(code or "")
        coupon = self.env["loyalty.card"].sudo()._club_find_by_code(code)
        refusal = coupon and coupon._club_refusal_for(self.partner_id, self.name)
        if refusal:
            return {"error": refusal}
        return super()._try_apply_code(code)

    def _action_cancel(self):
        result = super()._action_cancel()
        self._club_reverse(_lt("Order cancelled"), "cancel")
        for order in self:
            self.env["res.partner"]._club_take_back_referral(order, order, "cancel")
        return result

    def action_view_club_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty_club.loyalty_club_move_action"
        )
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Points of an order
    # ------------------------------------------------------------------

    def _club_member(self):
        """The club member who earns on this order, if any."""
        self.ensure_one()
        for partner in (self.partner_id, self.partner_id.commercial_partner_id):
            if partner.club_member:
                return partner
        return self.env["res.partner"]

    def _club_channel(self):
        """Which channel's rules apply; the website addon says which orders
        are the web shop's."""
        self.ensure_one()
        return "sale"

    def _club_paid_lines(self):
        """``[(product, amount)]``: what the customer really pays for each
        product line, tax included, in the company currency. Rewards and
        coupons are spread over the lines they discount, so that they earn
        nothing."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: (
                not line.display_type
                and not line.is_downpayment
                and not line.is_reward_line
            )
        )
        gross = sum(lines.mapped("price_total"))
        if gross <= 0:
            return []
        discounts = sum(
            self.order_line.filtered("is_reward_line").mapped("price_total")
        )
        share = max(gross + discounts, 0.0) / gross
        company = self.company_id
        date = self.date_order or fields.Datetime.now()
        return [
            (
                line.product_id,
                self.currency_id._convert(
                    line.price_total * share, company.currency_id, company, date
                ),
            )
            for line in lines
        ]

    def _club_moves(self, move_type):
        """This order's ledger moves of one kind, newest first."""
        self.ensure_one()
        return (
            self.env["loyalty.club.move"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("move_type", "=", move_type),
                ],
                order="id desc",
            )
        )

    @api.model
    def _club_net_by_order(self, orders=None):
        """``{order id: (net points, net amount)}`` from the ledger: what the
        orders earned minus what was taken back."""
        orders = self if orders is None else orders
        groups = (
            self.env["loyalty.club.move"]
            .sudo()
            ._read_group(
                [("res_model", "=", "sale.order"), ("res_id", "in", orders.ids)],
                ["res_id"],
                ["points:sum", "amount:sum"],
            )
        )
        return {res_id: (points, amount) for res_id, points, amount in groups}

    def _club_post_earnings(self):
        moves = self.env["loyalty.club.move"]
        net = self._club_net_by_order()
        earned_before = dict(
            moves.sudo()._read_group(
                [
                    ("res_model", "=", "sale.order"),
                    ("res_id", "in", self.ids),
                    ("move_type", "=", "earn"),
                ],
                ["res_id"],
                ["__count"],
            )
        )
        for order in self:
            member = order._club_member()
            if not member or net.get(order.id, (0, 0))[0] > 0:
                continue  # no member, or already earned and not taken back
            order._club_post_earning(member, earned_before.get(order.id, 0) + 1)

    def _club_post_earning(self, member, cycle):
        """The member's points on this order, then their referrer's bonus
        if this is the member's first order (even one earning no points)."""
        self.ensure_one()
        lines = self._club_paid_lines()
        today = fields.Date.context_today(self)
        points = self.env["loyalty.club.rule"]._compute_order_points(
            member, self._club_channel(), lines, self.company_id, today
        )
        if points > 0:
            self._club_post_order_points(member, cycle, points, lines, today)
        if sum(amount for __, amount in lines) > 0:
            member._club_reward_referrer(self, fields.Datetime.now())

    def _club_post_order_points(self, member, cycle, points, lines, today):
        self.ensure_one()
        company = self.company_id
        pending_days = company.club_pending_days
        move = self.env["loyalty.club.move"]._post(
            member,
            "earn",
            points,
            f"sale.order:{self.id}:earn:{cycle}",
            company=company,
            source=self,
            description=_lt("Order %(order)s", order=self.name),
            amount=sum(amount for __, amount in lines),
            available_date=today + datetime.timedelta(days=pending_days)
            if pending_days > 0
            else None,
        )
        member._club_update_tier_after_earning()
        self.env["loyalty.club.auto.message"]._notify(
            "points_earned", member, f"earn:{move.id}"
        )
        return move

    def _club_reverse(self, description, reason, share=None, key=None):
        """Take back points of each order: all it still holds, or ``share``
        (0..1) of what it earned, never more than it still holds."""
        net = self._club_net_by_order()
        for order in self:
            held = net.get(order.id, (0, 0.0))[0]
            if held <= 0:
                continue
            earning = order._club_moves("earn")[:1]
            taken = held if share is None else min(round(earning.points * share), held)
            if taken <= 0:
                continue
            reversals = len(order._club_moves("reverse"))
            self.env["loyalty.club.move"]._post(
                earning.partner_id,
                "reverse",
                -taken,
                key or f"sale.order:{order.id}:{reason}:{reversals + 1}",
                company=order.company_id,
                source=order,
                description=description,
                amount=-earning.amount * taken / earning.points,
                reversed_move=earning,
            )
