# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import itertools

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

_keys = itertools.count(1)


def enter_registry_test_mode(test_class):
    """Refusals are noted on the member through a cursor of their own; in
    test mode that cursor works inside the test class's transaction."""
    test_class.registry.enter_test_mode(test_class.cr)
    test_class.addClassCleanup(test_class.registry.leave_test_mode)


class LoyaltyClubCommon(BaseCommon):
    """Users for each club role, a tier and a member, created once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        enter_registry_test_mode(cls)
        # own fixtures: the demo's earn rules (sign-up bonus…) must not count
        cls.env["loyalty.club.rule"].search([]).active = False
        cls.env["loyalty.club.auto.message"].search([]).active = False
        cls.club_user = new_test_user(
            cls.env,
            login="club_user",
            groups="loyalty_club.group_loyalty_club_user",
        )
        cls.club_manager = new_test_user(
            cls.env,
            login="club_manager",
            groups="loyalty_club.group_loyalty_club_manager",
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="club_outsider",
            groups="base.group_user",
        )
        cls.tier = cls.env["loyalty.club.tier"].create(
            {"name": "Platinum", "threshold": 10000, "earn_multiplier": 2.0}
        )
        cls.member = cls._create_member("Parisa Moradi", "09121112233")

    @classmethod
    def _create_member(cls, name, mobile=False, **values):
        return cls.env["res.partner"].create(
            {"name": name, "mobile": mobile, "club_member": True, **values}
        )

    def _post(self, partner, move_type, points, key=None, **kwargs):
        key = key or f"test:{next(_keys)}"
        return self.env["loyalty.club.move"]._post(
            partner, move_type, points, key, **kwargs
        )

    def assertLedgerConsistent(self, partner):
        """The stored balance is the ledger's, and the open lots hold it."""
        partner.invalidate_recordset(["club_points"])
        self.assertFalse(self.env["loyalty.club.move"]._check_balances(partner))
        lots = self.env["loyalty.club.move"].search(
            [("partner_id", "=", partner.id), ("state", "=", "posted")]
        )
        self.assertEqual(sum(lots.mapped("remaining")), max(partner.club_points, 0))


class RewardCommon(LoyaltyClubCommon):
    """A catalog of one 50-off reward and a member holding 300 points."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rewards = cls.env["loyalty.club.reward"]
        cls.rewards.search([]).active = False  # the demo catalog
        cls.discount = cls.rewards.create(
            {
                "name": "50 off",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
                "coupon_validity_days": 30,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Tea 500g", "list_price": 200.0, "taxes_id": [Command.clear()]}
        )
        cls.lot = cls.env["loyalty.club.move"]._post(
            cls.member,
            "earn",
            300,
            "reward-setup",
            expiry_date=datetime.date(2031, 1, 1),
        )

    def _redeem(self, reward=None, user=None, partner=None):
        redemption = (
            self.env["loyalty.club.redemption"]
            .with_user(user or self.club_user)
            .create(
                {
                    "partner_id": (partner or self.member).id,
                    "reward_id": (reward or self.discount).id,
                }
            )
        )
        redemption.action_confirm()
        return redemption

    def _order(self, partner=None):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.member).id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )

    def _apply(self, order, code):
        """The salesperson's path: enter the code (a club coupon applies its
        reward at once), else pick the reward."""
        action = (
            self.env["sale.loyalty.coupon.wizard"]
            .create({"order_id": order.id, "coupon_code": code})
            .action_apply()
        )
        if action.get("type") == "ir.actions.act_window_close":
            return
        context = action["context"]
        self.env["sale.loyalty.reward.wizard"].with_context(
            active_id=context["active_id"]
        ).create(
            {"selected_reward_id": context["default_reward_ids"][0]}
        ).action_apply()
