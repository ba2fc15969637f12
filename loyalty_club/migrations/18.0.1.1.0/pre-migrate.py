# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reward stock: -1 meant "no limit"; now *Limited Stock* says whether the
stock counts, and the stock is never negative."""


def migrate(cr, version):
    cr.execute(
        "ALTER TABLE loyalty_club_reward ADD COLUMN IF NOT EXISTS stock_limited boolean"
    )
    cr.execute(
        "ALTER TABLE loyalty_club_reward "
        "DROP CONSTRAINT IF EXISTS loyalty_club_reward_stock_valid"
    )
    cr.execute(
        "UPDATE loyalty_club_reward "
        "SET stock_limited = stock >= 0, stock = GREATEST(stock, 0)"
    )
