# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestOnePointsSystemInTheDemo(TransactionCase):
    def test_no_native_loyalty_points_beside_the_clubs(self):
        if not self.env["ir.module.module"].search(
            [("name", "=", "loyalty_club_pos"), ("demo", "=", True)]
        ):
            self.fail("the test database is installed with demo data")
        programs = self.env["loyalty.program"].search(
            [("program_type", "=", "loyalty")]
        )
        self.assertFalse(programs, "only the club gives points in the demo")
