# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Redeeming at the till through the engine, by a cashier without club
rights, and cancelling when the order is cancelled or emptied."""

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ClubPosCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestPosRedeem(ClubPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._post(cls.member, 300, "till-redeem-setup")
        cls.discount = cls._create_discount_reward()
        cls.redemptions = cls.env["loyalty.club.redemption"].with_user(cls.cashier)

    def _redeem(self, reward=None, partner=None):
        return self.redemptions.club_pos_redeem(
            self.pos_session.id,
            (partner or self.member).id,
            (reward or self.discount).id,
        )

    def _cancel(self, redemption_id, session=None):
        return self.redemptions.club_pos_cancel(
            (session or self.pos_session).id, redemption_id
        )

    def test_the_catalog_of_the_orders_customer(self):
        self.env["loyalty.club.reward"].create(
            {
                "name": "Grand prize",
                "kind": "fixed_discount",
                "points_cost": 1000,
                "discount_amount": 500.0,
            }
        )
        catalog = {
            item["name"]: item
            for item in self.env["loyalty.club.reward"]
            .with_user(self.cashier)
            .get_club_catalog(self.member.id, "pos")
        }
        self.assertTrue(catalog["50 off"]["redeemable"])
        self.assertFalse(catalog["Grand prize"]["redeemable"])
        self.assertIn("has 300 points", catalog["Grand prize"]["reason"])

    def _till_catalog(self, partner=None):
        return {
            item["name"]: item
            for item in self.env["loyalty.club.reward"]
            .with_user(self.cashier)
            .club_pos_catalog(self.config.id, (partner or self.member).id)
        }

    def test_the_tills_catalog_says_what_needs_a_managers_approval(self):
        self.company.club_redemption_approval_points = 150
        self.env["loyalty.club.reward"].create(
            {
                "name": "Hamper",
                "kind": "fixed_discount",
                "points_cost": 200,
                "discount_amount": 90.0,
            }
        )
        catalog = self._till_catalog()
        self.assertTrue(catalog["50 off"]["redeemable"])
        self.assertFalse(catalog["Hamper"]["redeemable"])
        self.assertIn("club manager's approval", catalog["Hamper"]["reason"])
        hamper = self.env["loyalty.club.reward"].browse(catalog["Hamper"]["id"])
        self.assertFalse(self._redeem(hamper)["successful"])

    def test_the_tills_catalog_is_its_own_shops_for_its_own_members(self):
        other_member = self._create_other_company_member("Neda Other")
        self.env["loyalty.club.reward"].create(
            {
                "name": "Other shop's gift",
                "kind": "fixed_discount",
                "points_cost": 10,
                "discount_amount": 5.0,
                "company_id": self.other_company.id,
            }
        )
        self.assertNotIn("Other shop's gift", self._till_catalog())
        with self.assertRaises(UserError):
            self._till_catalog(other_member)

    def test_a_cashier_redeems_and_the_till_applies_the_coupon(self):
        result = self._redeem()
        self.assertTrue(result["successful"], result.get("message"))
        redemption = self.env["loyalty.club.redemption"].browse(result["redemption_id"])
        self.assertRecordValues(
            redemption,
            [
                {
                    "state": "confirmed",
                    "channel": "pos",
                    "points": 100,
                    "pos_session_id": self.pos_session.id,
                    "partner_id": self.member.id,
                }
            ],
        )
        self.assertEqual(result["coupon_code"], redemption.coupon_code)
        self.assertEqual(result["program_id"], self.discount.program_id.id)
        self.assertEqual(
            result["native_reward_id"], self.discount.program_id.reward_ids.id
        )
        self.assertEqual(result["balance"], 200)
        self.assertEqual(result["data"]["res.partner"][0]["club_points"], 200)
        self.assertEqual(
            [card["id"] for card in result["data"]["loyalty.card"]],
            [redemption.coupon_id.id],
        )
        # the till applies it with its own "Enter Code"
        applied = self.config.with_user(self.cashier).use_coupon_code(
            result["coupon_code"],
            fields.Datetime.to_string(fields.Datetime.now()),
            self.member.id,
            self.config.pricelist_id.id,
        )
        self.assertTrue(applied["successful"], applied)

    def test_what_the_engine_refuses_comes_back_as_a_message(self):
        expensive = self.env["loyalty.club.reward"].create(
            {
                "name": "Grand prize",
                "kind": "fixed_discount",
                "points_cost": 1000,
                "discount_amount": 500.0,
            }
        )
        redemptions = self.env["loyalty.club.redemption"].search_count([])
        result = self._redeem(expensive)
        self.assertFalse(result["successful"])
        self.assertIn("has 300 points", result["message"])
        self.assertEqual(
            self.env["loyalty.club.redemption"].search_count([]), redemptions
        )
        self.assertEqual(self.member.club_points, 300)
        self.member.invalidate_recordset(["message_ids"])
        self.assertIn("refused", self.member.message_ids[0].body)
        # stock and caps apply too
        self.discount.write({"stock_limited": True, "stock": 0})
        self.assertIn("out of stock", self._redeem()["message"])
        self.discount.write({"stock_limited": False, "limit_per_member": 1})
        self.assertTrue(self._redeem()["successful"])
        self.assertIn("already redeemed", self._redeem()["message"])

    def test_a_redemption_needing_approval_is_refused_at_the_till(self):
        self.company.club_redemption_approval_points = 50
        result = self._redeem()
        self.assertFalse(result["successful"])
        self.assertIn("needs a club manager's approval", result["message"])
        self.assertEqual(self.member.club_points, 300)
        self.assertFalse(
            self.env["loyalty.club.redemption"].search(
                [("partner_id", "=", self.member.id)]
            )
        )
        # a club manager at the till approves it by redeeming
        manager = self.env["loyalty.club.redemption"].club_pos_redeem(
            self.pos_session.id, self.member.id, self.discount.id
        )
        self.assertTrue(manager["successful"])
        redemption = self.env["loyalty.club.redemption"].browse(
            manager["redemption_id"]
        )
        self.assertEqual(redemption.approved_by_id, self.env.user)

    def test_cancelling_gives_the_points_back_once(self):
        result = self._redeem()
        redemption = self.env["loyalty.club.redemption"].browse(result["redemption_id"])
        coupon = redemption.coupon_id
        cancelled = self._cancel(redemption.id)
        self.assertTrue(cancelled["successful"])
        self.assertEqual(cancelled["coupon_id"], coupon.id)
        self.assertEqual(cancelled["balance"], 300)
        self.assertEqual(redemption.state, "cancelled")
        self.assertFalse(coupon.active)
        self.assertFalse(cancelled["data"]["loyalty.card"])
        again = self._cancel(redemption.id)
        self.assertTrue(again["successful"])
        self.assertEqual(self.member.club_points, 300)
        self.assertLedgerConsistent()

    def test_a_coupon_spent_on_a_paid_order_cannot_be_cancelled(self):
        result = self._redeem()
        redemption = self.env["loyalty.club.redemption"].browse(result["redemption_id"])
        order = self._sync(
            self._order_data(
                [(self.tea, 1)],
                self.member,
                extra_lines=[
                    self._reward_line(self.discount, -50.0, redemption.coupon_id)
                ],
            )
        )
        self.assertEqual(order.state, "paid")
        # the order's coupon bookkeeping (confirm_coupon_programs) never came
        self.assertEqual(redemption.coupon_id.points, 1)
        self.assertEqual(redemption.state, "used")
        refused = self._cancel(redemption.id)
        self.assertFalse(refused["successful"])
        self.assertIn("already used", refused["message"])
        self.assertEqual(self.member.club_points, 200)

    def test_only_this_sessions_redemptions_are_cancelled_here(self):
        back_office = self.env["loyalty.club.redemption"].create(
            {"partner_id": self.member.id, "reward_id": self.discount.id}
        )
        back_office.action_confirm()
        with self.assertRaises(AccessError):
            self._cancel(back_office.id)
        other_config = self.other_currency_config
        other_config.open_ui()
        other_session = other_config.current_session_id
        other_session.set_opening_control(0, None)
        result = self.redemptions.club_pos_redeem(
            other_session.id, self.member.id, self.discount.id
        )
        with self.assertRaises(AccessError):
            self._cancel(result["redemption_id"])
        self.assertEqual(back_office.state, "confirmed")
        self.assertTrue(
            self._cancel(result["redemption_id"], other_session)["successful"]
        )
