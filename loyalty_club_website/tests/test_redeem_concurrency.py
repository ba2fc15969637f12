# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The same redeem form posted twice at the same moment (a double click), on
two real database connections: the second post waits for the member, is
refused by PostgreSQL once the first commits, and its retried request finds
the first one's redemption. A redemption waiting for a club manager's
approval takes no points: without the member's row being written, the
second post would not see the first one's redemption and fail on the key."""

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged

from odoo.addons.loyalty_club.tests.test_concurrency import (
    TIMEOUT,
    Till,
    backend_pid,
)

KEY = "double-click-key-0123456789"


@tagged("post_install", "-at_install")
class TestDoubleClickRedeemsOnce(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = new_test_user(
                env, login="club_double_click", groups="base.group_portal"
            )
            user.partner_id.club_member = True
            env["loyalty.club.move"]._post(
                user.partner_id, "earn", 500, "double-click:earn"
            )
            company = env.company
            self.threshold = company.club_redemption_approval_points
            company.club_redemption_approval_points = 100
            self.company_id = company.id
            reward = env["loyalty.club.reward"].create(
                {
                    "name": "Double click reward",
                    "kind": "fixed_discount",
                    "discount_amount": 10,
                    "points_cost": 200,
                }
            )
            self.user_id, self.member_id, self.reward_id = (
                user.id,
                user.partner_id.id,
                reward.id,
            )
        self.addCleanup(self._clean)

    def _clean(self):
        with self.registry.cursor() as cr:
            for query in (
                "DELETE FROM mail_message WHERE model = 'res.partner' AND res_id = %s",
                "DELETE FROM loyalty_club_redemption WHERE partner_id = %s",
                "DELETE FROM loyalty_club_allocation WHERE move_id IN "
                "(SELECT id FROM loyalty_club_move WHERE partner_id = %s)",
                "DELETE FROM loyalty_club_move WHERE partner_id = %s",
            ):
                cr.execute(query, [self.member_id])
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.company"].browse(
                self.company_id
            ).club_redemption_approval_points = self.threshold
            reward = env["loyalty.club.reward"].browse(self.reward_id)
            program = reward.program_id
            cr.execute("DELETE FROM loyalty_club_reward WHERE id = %s", [reward.id])
            cr.execute("DELETE FROM loyalty_program WHERE id = %s", [program.id])
            user = env["res.users"].browse(self.user_id)
            partner = user.partner_id
            user.unlink()
            partner.unlink()

    def _post_form(self, cr):
        env = api.Environment(cr, self.user_id, {})
        reward = env["loyalty.club.reward"].browse(self.reward_id)
        return env["loyalty.club.redemption"]._club_website_redeem(reward, KEY).id

    def _wait_for_lock(self, till, holder_pid):
        with self.registry.cursor() as monitor:
            for _attempt in range(TIMEOUT * 100):
                monitor.execute(
                    "SELECT query FROM pg_stat_activity WHERE pid = %s "
                    "AND wait_event_type = 'Lock' "
                    "AND %s = ANY(pg_blocking_pids(pid))",
                    [till.pid, holder_pid],
                )
                row = monitor.fetchone()
                if row or not till.is_alive():
                    return row and row[0]
                monitor.rollback()
                till.join(0.01)
        return None

    def test_a_double_click_on_a_redemption_waiting_for_approval(self):
        with self.registry.cursor() as cr:
            first_id = self._post_form(cr)
            till = Till(self.registry, self._post_form)
            till.start()
            self.addCleanup(till.join, TIMEOUT)
            self.assertTrue(till.connected.wait(TIMEOUT))
            waiting = self._wait_for_lock(till, backend_pid(cr))
            self.assertIn("UPDATE res_partner", waiting or "", till.error)
        till.join(TIMEOUT)
        self.assertFalse(till.is_alive())
        self.assertIsInstance(till.error, SerializationFailure)
        with self.registry.cursor() as cr:  # Odoo retries the request
            self.assertEqual(self._post_form(cr), first_id)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT state FROM loyalty_club_redemption WHERE partner_id = %s",
                [self.member_id],
            )
            self.assertEqual(cr.fetchall(), [("to_approve",)])
