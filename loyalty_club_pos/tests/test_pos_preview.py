# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The points a draft order will earn, by the server's rules, before the
till takes the payment."""

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ClubPosCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestPosPreview(ClubPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.rule"].create(
            {
                "name": "Saffron counts double",
                "rule_type": "product",
                "multiplier": 2.0,
                "product_category_ids": [cls.categ_saffron.id],
            }
        )
        cls.taxed_tea = cls.create_product(
            "Taxed tea", cls.categ_basic, 100.0, tax_ids=cls.taxes["tax10"].ids
        )
        cls.orders = cls.env["pos.order"].with_user(cls.cashier)

    def _preview(self, lines, partner=None):
        return self.orders.club_pos_preview_points(
            self.config.id, (partner or self.member).id, lines
        )

    def _line(self, product, qty, price_unit, discount=0.0, **values):
        return {
            "product_id": product.id,
            "qty": qty,
            "price_unit": price_unit,
            "discount": discount,
            **values,
        }

    def test_the_preview_is_what_the_order_earns(self):
        lines = [(self.tea, 2), (self.saffron, 1)]
        preview = self._preview(
            [self._line(self.tea, 2, 200.0), self._line(self.saffron, 1, 100.0)]
        )
        self.assertEqual(
            preview,
            {
                "member": True,
                "points": 60,
                "amount": 500.0,
                "available_date": "2026-06-15",
            },
        )
        self._sell(lines)
        self.assertEqual(self._moves().points, preview["points"])

    def test_discounts_taxes_and_rewards(self):
        reward_product = self.env["product.product"].create(
            {"name": "Club discount", "taxes_id": False}
        )
        preview = self._preview(
            [
                self._line(self.tea, 1, 200.0, discount=50.0),  # 100
                self._line(self.taxed_tea, 1, 100.0),  # 10% included: 100
                self._line(reward_product, 1, -40.0, is_reward_line=True),
            ]
        )
        self.assertEqual(preview["amount"], 160.0)
        self.assertEqual(preview["points"], 16)

    def test_the_tier_multiplier_counts(self):
        gold = self.env["loyalty.club.tier"].create(
            {"name": "Till Gold", "earn_multiplier": 3.0}
        )
        self.member.club_tier_id = gold
        preview = self._preview([self._line(self.tea, 1, 200.0)])
        self.assertEqual(preview["points"], 60)

    def test_no_member_no_points(self):
        stranger = self.env["res.partner"].create({"name": "Not a member"})
        expected = {
            "member": False,
            "points": 0,
            "amount": 0.0,
            "available_date": False,
        }
        self.assertEqual(
            self._preview([self._line(self.tea, 1, 200.0)], stranger), expected
        )
        self.assertEqual(
            self.orders.club_pos_preview_points(
                self.config.id, False, [self._line(self.tea, 1, 200.0)]
            ),
            expected,
        )

    def test_points_spendable_at_once_without_a_return_window(self):
        self.company.club_pending_days = 0
        preview = self._preview([self._line(self.tea, 1, 200.0)])
        self.assertEqual(preview["points"], 20)
        self.assertFalse(preview["available_date"])

    def _queries(self, lines):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._preview(lines)
        return self.env.cr.sql_log_count - before

    def test_the_preview_costs_the_same_queries_for_many_lines(self):
        few = [self._line(self.tea, 1, 200.0), self._line(self.saffron, 1, 100.0)]
        many = few * 40
        self._queries(many), self._queries(few)  # warm the caches
        self.assertEqual(self._queries(many), self._queries(few))

    def test_wrong_lines_are_refused(self):
        for lines in (
            "lines",
            [{"product_id": "1", "qty": 1, "price_unit": 1}],
            [{"product_id": self.tea.id, "qty": "2", "price_unit": 1}],
            [{"product_id": self.tea.id, "qty": 1, "price_unit": 1, "discount": 150}],
            [{"product_id": 10**9, "qty": 1, "price_unit": 1}],
        ):
            with self.assertRaises(UserError, msg=lines):
                self._preview(lines)
