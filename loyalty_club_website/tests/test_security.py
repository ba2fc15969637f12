# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon

from ..hooks import post_init_hook


@tagged("post_install", "-at_install")
class TestClubWebsiteAccess(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.rule"].search([]).active = False  # the demo's
        cls.portal_user = cls._create_new_portal_user(login="club_portal_member")
        cls.public_user = cls.env.ref("base.public_user")
        cls.tier = cls.env["loyalty.club.tier"].create(
            {"name": "Web Gold", "benefits": "<p>Free delivery</p>"}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Shop"})
        cls.other_tier = cls.env["loyalty.club.tier"].create(
            {"name": "Other Gold", "company_id": cls.other_company.id}
        )
        cls.portal_member = cls.portal_user.partner_id
        cls.portal_member.write({"club_member": True, "club_tier_id": cls.tier.id})
        cls.other_member = cls.env["res.partner"].create(
            {"name": "Sara Rahimi", "club_member": True, "club_tier_id": cls.tier.id}
        )
        moves = cls.env["loyalty.club.move"]
        cls.own_lot = moves._post(cls.portal_member, "earn", 120, "web-access:own")
        cls.other_lot = moves._post(cls.other_member, "earn", 900, "web-access:other")

    def _reward(self, name, **values):
        return self.env["loyalty.club.reward"].create(
            {
                "name": name,
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
                **values,
            }
        )

    def test_install_keeps_off_the_shop_the_coupons_it_must_not_apply(self):
        """Rewards made before this addon have programs with the shop's
        default (every program on the website); the install corrects them,
        archived ones included."""
        rewards = (
            self._reward("50 off everywhere")
            | self._reward("50 off in shops", channel_website=False)
            | self._reward("Old 50 off", channel_website=False, active=False)
        )
        rewards.program_id.ecommerce_ok = True
        post_init_hook(self.env)
        self.assertRecordValues(
            rewards.program_id,
            [{"ecommerce_ok": True}, {"ecommerce_ok": False}, {"ecommerce_ok": False}],
        )

    def test_portal_member_sees_their_points_and_tier(self):
        member = self.portal_member.with_user(self.portal_user)
        self.assertEqual(member.club_points, 120)
        self.assertEqual(member.club_tier_id.name, "Web Gold")
        self.assertIn("Free delivery", member.club_tier_id.benefits)

    def test_portal_member_reads_the_tiers_of_the_shop(self):
        tiers = self.env["loyalty.club.tier"].with_user(self.portal_user).search([])
        self.assertIn(self.tier, tiers)
        self.assertNotIn(self.other_tier, tiers)
        self.assertIn("Free delivery", self.tier.with_user(self.portal_user).benefits)

    def test_visitor_reads_tiers_for_the_join_page(self):
        tiers = self.env["loyalty.club.tier"].with_user(self.public_user).search([])
        self.assertIn(self.tier, tiers)

    def test_portal_member_cannot_change_tiers(self):
        with self.assertRaises(AccessError):
            self.tier.with_user(self.portal_user).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.env["loyalty.club.tier"].with_user(self.public_user).create(
                {"name": "Hacked"}
            )

    def test_portal_member_does_not_see_another_members_points(self):
        with self.assertRaises(AccessError):
            self.other_member.with_user(self.portal_user).read(["club_points"])
        with self.assertRaises(AccessError):
            self.other_lot.with_user(self.portal_user).read(["points"])

    def test_website_users_do_not_see_the_club_back_office(self):
        for user, models in (
            (self.portal_user, ("loyalty.club.sms.gateway", "loyalty.club.campaign")),
            (
                self.public_user,
                (
                    "loyalty.club.move",
                    "loyalty.club.redemption",
                    "loyalty.club.sms.gateway",
                    "loyalty.club.campaign",
                ),
            ),
        ):
            for model in models:
                with (
                    self.subTest(user=user.login, model=model),
                    self.assertRaises(AccessError),
                ):
                    self.env[model].with_user(user).search([])

    def test_a_portal_member_reads_their_own_ledger_and_nobody_elses(self):
        moves = self.env["loyalty.club.move"].with_user(self.portal_user)
        self.assertEqual(moves.search([]), self.own_lot)
        # whatever the domain asks for, the rule answers
        self.assertFalse(moves.search([("partner_id", "=", self.other_member.id)]))
        self.assertEqual(moves.search_count([("id", "=", self.other_lot.id)]), 0)
        with self.assertRaises(AccessError):
            self.own_lot.with_user(self.portal_user).write({"points": 1})
