# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestClubPosAccess(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier = new_test_user(
            cls.env,
            login="club_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
        )
        cls.tier = cls.env["loyalty.club.tier"].create({"name": "Till Gold"})

    def test_installs_with_the_club_and_pos_loyalty(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "loyalty_club_pos")]
        )
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.auto_install)

    def test_cashier_reads_tiers_to_show_them_at_the_till(self):
        tier = self.tier.with_user(self.cashier)
        self.assertEqual(tier.name, "Till Gold")

    def test_cashier_cannot_change_tiers(self):
        with self.assertRaises(AccessError):
            self.tier.with_user(self.cashier).write({"earn_multiplier": 9.0})
        with self.assertRaises(AccessError):
            self.env["loyalty.club.tier"].with_user(self.cashier).create({"name": "X"})

    def test_cashier_does_not_get_the_club_back_office(self):
        menus = self.env["ir.ui.menu"].with_user(self.cashier)
        visible = menus.browse(menus._visible_menu_ids())
        self.assertNotIn(self.env.ref("loyalty_club.loyalty_club_menu_root"), visible)
