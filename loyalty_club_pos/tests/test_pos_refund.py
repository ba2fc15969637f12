# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""POS refunds (lines with ``refunded_orderline_id``, from the till or the
back office) take back the points of the lines they return."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ClubPosCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestPosRefund(ClubPosCommon):
    def _reversals(self):
        return self._moves().filtered(lambda move: move.move_type == "reverse")

    def test_a_refund_takes_back_the_returned_lines_points_in_proportion(self):
        order = self._sell([(self.tea, 2), (self.saffron, 1)])
        self.assertEqual(order.club_points, 50)
        refund = self._sync(self._refund_data(order, {self.tea: 1}))
        self.assertEqual(refund.state, "paid")
        reversal = self._reversals()
        self.assertRecordValues(
            reversal,
            [
                {
                    "points": -20,
                    "amount": -200.0,
                    "state": "pending",
                    "reversed_move_id": self._moves()[0].id,
                    "res_model": "pos.order",
                    "res_id": refund.id,
                }
            ],
        )
        self.assertIn(refund.name, reversal.description)
        self.assertEqual(refund.club_points, -20)
        self.assertEqual(self.member.club_points_pending, 30)
        self.assertEqual(self.last_sync["pos.order"][0]["club_points"], -20)
        self.assertLedgerConsistent()

    def test_a_refund_takes_back_what_was_paid_for_discounted_lines(self):
        reward = self.env["loyalty.club.reward"].create(
            {
                "name": "60 off",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 60.0,
            }
        )
        order = self._sync(
            self._order_data(
                [(self.tea, 1), (self.saffron, 1)],
                self.member,
                extra_lines=[self._reward_line(reward, -60.0)],
            )
        )
        self.assertEqual(order.club_points, 24)  # 240 paid
        # the tea cost 200 of 300: the member paid 160 for it
        self._sync(self._refund_data(order, {self.tea: 1}))
        self.assertEqual(self._reversals().points, -16)

    def test_never_more_than_was_credited(self):
        order = self._sell([(self.tea, 3)])
        self._sync(self._refund_data(order, {self.tea: 2}))
        self._sync(self._refund_data(order, {self.tea: 1}))
        # a hostile or confused till returns more than was sold
        self._sync(self._refund_data(order, {self.tea: 3}))
        self.assertEqual(sum(self._reversals().mapped("points")), -60)
        self.assertEqual(self.member.club_points_pending, 0)
        self.assertLedgerConsistent()

    def test_spent_points_leave_a_debt(self):
        self.company.club_pending_days = 0
        order = self._sell([(self.tea, 5)])
        self.assertEqual(self.member.club_points, 100)
        self.env["loyalty.club.move"]._post(
            self.member, "redeem", -80, "spent-at-the-till"
        )
        self._sync(self._refund_data(order, {self.tea: 5}))
        self.assertEqual(self.member.club_points, -80)
        self.assertLedgerConsistent()
        # new earnings pay the debt first
        self._sell([(self.tea, 5)])
        self.assertEqual(self.member.club_points, 20)
        self.assertLedgerConsistent()

    def test_an_exchange_nets_out(self):
        order = self._sell([(self.tea, 1)])
        exchange = self._sync(
            self._refund_data(order, {self.tea: 1}, new_lines=[(self.saffron, 2)])
        )
        self.assertEqual(exchange.amount_total, 0.0)
        self.assertEqual(
            sorted(self._moves().mapped("points")), [-20, 20, 20], "returned, bought"
        )
        self.assertEqual(exchange.club_points, 0)
        self.assertEqual(self.member.club_points_pending, 20)
        self.assertLedgerConsistent()

    def test_a_refund_synced_again_takes_back_once(self):
        order = self._sell([(self.tea, 2)])
        data = self._refund_data(order, {self.tea: 1})
        for __ in range(3):
            self._sync(dict(data))
        self.assertEqual(self._reversals().points, -20)
        # a second copy of the refund order, as two tills syncing at once make
        orders = self.env["pos.order"].with_user(self.cashier)
        orders._process_order(dict(data), False)
        self.assertEqual(len(self._reversals()), 1)
        self.assertEqual(self.member.club_points_pending, 20)

    def test_a_refund_from_the_back_office(self):
        order = self._sell([(self.tea, 2), (self.saffron, 1)])
        refund = order.browse(order.refund()["res_id"])
        self.assertEqual(refund.lines.refunded_orderline_id, order.lines)
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_id=refund.id, active_ids=refund.ids)
            .create({"payment_method_id": self.cash_pm1.id, "amount": -500.0})
        )
        payment.check()
        self.assertEqual(refund.state, "paid")
        self.assertEqual(self._reversals().points, -50)
        self.assertEqual(refund.club_points, -50)
        self.assertEqual(self.member.club_points_pending, 0)

    def test_returning_an_order_that_earned_nothing_takes_nothing(self):
        order = self._sync(self._order_data([(self.tea, 1)]))
        self._sync(self._refund_data(order, {self.tea: 1}, customer=self.member))
        self.assertFalse(self._moves())
