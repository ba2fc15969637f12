# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LoyaltyClubCommon

D = datetime.date
JUNE_1ST = D(2026, 6, 1)


@tagged("post_install", "-at_install")
class TestEarnRules(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = cls.env["loyalty.club.rule"]
        cls.base_rule = cls.rules.create(
            {"name": "1 per 10", "rule_type": "amount", "points": 1, "amount_step": 10}
        )
        cls.coffee_category = cls.env["product.category"].create({"name": "Coffee"})
        cls.beans = cls.env["product.category"].create(
            {"name": "Beans", "parent_id": cls.coffee_category.id}
        )
        cls.coffee = cls.env["product.product"].create(
            {"name": "Arabica", "categ_id": cls.beans.id}
        )
        cls.cake = cls.env["product.product"].create({"name": "Cake"})
        cls.bronze = cls.env["loyalty.club.tier"].create(
            {"name": "Test Bronze", "earn_multiplier": 1.0}
        )
        cls.member.club_tier_id = cls.bronze

    def _points(self, lines, channel="sale", date=JUNE_1ST, member=None):
        return self.rules._compute_order_points(
            member or self.member, channel, lines, self.env.company, date
        )

    def test_points_per_amount_are_rounded_down_once_per_order(self):
        self.assertEqual(self._points([(self.cake, 95.0)]), 9)
        self.assertEqual(self._points([(self.cake, 5.0), (self.cake, 5.0)]), 1)
        self.assertEqual(self._points([(self.cake, 0.0)]), 0)

    def test_a_product_rule_multiplies_its_lines_and_their_subcategories(self):
        self.rules.create(
            {
                "name": "Coffee counts double",
                "rule_type": "product",
                "multiplier": 2.0,
                "product_category_ids": [self.coffee_category.id],
            }
        )
        self.assertEqual(self._points([(self.coffee, 100.0), (self.cake, 100.0)]), 30)

    def test_per_order_rule_needs_its_minimum(self):
        self.rules.create(
            {"name": "Visit", "rule_type": "order", "points": 5, "min_amount": 50}
        )
        self.assertEqual(self._points([(self.cake, 40.0)]), 4)
        self.assertEqual(self._points([(self.cake, 50.0)]), 10)

    def test_a_campaign_doubles_points_between_its_dates_only(self):
        self.rules.create(
            {
                "name": "Yalda",
                "rule_type": "campaign",
                "multiplier": 2.0,
                "date_from": D(2026, 12, 20),
                "date_to": D(2026, 12, 22),
            }
        )
        self.assertEqual(self._points([(self.cake, 100.0)], date=D(2026, 12, 21)), 20)
        self.assertEqual(self._points([(self.cake, 100.0)], date=D(2026, 12, 23)), 10)

    def test_the_tier_multiplier_applies_at_earn_time(self):
        self.member.club_tier_id = self.tier  # Platinum, x2
        self.assertEqual(self._points([(self.cake, 100.0)]), 20)

    def test_rules_follow_their_channels_and_tiers(self):
        self.base_rule.channel_pos = False
        self.assertEqual(self._points([(self.cake, 100.0)], channel="pos"), 0)
        self.assertEqual(self._points([(self.cake, 100.0)], channel="sale"), 10)
        self.base_rule.tier_ids = self.tier
        self.assertEqual(self._points([(self.cake, 100.0)]), 0, "bronze members: none")

    def test_an_amount_rule_without_its_amount_is_refused(self):
        with self.assertRaises(ValidationError):
            self.rules.create({"name": "Broken", "rule_type": "amount", "points": 1})

    def test_sign_up_bonus_is_given_once_on_enrolment(self):
        self.rules.create({"name": "Welcome", "rule_type": "signup", "points": 50})
        newcomer = self._create_member("Navid Sadeghi", "09130000077")
        self.assertEqual(newcomer.club_points, 50)
        newcomer.write({"club_member": False})
        newcomer.write({"club_member": True})
        self.assertEqual(newcomer.club_points, 50)
        self.assertEqual(len(newcomer.club_move_ids), 1)
