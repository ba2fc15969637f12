# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools.jalali import persian_digits
from .common import RewardCommon


@tagged("post_install", "-at_install")
class TestRewardRedemption(RewardCommon):
    def test_redeeming_debits_the_ledger_and_issues_the_members_coupon(self):
        redemption = self._redeem()
        self.assertEqual(redemption.state, "confirmed")
        self.assertEqual(self.member.club_points, 200)
        self.assertEqual(redemption.move_id.points, -100)
        coupon = redemption.coupon_id
        self.assertEqual(coupon.partner_id, self.member)
        self.assertEqual(coupon.program_id, self.discount.program_id)
        self.assertEqual(coupon.points, 1)
        self.assertIn(
            f"Redeemed 50 off for 100 points ({redemption.name}, Back office).",
            self.member.message_ids[0].body,
        )
        self.assertEqual(
            coupon.expiration_date,
            datetime.date.today() + datetime.timedelta(days=30),
        )

    def test_club_coupon_codes_carry_66_random_bits(self):
        """``/coupon/<code>`` is public: a club coupon's code is 044 and 20
        random digits (10^20 > 2^64), not stock's 32-bit codes."""
        codes = [self._redeem().coupon_code for _i in range(3)]
        for code in codes:
            self.assertRegex(code, r"^044[0-9]{20}$")
        self.assertEqual(len(set(codes)), 3)
        cards = self.env["loyalty.card"]
        many = {cards._club_new_coupon_code() for _i in range(2000)}
        self.assertEqual(len(many), 2000)
        self.assertEqual({len(code) for code in many}, {23})
        stock_program = self.env["loyalty.program"].create(
            {"name": "Stock coupons", "program_type": "coupons"}
        )
        stock = cards.create({"program_id": stock_program.id, "points": 1})
        self.assertNotRegex(stock.code, r"^044[0-9]{20}$", "only club coupons")

    def test_the_coupon_applies_to_the_members_sale_order_and_is_used_once(self):
        redemption = self._redeem()
        order = self._order()
        self._apply(order, redemption.coupon_code)
        self.assertEqual(order.amount_total, 150.0)
        order.action_confirm()
        self.assertEqual(redemption.state, "used")
        with self.assertRaises(UserError):
            redemption.action_cancel()
        again = self._order()
        with self.assertRaises(ValidationError):
            self._apply(again, redemption.coupon_code)

    def test_a_club_coupon_applies_in_one_step_on_a_sale_order(self):
        redemption = self._redeem()
        order = self._order()
        action = (
            self.env["sale.loyalty.coupon.wizard"]
            .create({"order_id": order.id, "coupon_code": redemption.coupon_code})
            .action_apply()
        )
        # no "Available Rewards" dialog with nothing selected
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        self.assertEqual(order.amount_total, 150.0)

    def test_nobody_else_can_use_a_members_coupon(self):
        redemption = self._redeem()
        stranger = self.env["res.partner"].create({"name": "Someone else"})
        order = self._order(partner=stranger)
        with self.assertRaisesRegex(ValidationError, "belongs to another club member"):
            self._apply(order, redemption.coupon_code)
        self.assertEqual(order.amount_total, 200.0)

    def test_a_code_typed_with_persian_digits_works(self):
        redemption = self._redeem()
        order = self._order()
        self._apply(order, persian_digits(redemption.coupon_code))
        self.assertEqual(order.amount_total, 150.0)

    def test_confirming_twice_debits_once(self):
        redemption = self._redeem()
        redemption.action_confirm()
        self.assertEqual(self.member.club_points, 200)

    def test_a_redemption_above_the_balance_is_refused(self):
        dear = self.rewards.create(
            {
                "name": "Big",
                "kind": "fixed_discount",
                "points_cost": 301,
                "discount_amount": 100,
            }
        )
        with self.assertRaisesRegex(UserError, "has 300 points; this reward costs 301"):
            self._redeem(dear)
        self.assertEqual(self.member.club_points, 300)

    def test_a_cancelled_redemption_gives_its_item_back_to_the_stock(self):
        self.discount.write({"stock_limited": True, "stock": 1})
        redemption = self._redeem()
        self.assertEqual(self.discount.stock, 0)
        redemption.action_cancel()
        self.assertEqual(self.discount.stock, 1)
        self.discount.stock_limited = False
        self._redeem().action_cancel()
        self.assertEqual(self.discount.stock, 1, "an unlimited reward counts nothing")

    def test_the_last_item_cannot_be_taken_twice(self):
        """The stock is taken in SQL, not read then written: a redemption
        whose reward was emptied meanwhile (another till, another member)
        is refused instead of selling an item that is not there."""
        self.discount.write({"stock_limited": True, "stock": 1})
        self.assertEqual(self.discount.stock, 1)  # what this transaction read
        self.env.flush_all()
        # another transaction took the last item after this one read the stock
        self.env.cr.execute(
            "UPDATE loyalty_club_reward SET stock = 0 WHERE id = %s", [self.discount.id]
        )
        with self.assertRaisesRegex(UserError, "out of stock"):
            self.discount._take_from_stock()

    def test_tier_stock_and_limit_refusals(self):
        self.discount.tier_ids = self.env["loyalty.club.tier"].create({"name": "VIP"})
        with self.assertRaisesRegex(UserError, "This reward is for VIP members"):
            self._redeem()
        self.discount.tier_ids = False
        self.discount.write({"limit_per_member": 1, "stock_limited": True, "stock": 5})
        self._redeem()
        self.assertEqual(self.discount.stock, 4)
        with self.assertRaisesRegex(UserError, "already redeemed this reward 1 times"):
            self._redeem()
        self.discount.write({"limit_per_member": 0, "stock": 0})  # still limited
        with self.assertRaisesRegex(UserError, "out of stock"):
            self._redeem()

    def test_cancelling_an_unused_redemption_gives_the_points_back_with_their_expiry(
        self,
    ):
        redemption = self._redeem()
        coupon = redemption.coupon_id
        redemption.action_cancel()
        self.assertEqual(redemption.state, "cancelled")
        self.assertEqual(self.member.club_points, 300)
        self.assertFalse(coupon.active)
        returned = self.member.club_move_ids.filtered(
            lambda move: move.res_model == "loyalty.club.redemption" and move.points > 0
        )
        self.assertEqual(returned.expiry_date, datetime.date(2031, 1, 1))
        self.assertLedgerConsistent(self.member)

    def test_an_expired_unused_coupon_returns_nothing(self):
        redemption = self._redeem()
        redemption.coupon_id.sudo().expiration_date = (
            datetime.date.today() - datetime.timedelta(days=1)
        )
        self.env["loyalty.club.redemption"]._cron_expire_coupons()
        self.assertEqual(redemption.state, "expired")
        self.assertEqual(self.member.club_points, 200)

    def test_a_free_product_reward(self):
        reward = self.rewards.create(
            {
                "name": "Free tea",
                "kind": "free_product",
                "points_cost": 80,
                "product_id": self.product.id,
            }
        )
        redemption = self._redeem(reward)
        order = self._order()
        self._apply(order, redemption.coupon_code)
        free = order.order_line.filtered("is_reward_line")
        self.assertEqual(free.product_id, self.product)
        self.assertEqual(order.amount_total, 200.0, "the second tea is free")

    def test_a_gift_is_delivered_later(self):
        gift = self.rewards.create(
            {
                "name": "Mug",
                "kind": "gift",
                "points_cost": 50,
                "product_id": self.product.id,
            }
        )
        redemption = self._redeem(gift)
        self.assertFalse(redemption.coupon_id)
        redemption.action_deliver()
        self.assertEqual(redemption.state, "delivered")

    def test_ewallet_credit_tops_up_the_members_ewallet(self):
        ewallet = self.env["loyalty.program"].create(
            {"name": "eWallet", "program_type": "ewallet"}
        )
        reward = self.rewards.create(
            {
                "name": "Credit",
                "kind": "ewallet",
                "points_cost": 100,
                "ewallet_amount": 25,
            }
        )
        redemption = self._redeem(reward)
        self.assertEqual(redemption.coupon_id.program_id, ewallet)
        self.assertEqual(redemption.coupon_id.points, 25)

    def test_cancelling_ewallet_credit_takes_the_credit_back_not_the_wallet(self):
        self.env["loyalty.program"].create(
            {"name": "eWallet", "program_type": "ewallet"}
        )
        reward = self.rewards.create(
            {
                "name": "Credit",
                "kind": "ewallet",
                "points_cost": 100,
                "ewallet_amount": 25,
            }
        )
        first, second = self._redeem(reward), self._redeem(reward)
        wallet = first.coupon_id
        self.assertEqual(wallet, second.coupon_id, "one eWallet per member")
        self.assertEqual(wallet.points, 50)
        first.action_cancel()
        self.assertTrue(wallet.active, "the member keeps their eWallet")
        self.assertEqual(wallet.points, 25)
        self.assertEqual(self.member.club_points, 200)
        wallet.sudo().points = 10  # the rest of the credit was spent
        with self.assertRaisesRegex(UserError, "was used"):
            second.action_cancel()
        self.assertEqual(self.member.club_points, 200)

    def test_state_changes_only_through_the_buttons(self):
        redemption = self._redeem()
        with self.assertRaises(AccessError):
            redemption.with_user(self.club_user).write({"state": "draft"})

    def test_the_catalog_says_why_a_reward_cannot_be_redeemed(self):
        self.rewards.create(
            {
                "name": "Dear",
                "kind": "fixed_discount",
                "points_cost": 1000,
                "discount_amount": 1,
            }
        )
        catalog = {
            item["name"]: item
            for item in self.rewards.with_user(self.club_user).get_club_catalog(
                self.member.id
            )
        }
        self.assertTrue(catalog["50 off"]["redeemable"])
        self.assertFalse(catalog["Dear"]["redeemable"])
        self.assertIn("this reward costs 1000", catalog["Dear"]["reason"])

    def test_listing_the_catalog_costs_the_same_queries_for_more_rewards(self):
        vip = self.env["loyalty.club.tier"].create({"name": "VIP"})
        self._redeem()

        def add_rewards(count):
            limits = [
                {"limit_per_member": 2, "limit_period": "ever"},
                {"limit_per_member": 2, "limit_period": "month"},
                {"limit_per_member": 2, "limit_period": "year"},
                {"limit_per_day": 5},
                {"tier_ids": vip.ids},
                {"channel_sale": False},
                {"points_cost": 1000},
            ]
            self.rewards.create(
                [
                    {
                        "name": f"Extra {n}",
                        "kind": "fixed_discount",
                        "points_cost": 10 + n,
                        "discount_amount": 1,
                        **limits[n % len(limits)],
                    }
                    for n in range(count)
                ]
            )

        def count_queries():
            rewards = self.rewards.with_user(self.club_user)
            rewards.get_club_catalog(self.member.id)  # warms the rules' caches
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            catalog = rewards.get_club_catalog(self.member.id)
            return self.env.cr.sql_log_count - start, len(catalog)

        add_rewards(7)
        small, listed = count_queries()
        self.assertEqual(listed, 8)
        add_rewards(28)
        large, listed = count_queries()
        self.assertEqual(listed, 36)
        self.assertEqual(large, small)

    def test_the_redeem_button_offers_only_what_the_member_can_have(self):
        self.rewards.create(
            {
                "name": "Dear",
                "kind": "fixed_discount",
                "points_cost": 999,
                "discount_amount": 1,
            }
        )
        wizard = (
            self.env["loyalty.club.redeem"]
            .with_user(self.club_user)
            .with_context(active_model="res.partner", active_id=self.member.id)
            .create({"reward_id": self.discount.id})
        )
        self.assertEqual(wizard.available_reward_ids, self.discount)
        action = wizard.action_redeem()
        redemption = self.env["loyalty.club.redemption"].browse(action["res_id"])
        self.assertEqual(redemption.state, "confirmed")
        self.assertEqual(self.member.club_points, 200)
