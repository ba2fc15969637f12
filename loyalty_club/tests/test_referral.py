# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LoyaltyClubCommon


class ReferralCommon(LoyaltyClubCommon):
    """A referral rule of 100 points, 1 point per 10 spent, a 14-day return
    window; ``member`` is the referrer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rules = cls.env["loyalty.club.rule"]
        rules.create(
            {"name": "1 per 10", "rule_type": "amount", "points": 1, "amount_step": 10}
        )
        cls.referral_rule = rules.create(
            {"name": "Bring a friend", "rule_type": "referral", "points": 100}
        )
        cls.env.company.club_pending_days = 14
        cls.env.company.club_referral_monthly_cap = 0
        cls.product = cls.env["product.product"].create(
            {
                "name": "Saffron 5g",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
                "invoice_policy": "order",
            }
        )

    def _friend(self, name="Sina Ahmadi", mobile="09360000011", **values):
        return self._create_member(
            name, mobile, club_referrer_id=self.member.id, **values
        )

    def _order(self, partner, qty=3):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": qty}
                    )
                ],
            }
        )

    def _buy(self, partner, qty=3):
        order = self._order(partner, qty)
        order.action_confirm()
        return order

    def _bonuses(self, referrer=None):
        return self.env["loyalty.club.move"].search(
            [
                ("partner_id", "=", (referrer or self.member).id),
                ("idempotency_key", "=like", "referral:%"),
            ],
            order="id",
        )

    def _notes(self, partner):
        partner.invalidate_recordset(["message_ids"])
        return partner.message_ids.filtered(
            lambda m: "No referral bonus" in (m.body or "")
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestReferralBonus(ReferralCommon):
    def test_the_bonus_waits_for_the_friends_first_order_not_the_signup(self):
        self.env["loyalty.club.rule"].create(
            {"name": "Welcome", "rule_type": "signup", "points": 20}
        )
        friend = self._friend()
        self.assertEqual(friend.club_points, 20, "the friend's own sign-up bonus")
        self.assertFalse(self._bonuses(), "nothing for the referrer at sign-up")
        order = self._buy(friend)
        bonus = self._bonuses()
        self.assertRecordValues(
            bonus,
            [
                {
                    "points": 100,
                    "state": "pending",
                    "available_date": datetime.date(2026, 6, 15),
                    "idempotency_key": f"referral:{self.member.id}:{friend.id}",
                    "res_model": "res.partner",
                    "res_id": friend.id,
                    "amount": 0.0,
                }
            ],
        )
        self.assertEqual(friend.club_referral_order, order)
        self.assertEqual(self.member.club_points, 0)
        self.assertEqual(self.member.club_points_pending, 100)
        self.assertEqual(order.club_points, 30, "the bonus is not the order's")

    def test_the_second_order_earns_the_referrer_nothing(self):
        friend = self._friend()
        first = self._buy(friend)
        self._buy(friend, qty=5)
        self.assertEqual(self._bonuses().mapped("points"), [100])
        self.assertEqual(friend.club_referral_order, first)

    def test_the_cron_releases_the_bonus_when_the_return_window_ends(self):
        self._buy(self._friend())
        moves = self.env["loyalty.club.move"]
        with freeze_time("2026-06-14"):
            moves._cron_release_pending()
        self.assertEqual(self.member.club_points, 0)
        with freeze_time("2026-06-15"):
            moves._cron_release_pending()
        self.assertEqual(self._bonuses().state, "posted")
        self.assertEqual(self.member.club_points, 100)
        self.assertLedgerConsistent(self.member)

    def test_without_a_return_window_the_bonus_is_spendable_at_once(self):
        self.env.company.club_pending_days = 0
        self._buy(self._friend())
        self.assertEqual(self.member.club_points, 100)

    def test_a_first_order_that_costs_nothing_is_not_the_first_order(self):
        friend = self._friend()
        self._buy(friend, qty=0)
        self.assertFalse(self._bonuses())
        self.assertFalse(friend.club_referral_order)
        self._buy(friend)
        self.assertEqual(self._bonuses().points, 100)

    def test_a_first_order_earning_the_friend_no_points_still_counts(self):
        self.env["loyalty.club.rule"].search(
            [("rule_type", "=", "amount")]
        ).active = False
        friend = self._friend()
        self._buy(friend)
        self.assertFalse(friend.club_move_ids)
        self.assertEqual(self._bonuses().points, 100)

    def test_the_referrers_tier_rules_decide_the_bonus(self):
        self.referral_rule.tier_ids = self.tier
        friend = self._friend()
        self._buy(friend)
        self.assertFalse(self._bonuses(), "the referrer is not Platinum")
        self.assertTrue(friend.club_referral_order, "the first order was spent")

    def test_confirming_again_or_replaying_posts_once(self):
        friend = self._friend()
        order = self._buy(friend)
        order._club_post_earnings()
        friend._club_reward_referrer(order, datetime.datetime(2026, 6, 1, 8))
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        self.assertEqual(self._bonuses().mapped("points"), [100, -100])
        self.assertEqual(self.member.club_points_pending, 0)
        self.assertLedgerConsistent(self.member)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestReferralTakenBack(ReferralCommon):
    def test_cancelling_the_first_order_takes_the_pending_bonus_back(self):
        friend = self._friend()
        order = self._buy(friend)
        order._action_cancel()
        reversal = self._bonuses()[1:]
        self.assertRecordValues(
            reversal,
            [
                {
                    "move_type": "reverse",
                    "points": -100,
                    "state": "pending",
                    "reversed_move_id": self._bonuses()[0].id,
                    "idempotency_key": (
                        f"referral:{self.member.id}:{friend.id}:cancel"
                    ),
                }
            ],
        )
        self.assertEqual(self.member.club_points_pending, 0)
        with freeze_time("2026-06-15"):
            self.env["loyalty.club.move"]._cron_release_pending()
        self.assertEqual(self.member.club_points, 0)
        self.assertLedgerConsistent(self.member)

    def test_the_next_order_does_not_bring_a_cancelled_bonus_back(self):
        friend = self._friend()
        self._buy(friend)._action_cancel()
        self._buy(friend)
        self.assertEqual(self._bonuses().mapped("points"), [100, -100])

    def test_a_bonus_already_spent_leaves_a_debt(self):
        self.env.company.club_pending_days = 0
        order = self._buy(self._friend())
        self._post(self.member, "redeem", -80)
        order._action_cancel()
        self.assertEqual(self.member.club_points, -80)
        self.env["res.partner"]._club_take_back_referral(order, order, "cancel")
        self.assertEqual(self.member.club_points, -80, "taken back once")
        self.assertLedgerConsistent(self.member)

    def test_a_credit_note_takes_back_its_share_never_more_than_the_bonus(self):
        self.env.company.club_pending_days = 0
        order = self._buy(self._friend(), qty=4)
        invoice = order._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves()
        refund.invoice_line_ids.quantity = 1  # one of the four is returned
        refund.action_post()
        self.assertEqual(self.member.club_points, 75)
        refund._club_reverse_refunded_points()  # posting hooks run again
        self.assertEqual(self.member.club_points, 75)
        full = invoice._reverse_moves()  # then all four, once more
        full.action_post()
        self.assertEqual(self.member.club_points, 0, "at most what was credited")
        self.assertEqual(self._bonuses().mapped("points"), [100, -25, -75])
        self.assertLedgerConsistent(self.member)

    def test_another_orders_cancellation_takes_nothing(self):
        friend = self._friend()
        self._buy(friend)
        self._buy(friend)._action_cancel()
        self.assertEqual(self._bonuses().mapped("points"), [100])


@tagged("post_install", "-at_install")
class TestReferralMonthlyCap(ReferralCommon):
    def test_the_cap_counts_bonuses_in_the_jalali_month(self):
        self.env.company.club_referral_monthly_cap = 1
        friends = [self._friend(f"Friend {n}", f"0936000002{n}") for n in range(4)]
        with freeze_time("2026-06-21 12:00:00"):  # 31 Khordad 1405
            self._buy(friends[0])
        with freeze_time("2026-06-22 12:00:00"):  # 1 Tir: a new month
            self._buy(friends[1])
        with freeze_time("2026-07-10 12:00:00"):  # still Tir: over the cap
            self._buy(friends[2])
        with freeze_time("2026-07-23 12:00:00"):  # 1 Mordad
            self._buy(friends[3])
        self.assertEqual(
            self._bonuses().mapped("res_id"),
            [friends[0].id, friends[1].id, friends[3].id],
        )
        note = self._notes(self.member)
        self.assertEqual(len(note), 1)
        self.assertIn("Friend 2", note.body)
        self.assertIn("limit of 1 referral bonuses a month", note.body)

    @freeze_time("2026-06-01 08:00:00")
    def test_a_bonus_taken_back_still_counts_and_zero_means_no_cap(self):
        self.env.company.club_referral_monthly_cap = 2
        friends = [self._friend(f"Friend {n}", f"0936000003{n}") for n in range(4)]
        self._buy(friends[0])._action_cancel()
        self._buy(friends[1])
        self._buy(friends[2])
        self.assertEqual(self._bonuses().mapped("points"), [100, -100, 100])
        self.env.company.club_referral_monthly_cap = 0
        self._buy(friends[3])
        self.assertEqual(self._bonuses().mapped("points"), [100, -100, 100, 100])


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestReferralAbuse(ReferralCommon):
    def test_a_member_cannot_refer_themselves(self):
        with self.assertRaisesRegex(ValidationError, "cannot refer themselves"):
            self.member.sudo().write({"club_referrer_id": self.member.id})

    def test_a_member_cannot_refer_someone_of_their_own_company(self):
        shop = self._create_member("Rahimi Trading")
        shop.is_company = True
        with self.assertRaisesRegex(ValidationError, "own company"):
            self._create_member(
                "Ali Rahimi",
                "09360000041",
                parent_id=shop.id,
                club_referrer_id=shop.id,
            )

    def test_a_member_cannot_refer_their_own_mobile(self):
        contact = self.env["res.partner"].create(
            {"name": "Parisa's second account", "phone": "+98 912 111 2233"}
        )
        with self.assertRaisesRegex(ValidationError, "their own mobile"):
            contact.sudo().write({"club_referrer_id": self.member.id})
        with self.assertRaises(ValidationError):
            self._friend(mobile="۰۹۱۲۱۱۱۲۲۳۳")

    def test_a_second_account_with_the_mobile_of_a_former_member(self):
        former = self._create_member("Sina Old", "09360000011")
        former.active = False
        with self.assertRaisesRegex(ValidationError, "already had a club account"):
            self._friend(mobile="09360000011")
        self.assertFalse(self._bonuses())

    def test_an_existing_member_cannot_be_referred(self):
        existing = self._create_member("Old Member", "09360000051")
        with self.assertRaisesRegex(ValidationError, "not an existing member"):
            existing.sudo().write({"club_referrer_id": self.member.id})

    def test_a_manager_may_link_a_member_but_earlier_buyers_earn_nothing(self):
        newcomer = self._create_member("Newcomer", "09360000061")
        buyer = self._create_member("Buyer", "09360000062")
        self._buy(buyer)
        for partner in newcomer | buyer:
            partner.with_user(self.club_manager).write(
                {"club_referrer_id": self.member.id}
            )
        self._buy(newcomer)
        self._buy(buyer)
        self.assertEqual(self._bonuses().mapped("res_id"), [newcomer.id])
        note = self._notes(self.member)
        self.assertEqual(len(note), 1)
        self.assertIn("Buyer", note.body)
        self.assertIn("had bought before", note.body)

    def test_the_order_checks_the_referral_again(self):
        shop = self._create_member("Moradi Store", "09360000071")
        shop.is_company = True
        friend = self._create_member("Neda", "09360000072", club_referrer_id=shop.id)
        friend.parent_id = shop  # then she joins the referrer's company
        self._buy(friend)
        self.assertFalse(self._bonuses(shop))
        note = self._notes(shop)
        self.assertIn("own company", note.body)
        self.assertTrue(friend.club_referral_order, "her first order was spent")

    def test_a_referrer_who_left_the_club_earns_nothing(self):
        friend = self._friend()
        self.member.club_member = False
        self._buy(friend)
        self.assertFalse(self._bonuses())
        self.assertIn("Only a club member can refer", self._notes(self.member).body)
