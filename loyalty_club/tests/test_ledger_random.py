# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Random sequences of what happens to points (earn, pending or not, the
release and expiry crons and their re-runs, redeem, redemptions cancelled,
reversals before and after spending, adjustments) for two members; after
every step the ledger must hold:

* the stored balance equals the sum of the posted moves;
* a positive balance equals what the open lots still hold, a negative one
  (a debt) leaves no lot open;
* no lot holds less than nothing or more than it earned, and no lot gave
  more than it had;
* a redemption never takes the balance below zero.

Examples hypothesis once found failing are kept below as regular tests.
"""

import contextlib
import datetime

from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LoyaltyClubCommon

START = datetime.datetime(2026, 3, 1, 9, 0)
MEMBERS = 2

earn = st.tuples(
    st.just("earn"),
    st.integers(0, MEMBERS - 1),
    st.integers(1, 300),  # points
    st.booleans(),  # pending
    st.integers(1, 400),  # days of validity
)
# what is taken is a share of the balance: mostly possible, sometimes more
spend = st.tuples(
    st.sampled_from(["redeem", "redeem", "adjust_down", "adjust_up"]),
    st.integers(0, MEMBERS - 1),
    st.floats(0.05, 1.3),
)
reverse = st.tuples(
    st.just("reverse"), st.integers(0, 30), st.floats(0.1, 1.0)
)  # which earning (modulo how many), share
redemption = st.tuples(
    st.just("redemption"), st.integers(0, MEMBERS - 1), st.booleans()
)
time_passes = st.tuples(st.just("days"), st.integers(0, 90))
crons_again = st.tuples(st.just("crons"))
steps = st.lists(
    st.one_of(earn, spend, reverse, redemption, time_passes, crons_again),
    min_size=1,
    max_size=25,
)


class _Rollback(Exception):
    """Undo one example."""


@tagged("post_install", "-at_install")
class TestRandomLedger(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.club_pending_days = 14
        cls.members = [
            cls._create_member(f"Random {index}", f"0912000100{index}")
            for index in range(MEMBERS)
        ]
        cls.reward = cls.env["loyalty.club.reward"].create(
            {
                "name": "Random 50 off",
                "kind": "fixed_discount",
                "points_cost": 120,
                "discount_amount": 50.0,
            }
        )

    @settings(
        max_examples=150,
        deadline=None,
        derandomize=True,  # the same examples on every run: CI stays stable
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(steps)
    def test_random_sequences_keep_the_ledger_whole(self, sequence):
        self._play(sequence)

    def test_a_debt_is_paid_by_the_next_earning(self):
        """Found by breaking the debt settlement on purpose: earn, spend it
        all, the earning is reversed (a debt of 100), a new earning of 50
        pays half of it and leaves no open lot."""
        self._play(
            [
                ("earn", 0, 100, False, 300),
                ("redeem", 0, 1.0),
                ("reverse", 0, 1.0),
                ("earn", 0, 50, False, 300),
                ("earn", 0, 80, True, 300),
                ("days", 15),
            ]
        )

    def _play(self, sequence):
        with contextlib.suppress(_Rollback), self.env.cr.savepoint():
            with freeze_time(START) as clock:
                self.clock = clock
                self.earnings = []
                self.redemptions = []
                for number, step in enumerate(sequence):
                    getattr(self, f"_step_{step[0]}")(number, *step[1:])
                    self._check_ledger(step)
            raise _Rollback
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def _key(self, number, what):
        return f"random:{number}:{what}"

    def _step_earn(self, number, member, points, pending, validity):
        today = self._today()
        self.earnings.append(
            self.env["loyalty.club.move"]._post(
                self.members[member],
                "earn",
                points,
                self._key(number, "earn"),
                expiry_date=today + datetime.timedelta(days=validity),
                available_date=today + datetime.timedelta(days=14) if pending else None,
            )
        )

    def _step_redeem(self, number, member, share):
        self._try_to_take(number, member, share, "redeem")

    def _step_adjust_down(self, number, member, share):
        self._try_to_take(number, member, share, "adjust")

    def _step_adjust_up(self, number, member, share):
        self.env["loyalty.club.move"]._post(
            self.members[member],
            "adjust",
            max(round(300 * share), 1),
            self._key(number, "adjust"),
        )

    def _try_to_take(self, number, member, share, move_type):
        partner = self.members[member]
        balance = self._ledger_balance(partner)
        points = max(round(max(balance, 10) * share), 1)
        try:
            with self.env.cr.savepoint():
                self.env["loyalty.club.move"]._post(
                    partner, move_type, -points, self._key(number, move_type)
                )
        except UserError:
            self.assertGreater(points, balance, "refused though the balance sufficed")
            return
        self.assertLessEqual(points, balance, "took more than the balance")

    def _step_reverse(self, number, which, share):
        if not self.earnings:
            return
        earning = self.earnings[which % len(self.earnings)]
        taken = -sum(
            self.env["loyalty.club.move"]
            .search([("reversed_move_id", "=", earning.id)])
            .mapped("points")
        )
        points = min(max(round(earning.points * share), 1), earning.points - taken)
        if points <= 0:
            return
        self.env["loyalty.club.move"]._post(
            earning.partner_id,
            "reverse",
            -points,
            self._key(number, "reverse"),
            reversed_move=earning,
        )

    def _step_redemption(self, number, member, cancel):
        partner = self.members[member]
        if self._ledger_balance(partner) < self.reward.points_cost:
            return
        redemption = self.env["loyalty.club.redemption"].create(
            {"partner_id": partner.id, "reward_id": self.reward.id}
        )
        redemption.action_confirm()
        if cancel:
            redemption.action_cancel()

    def _step_days(self, number, days):
        self.clock.tick(datetime.timedelta(days=days))
        self._step_crons(number)

    def _step_crons(self, number):
        moves = self.env["loyalty.club.move"]
        moves._cron_release_pending()
        moves._cron_expire_points()

    # ------------------------------------------------------------------
    # What must always hold
    # ------------------------------------------------------------------

    def _today(self):
        return datetime.date.today()

    def _ledger_balance(self, partner):
        self.env.flush_all()
        moves = self.env["loyalty.club.move"].search(
            [("partner_id", "=", partner.id), ("state", "=", "posted")]
        )
        return sum(moves.mapped("points"))

    def _check_ledger(self, step):
        moves = self.env["loyalty.club.move"]
        self.assertFalse(
            moves._check_balances(sum(self.members, moves.env["res.partner"])), step
        )
        for partner in self.members:
            ledger = moves.search([("partner_id", "=", partner.id)])
            lots = ledger.filtered(lambda move: move.points > 0)
            balance = sum(
                ledger.filtered(lambda m: m.state == "posted").mapped("points")
            )
            open_points = sum(
                lots.filtered(lambda lot: lot.state == "posted").mapped("remaining")
            )
            self.assertEqual(open_points, max(balance, 0), (step, partner.name))
            for lot in lots:
                given = sum(lot.consumption_ids.mapped("points"))
                self.assertTrue(0 <= lot.remaining <= lot.points, (step, lot.id))
                self.assertLessEqual(given, lot.points - lot.remaining, (step, lot.id))
            for move in ledger.filtered(lambda m: m.points < 0):
                self.assertLessEqual(
                    sum(move.allocation_ids.mapped("points")),
                    -move.points,
                    (step, move.id),
                )
