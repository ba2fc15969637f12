# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWebShopOrdersEarnByTheWebsitesRules(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.rule"].search([]).active = False
        cls.env["loyalty.club.auto.message"].search([]).active = False
        rules = cls.env["loyalty.club.rule"]
        only = {"channel_sale": False, "channel_pos": False, "channel_website": False}
        rules.create(
            {
                "name": "Online: 1 per 10",
                "rule_type": "amount",
                "points": 1,
                "amount_step": 10,
                **only,
                "channel_website": True,
            }
        )
        rules.create(
            {
                "name": "Back office: 1 per 100",
                "rule_type": "amount",
                "points": 1,
                "amount_step": 100,
                **only,
                "channel_sale": True,
            }
        )
        cls.member = cls.env["res.partner"].create(
            {"name": "Sara Website", "mobile": "09127770011", "club_member": True}
        )
        cls.saffron = cls.env["product.product"].create(
            {"name": "Saffron", "list_price": 200.0, "taxes_id": [Command.clear()]}
        )

    def _confirmed_order(self, **values):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.member.id,
                "order_line": [Command.create({"product_id": self.saffron.id})],
                **values,
            }
        )
        order.action_confirm()
        return order

    def test_a_web_shop_order_earns_by_the_website_rules(self):
        website = self.env["website"].get_current_website()
        self.assertEqual(self._confirmed_order(website_id=website.id).club_points, 20)

    def test_a_back_office_order_earns_by_the_sales_rules(self):
        self.assertEqual(self._confirmed_order().club_points, 2)
