# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A visitor typing codes in the cart's promo box cannot make the shop write
on every request: one note per club coupon per hour, nothing for codes that
are no club coupon."""

import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.website.tools import MockRequest
from odoo.addons.website_sale_loyalty.controllers.main import WebsiteSale

from .common import ShopRoutesCase


@tagged("post_install", "-at_install")
class TestPromoBoxWritesAreBounded(ShopRoutesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.rule"].search([]).active = False
        cls.website = cls.env["website"].get_current_website()
        cls.product = cls.env["product.product"].create(
            {
                "name": "Pistachio 1kg",
                "list_price": 300.0,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
        )
        cls.member = cls.env["res.partner"].create(
            {"name": "Nasrin Owner", "club_member": True}
        )
        cls.env["loyalty.club.move"]._post(
            cls.member, "earn", 500, "web-writes", expiry_date=datetime.date(2031, 1, 1)
        )
        reward = cls.env["loyalty.club.reward"].create(
            {
                "name": "30 off",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 30.0,
            }
        )
        redemption = cls.env["loyalty.club.redemption"].create(
            {"partner_id": cls.member.id, "reward_id": reward.id}
        )
        redemption.action_confirm()
        cls.code = redemption.coupon_code

    def _type_anonymously(self, code, times):
        """The public user types ``code`` ``times`` times in the promo box of
        their cart; the number of transactions of their own it opened."""
        public_user = self.website.user_id
        order = self.env["sale.order"].create(
            {
                "partner_id": public_user.partner_id.id,
                "website_id": self.website.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        env = self.env(user=public_user)
        registry = type(self.registry)
        with patch.object(
            registry, "cursor", autospec=True, side_effect=registry.cursor
        ) as cursor:
            for __ in range(times):
                with MockRequest(
                    env, website=self.website.with_env(env), sale_order_id=order.id
                ):
                    WebsiteSale().pricelist(promo=code)
                self.env.invalidate_all()
        return cursor.call_count

    def _refusal_notes(self):
        self.member.invalidate_recordset(["message_ids"])
        return self.member.message_ids.filtered(
            lambda message: "was refused" in (message.body or "")
        )

    def test_a_leaked_code_retyped_writes_one_note_an_hour(self):
        with freeze_time("2026-11-28 09:00"):
            self.assertEqual(self._type_anonymously(self.code, 6), 1)
        self.assertEqual(len(self._refusal_notes()), 1)
        with freeze_time("2026-11-28 10:30"):
            self._type_anonymously(self.code, 2)
        self.assertEqual(len(self._refusal_notes()), 2)

    def test_codes_that_are_no_club_coupon_write_nothing(self):
        self.assertEqual(self._type_anonymously("NO-SUCH-CODE", 5), 0)
        self.assertFalse(self._refusal_notes())
