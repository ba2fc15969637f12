# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A referred member's first paid order at the till earns their referrer the
referral bonus, pending for the return window; returning it takes the bonus
back in proportion."""

import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ClubPosCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestPosReferral(ClubPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.rule"].create(
            {
                "name": "Bring a friend",
                "rule_type": "referral",
                "points": 40,
                "company_id": cls.company.id,
            }
        )
        cls.friend = cls.env["res.partner"].create(
            {
                "name": "Nima Karimi",
                "mobile": "09127778899",
                "club_member": True,
                "club_referrer_id": cls.member.id,
            }
        )

    def _bonus_moves(self):
        return self._moves().filtered(
            lambda move: move.idempotency_key.startswith("referral:")
        )

    def test_the_first_paid_order_earns_the_referrer_a_pending_bonus(self):
        self.assertFalse(self._moves(), "nothing at sign-up")
        data = self._order_data([(self.tea, 2)], self.friend)
        order = self._sync(data)
        self.assertRecordValues(
            self._bonus_moves(),
            [
                {
                    "points": 40,
                    "state": "pending",
                    "available_date": datetime.date(2026, 6, 15),
                    "date": order.date_order,
                    "res_model": "res.partner",
                    "res_id": self.friend.id,
                }
            ],
        )
        self._sync(dict(data))  # the till sends it again
        self._sell([(self.saffron, 1)], self.friend)
        self.assertEqual(len(self._bonus_moves()), 1, "the first order only")
        self.assertEqual(self.friend.sudo().club_referral_order, order)
        with freeze_time("2026-06-15"):
            self.env["loyalty.club.move"]._cron_release_pending()
        self.assertEqual(self.member.club_points, 40)
        self.assertLedgerConsistent()

    def test_a_refund_of_the_first_order_takes_its_share_of_the_bonus_back(self):
        order = self._sell([(self.tea, 2)], self.friend)
        half = self._refund_data(order, {self.tea: 1})
        self._sync(half)
        self._sync(dict(half))  # synced again: taken back once
        self.assertEqual(self._bonus_moves().mapped("points"), [40, -20])
        self.assertEqual(self.member.club_points_pending, 20)
        self._sync(self._refund_data(order, {self.tea: 2}))
        bonus, *reversals = self._bonus_moves()
        self.assertEqual([move.points for move in reversals], [-20, -20])
        self.assertEqual({move.reversed_move_id for move in reversals}, {bonus})
        self.assertEqual(self.member.club_points_pending, 0, "never more than 40")
        self.assertLedgerConsistent()

    def test_a_refund_after_the_bonus_was_spent_leaves_a_debt(self):
        self.company.club_pending_days = 0
        order = self._sell([(self.tea, 1)], self.friend)
        self.assertEqual(self.member.club_points, 40)
        self.env["loyalty.club.move"]._post(
            self.member, "redeem", -30, "test:spent", company=self.company
        )
        self._sync(self._refund_data(order, {self.tea: 1}))
        self.assertEqual(self.member.club_points, -30)
        self.assertLedgerConsistent()

    def test_refunding_a_later_order_takes_nothing(self):
        self._sell([(self.tea, 1)], self.friend)
        later = self._sell([(self.saffron, 1)], self.friend)
        self._sync(self._refund_data(later, {self.saffron: 1}))
        self.assertEqual(self._bonus_moves().mapped("points"), [40])

    def test_the_till_refuses_a_referral_from_a_returning_members_mobile(self):
        former = self.env["res.partner"].create(
            {"name": "Old Account", "mobile": "09121230000", "club_member": True}
        )
        former.active = False
        result = (
            self.env["res.partner"]
            .with_user(self.cashier)
            .club_pos_enrol(
                self.config.id,
                {
                    "name": "New Account",
                    "mobile": "09121230000",
                    "referral_code": self.member.club_referral_code,
                },
            )
        )
        self.assertFalse(result["successful"])
        self.assertIn("already had a club account", result["message"])
        self.assertNotIn(self.member.name, result["message"])
        self.assertFalse(self.env["res.partner"].search([("name", "=", "New Account")]))
