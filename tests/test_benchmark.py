# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ledger benchmarks at 10,000 members / 200,000 moves and at 100,000
members / 2,000,000 moves: the expiry run, the nightly tier review, the
birthday run, the balance check, posting one earning to one member, counting
a campaign's segment and sending a campaign.

Run with ``make bench`` (not part of ``make test``): it prints a table. Each
measure runs in its own transaction and is rolled back, so every measure
sees the same club.
"""

import datetime
import importlib.util
import os
import random
import statistics
import time
from pathlib import Path

import pytest

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, get_db_name, tagged

ROOT = Path(__file__).resolve().parent.parent
# BENCH_SCALES=1000,10000 make bench: a quicker run while working on it
SCALES = tuple(
    int(n) for n in os.environ.get("BENCH_SCALES", "10000,100000").split(",")
)
TODAY = datetime.date.today()  # the crons work on the real today
BATCH = 5000
CAMPAIGN_RECIPIENTS = 5000


def _load_generator():
    spec = importlib.util.spec_from_file_location(
        "benchmark_data", ROOT / "data" / "benchmark_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.scale
@tagged("post_install", "-at_install", "benchmark")
class BenchmarkLedger(BaseCase):
    def setUp(self):
        super().setUp()
        self.db = db_connect(get_db_name())
        self.data = _load_generator()
        self.addCleanup(self._remove)

    def _remove(self):
        with self.db.cursor() as cr:
            self.data.remove(cr)

    def _measure(self, work):
        """Seconds ``work(env)`` takes, in a transaction rolled back after."""
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tz": "Asia/Tehran"})
            started = time.perf_counter()
            result = work(env)
            elapsed = time.perf_counter() - started
            env.invalidate_all()
            cr.rollback()
        return elapsed, result

    def _prepare(self, members):
        with self.db.cursor() as cr:
            self.data.remove(cr)
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            tier = env["loyalty.club.tier"]._get_entry_tier(company)
            started = time.perf_counter()
            ids = self.data.generate(cr, members, TODAY, company.id, tier.id)
            cr.commit()
            moves = env["loyalty.club.move"].search_count([])
        return ids, time.perf_counter() - started, moves

    # the measured work -------------------------------------------------

    @staticmethod
    def _run_cron(env, model, method, domain_of):
        batches = 0
        while env[model].sudo().search_count(domain_of(env)):
            getattr(env[model], method)(batch_size=BATCH)
            batches += 1
        return batches

    def _expire(self, env):
        moves = env["loyalty.club.move"]
        return self._run_cron(
            env,
            "loyalty.club.move",
            "_cron_expire_points",
            lambda env: moves._get_expired_lots_domain(TODAY),
        )

    def _review(self, env):
        return self._run_cron(
            env,
            "res.partner",
            "_cron_review_club_tiers",
            lambda env: [
                ("club_member", "=", True),
                "|",
                ("club_tier_review_date", "=", False),
                ("club_tier_review_date", "<", TODAY),
            ],
        )

    def _birthdays(self, env):
        env["loyalty.club.rule"].create(
            {"name": "Bench birthday", "rule_type": "birthday", "points": 100}
        )
        before = env["loyalty.club.move"].search_count([])
        env["res.partner"]._cron_birthday_bonus(batch_size=BATCH)
        return env["loyalty.club.move"].search_count([]) - before

    def _post_earnings(self, env, ids, count=200):
        partners = env["res.partner"].browse(random.Random(7).sample(ids, count))
        moves = env["loyalty.club.move"]
        timings = []
        for number, partner in enumerate(partners):
            started = time.perf_counter()
            moves._post(partner, "earn", 10, f"bench:post:{number}")
            timings.append(time.perf_counter() - started)
        return statistics.median(timings) * 1000

    def _campaign_segment(self, env):
        """Count a campaign's segment: members whose points expire this
        Jalali month, read from the ledger."""
        campaign = env["loyalty.club.campaign"].create(
            {
                "name": "Bench: points expiring this month",
                "domain": "[('club_points', '>', 0),"
                " ('club_next_expiry_date', '>=', jalali_month_start),"
                " ('club_next_expiry_date', '<=', jalali_month_end)]",
                "sms_body": "{name}: {expiring_points} points expire on {expiry_date}",
            }
        )
        return campaign.recipient_count

    def _campaign_send(self, env, ids, recipients=CAMPAIGN_RECIPIENTS):
        """Send a campaign with bonus points to ``recipients`` members who
        accept SMS, batch after batch as the cron does; the SMS are queued."""
        chosen = ids[:recipients]
        # no quiet hours: the benchmark runs at any time of day (rolled back)
        company = env.ref("base.main_company")
        company.club_quiet_hours_end = company.club_quiet_hours_start
        env.cr.execute(
            "UPDATE res_partner SET club_sms_consent = TRUE, "
            "club_mobile = '0912' || lpad(id::text, 7, '0') WHERE id = ANY(%s)",
            [chosen],
        )
        campaign = env["loyalty.club.campaign"].create(
            {
                "name": "Bench: a campaign",
                "domain": f"[('id', 'in', {chosen})]",
                "sms_body": "{name}, {points} points are waiting for you",
                "bonus_points": 10,
            }
        )
        started = time.perf_counter()
        campaign.action_schedule()
        while env["loyalty.club.campaign"]._cron_send():
            pass
        elapsed = time.perf_counter() - started
        assert campaign.count_sms_sent == len(chosen)
        return elapsed / len(chosen) * 1000

    def test_ledger_at_scale(self):
        rows = {}
        for members in SCALES:
            ids, generated, moves = self._prepare(members)
            results = {
                "data generated (s)": generated,
                "ledger moves": moves,
                "expiry run (s)": self._measure(self._expire)[0],
                "tier review (s)": self._measure(self._review)[0],
                "birthday run (s)": self._measure(self._birthdays)[0],
                "balance check (s)": self._measure(
                    lambda env: env["loyalty.club.move"]._check_balances()
                )[0],
                "post one earning (ms, median of 200)": self._measure(
                    lambda env, ids=ids: self._post_earnings(env, ids)
                )[1],
                "campaign segment count (s)": self._measure(self._campaign_segment)[0],
                "campaign send (s per 1,000 recipients)": self._measure(
                    lambda env, ids=ids: self._campaign_send(env, ids)
                )[1],
            }
            rows[members] = results
        self._print_table(rows)
        small, full = rows[SCALES[0]], rows[SCALES[1]]
        # posting stays constant-time as the ledger grows tenfold
        self.assertLess(
            full["post one earning (ms, median of 200)"],
            3 * small["post one earning (ms, median of 200)"] + 5,
        )

    @staticmethod
    def _print_table(rows):
        scales = list(rows)
        header = "| measure | " + " | ".join(
            f"{m:,} members / {rows[m]['ledger moves']:,} moves" for m in scales
        )
        lines = ["", header + " |", "|---" * (len(scales) + 1) + "|"]
        for measure in rows[scales[0]]:
            if measure == "ledger moves":
                continue
            cells = " | ".join(f"{rows[m][measure]:,.2f}" for m in scales)
            lines.append(f"| {measure} | {cells} |")
        print("\n".join(lines))  # noqa: T201 - the benchmark's output is this table
