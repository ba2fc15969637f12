# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, TransactionCase, tagged


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


@tagged("post_install", "-at_install")
class TestTheDemoAtTheTill(HttpCase):
    """The README's walkthrough, on the demo data: scan the demo member,
    sell, redeem on a later order, refund; the ledger agrees."""

    def test_the_readme_walkthrough(self):
        config = self.env.ref("point_of_sale.pos_config_main")
        member = self.env.ref("loyalty_club.res_partner_member_sara_demo")
        self.assertEqual(member.club_code, "0000000018")
        balance = member.club_points
        config.open_ui()
        self.start_tour(
            f"/pos/ui?config_id={config.id}",
            "loyalty_club_pos_demo",
            login="admin",
            timeout=240,
        )
        sale, second, refund = self.env["pos.order"].search(
            [("session_id", "=", config.current_session_id.id)], order="id"
        )
        self.assertGreater(sale.club_points, 0)
        self.assertEqual(refund.club_points, -sale.club_points)
        redemption = self.env["loyalty.club.redemption"].search(
            [("partner_id", "=", member.id), ("channel", "=", "pos")]
        )
        self.assertEqual(redemption.state, "used")
        self.assertIn(second.lines.coupon_id, redemption.coupon_id)
        member.invalidate_recordset()
        # the sale's points were pending and went back; 100 were redeemed
        self.assertEqual(member.club_points, balance - 100)
        self.assertFalse(self.env["loyalty.club.move"]._check_balances(member))
