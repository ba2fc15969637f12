# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _lt, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft)
        posted.filtered(
            lambda move: move.move_type == "out_refund"
        )._club_reverse_refunded_points()
        return posted

    def _club_reverse_refunded_points(self):
        """A credit note takes back the share of each order's points that it
        refunds (posting the same credit note twice takes nothing more)."""
        for refund in self:
            refunded = defaultdict(float)
            for line in refund.invoice_line_ids:
                for order in line.sale_line_ids.order_id:
                    refunded[order] += refund.currency_id._convert(
                        line.price_total,
                        order.company_id.currency_id,
                        order.company_id,
                        refund.invoice_date or refund.date,
                    )
            for order, amount in refunded.items():
                refund._club_reverse_order_points(order, amount)
                refund._club_reverse_referral(order, amount)

    def _club_reverse_order_points(self, order, amount):
        self.ensure_one()
        earning = order._club_moves("earn")[:1]
        if not earning.amount:
            return
        order._club_reverse(
            _lt("Credit note %(refund)s", refund=self.name),
            "refund",
            share=min(amount / earning.amount, 1.0),
            key=f"account.move:{self.id}:order:{order.id}",
        )

    def _club_reverse_referral(self, order, amount):
        """The share of the referral bonus of ``order`` (a referred member's
        first order) that this credit note refunds."""
        self.ensure_one()
        paid = sum(paid for __, paid in order._club_paid_lines())
        if paid <= 0:
            return
        self.env["res.partner"]._club_take_back_referral(
            order, self, f"account.move:{self.id}", share=min(amount / paid, 1.0)
        )
