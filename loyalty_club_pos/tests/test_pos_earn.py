# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Paid POS orders earn club points on the server, through the till's sync
and the back office's payment alike, once however often they are synced."""

import datetime
from unittest.mock import patch

import psycopg2
from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.loyalty_club.models.loyalty_club_move import LoyaltyClubMove
from odoo.addons.loyalty_club.models.loyalty_club_rule import LoyaltyClubRule

from .common import ClubPosCommon

POS_ORDER_LOGGER = "odoo.addons.loyalty_club_pos.models.pos_order"


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestPosEarning(ClubPosCommon):
    def test_a_paid_order_earns_pending_points_on_what_the_member_paid(self):
        order = self._sell([(self.tea, 2), (self.saffron, 1)])
        self.assertEqual(order.state, "paid")
        earning = self._moves()
        self.assertEqual(len(earning), 1)
        self.assertRecordValues(
            earning,
            [
                {
                    "move_type": "earn",
                    "points": 50,
                    "amount": 500.0,
                    "state": "pending",
                    "available_date": datetime.date(2026, 6, 15),
                    "res_model": "pos.order",
                    "res_id": order.id,
                }
            ],
        )
        self.assertIn(order.name, earning.description)
        self.assertEqual(self.member.club_points, 0)
        self.assertEqual(self.member.club_points_pending, 50)
        self.assertEqual(order.club_points, 50)
        self.assertTrue(order.club_points_pending)
        # the till gets the order's points with the order
        [synced] = self.last_sync["pos.order"]
        self.assertEqual(synced["club_points"], 50)
        self.assertTrue(synced["club_points_pending"])
        with freeze_time("2026-06-15"):
            self.env["loyalty.club.move"]._cron_release_pending()
        self.assertEqual(self.member.club_points, 50)

    def test_reward_lines_and_tips_earn_nothing(self):
        reward = self.env["loyalty.club.reward"].create(
            {
                "name": "60 off",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 60.0,
            }
        )
        self.config.tip_product_id = self.env["product.product"].create(
            {"name": "Tip", "available_in_pos": True, "taxes_id": False}
        )
        order = self._sync(
            self._order_data(
                [(self.tea, 1), (self.saffron, 1)],
                self.member,
                extra_lines=[
                    self._reward_line(reward, -60.0),
                    self._line(self.config.tip_product_id, 1, 30.0),
                ],
            )
        )
        self.assertEqual(order.amount_total, 270.0)
        # 300 bought, 60 off: 240 paid for the goods, the tip earns nothing
        self.assertEqual(self._moves().amount, 240.0)
        self.assertEqual(self._moves().points, 24)

    def test_the_same_rules_as_sale_orders_for_the_pos_channel(self):
        gold = self.env["loyalty.club.tier"].create(
            {"name": "Till Gold", "earn_multiplier": 1.5, "threshold": 1e9}
        )
        self.member.club_tier_id = gold
        rules = self.env["loyalty.club.rule"]
        rules.create(
            {
                "name": "Saffron counts double",
                "rule_type": "product",
                "multiplier": 2.0,
                "product_category_ids": [self.categ_saffron.id],
            }
        )
        rules.create(
            {
                "name": "Yalda week",
                "rule_type": "campaign",
                "multiplier": 2.0,
                "date_from": datetime.date(2026, 5, 30),
                "date_to": datetime.date(2026, 6, 5),
            }
        )
        rules.create(
            {
                "name": "Sales orders only",
                "rule_type": "order",
                "points": 100,
                "channel_pos": False,
            }
        )
        self._sell([(self.tea, 1), (self.saffron, 1)])
        # (20 for the tea + 10 × 2 for the saffron) × 2 campaign × 1.5 tier
        self.assertEqual(self._moves().points, 120)
        with freeze_time("2026-06-10"):
            self._sell([(self.tea, 1), (self.saffron, 1)])
        self.assertEqual(self._moves()[-1].points, 60, "the campaign is over")

    def test_an_order_synced_again_and_again_earns_once(self):
        data = self._order_data([(self.tea, 1)], self.member)
        first = self._sync(data)
        moves = self.env["loyalty.club.move"].sudo().search_count([])
        orders = self.env["pos.order"].search_count([])
        # a retried request, an offline queue sending it twice in one batch
        for __ in range(9):
            self._sync(dict(data))
        self._sync(dict(data), dict(data))
        self.assertEqual(self.env["pos.order"].search_count([]), orders)
        self.assertEqual(self.env["loyalty.club.move"].sudo().search_count([]), moves)
        self.assertEqual(self._moves().points, 20)
        self.assertEqual(self._moves().res_id, first.id)

    def test_two_copies_of_an_order_earn_once(self):
        """Two tills syncing one order at once can store it twice (its uuid
        is not unique): the ledger's key keeps the points single."""
        data = self._order_data([(self.tea, 1)], self.member)
        first = self._sync(data)
        orders = self.env["pos.order"].with_user(self.cashier)
        copy = orders.browse(orders._process_order(dict(data), False))
        self.assertNotEqual(copy, first)
        self.assertEqual(copy.uuid, first.uuid)
        self.assertEqual(copy.state, "paid")
        self.assertEqual(len(self._moves()), 1)
        self.assertEqual(self.member.club_points_pending, 20)

    def test_a_copy_posting_at_the_same_moment_is_settled_by_the_cron(self):
        """Two tills syncing one order at once: the second transaction does
        not see the first one's move and hits the ledger's unique key. Its
        sync goes through; the retry cron finds the points already posted."""
        data = self._order_data([(self.tea, 1)], self.member)
        first = self._sync(data)
        orders = self.env["pos.order"].with_user(self.cashier)
        with (
            patch.object(
                LoyaltyClubMove, "_post", side_effect=psycopg2.errors.UniqueViolation()
            ),
            mute_logger(POS_ORDER_LOGGER),
        ):
            copy = orders.browse(orders._process_order(dict(data), False))
        self.assertEqual(copy.state, "paid")
        self.assertTrue(copy.club_posting_failed)
        self.env["pos.order"]._cron_post_club_points()
        self.assertFalse(copy.club_posting_failed)
        self.assertEqual(len(self._moves()), 1)
        self.assertEqual(self._moves().res_id, first.id)

    def test_a_failing_posting_does_not_block_the_sync_and_the_cron_posts_it(self):
        with (
            patch.object(
                LoyaltyClubRule,
                "_compute_order_points",
                side_effect=RuntimeError("rules unavailable"),
            ),
            mute_logger(POS_ORDER_LOGGER),
        ):
            order, walk_in = self._sync(
                self._order_data([(self.tea, 1)], self.member),
                self._order_data([(self.tea, 1)]),
            )
        self.assertEqual(order.state, "paid", "the till's batch went through")
        self.assertEqual(walk_in.state, "paid")
        self.assertTrue(order.club_posting_failed)
        self.assertIn("rules unavailable", order.club_posting_error)
        self.assertFalse(walk_in.club_posting_failed)
        self.assertFalse(self._moves())
        self.env["pos.order"]._cron_post_club_points()
        self.assertFalse(order.club_posting_failed)
        self.assertFalse(order.club_posting_error)
        self.assertEqual(self._moves().points, 20)
        self.assertEqual(self._moves().res_id, order.id)
        self.env["pos.order"]._cron_post_club_points()
        self.assertEqual(len(self._moves()), 1)

    def test_an_order_failing_again_stays_for_the_next_run(self):
        with (
            patch.object(
                LoyaltyClubRule, "_compute_order_points", side_effect=ValueError("x")
            ),
            mute_logger(POS_ORDER_LOGGER),
        ):
            order = self._sell([(self.tea, 1)])
            self.env["pos.order"]._cron_post_club_points()
        self.assertTrue(order.club_posting_failed)
        self.assertFalse(self._moves())

    def test_a_conflict_between_two_transactions_is_left_to_odoo_to_retry(self):
        with (
            patch.object(
                LoyaltyClubRule,
                "_compute_order_points",
                side_effect=psycopg2.errors.SerializationFailure(),
            ),
            self.assertRaises(psycopg2.errors.SerializationFailure),
        ):
            self._sell([(self.tea, 1)])

    def test_draft_and_cancelled_orders_post_nothing(self):
        data = self._order_data([(self.tea, 1)], self.member, state="draft")
        data["payment_ids"] = []
        draft = self._sync(data)
        self.assertEqual(draft.state, "draft")
        self.assertFalse(self._moves())
        draft.with_user(self.cashier).action_pos_order_cancel()
        self.assertEqual(draft.state, "cancel")
        self.assertFalse(self._moves())
        self.assertEqual(draft.club_points, 0)

    def test_an_order_paid_from_the_back_office_earns(self):
        data = self._order_data([(self.tea, 1)], self.member, state="draft")
        data.update(payment_ids=[], amount_paid=0.0)
        order = self._sync(data)
        self.assertFalse(self._moves())
        # a Point of Sale manager takes the payment in the back office
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_id=order.id, active_ids=order.ids)
            .create({"payment_method_id": self.cash_pm1.id, "amount": 200.0})
        )
        payment.check()
        self.assertEqual(order.state, "paid")
        self.assertEqual(self._moves().points, 20)
        self.assertEqual(self._moves().res_id, order.id)

    def test_walk_in_customers_and_other_contacts_earn_nothing(self):
        stranger = self.env["res.partner"].create({"name": "Not a member"})
        moves = self.env["loyalty.club.move"].sudo().search_count([])
        orders = self._sync(
            self._order_data([(self.tea, 1)]),
            self._order_data([(self.tea, 1)], stranger),
        )
        self.assertEqual(orders.mapped("state"), ["paid", "paid"])
        self.assertEqual(self.env["loyalty.club.move"].sudo().search_count([]), moves)

    def test_a_contact_of_a_member_company_earns_for_it(self):
        shop = self.env["res.partner"].create(
            {"name": "Rahimi Trading", "is_company": True}
        )
        shop.club_member = True
        buyer = self.env["res.partner"].create(
            {"name": "Ali", "parent_id": shop.id, "type": "contact"}
        )
        self._sell([(self.tea, 1)], buyer)
        self.assertEqual(self._moves(shop).points, 20)

    def test_the_tier_is_upgraded_and_the_referrer_rewarded_after_earning(self):
        self.env["loyalty.club.rule"].create(
            {"name": "Referral", "rule_type": "referral", "points": 40}
        )
        tiers = self.env["loyalty.club.tier"]
        bronze = tiers.create({"name": "Till Bronze", "threshold": 0.0})
        silver = tiers.create({"name": "Till Silver", "threshold": 300.0})
        friend = self.env["res.partner"].create(
            {
                "name": "Nima",
                "mobile": "09127778899",
                "club_member": True,
                "club_referrer_id": self.member.id,
            }
        )
        self.assertEqual(friend.club_tier_id, bronze)
        self._sell([(self.tea, 2)], friend)
        self.assertEqual(friend.club_tier_id, silver)
        referral = self._moves(self.member)
        self.assertEqual(referral.points, 40)
        self.assertEqual(
            referral.idempotency_key, f"referral:{self.member.id}:{friend.id}"
        )
        self.assertEqual(referral.state, "pending", "until the return window ends")
        self._sell([(self.tea, 1)], friend)
        self.assertEqual(len(self._moves(self.member)), 1, "rewarded once")
        self.assertLedgerConsistent(friend)

    def test_closing_the_session_posts_nothing_more(self):
        data = self._order_data([(self.tea, 1)], self.member)
        order = self._sync(data)
        session = self.pos_session
        session.post_closing_cash_details(order.amount_paid)
        session.close_session_from_ui()
        self.assertEqual(session.state, "closed")
        self.assertEqual(order.state, "done")
        # the till's offline queue sends the order once more after closing
        self._sync(dict(data))
        self.assertEqual(len(self._moves()), 1)
        self.assertEqual(order.club_points, 20)
        # an order synced to the closed session goes to a rescue session
        with mute_logger("odoo.addons.point_of_sale.models.pos_order"):
            late = self._sell([(self.saffron, 1)])
        self.assertNotEqual(late.session_id, session)
        self.assertEqual(late.club_points, 10)
        self.assertEqual(self.member.club_points_pending, 30)

    def _posting_queries(self, lines, mobile):
        """Queries to post the points of a paid order of ``lines``."""
        member = self.env["res.partner"].create(
            {"name": "Query member", "mobile": mobile, "club_member": True}
        )
        with (
            patch.object(
                LoyaltyClubRule, "_compute_order_points", side_effect=ValueError
            ),
            mute_logger(POS_ORDER_LOGGER),
        ):
            order = self._sell(lines, member)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        order._club_post_points()
        return self.env.cr.sql_log_count - before

    def test_posting_costs_the_same_queries_for_many_lines(self):
        few = [(self.tea, 1), (self.saffron, 1)]
        many = few * 20
        self._posting_queries(few, "09120000001")  # warm the caches
        self.assertEqual(
            self._posting_queries(many, "09120000002"),
            self._posting_queries(few, "09120000003"),
        )
