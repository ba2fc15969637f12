# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase


class ShopRoutesCase(HttpCase):
    """Calls the shop's controllers directly (``MockRequest``): their
    routes must be known first, as a real request would have them."""

    def setUp(self):
        super().setUp()
        installed = set(
            self.env["ir.module.module"]
            .search([("state", "=", "installed")])
            .mapped("name")
        )
        for __ in http._generate_routing_rules(installed, nodb_only=False):
            pass


def by_class(node, name, tag="*"):
    """The elements of ``node`` with the class ``name``."""
    return node.xpath(
        f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    )
