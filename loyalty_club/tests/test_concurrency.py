# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two tills redeeming for the same member at the same moment, on two real
database connections (not the test transaction)."""

import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentRedemptions(BaseCase):
    def setUp(self):
        super().setUp()
        self.db = db_connect(get_db_name())
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            member = env["res.partner"].create(
                {"name": "Two Tills Member", "club_member": True}
            )
            env["loyalty.club.move"]._post(member, "earn", 100, "two-tills:earn")
            self.member_id = member.id
            # the demo's sign-up bonus may have come on top of the 100 points
            self.balance = member.club_points
            self.spend = self.balance - 20
        self.addCleanup(self._remove_member)

    def _remove_member(self):
        with self.db.cursor() as cr:
            cr.execute(
                "SELECT id FROM loyalty_club_redemption WHERE partner_id = %s",
                [self.member_id],
            )
            redemption_ids = [row[0] for row in cr.fetchall()] or [0]
            for query in (
                "DELETE FROM mail_message WHERE model = 'res.partner' AND res_id = %s",
                "DELETE FROM loyalty_card WHERE partner_id = %s",
                "DELETE FROM loyalty_club_redemption WHERE partner_id = %s",
            ):
                cr.execute(query, [self.member_id])
            for table in ("mail_message", "mail_followers"):
                column = "model" if table == "mail_message" else "res_model"
                cr.execute(
                    f"DELETE FROM {table} WHERE {column} = 'loyalty.club.redemption' "  # noqa: S608
                    "AND res_id = ANY(%s)",
                    [redemption_ids],
                )
            cr.execute(
                "DELETE FROM loyalty_club_reward WHERE name->>'en_US' = %s "
                "RETURNING program_id",
                ["Two tills reward"],
            )
            program_ids = [row[0] for row in cr.fetchall()]
            if program_ids:
                cr.execute(
                    "DELETE FROM loyalty_program WHERE id = ANY(%s)", [program_ids]
                )
            cr.execute(
                "DELETE FROM loyalty_club_allocation WHERE move_id IN "
                "(SELECT id FROM loyalty_club_move WHERE partner_id = %s)",
                [self.member_id],
            )
            cr.execute(
                "DELETE FROM loyalty_club_move WHERE partner_id = %s", [self.member_id]
            )
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.member_id])

    def _redeem(self, cr, key):
        env = api.Environment(cr, SUPERUSER_ID, {})
        member = env["res.partner"].browse(self.member_id)
        return env["loyalty.club.move"]._post(member, "redeem", -self.spend, key)

    def test_two_tills_cannot_spend_the_same_points(self):
        first_locked = threading.Event()
        second_read = threading.Event()
        outcome = {}

        def second_till():
            with self.db.cursor() as cr:
                first_locked.wait(10)
                # this till saw 100 points before the first one committed...
                cr.execute(
                    "SELECT club_points FROM res_partner WHERE id = %s",
                    [self.member_id],
                )
                outcome["seen"] = cr.fetchone()[0]
                second_read.set()
                try:
                    with mute_logger("odoo.sql_db"):  # Odoo logs the refused query
                        self._redeem(cr, "till-2")
                    outcome["second"] = "redeemed"
                except (SerializationFailure, UserError) as error:
                    outcome["second"] = type(error).__name__
                    cr.rollback()

        thread = threading.Thread(target=second_till)
        thread.start()
        with self.db.cursor() as cr:
            self._redeem(cr, "till-1")
            first_locked.set()
            second_read.wait(10)
            # the second till is now waiting for the member's row
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertEqual(outcome["seen"], self.balance)
        self.assertEqual(outcome["second"], "SerializationFailure")
        # ...and when its request is retried it sees the real balance
        with self.assertRaises(UserError), self.db.cursor() as cr:
            self._redeem(cr, "till-2")
        with self.db.cursor() as cr:
            cr.execute(
                "SELECT club_points FROM res_partner WHERE id = %s", [self.member_id]
            )
            self.assertEqual(cr.fetchone()[0], 20)
            cr.execute(
                "SELECT COUNT(*) FROM loyalty_club_move "
                "WHERE partner_id = %s AND move_type = 'redeem'",
                [self.member_id],
            )
            self.assertEqual(cr.fetchone()[0], 1)

    def _confirm_redemption(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        reward = env["loyalty.club.reward"].search([("name", "=", "Two tills reward")])
        redemption = env["loyalty.club.redemption"].create(
            {"partner_id": self.member_id, "reward_id": reward.id}
        )
        redemption.action_confirm()

    def test_two_tills_cannot_redeem_the_same_points_and_the_refusal_stays(self):
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["loyalty.club.reward"].create(
                {
                    "name": "Two tills reward",
                    "kind": "fixed_discount",
                    "discount_amount": 10,
                    "points_cost": self.spend,
                }
            )
        first_locked = threading.Event()
        outcome = {}

        def second_till():
            with self.db.cursor() as cr:
                first_locked.wait(10)
                try:
                    with mute_logger("odoo.sql_db"):
                        self._confirm_redemption(cr)
                    outcome["second"] = "redeemed"
                except (SerializationFailure, UserError) as error:
                    outcome["second"] = type(error).__name__
                    cr.rollback()

        thread = threading.Thread(target=second_till)
        thread.start()
        with self.db.cursor() as cr:
            self._confirm_redemption(cr)
            first_locked.set()
            thread.join(2)  # the second till now waits for the member's row
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertIn(outcome["second"], ("SerializationFailure", "UserError"))
        # the retried request is refused, and its transaction rolled back...
        with self.assertRaisesRegex(UserError, "has 20 points"), self.db.cursor() as cr:
            self._confirm_redemption(cr)
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            member = env["res.partner"].browse(self.member_id)
            self.assertEqual(member.club_points, 20)
            self.assertEqual(len(member.club_redemption_ids), 1)
            # ...but the member's chatter keeps why
            notes = member.message_ids.mapped("body")
            self.assertTrue(
                any("refused" in note and "20 points" in note for note in notes)
            )
