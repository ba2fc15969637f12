# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/club`` for a member with 10 and with 10,000 ledger moves: the time
of the page (best and median of 7 requests, through the test server) and
its query count, which must not grow (the history is paginated, totals come
from the ledger's aggregates).

Run with ``make bench`` (not part of ``make test``): it prints a table.
"""

import statistics
import time

import pytest

from odoo.tests import HttpCase, new_test_user, tagged

SIZES = (10, 10_000)
REQUESTS = 7


@pytest.mark.scale
@tagged("post_install", "-at_install", "benchmark")
class BenchmarkMyClub(HttpCase):
    def _member_with_moves(self, count):
        login = f"bench_portal_{count}"
        user = new_test_user(self.env, login=login, groups="base.group_portal")
        partner = user.partner_id
        partner.club_member = True
        self.env.flush_all()
        # straight SQL: 10,000 postings through the engine take minutes
        self.env.cr.execute(
            """
            INSERT INTO loyalty_club_move
                (partner_id, company_id, date, move_type, points, state, remaining,
                 expiry_date, amount, idempotency_key, description)
            SELECT %(partner)s, %(company)s, now() - k * interval '1 hour',
                   'earn', 1, 'posted', 1, (now() + interval '300 days')::date,
                   10, 'bench-portal:' || %(partner)s || ':' || k,
                   '{"en_US": "Benchmark earning"}'
            FROM generate_series(1, %(count)s) AS k
            """,
            {"partner": partner.id, "company": self.env.company.id, "count": count},
        )
        self.env.cr.execute(
            "UPDATE res_partner SET club_points = %s WHERE id = %s", (count, partner.id)
        )
        self.env.cr.execute("ANALYZE loyalty_club_move")
        self.env.invalidate_all()
        return login

    def _measure(self, login):
        self.authenticate(login, login)
        self.url_open("/my/club")  # the first request fills the caches
        timings, queries = [], set()
        for __ in range(REQUESTS):
            before = self.env.cr.sql_log_count
            started = time.perf_counter()
            response = self.url_open("/my/club")
            timings.append((time.perf_counter() - started) * 1000)
            queries.add(self.env.cr.sql_log_count - before)
            self.assertEqual(response.status_code, 200)
        return min(timings), statistics.median(timings), queries

    def test_my_club_does_not_grow_with_the_ledger(self):
        rows = []
        for size in SIZES:
            best, median, queries = self._measure(self._member_with_moves(size))
            rows.append((size, best, median, queries))
        print(f"\n/my/club (ms: best / median of {REQUESTS} requests)")
        print(f"{'moves':>8}  {'best':>8}  {'median':>8}  queries")
        for size, best, median, queries in rows:
            print(f"{size:>8,}  {best:>8.1f}  {median:>8.1f}  {sorted(queries)}")
        print(f"ratio 10,000 / 10 moves (best): {rows[1][1] / rows[0][1]:.2f}x")
        self.assertEqual(rows[0][3], rows[1][3], "the query count grew with the ledger")
