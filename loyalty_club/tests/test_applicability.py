# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import itertools

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.loyalty_club_applicability_mixin import CHANNELS
from .common import LoyaltyClubCommon

D = datetime.date
MIXIN = "loyalty.club.applicability.mixin"
DAYS = (D(2026, 5, 31), D(2026, 6, 1), D(2026, 6, 30), D(2026, 7, 1))


@tagged("post_install", "-at_install")
class TestRulesAndRewardsApplyAlike(LoyaltyClubCommon):
    """An earn rule and a reward given the same channels, dates, tiers and
    company apply in exactly the same cases: both ask the same mixin."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.reward"].search([]).active = False
        cls.other_company = cls.env["res.company"].create({"name": "Club Branch"})
        tiers = cls.env["loyalty.club.tier"]
        cls.bronze = tiers.create({"name": "Matrix Bronze", "company_id": False})
        cls.gold = tiers.create({"name": "Matrix Gold", "company_id": False})
        june = {"date_from": D(2026, 6, 1), "date_to": D(2026, 6, 30)}
        settings = [
            {},
            {"channel_sale": False, "channel_website": False},
            june,
            {"date_to": D(2026, 6, 1)},
            {"tier_ids": cls.gold.ids},
            {"company_id": cls.other_company.id},
            {"channel_pos": False, "tier_ids": (cls.bronze | cls.gold).ids, **june},
        ]
        cls.rules = cls.env["loyalty.club.rule"]
        cls.rewards = cls.env["loyalty.club.reward"]
        for bit, values in enumerate(settings):
            # each rule earns its own power of two: the points earned on an
            # order of 1 say which rules applied
            cls.rules += cls.rules.create(
                {
                    "name": f"Rule {bit}",
                    "rule_type": "amount",
                    "points": 2**bit,
                    "amount_step": 1,
                    **values,
                }
            )
            cls.rewards += cls.rewards.create(
                {
                    "name": f"Reward {bit}",
                    "kind": "fixed_discount",
                    "points_cost": 1,
                    "discount_amount": 1,
                    **values,
                }
            )
        cls.pairs = list(zip(cls.rules, cls.rewards, strict=True))
        cls.product = cls.env["product.product"].create({"name": "Matrix Tea"})

    def _cases(self):
        return itertools.product(
            DAYS,
            CHANNELS,
            (self.env["loyalty.club.tier"], self.bronze, self.gold),
            (self.env.company, self.other_company),
        )

    def _member_of(self, tier):
        return self.env["res.partner"].new({"club_member": True, "club_tier_id": tier})

    def _rules_that_earn(self, day, channel, tier, company):
        earned = self.rules._compute_order_points(
            self._member_of(tier), channel, [(self.product, 1.0)], company, day
        )
        return self.rules.filtered(lambda rule: earned & rule.points)

    def test_both_models_take_the_fields_and_the_check_from_the_mixin(self):
        children = self.env.registry[MIXIN]._inherit_children
        self.assertIn("loyalty.club.rule", children)
        self.assertIn("loyalty.club.reward", children)
        for model in (self.rules, self.rewards):
            self.assertEqual(
                model._fields["tier_ids"].relation,
                f"{model._table}_loyalty_club_tier_rel",
                "the tiers stay in the table they had before the mixin",
            )

    def test_a_rule_earns_exactly_where_its_twin_reward_applies(self):
        outcomes = {rule: set() for rule in self.rules}
        for day, channel, tier, company in self._cases():
            earning = self._rules_that_earn(day, channel, tier, company)
            domain = self.rewards._get_applicable_domain(company, day, channel, tier)
            offered = self.rewards.search([*domain, ("id", "in", self.rewards.ids)])
            for rule, reward in self.pairs:
                with self.subTest(
                    day=day, channel=channel, tier=tier.name, company=company.name
                ):
                    applies = reward._applies(company, day, channel, tier)
                    self.assertEqual(rule in earning, applies, rule.name)
                    self.assertEqual(reward in offered, applies, reward.name)
                    outcomes[rule].add(applies)
        for rule, seen in outcomes.items():
            self.assertEqual(seen, {True, False}, f"{rule.name}: both outcomes met")

    def test_the_catalog_refuses_exactly_where_the_twin_rule_earns_nothing(self):
        company = self.env.company
        for day in DAYS:
            with freeze_time(f"{day} 09:00:00"):
                for channel, tier in itertools.product(
                    CHANNELS, (self.env["loyalty.club.tier"], self.bronze, self.gold)
                ):
                    earning = self._rules_that_earn(day, channel, tier, company)
                    member = self._member_of(tier)
                    for rule, reward in self.pairs:
                        if reward.company_id != company:
                            continue
                        with self.subTest(day=day, channel=channel, tier=tier.name):
                            refusal = reward._offer_refusal(member, channel)
                            self.assertEqual(rule in earning, not refusal, refusal)

    def test_an_unknown_channel_is_refused_by_both(self):
        with self.assertRaisesRegex(UserError, "Unknown channel"):
            self.rules._get_applicable_rules(self.env.company, DAYS[0], "fax")
        with self.assertRaisesRegex(UserError, "Unknown channel"):
            self.rewards.get_club_catalog(self.member.id, "fax")
