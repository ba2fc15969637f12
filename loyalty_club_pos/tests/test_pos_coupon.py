# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Club coupons at the till, through the calls the Point of Sale makes: "Enter
Code" (``use_coupon_code``), the payment screen's check
(``validate_coupon_programs``), the order sync and ``confirm_coupon_programs``."""

import datetime
import uuid

from odoo import fields
from odoo.tests import tagged

from odoo.addons.loyalty_club.tests.common import enter_registry_test_mode
from odoo.addons.loyalty_club.tools.jalali import persian_digits
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestClubCouponAtTheTill(TestPoSCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        enter_registry_test_mode(cls)
        # the accountant of the POS tests also runs the club
        cls.env.user.groups_id += cls.env.ref("loyalty_club.group_loyalty_club_manager")
        cls.env["loyalty.club.rule"].search([]).active = False
        cls.env["loyalty.club.reward"].search([]).active = False
        cls.config = cls.basic_config
        cls.tea = cls.create_product("Tea 500g", cls.categ_basic, 200.0)
        cls.member = cls.env["res.partner"].create(
            {"name": "Sara Rahimi", "mobile": "09124445566", "club_member": True}
        )
        cls.env["loyalty.club.move"]._post(
            cls.member, "earn", 500, "pos-setup", expiry_date=datetime.date(2031, 1, 1)
        )
        cls.discount = cls.env["loyalty.club.reward"].create(
            {
                "name": "50 off at the till",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
            }
        )
        cls.free_tea = cls.env["loyalty.club.reward"].create(
            {
                "name": "A free tea",
                "kind": "free_product",
                "points_cost": 150,
                "product_id": cls.tea.id,
            }
        )

    def setUp(self):
        super().setUp()
        self.open_new_session()

    def _redeem(self, reward=None):
        redemption = self.env["loyalty.club.redemption"].create(
            {
                "partner_id": self.member.id,
                "reward_id": (reward or self.discount).id,
                "channel": "pos",
            }
        )
        redemption.action_confirm()
        return redemption

    def _enter_code(self, code, partner):
        return self.config.use_coupon_code(
            code,
            fields.Datetime.to_string(fields.Datetime.now()),
            partner.id if partner else False,
            self.config.pricelist_id.id,
        )

    def _pay_with_coupon(self, coupon_id, reward, partner):
        """What the till sends once the cashier applied the coupon's reward
        and took the payment."""
        native_reward = reward.program_id.reward_ids
        if reward.kind == "free_product":
            reward_line = self._line(
                self.tea, -self.tea.lst_price, native_reward, coupon_id
            )
            lines = [self._line(self.tea, self.tea.lst_price), reward_line]
        else:
            product = native_reward.discount_line_product_id
            reward_line = self._line(product, -50.0, native_reward, coupon_id)
            lines = [self._line(self.tea, self.tea.lst_price), reward_line]
        check = self.env["pos.order"].validate_coupon_programs({coupon_id: -1}, [])
        self.assertTrue(check["successful"], check)
        order_uuid = str(uuid.uuid4())
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        synced = self.env["pos.order"].sync_from_ui(
            [
                {
                    "uuid": order_uuid,
                    "name": f"Order {order_uuid}",
                    "session_id": self.pos_session.id,
                    "partner_id": partner.id if partner else False,
                    "pricelist_id": self.config.pricelist_id.id,
                    "date_order": fields.Datetime.to_string(fields.Datetime.now()),
                    "lines": lines,
                    "payment_ids": [
                        (
                            0,
                            0,
                            {
                                "amount": total,
                                "name": fields.Datetime.now(),
                                "payment_method_id": self.cash_pm1.id,
                            },
                        )
                    ],
                    "amount_paid": total,
                    "amount_total": total,
                    "amount_tax": 0.0,
                    "amount_return": 0.0,
                    "sequence_number": 1,
                    "user_id": self.env.uid,
                    "last_order_preparation_change": "{}",
                }
            ]
        )
        order = self.env["pos.order"].browse(synced["pos.order"][0]["id"])
        order.confirm_coupon_programs(
            {
                coupon_id: {
                    "points": -1,
                    "program_id": reward.program_id.id,
                    "coupon_id": coupon_id,
                    "barcode": False,
                    "line_codes": [reward_line[2]["reward_identifier_code"]],
                }
            }
        )
        return order

    def _line(self, product, price, native_reward=None, coupon_id=None):
        values = {
            "product_id": product.id,
            "qty": 1,
            "price_unit": price,
            "price_subtotal": price,
            "price_subtotal_incl": price,
            "tax_ids": [(6, 0, [])],
        }
        if native_reward:
            values.update(
                is_reward_line=True,
                reward_id=native_reward.id,
                coupon_id=coupon_id,
                points_cost=1,
                reward_identifier_code=str(uuid.uuid4())[:8],
            )
        return (0, 0, values)

    def test_the_owner_spends_a_discount_coupon_at_the_till(self):
        redemption = self._redeem()
        result = self._enter_code(redemption.coupon_code, self.member)
        self.assertTrue(result["successful"], result)
        self.assertEqual(result["payload"]["coupon_id"], redemption.coupon_id.id)

        order = self._pay_with_coupon(
            result["payload"]["coupon_id"], self.discount, self.member
        )
        self.assertEqual(order.amount_total, 150.0)
        self.assertEqual(order.state, "paid")
        self.assertEqual(redemption.state, "used")
        self.assertEqual(redemption.coupon_id.points, 0)
        # the same code again is refused by the till
        again = self._enter_code(redemption.coupon_code, self.member)
        self.assertFalse(again["successful"])

    def test_a_free_product_coupon_at_the_till(self):
        redemption = self._redeem(self.free_tea)
        result = self._enter_code(redemption.coupon_code, self.member)
        self.assertTrue(result["successful"], result)
        order = self._pay_with_coupon(
            result["payload"]["coupon_id"], self.free_tea, self.member
        )
        self.assertEqual(order.amount_total, 0.0, "the tea is free")
        self.assertEqual(redemption.state, "used")

    def test_a_code_read_out_in_persian_digits(self):
        redemption = self._redeem()
        result = self._enter_code(persian_digits(redemption.coupon_code), self.member)
        self.assertTrue(result["successful"], result)

    def test_another_customer_or_no_customer_is_refused(self):
        redemption = self._redeem()
        stranger = self.env["res.partner"].create({"name": "Someone else"})
        result = self._enter_code(redemption.coupon_code, stranger)
        self.assertFalse(result["successful"])
        self.assertIn(
            "belongs to another club member", result["payload"]["error_message"]
        )
        result = self._enter_code(redemption.coupon_code, None)
        self.assertFalse(result["successful"])
        self.assertIn(
            "set its owner as the customer", result["payload"]["error_message"]
        )
        self.member.invalidate_recordset(["message_ids"])
        notes = self.member.message_ids.mapped("body")
        self.assertTrue(any(self.config.name in note for note in notes))
        self.assertEqual(redemption.coupon_id.points, 1, "nothing was spent")

    def test_a_coupon_spent_after_the_customer_changed_is_noted_on_its_owner(self):
        redemption = self._redeem()
        stranger = self.env["res.partner"].create({"name": "Someone else"})
        # the code was accepted for the owner, then the cashier changed customer
        result = self._enter_code(redemption.coupon_code, self.member)
        order = self._pay_with_coupon(
            result["payload"]["coupon_id"], self.discount, stranger
        )
        self.assertEqual(order.state, "paid", "a paid order is never lost")
        self.assertEqual(redemption.state, "used")
        self.member.invalidate_recordset(["message_ids"])
        self.assertIn("not on an order of this member", self.member.message_ids[0].body)

    def test_rewards_the_till_cannot_give_stay_out_of_it(self):
        shipping = self.env["loyalty.club.reward"].create(
            {
                "name": "Free delivery",
                "kind": "free_shipping",
                "points_cost": 100,
                "channel_pos": False,
            }
        )
        mug = self.env["product.product"].create(
            {"name": "Club mug", "available_in_pos": False}
        )
        free_mug = self.env["loyalty.club.reward"].create(
            {
                "name": "A free mug",
                "kind": "free_product",
                "points_cost": 100,
                "product_id": mug.id,
            }
        )
        self.assertFalse(shipping.program_id.pos_ok)
        self.assertFalse(free_mug.program_id.pos_ok, "it would block the session")
        self.assertTrue(self.discount.program_id.pos_ok)
        catalog = {
            item["name"]: item
            for item in shipping.get_club_catalog(self.member.id, "pos")
        }
        self.assertFalse(catalog["Free delivery"]["redeemable"])
        self.assertFalse(catalog["A free mug"]["redeemable"])
        # made available at the till, the mug can be given there
        mug.available_in_pos = True
        self.assertTrue(free_mug.program_id.pos_ok)
        self.assertTrue(catalog["50 off at the till"]["redeemable"])
