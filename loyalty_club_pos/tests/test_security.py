# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.loyalty_club.tests.common import enter_registry_test_mode

from ..hooks import post_init_hook


@tagged("post_install", "-at_install")
class TestClubPosAccess(BaseCommon):
    """A cashier: a Point of Sale user outside the club's groups."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        enter_registry_test_mode(cls)
        cls.env["loyalty.club.rule"].search([]).active = False  # the demo's
        cls.cashier = new_test_user(
            cls.env,
            login="club_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
        )
        cls.tier = cls.env["loyalty.club.tier"].create({"name": "Till Gold"})
        cls.member = cls.env["res.partner"].create(
            {"name": "Sara Rahimi", "club_member": True, "club_tier_id": cls.tier.id}
        )
        cls.lot = cls.env["loyalty.club.move"]._post(
            cls.member,
            "earn",
            300,
            "till-access-setup",
            expiry_date=datetime.date(2031, 1, 1),
        )
        cls.rewards = cls.env["loyalty.club.reward"]

    def _reward(self, name, **values):
        return self.rewards.create(
            {
                "name": name,
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
                **values,
            }
        )

    def test_install_keeps_off_the_till_the_coupons_it_cannot_apply(self):
        """Rewards made before this addon have programs with the Point of
        Sale's default (every program at the till); the install corrects
        them, archived ones included."""
        not_sold_at_the_till = self.env["product.product"].create(
            {"name": "Gift hamper", "available_in_pos": False}
        )
        rewards = (
            self._reward("50 off everywhere")
            | self._reward("50 off in the office", channel_pos=False)
            | self._reward("Old 50 off", channel_pos=False, active=False)
            | self._reward(
                "A free hamper",
                kind="free_product",
                product_id=not_sold_at_the_till.id,
            )
        )
        rewards.program_id.pos_ok = True
        post_init_hook(self.env)
        self.assertRecordValues(
            rewards.program_id,
            [{"pos_ok": True}, {"pos_ok": False}, {"pos_ok": False}, {"pos_ok": False}],
        )

    def test_cashier_sees_the_members_tier_and_points(self):
        member = self.member.with_user(self.cashier)
        self.assertEqual(member.club_tier_id.name, "Till Gold")
        self.assertEqual(member.club_points, 300)
        self.assertEqual(member.club_next_expiry_date, datetime.date(2031, 1, 1))

    def test_cashier_reads_tiers_to_show_them_at_the_till(self):
        tier = self.tier.with_user(self.cashier)
        self.assertEqual(tier.name, "Till Gold")

    def test_cashier_cannot_change_tiers(self):
        with self.assertRaises(AccessError):
            self.tier.with_user(self.cashier).write({"earn_multiplier": 9.0})
        with self.assertRaises(AccessError):
            self.env["loyalty.club.tier"].with_user(self.cashier).create({"name": "X"})
        with self.assertRaises(AccessError):
            self.tier.with_user(self.cashier).unlink()

    def test_cashier_does_not_see_the_ledger_or_the_club_back_office(self):
        with self.assertRaises(AccessError):
            self.lot.with_user(self.cashier).read(["points"])
        for model in (
            "loyalty.club.allocation",
            "loyalty.club.redemption",
            "loyalty.club.sms.gateway",
            "loyalty.club.campaign",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.cashier).search([])

    def test_cashier_does_not_get_the_club_back_office_menu(self):
        menus = self.env["ir.ui.menu"].with_user(self.cashier)
        visible = menus.browse(menus._visible_menu_ids())
        self.assertNotIn(self.env.ref("loyalty_club.loyalty_club_menu_root"), visible)

    def test_cashier_applies_a_club_coupon_for_its_owner_only(self):
        redemption = self.env["loyalty.club.redemption"].create(
            {
                "partner_id": self.member.id,
                "reward_id": self._reward("50 off at the till").id,
                "channel": "pos",
            }
        )
        redemption.action_confirm()
        till = self.env["pos.config"].create({"name": "Till 1"}).with_user(self.cashier)
        stranger = self.env["res.partner"].create({"name": "Reza Ahmadi"})

        def enter_code(customer):
            return till.use_coupon_code(
                redemption.coupon_id.code,
                fields.Datetime.to_string(fields.Datetime.now()),
                customer.id,
                False,
            )

        accepted = enter_code(self.member)
        self.assertTrue(accepted["successful"])
        self.assertEqual(accepted["payload"]["coupon_id"], redemption.coupon_id.id)
        refused = enter_code(stranger)
        self.assertFalse(refused["successful"])
        self.assertIn("only its owner", refused["payload"]["error_message"])
