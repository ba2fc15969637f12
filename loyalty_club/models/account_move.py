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
                earning = order._club_moves("earn")[:1]
                if not earning.amount:
                    continue
                order._club_reverse(
                    _lt("Credit note %(refund)s", refund=refund.name),
                    "refund",
                    share=min(amount / earning.amount, 1.0),
                    key=f"account.move:{refund.id}:order:{order.id}",
                )
