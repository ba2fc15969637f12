# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fraud and mistakes: daily caps, manager approval, and the member's
chatter telling what the club refused or approved them."""

import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RewardCommon


@tagged("post_install", "-at_install")
class TestRedemptionControls(RewardCommon):
    def _notes(self, partner=None):
        partner = partner or self.member
        partner.invalidate_recordset(["message_ids"])
        return [message.body for message in partner.sudo().message_ids]

    def _refused(self, reward=None, user=None, partner=None):
        """The refusal's text. No assertRaises: its savepoint would also roll
        back the note that test mode writes inside the test's transaction."""
        try:
            self._redeem(reward, user=user, partner=partner)
        except UserError as error:
            return error.args[0]
        self.fail("the redemption was not refused")

    def test_a_member_redeems_at_most_the_daily_limit(self):
        self.env.company.club_redemption_daily_limit = 1
        self._redeem()
        self.assertIn("already redeemed 1 rewards today", self._refused())
        self.assertEqual(self.member.club_points, 200)
        catalog = self.rewards.get_club_catalog(self.member.id)
        self.assertIn("rewards today", catalog[0]["reason"])
        # cancelled redemptions give the day's turn back
        self.member.club_redemption_ids.action_cancel()
        self._redeem()

    def test_a_reward_limited_per_day_for_the_whole_club(self):
        self.discount.limit_per_day = 1
        other = self._create_member("Omid Karimi", "09187654321")
        self._post(other, "earn", 500, expiry_date=datetime.date(2031, 1, 1))
        self._redeem()
        self.assertIn("all taken", self._refused(partner=other))
        self.assertEqual(other.club_points, 500)

    def test_a_big_redemption_waits_for_a_manager(self):
        self.env.company.club_redemption_approval_points = 50
        redemption = self._redeem()
        self.assertEqual(redemption.state, "to_approve")
        self.assertEqual(self.member.club_points, 300, "nothing spent yet")
        self.assertFalse(redemption.coupon_id)
        self.assertIn("asked a club manager to approve", self._notes()[0])
        with self.assertRaises(AccessError):
            redemption.with_user(self.club_user).action_approve()

        redemption.with_user(self.club_manager).action_approve()
        self.assertEqual(redemption.state, "confirmed")
        self.assertEqual(redemption.approved_by_id, self.club_manager)
        self.assertEqual(self.member.club_points, 200)
        self.assertTrue(redemption.coupon_id)
        self.assertIn("approved redemption", self._notes()[0])

    def test_a_manager_redeems_above_the_threshold_at_once(self):
        self.env.company.club_redemption_approval_points = 50
        redemption = self._redeem(user=self.club_manager)
        self.assertEqual(redemption.state, "confirmed")
        self.assertEqual(redemption.approved_by_id, self.club_manager)

    def test_small_redemptions_need_no_approval(self):
        self.env.company.club_redemption_approval_points = 100
        self.assertEqual(self._redeem().state, "confirmed")

    def test_refusing_a_waiting_redemption_spends_nothing(self):
        self.env.company.club_redemption_approval_points = 50
        redemption = self._redeem()
        redemption.with_user(self.club_manager).action_cancel()
        self.assertEqual(redemption.state, "cancelled")
        self.assertEqual(self.member.club_points, 300)
        self.assertIn("refused redemption", self._notes()[0])

    def test_approval_checks_the_balance_again(self):
        self.env.company.club_redemption_approval_points = 50
        redemption = self._redeem()
        self._post(self.member, "redeem", -250)
        with self.assertRaisesRegex(UserError, "has 50 points"):
            redemption.with_user(self.club_manager).action_approve()

    def test_a_waiting_redemption_does_not_count_against_itself(self):
        self.env.company.club_redemption_approval_points = 50
        self.discount.limit_per_member = 1
        redemption = self._redeem()
        redemption.with_user(self.club_manager).action_approve()
        self.assertEqual(redemption.state, "confirmed")

    def test_every_refusal_is_noted_on_the_member(self):
        self.discount.tier_ids = self.env["loyalty.club.tier"].create({"name": "VIP"})
        reason = self._refused()
        self.assertIn("This reward is for VIP members", reason)
        note = self._notes()[0]
        self.assertIn("Redemption of 50 off refused (Back office)", note)
        self.assertIn("VIP", note)

    def test_a_coupon_refused_to_someone_else_is_noted_on_its_owner(self):
        redemption = self._redeem()
        stranger = self.env["res.partner"].create({"name": "Someone else"})
        order = self._order(partner=stranger)
        result = order._try_apply_code(redemption.coupon_code)
        self.assertIn("belongs to another club member", result["error"])
        note = self._notes()[0]
        self.assertIn(f"Coupon {redemption.coupon_code} was refused", note)
        self.assertIn("Someone else", note)
        self.assertIn(order.name, note)

    def test_the_public_user_is_asked_to_sign_in(self):
        redemption = self._redeem()
        public = self.env.ref("base.public_partner")
        order = self._order(partner=public)
        result = order._try_apply_code(redemption.coupon_code)
        self.assertIn("sign in as its owner", result["error"])

    def test_a_reward_not_sold_in_sales_orders_is_not_applied_there(self):
        self.discount.channel_sale = False
        self.assertFalse(self.discount.program_id.sale_ok)
        self.discount.channel_sale = True
        redemption = self._redeem()
        self.discount.channel_sale = False
        with self.assertRaises(ValidationError):
            self._apply(self._order(), redemption.coupon_code)
