#!/usr/bin/env python3
# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generate a large club for the benchmarks: N members with 20 ledger moves
each (100,000 members → 2,000,000 moves), in plain SQL so that it takes
seconds, not hours.

Every member gets, over the last 28 months, 14 earnings of 50 points (one
every 60 days, each valid a year, each counting an amount towards tiers) and
6 redemptions that used up the 6 oldest lots. Two lots per member are past
their expiry date and still open, so the expiry run has 2 × N lots to
expire. Birthdays are spread over the year; half the members read Persian.
Balances agree with the ledger.

Used by tests/test_benchmark.py (``make bench``). Rows are tagged with the
idempotency-key prefix ``bench:`` and the partner reference ``BENCH``, and
``remove`` deletes them again.
"""

import datetime
import random

from psycopg2.extras import execute_values

EARNINGS, REDEMPTIONS, LOT_POINTS, EVERY_DAYS = 14, 6, 50, 60


def remove(cr):
    """Delete a previous benchmark club (straight SQL: the ORM refuses to
    delete ledger moves)."""
    cr.execute(
        "DELETE FROM loyalty_club_allocation WHERE move_id IN (SELECT id FROM "
        "loyalty_club_move WHERE idempotency_key LIKE 'bench:%')"
    )
    cr.execute("DELETE FROM loyalty_club_move WHERE idempotency_key LIKE 'bench:%'")
    cr.execute("DELETE FROM res_partner WHERE ref = 'BENCH'")


def generate(cr, members, today, company_id, tier_id, seed=2026):
    """Insert ``members`` members and their 20 moves each; return their ids."""
    from odoo.addons.loyalty_club.tools import jalali  # noqa: PLC0415

    rng = random.Random(seed)
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'res_partner' AND column_name = 'autopost_bills'"
    )
    extra = ", autopost_bills" if cr.fetchone() else ""
    rows = []
    for index in range(members):
        birthday = datetime.date(1960, 1, 1) + datetime.timedelta(
            days=rng.randint(0, 40 * 365)
        )
        jdate = jalali.to_jalali(birthday)
        row = (
            f"Bench Member {index}",
            f"Bench Member {index}",
            "BENCH",
            True,
            True,
            f"B{index:09d}",
            "fa_IR" if index % 2 else "en_US",
            birthday,
            jdate.month * 100 + jdate.day,
            birthday.month * 100 + birthday.day,
            tier_id,
            company_id,
            "contact",
        )
        rows.append(row + (("ask",) if extra else ()))
    ids = execute_values(
        cr,
        "INSERT INTO res_partner (name, complete_name, ref, active, club_member, "
        "club_code, lang, club_birthday, club_birthday_jmd, club_birthday_gmd, "
        f"club_tier_id, company_id, type{extra}) VALUES %s RETURNING id",
        rows,
        page_size=5000,
        fetch=True,
    )
    partner_ids = [row[0] for row in ids]
    _insert_moves(cr, partner_ids, today, company_id)
    cr.execute(
        "UPDATE res_partner p SET club_points = l.total FROM (SELECT partner_id, "
        "SUM(points) AS total FROM loyalty_club_move WHERE partner_id = ANY(%s) "
        "GROUP BY partner_id) l WHERE p.id = l.partner_id",
        [partner_ids],
    )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE loyalty_club_move")
    return partner_ids


def _insert_moves(cr, partner_ids, today, company_id):
    """Earnings (lots) then redemptions, all set-based."""
    params = {
        "company": company_id,
        "today": today,
        "earnings": EARNINGS,
        "every": EVERY_DAYS,
        "points": LOT_POINTS,
        "redemptions": REDEMPTIONS,
        "ids": partner_ids,
    }
    cr.execute(
        """
        INSERT INTO loyalty_club_move
            (partner_id, company_id, date, move_type, points, state, remaining,
             expiry_date, amount, idempotency_key, description)
        SELECT p.id, %(company)s,
               (%(today)s::date - (%(earnings)s - k) * %(every)s)::timestamp,
               'earn', %(points)s, 'posted',
               CASE WHEN k < %(redemptions)s THEN 0 ELSE %(points)s END,
               %(today)s::date - (%(earnings)s - k) * %(every)s + 365,
               100 + (p.id %% 10) * 150,
               'bench:' || p.id || ':earn:' || k,
               '{"en_US": "Benchmark earning"}'::jsonb
        FROM unnest(%(ids)s::int[]) AS p(id), generate_series(0, %(last)s) AS k
        """,
        dict(params, last=EARNINGS - 1),
    )
    cr.execute(
        """
        INSERT INTO loyalty_club_move
            (partner_id, company_id, date, move_type, points, state,
             idempotency_key, description)
        SELECT p.id, %(company)s,
               (%(today)s::date - (%(earnings)s - k) * %(every)s + 30)::timestamp,
               'redeem', -%(points)s, 'posted',
               'bench:' || p.id || ':redeem:' || k,
               '{"en_US": "Benchmark redemption"}'::jsonb
        FROM unnest(%(ids)s::int[]) AS p(id), generate_series(0, %(last)s) AS k
        """,
        dict(params, last=REDEMPTIONS - 1),
    )
