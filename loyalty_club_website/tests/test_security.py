# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestClubWebsiteAccess(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls._create_new_portal_user(login="club_portal_member")
        cls.public_user = cls.env.ref("base.public_user")
        cls.tier = cls.env["loyalty.club.tier"].create(
            {"name": "Web Gold", "benefits": "<p>Free delivery</p>"}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Shop"})
        cls.other_tier = cls.env["loyalty.club.tier"].create(
            {"name": "Other Gold", "company_id": cls.other_company.id}
        )

    def test_installs_with_the_club_and_website_loyalty(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "loyalty_club_website")]
        )
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.auto_install)

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
