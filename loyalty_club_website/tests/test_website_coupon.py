# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Club coupons in the web shop's cart, through the shop's own promo-code
route and in a browser."""

import datetime

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.loyalty_club.tools.jalali import persian_digits
from odoo.addons.website.tools import MockRequest
from odoo.addons.website_sale_loyalty.controllers.main import WebsiteSale

from .common import ShopRoutesCase


@tagged("post_install", "-at_install")
class TestClubCouponInTheCart(ShopRoutesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.rule"].search([]).active = False
        cls.env["loyalty.club.reward"].search([]).active = False
        cls.env["loyalty.program"].search([]).active = False
        cls.website = cls.env["website"].get_current_website()
        cls.saffron = cls.env["product.product"].create(
            {
                "name": "Saffron 4.6g",
                "list_price": 200.0,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
        )
        cls.member_user = new_test_user(
            cls.env,
            login="club_web_member",
            password="club_web_member",  # noqa: S106
            groups="base.group_portal",
            name="Sara Website",
        )
        cls.member = cls.member_user.partner_id
        cls.member.write({"club_member": True, "mobile": "09127778899"})
        cls.env["loyalty.club.move"]._post(
            cls.member, "earn", 500, "web-setup", expiry_date=datetime.date(2031, 1, 1)
        )
        cls.stranger_user = new_test_user(
            cls.env, login="club_web_stranger", groups="base.group_portal"
        )
        cls.discount = cls.env["loyalty.club.reward"].create(
            {
                "name": "50 off online",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
            }
        )
        cls.free_delivery = cls.env["loyalty.club.reward"].create(
            {
                "name": "Free delivery",
                "kind": "free_shipping",
                "points_cost": 100,
                "channel_pos": False,
            }
        )
        cls.courier = cls.env["delivery.carrier"].create(
            {
                "name": "Tehran courier",
                "delivery_type": "fixed",
                "fixed_price": 30.0,
                "is_published": True,
                "product_id": cls.env["product.product"]
                .create(
                    {
                        "name": "Courier",
                        "type": "service",
                        "taxes_id": [Command.clear()],
                    }
                )
                .id,
            }
        )
        cls.controller = WebsiteSale()

    def _redeem(self, reward=None):
        redemption = self.env["loyalty.club.redemption"].create(
            {
                "partner_id": self.member.id,
                "reward_id": (reward or self.discount).id,
                "channel": "website",
            }
        )
        redemption.action_confirm()
        return redemption

    def _cart(self, user):
        return self.env["sale.order"].create(
            {
                "partner_id": user.partner_id.id,
                "website_id": self.website.id,
                "order_line": [Command.create({"product_id": self.saffron.id})],
            }
        )

    def _promo_box(self, user, order, code):
        """Type ``code`` in the cart's promo box; the error shown, if any."""
        env = self.env(user=user)
        website = self.website.with_env(env)
        with MockRequest(env, website=website, sale_order_id=order.id) as request:
            self.controller.pricelist(promo=code)
            return request.session.get("error_promo_code")

    def test_the_owner_gets_the_discount_in_the_cart(self):
        redemption = self._redeem()
        order = self._cart(self.member_user)
        self.assertFalse(
            self._promo_box(self.member_user, order, redemption.coupon_code)
        )
        self.assertEqual(order.amount_total, 150.0)
        order.action_confirm()  # as the payment does
        self.assertEqual(redemption.state, "used")

    def test_a_code_typed_with_persian_digits(self):
        redemption = self._redeem()
        order = self._cart(self.member_user)
        code = persian_digits(redemption.coupon_code)
        self.assertFalse(self._promo_box(self.member_user, order, code))
        self.assertEqual(order.amount_total, 150.0)

    def test_another_customer_is_refused(self):
        redemption = self._redeem()
        order = self._cart(self.stranger_user)
        error = self._promo_box(self.stranger_user, order, redemption.coupon_code)
        self.assertIn("belongs to another club member", error)
        self.assertEqual(order.amount_total, 200.0)

    def test_an_anonymous_cart_is_asked_to_sign_in(self):
        redemption = self._redeem()
        public_user = self.website.user_id
        order = self._cart(public_user)
        error = self._promo_box(public_user, order, redemption.coupon_code)
        self.assertIn("sign in as its owner", error)
        self.assertEqual(order.amount_total, 200.0)
        self.member.invalidate_recordset(["message_ids"])
        self.assertIn("an anonymous customer", self.member.message_ids[0].body)

    def test_free_delivery_takes_the_shipping_off(self):
        redemption = self._redeem(self.free_delivery)
        order = self._cart(self.member_user)
        order.set_delivery_line(self.courier, 30.0)
        self.assertEqual(order.amount_total, 230.0)
        self.assertFalse(
            self._promo_box(self.member_user, order, redemption.coupon_code)
        )
        self.assertEqual(order.amount_total, 200.0, "the delivery is free")

    def test_a_reward_not_offered_online_is_not_applied_in_the_shop(self):
        redemption = self._redeem()
        self.discount.channel_website = False
        self.assertFalse(self.discount.program_id.ecommerce_ok)
        order = self._cart(self.member_user)
        self._promo_box(self.member_user, order, redemption.coupon_code)
        self.assertEqual(order.amount_total, 200.0)
        self.assertFalse(order.order_line.coupon_id)

    def test_the_member_applies_the_coupon_in_the_browser(self):
        redemption = self._redeem()
        redemption.coupon_id.sudo().code = "CLUB-4488"
        self.start_tour(
            "/shop",
            "loyalty_club_website_cart_coupon",
            login="club_web_member",
        )
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.member.id), ("website_id", "=", self.website.id)]
        )
        self.assertEqual(order.amount_total, 150.0)
        self.assertEqual(order.order_line.coupon_id, redemption.coupon_id)
