# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two tills redeeming for the same member at the same moment, on two real
database connections (not the test transaction). The first till holds the
member's row lock; the second starts in a thread and is seen waiting for that
lock in PostgreSQL before the first commits, so the order is always the same."""

import threading
import time

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

TIMEOUT = 30  # seconds; a bound for waits that end in milliseconds


def backend_pid(cr):
    cr.execute("SELECT pg_backend_pid()")
    return cr.fetchone()[0]


class Till(threading.Thread):
    """A till's request on a connection of its own: ``work(cr)`` runs in one
    transaction, which is committed, or rolled back when it raises. What it
    raised is kept for the test to look at."""

    def __init__(self, registry, work):
        super().__init__(daemon=True)
        self.registry = registry
        self.work = work
        self.connected = threading.Event()
        self.pid = None
        self.error = None

    def run(self):
        with self.registry.cursor() as cr:
            # An environment would otherwise look the registry up, and wait for
            # Odoo's test runner, which holds the registries' lock meanwhile.
            cr.transaction = api.Transaction(self.registry)
            self.pid = backend_pid(cr)
            self.connected.set()
            try:
                with mute_logger("odoo.sql_db"):  # Odoo logs the refused query
                    self.work(cr)
            except Exception as error:  # whatever it is, the test reports it
                self.error = error
                cr.rollback()


@tagged("post_install", "-at_install")
class TestConcurrentRedemptions(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
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
        with self.registry.cursor() as cr:
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

    def _balance(self, cr):
        cr.execute(
            "SELECT club_points FROM res_partner WHERE id = %s", [self.member_id]
        )
        return cr.fetchone()[0]

    def _start_second_till(self, work, first_cr):
        """Start ``work`` on a second till and return once it waits for a lock
        the first till's open transaction holds."""
        till = Till(self.registry, work)
        till.start()
        self.addCleanup(till.join, TIMEOUT)
        self.assertTrue(till.connected.wait(TIMEOUT), "the second till connects")
        waiting_query = self._wait_for_lock(till, backend_pid(first_cr))
        self.assertIn("FOR NO KEY UPDATE", waiting_query, "it waits for the member")
        return till

    def _wait_for_lock(self, till, holder_pid):
        """The query of ``till`` once PostgreSQL shows it blocked by
        ``holder_pid``, polled until TIMEOUT."""
        deadline = time.monotonic() + TIMEOUT
        with self.registry.cursor() as monitor:
            while till.is_alive() and time.monotonic() < deadline:
                monitor.execute(
                    "SELECT query FROM pg_stat_activity WHERE pid = %s "
                    "AND wait_event_type = 'Lock' "
                    "AND %s = ANY(pg_blocking_pids(pid))",
                    [till.pid, holder_pid],
                )
                row = monitor.fetchone()
                if row:
                    return row[0]
                monitor.rollback()  # pg_stat_activity is read once a transaction
                till.join(0.01)
        self.fail(f"The second till never waited for the first one: {till.error!r}")

    def test_two_tills_cannot_spend_the_same_points(self):
        seen = {}

        def second_till(cr):
            seen["balance"] = self._balance(cr)
            self._redeem(cr, "till-2")

        with self.registry.cursor() as cr:
            self._redeem(cr, "till-1")
            till = self._start_second_till(second_till, cr)
        till.join(TIMEOUT)
        self.assertFalse(till.is_alive())
        # the second till saw the whole balance before the first committed...
        self.assertEqual(seen["balance"], self.balance)
        # ...and once the first committed, its spending on that view is refused
        self.assertIsInstance(till.error, SerializationFailure)
        # when its request is retried it sees the real balance
        with self.assertRaises(UserError), self.registry.cursor() as cr:
            self._redeem(cr, "till-2")
        with self.registry.cursor() as cr:
            self.assertEqual(self._balance(cr), 20)
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
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["loyalty.club.reward"].create(
                {
                    "name": "Two tills reward",
                    "kind": "fixed_discount",
                    "discount_amount": 10,
                    "points_cost": self.spend,
                }
            )
        with self.registry.cursor() as cr:
            self._confirm_redemption(cr)
            till = self._start_second_till(self._confirm_redemption, cr)
        till.join(TIMEOUT)
        self.assertFalse(till.is_alive())
        self.assertIsInstance(till.error, SerializationFailure)
        # the retried request is refused, and its transaction rolled back...
        with (
            self.assertRaisesRegex(UserError, "has 20 points"),
            self.registry.cursor() as cr,
        ):
            self._confirm_redemption(cr)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            member = env["res.partner"].browse(self.member_id)
            self.assertEqual(member.club_points, 20)
            self.assertEqual(len(member.club_redemption_ids), 1)
            # ...but the member's chatter keeps why
            notes = member.message_ids.mapped("body")
            self.assertTrue(
                any("refused" in note and "20 points" in note for note in notes)
            )
