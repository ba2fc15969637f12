# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyClubCommon


@tagged("post_install", "-at_install")
class TestClubSecurity(LoyaltyClubCommon):
    def _visible_menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user)
        return menus.browse(menus._visible_menu_ids())

    def test_manager_group_implies_user_group(self):
        self.assertTrue(
            self.club_manager.has_group("loyalty_club.group_loyalty_club_user")
        )
        self.assertFalse(
            self.club_user.has_group("loyalty_club.group_loyalty_club_manager")
        )

    def test_administrator_is_club_manager(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("loyalty_club.group_loyalty_club_manager"))

    def test_club_roles_are_one_choice_on_the_user_form(self):
        user_group = self.env.ref("loyalty_club.group_loyalty_club_user")
        manager_group = self.env.ref("loyalty_club.group_loyalty_club_manager")
        field_name = f"sel_groups_{user_group.id}_{manager_group.id}"
        fields = self.env["res.users"].fields_get([field_name])
        self.assertEqual(fields[field_name]["string"], "Customer Club")
        self.assertEqual(
            [label for __, label in fields[field_name]["selection"]],
            ["", "User", "Manager"],
        )

    def test_club_menu_is_hidden_from_users_outside_the_club(self):
        root = self.env.ref("loyalty_club.loyalty_club_menu_root")
        self.assertNotIn(root, self._visible_menus(self.internal_user))

    def test_club_user_sees_members_but_not_configuration(self):
        visible = self._visible_menus(self.club_user)
        self.assertIn(self.env.ref("loyalty_club.loyalty_club_menu_root"), visible)
        self.assertIn(self.env.ref("loyalty_club.loyalty_club_menu_members"), visible)
        self.assertNotIn(
            self.env.ref("loyalty_club.loyalty_club_menu_configuration"), visible
        )
        self.assertNotIn(self.env.ref("loyalty_club.loyalty_club_tier_menu"), visible)

    def test_club_manager_sees_configuration(self):
        visible = self._visible_menus(self.club_manager)
        self.assertIn(self.env.ref("loyalty_club.loyalty_club_tier_menu"), visible)

    def test_club_user_reads_tiers_but_cannot_change_them(self):
        tier = self.tier.with_user(self.club_user)
        self.assertEqual(tier.name, "Platinum")
        with self.assertRaises(AccessError):
            tier.write({"earn_multiplier": 5.0})
        with self.assertRaises(AccessError):
            self.env["loyalty.club.tier"].with_user(self.club_user).create(
                {"name": "Diamond"}
            )
        with self.assertRaises(AccessError):
            tier.unlink()

    def test_club_manager_manages_tiers(self):
        tiers = self.env["loyalty.club.tier"].with_user(self.club_manager)
        diamond = tiers.create({"name": "Diamond", "threshold": 20000})
        diamond.write({"earn_multiplier": 3.0})
        self.assertEqual(diamond.earn_multiplier, 3.0)
        diamond.unlink()
        self.assertFalse(diamond.exists())

    def test_outsider_cannot_read_tiers(self):
        with self.assertRaises(AccessError):
            self.tier.with_user(self.internal_user).read(["name"])

    def test_tiers_of_another_company_are_invisible(self):
        other_company = self.env["res.company"].create({"name": "Branch Two"})
        other_tier = self.env["loyalty.club.tier"].create(
            {"name": "Branch Gold", "company_id": other_company.id}
        )
        shared_tier = self.env["loyalty.club.tier"].create(
            {"name": "Everywhere", "company_id": False}
        )
        branch_user = new_test_user(
            self.env,
            login="club_branch_user",
            groups="loyalty_club.group_loyalty_club_user",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        visible_to_main = (
            self.env["loyalty.club.tier"].with_user(self.club_user).search([])
        )
        visible_to_branch = (
            self.env["loyalty.club.tier"].with_user(branch_user).search([])
        )
        self.assertNotIn(other_tier, visible_to_main)
        self.assertIn(self.tier, visible_to_main)
        self.assertIn(other_tier, visible_to_branch)
        self.assertNotIn(self.tier, visible_to_branch)
        self.assertIn(shared_tier, visible_to_main)
        self.assertIn(shared_tier, visible_to_branch)

    def test_only_managers_change_earn_rules(self):
        rule = self.env["loyalty.club.rule"].create(
            {"name": "Base", "rule_type": "amount", "points": 1, "amount_step": 10}
        )
        self.assertEqual(rule.with_user(self.club_user).points, 1)
        with self.assertRaises(AccessError):
            rule.with_user(self.club_user).write({"points": 100})
        rule.with_user(self.club_manager).write({"points": 2})
        self.assertEqual(rule.points, 2)

    def test_tier_history_is_read_only_for_club_users(self):
        self.member.club_tier_id = self.tier
        history = self.member.club_tier_history_ids[:1]
        self.assertTrue(history.with_user(self.club_user).new_tier_id)
        with self.assertRaises(AccessError):
            history.with_user(self.club_manager).unlink()
