# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """Rewards created before the shop was installed: say which of their
    coupon programs the web shop may apply."""
    env["loyalty.club.reward"].with_context(active_test=False).search(
        []
    )._sync_program()
