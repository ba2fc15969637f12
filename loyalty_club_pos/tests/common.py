# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A till, a cashier without club rights, members and earn rules; orders go
through ``pos.order.sync_from_ui`` with the payload the till sends."""

import datetime
import uuid

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.loyalty_club.tests.common import enter_registry_test_mode
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


class ClubPosCommon(TestPoSCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        enter_registry_test_mode(cls)
        # the accountant of the POS tests also runs the club
        cls.env.user.groups_id += cls.env.ref("loyalty_club.group_loyalty_club_manager")
        # own fixtures: the demo's rules, rewards and messages must not count
        cls.env["loyalty.club.rule"].search([]).active = False
        cls.env["loyalty.club.reward"].search([]).active = False
        cls.env["loyalty.club.auto.message"].search([]).active = False
        cls.company.write(
            {
                "club_pending_days": 14,
                "club_points_validity_months": 12,
                "club_redemption_approval_points": 0,
                "club_redemption_daily_limit": 0,
            }
        )
        cls.config = cls.basic_config
        cls.cashier = new_test_user(
            cls.env,
            login="club_pos_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
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
        cls.categ_saffron = cls.env["product.category"].create({"name": "Saffron"})
        cls.tea = cls.create_product("Tea 500g", cls.categ_basic, 200.0)
        cls.saffron = cls.create_product("Saffron 5g", cls.categ_saffron, 100.0)
        cls.member = cls.env["res.partner"].create(
            {"name": "Sara Rahimi", "mobile": "09124445566", "club_member": True}
        )

    def setUp(self):
        super().setUp()
        self.open_new_session()

    # ------------------------------------------------------------------
    # What the till sends
    # ------------------------------------------------------------------

    def _order_data(self, lines, customer=None, extra_lines=(), **values):
        """The till's payload for a paid order of ``lines`` (``(product,
        qty)`` pairs, see ``create_ui_order_data``) and ``extra_lines``
        (line commands, e.g. a reward line)."""
        data = self.create_ui_order_data(list(lines), customer=customer or False)
        if extra_lines:
            data["lines"] += list(extra_lines)
            self._set_totals(data)
        data.update(values)
        return data

    def _set_totals(self, data):
        """Totals and a cash payment that match the lines of ``data``."""
        lines = [line[2] for line in data["lines"]]
        total = sum(line["price_subtotal_incl"] for line in lines)
        data.update(
            amount_total=total,
            amount_paid=total,
            amount_tax=total - sum(line["price_subtotal"] for line in lines),
            payment_ids=[
                Command.create(
                    {
                        "amount": total,
                        "name": fields.Datetime.now(),
                        "payment_method_id": self.cash_pm1.id,
                    }
                )
            ]
            if total
            else [],
        )

    def _sync(self, *orders, user=None):
        """Sync ``orders`` as the cashier; the synced orders, in order."""
        result = (
            self.env["pos.order"]
            .with_user(user or self.cashier)
            .sync_from_ui(list(orders))
        )
        self.last_sync = result
        return self.env["pos.order"].browse(
            [order["id"] for order in result["pos.order"]]
        )

    def _sell(self, lines, customer=None, **values):
        return self._sync(self._order_data(lines, customer or self.member, **values))

    def _refund_data(self, order, returned, new_lines=(), customer=None):
        """The till's payload returning ``returned`` (``{product: qty}``)
        of ``order``, with ``new_lines`` sold in exchange."""
        data = self.create_ui_order_data(
            list(new_lines), customer=customer or order.partner_id
        )
        data["lines"] = [
            self._line(
                line.product_id,
                -returned[line.product_id],
                line.price_unit,
                refunded_orderline_id=line.id,
            )
            for line in order.lines
            if returned.get(line.product_id)
        ] + data["lines"]
        self._set_totals(data)
        return data

    def _line(self, product, qty, price_unit, **values):
        """An order line command as the till sends it (no taxes)."""
        return Command.create(
            {
                "product_id": product.id,
                "qty": qty,
                "price_unit": price_unit,
                "price_subtotal": price_unit * qty,
                "price_subtotal_incl": price_unit * qty,
                "tax_ids": [Command.set([])],
                **values,
            }
        )

    def _reward_line(self, reward, amount, coupon=None):
        """The line of a club reward's coupon, as the till adds it."""
        native_reward = reward.program_id.reward_ids
        return self._line(
            native_reward.discount_line_product_id,
            1,
            amount,
            is_reward_line=True,
            reward_id=native_reward.id,
            coupon_id=coupon.id if coupon else False,
            points_cost=1,
            reward_identifier_code=str(uuid.uuid4())[:8],
        )

    # ------------------------------------------------------------------
    # Ledger
    # ------------------------------------------------------------------

    def _moves(self, partner=None):
        return (
            self.env["loyalty.club.move"]
            .sudo()
            .search([("partner_id", "=", (partner or self.member).id)], order="id")
        )

    @classmethod
    def _create_discount_reward(cls):
        """A 50-off reward for 100 points, in the till's company."""
        return cls.env["loyalty.club.reward"].create(
            {
                "name": "50 off",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
            }
        )

    @classmethod
    def _create_other_company_member(cls, name):
        """A member of another shop, and that shop (``cls.other_company``)."""
        cls.other_company = cls.env["res.company"].create({"name": "Other Shop"})
        return cls.env["res.partner"].create(
            {
                "name": name,
                "mobile": "09351112233",
                "club_member": True,
                "company_id": cls.other_company.id,
            }
        )

    @classmethod
    def _post(cls, partner, points, key, **kwargs):
        return cls.env["loyalty.club.move"]._post(
            partner,
            "earn",
            points,
            key,
            expiry_date=kwargs.pop("expiry_date", datetime.date(2031, 1, 1)),
            **kwargs,
        )

    def assertLedgerConsistent(self, partner=None):
        partner = partner or self.member
        partner.invalidate_recordset()
        self.assertFalse(self.env["loyalty.club.move"]._check_balances(partner))
