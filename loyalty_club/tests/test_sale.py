# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import LoyaltyClubCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01")
class TestSaleAccrual(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.rule"].create(
            {"name": "1 per 10", "rule_type": "amount", "points": 1, "amount_step": 10}
        )
        cls.env.company.club_pending_days = 14
        cls.product = cls.env["product.product"].create(
            {
                "name": "Saffron 5g",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
                "invoice_policy": "order",
            }
        )
        cls.entry_tier = cls.member.club_tier_id

    def _order(self, qty=3, partner=None):
        return self.env["sale.order"].create(
            {
                "partner_id": (partner or self.member).id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": qty}
                    )
                ],
            }
        )

    def test_confirming_earns_pending_points_released_after_the_return_window(self):
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.club_points, 30)
        self.assertEqual(self.member.club_points, 0)
        self.assertEqual(self.member.club_points_pending, 30)
        earning = self.member.club_move_ids
        self.assertEqual(earning.available_date, datetime.date(2026, 6, 15))
        self.assertEqual(earning.amount, 300.0)
        with freeze_time("2026-06-15"):
            self.env["loyalty.club.move"]._cron_release_pending()
        self.assertEqual(self.member.club_points, 30)

    def test_a_retried_confirmation_does_not_earn_twice(self):
        order = self._order()
        order.action_confirm()
        order._club_post_earnings()  # e.g. a retried request or a second hook
        self.assertEqual(self.member.club_points_pending, 30)
        self.assertEqual(len(self.member.club_move_ids), 1)

    def test_cancel_then_confirm_again_never_double_counts(self):
        order = self._order()
        order.action_confirm()
        order._action_cancel()
        self.assertEqual(order.club_points, 0)
        self.assertEqual(self.member.club_points_pending, 0)
        order.action_draft()
        order.action_confirm()
        self.assertEqual(order.club_points, 30)
        order._action_cancel()
        order._action_cancel()
        self.assertEqual(order.club_points, 0)
        self.assertEqual(
            sorted(self.member.club_move_ids.mapped("points")), [-30, -30, 30, 30]
        )
        self.assertLedgerConsistent(self.member)

    def test_cancelling_after_the_points_were_spent_leaves_a_debt(self):
        self.env.company.club_pending_days = 0
        order = self._order()
        order.action_confirm()
        self._post(self.member, "redeem", -25)
        order._action_cancel()
        self.assertEqual(self.member.club_points, -25)
        self.assertLedgerConsistent(self.member)

    def test_a_credit_note_takes_back_its_share(self):
        self.env.company.club_pending_days = 0
        order = self._order(qty=4)
        order.action_confirm()
        self.assertEqual(self.member.club_points, 40)
        invoice = order._create_invoices()
        invoice.action_post()
        reversal = invoice._reverse_moves()
        reversal.invoice_line_ids.quantity = 1  # one of the four is returned
        reversal.action_post()
        self.assertEqual(self.member.club_points, 30)
        self.assertEqual(order.club_points, 30)
        reversal._club_reverse_refunded_points()  # posting hooks run again
        self.assertEqual(self.member.club_points, 30)
        self.assertLedgerConsistent(self.member)

    def test_an_order_for_a_non_member_earns_nothing(self):
        stranger = self.env["res.partner"].create({"name": "Walk-in customer"})
        order = self._order(partner=stranger)
        order.action_confirm()
        self.assertEqual(order.club_points, 0)
        self.assertFalse(
            self.env["loyalty.club.move"].search(
                [("res_id", "=", order.id), ("res_model", "=", "sale.order")]
            )
        )

    def test_a_contact_of_a_member_company_earns_for_the_member(self):
        person = self.env["res.partner"].create(
            {"name": "Parisa's assistant", "parent_id": self.member.id}
        )
        self._order(partner=person).action_confirm()
        self.assertEqual(self.member.club_points_pending, 30)

    def test_an_upgrade_happens_as_soon_as_an_order_crosses_the_threshold(self):
        gold = self.env["loyalty.club.tier"].create(
            {"name": "Test Gold", "threshold": 1050.0, "earn_multiplier": 1.5}
        )
        self._order(qty=9).action_confirm()
        self.assertEqual(self.member.club_tier_id, self.entry_tier)
        self._order(qty=2).action_confirm()
        self.assertEqual(self.member.club_tier_id, gold)
        upgrade = self.member.club_tier_history_ids[0]
        self.assertRecordValues(
            upgrade,
            [
                {
                    "old_tier_id": self.entry_tier.id,
                    "new_tier_id": gold.id,
                    "reason": "upgrade",
                    "qualifying_spend": 1100.0,
                }
            ],
        )

    def test_the_referrer_earns_when_the_referred_member_first_buys(self):
        self.env["loyalty.club.rule"].create(
            {"name": "Bring a friend", "rule_type": "referral", "points": 100}
        )
        friend = self._create_member(
            "Sina Ahmadi", "09360000011", club_referrer_id=self.member.id
        )
        self._order(partner=friend).action_confirm()
        self._order(partner=friend).action_confirm()
        bonus = self.member.club_move_ids
        self.assertEqual(bonus.mapped("points"), [100], "once, not per order")
