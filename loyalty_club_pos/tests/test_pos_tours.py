# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The club at the till in a browser, as a cashier without club rights
works (static/tests/tours/club_pos_tour.js); after each tour the ledger
says what the till showed."""

import datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

MEMBER_CODE = "0987654324"
# the shared test machine can be slow to build the till's assets
TOUR_TIMEOUT = 240


@tagged("post_install", "-at_install")
class TestClubAtTheTill(TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id += cls.env.ref("loyalty_club.group_loyalty_club_manager")
        for model in (
            "loyalty.club.rule",
            "loyalty.club.reward",
            "loyalty.club.auto.message",
        ):
            cls.env[model].search([]).active = False
        cls.company = cls.main_pos_config.company_id
        cls.company.write(
            {
                "club_pending_days": 14,
                "club_points_validity_months": 12,
                "club_redemption_approval_points": 0,
                "club_redemption_daily_limit": 0,
            }
        )
        cls.env["loyalty.club.rule"].create(
            {
                "name": "1 point per 10",
                "rule_type": "amount",
                "points": 1,
                "amount_step": 10,
                "company_id": cls.company.id,
            }
        )
        cls.desk_pad.write({"lst_price": 20.0, "taxes_id": [fields.Command.clear()]})
        cls.tier = cls.env["loyalty.club.tier"].create(
            {"name": "Till Gold", "color": 3}
        )
        cls.member = cls.env["res.partner"].create(
            {
                "name": "Sara Rahimi",
                "mobile": "09124445566",
                "club_member": True,
                "club_sms_consent": False,
            }
        )
        cls.member.write({"club_tier_id": cls.tier.id, "club_code": MEMBER_CODE})
        cls.walk_in = cls.env["res.partner"].create({"name": "Walk-in Buyer"})
        today = fields.Date.context_today(cls.env.user)
        post = cls.env["loyalty.club.move"]._post
        post(
            cls.member,
            "earn",
            180,
            "till-tour-1",
            expiry_date=today + datetime.timedelta(days=300),
        )
        post(
            cls.member,
            "earn",
            120,
            "till-tour-2",
            expiry_date=today + datetime.timedelta(days=10),
        )
        post(
            cls.member,
            "earn",
            40,
            "till-tour-3",
            available_date=today + datetime.timedelta(days=14),
        )
        reward_values = {"kind": "fixed_discount", "company_id": cls.company.id}
        cls.reward = cls.env["loyalty.club.reward"].create(
            dict(reward_values, name="50 off", points_cost=100, discount_amount=50.0)
        )
        cls.env["loyalty.club.reward"].create(
            dict(
                reward_values, name="Big Gift", points_cost=5000, discount_amount=500.0
            )
        )

    def _start_tour(self, tour):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour(tour, login="pos_user", timeout=TOUR_TIMEOUT)

    def _moves(self, partner):
        return self.env["loyalty.club.move"].search(
            [("partner_id", "=", partner.id)], order="id"
        )

    def test_scan_a_card_see_the_points_pay_and_read_the_receipt(self):
        self._start_tour("loyalty_club_pos_scan_and_earn")
        order = self.env["pos.order"].search([("partner_id", "=", self.member.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.amount_total, 220.0)
        earning = self._moves(self.member)[-1]
        self.assertEqual((earning.points, earning.state), (22, "pending"))
        self.assertEqual(earning.res_id, order.id)
        self.assertEqual(self.member.club_points, 300)

    def test_find_by_a_persian_digit_mobile_and_enrol(self):
        self._start_tour("loyalty_club_pos_find_and_enrol")
        new = self.env["res.partner"].search([("club_mobile", "=", "09351112233")])
        self.assertEqual(new.name, "Reza Karimi")
        self.assertTrue(new.club_member and new.club_code)
        self.assertEqual(new.club_birthday, datetime.date(1991, 10, 7))
        self.assertEqual(new.club_gender, "male")
        self.assertTrue(new.club_sms_consent)
        self.assertEqual(
            self.env["res.partner"].search_count([("club_mobile", "=", "09124445566")]),
            1,
        )
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Typo Person")]))

    def test_redeem_pay_and_refund(self):
        self._start_tour("loyalty_club_pos_redeem_and_refund")
        redemptions = self.env["loyalty.club.redemption"].search(
            [("partner_id", "=", self.member.id)], order="id"
        )
        self.assertEqual(
            redemptions.mapped("state"), ["cancelled", "cancelled", "used"]
        )
        orders = self.env["pos.order"].search(
            [("partner_id", "=", self.member.id)], order="id"
        )
        sale, refund = orders
        self.assertEqual(sale.club_points, 15)
        self.assertEqual(refund.club_points, -8)
        # 300 - 100 redeemed (the cancelled redemption gave its 100 back)
        self.assertEqual(self.member.club_points, 200)
        self.assertEqual(self.member.club_points_pending, 40 + 15 - 8)

    def test_an_order_paid_offline_earns_once_when_it_reaches_the_server(self):
        self._start_tour("loyalty_club_pos_offline")
        order = self.env["pos.order"].search([("partner_id", "=", self.member.id)])
        self.assertEqual(len(order), 1)
        earnings = self._moves(self.member).filtered(lambda m: m.res_id == order.id)
        self.assertEqual(earnings.mapped("points"), [22])

    def test_the_till_in_persian(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.pos_user.lang = "fa_IR"
        self._start_tour("loyalty_club_pos_persian")
        earning = self._moves(self.member)[-1]
        self.assertEqual((earning.points, earning.state), (20, "pending"))
