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

For the Point of Sale benchmark (tests/test_benchmark_pos.py),
``add_pos_members`` gives every member a mobile, a member code with its check
digit, a zero-padded name and one spendable club coupon, the coupon of a
confirmed redemption of a club reward (whose points are the member's last
redemption move); ``place_in_tiers`` puts members in the tier their spend
reaches, as the nightly review would have; ``add_customers`` adds customers
who are not members.

Used by tests/test_benchmark.py and tests/test_benchmark_pos.py (``make
bench``). Rows are tagged with the idempotency-key prefix ``bench:`` and the
partner reference ``BENCH``, and ``remove`` deletes them again.
"""

import datetime
import random

from psycopg2.extras import execute_values

EARNINGS, REDEMPTIONS, LOT_POINTS, EVERY_DAYS = 14, 6, 50, 60
MEMBER_CODE_BASE = 800_000_000  # bench member codes: 800000000 + n, check digit


def remove(cr):
    """Delete a previous benchmark club (straight SQL: the ORM refuses to
    delete ledger moves)."""
    bench_partners = "SELECT id FROM res_partner WHERE ref = 'BENCH'"
    cr.execute(f"DELETE FROM loyalty_card WHERE partner_id IN ({bench_partners})")
    cr.execute(
        f"DELETE FROM loyalty_club_redemption WHERE partner_id IN ({bench_partners})"
    )
    # Nothing indexes the redemptions' move_id (ledger moves are never
    # deleted): without an index, each of the 2,000,000 moves deleted below
    # would scan the redemptions for its foreign key.
    cr.execute(
        "CREATE INDEX IF NOT EXISTS loyalty_club_redemption_bench_move_idx "
        "ON loyalty_club_redemption (move_id)"
    )
    cr.execute(
        "DELETE FROM loyalty_club_allocation WHERE move_id IN (SELECT id FROM "
        "loyalty_club_move WHERE idempotency_key LIKE 'bench:%')"
    )
    cr.execute("DELETE FROM loyalty_club_move WHERE idempotency_key LIKE 'bench:%'")
    cr.execute("DROP INDEX loyalty_club_redemption_bench_move_idx")
    cr.execute("DELETE FROM res_partner WHERE ref = 'BENCH'")


def generate(cr, members, today, company_id, tier_id, seed=2026):
    """Insert ``members`` members and their 20 moves each; return their ids."""
    from odoo.addons.loyalty_club.tools import jalali  # noqa: PLC0415

    rng = random.Random(seed)
    extra = _autopost_bills(cr)
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


def _autopost_bills(cr):
    """``", autopost_bills"`` when the accounting app's required column is
    there (its value: ``'ask'``), else ``""``."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'res_partner' AND column_name = 'autopost_bills'"
    )
    return ", autopost_bills" if cr.fetchone() else ""


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


def add_pos_members(cr, partner_ids, reward, today):
    """What the till needs of the members ``generate`` made (in its order):
    a name that sorts like the member's number (``Bench Member 000042``, so
    that the ~100 customers a till preloads are the same however big the
    club), the mobile ``0912`` + the number on 7 digits, a member code with
    its check digit, and one club coupon of ``reward`` (a
    ``loyalty.club.reward`` record: its program is the coupon's) from a
    confirmed redemption, all in set-based SQL."""
    rows = [
        (partner_id, f"Bench Member {index:06d}", mobile(index), member_code(index))
        for index, partner_id in enumerate(partner_ids)
    ]
    execute_values(
        cr,
        "UPDATE res_partner p SET name = v.name, complete_name = v.name, "
        "mobile = v.mobile, club_mobile = v.mobile, club_code = v.code "
        "FROM (VALUES %s) AS v(id, name, mobile, code) WHERE p.id = v.id",
        rows,
        page_size=5000,
    )
    validity = reward.coupon_validity_days
    params = {
        "ids": partner_ids,
        "reward": reward.id,
        "program": reward.program_id.id,
        "company": reward.company_id.id or reward.env.company.id,
        "points": LOT_POINTS,
        "expiry": today + datetime.timedelta(days=validity) if validity > 0 else None,
        "last": REDEMPTIONS - 1,
    }
    cr.execute(
        """
        INSERT INTO loyalty_club_redemption
            (name, partner_id, reward_id, company_id, points, state, channel,
             move_id, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || lpad(p.n::text, 6, '0'), p.id, %(reward)s,
               %(company)s, %(points)s, 'confirmed', 'pos', m.id, 1, 1,
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
        FROM unnest(%(ids)s::int[]) WITH ORDINALITY AS p(id, n)
        LEFT JOIN loyalty_club_move m
               ON m.idempotency_key = 'bench:' || p.id || ':redeem:' || %(last)s
        """,
        params,
    )
    cr.execute(
        """
        INSERT INTO loyalty_card
            (program_id, company_id, partner_id, code, points, expiration_date,
             active, club_redemption_id, create_uid, write_uid, create_date,
             write_date)
        SELECT %(program)s, %(company)s, r.partner_id, 'bench-' || r.id, 1,
               %(expiry)s, TRUE, r.id, 1, 1, r.create_date, r.create_date
        FROM loyalty_club_redemption r
        WHERE r.partner_id = ANY(%(ids)s)
        """,
        params,
    )
    cr.execute(
        "UPDATE loyalty_club_redemption r SET coupon_id = c.id FROM loyalty_card c "
        "WHERE c.club_redemption_id = r.id AND r.partner_id = ANY(%s)",
        [partner_ids],
    )
    for table in ("res_partner", "loyalty_card", "loyalty_club_redemption"):
        cr.execute(f"ANALYZE {table}")


def place_in_tiers(cr, partner_ids, tiers, window_start, today):
    """Put the members in the tier their spend since ``window_start`` reaches,
    as the nightly review would have (``generate`` leaves them all in the
    entry tier, for the review's benchmark). ``tiers``: ``[(id,
    threshold)]``, lowest first."""
    cr.execute(
        """
        WITH tier AS (
            SELECT * FROM unnest(%(tier_ids)s::int[], %(thresholds)s::float8[])
                WITH ORDINALITY AS t(id, threshold, rank)
        ), spend AS (
            SELECT partner_id, SUM(amount) AS total FROM loyalty_club_move
            WHERE partner_id = ANY(%(ids)s) AND date >= %(start)s
            GROUP BY partner_id
        )
        UPDATE res_partner p
        SET club_tier_id = (
                SELECT tier.id FROM tier WHERE tier.threshold <= spend.total
                ORDER BY tier.rank DESC LIMIT 1
            ),
            club_tier_review_date = %(today)s
        FROM spend WHERE p.id = spend.partner_id
        """,
        {
            "tier_ids": [tier_id for tier_id, __ in tiers],
            "thresholds": [threshold for __, threshold in tiers],
            "ids": partner_ids,
            "start": window_start,
            "today": today,
        },
    )


def mobile(index):
    """The mobile number ``add_pos_members`` gives member ``index``."""
    return f"0912{index:07d}"


def member_code(index):
    """The member code ``add_pos_members`` gives member ``index``."""
    from odoo.addons.loyalty_club.tools.normalize import (  # noqa: PLC0415
        make_member_code,
    )

    return make_member_code(MEMBER_CODE_BASE + index)


def add_customers(cr, count, company_id):
    """``count`` customers who are not club members, with a mobile as the
    members have (``Guest Customer 000``: after the members in name order,
    so no till preloads them instead)."""
    extra = _autopost_bills(cr)
    rows = [
        (f"Guest Customer {index:03d}",) * 2
        + (f"0935{index:07d}", "BENCH", True, False, company_id, "contact")
        + (("ask",) if extra else ())
        for index in range(count)
    ]
    ids = execute_values(
        cr,
        "INSERT INTO res_partner (name, complete_name, mobile, ref, active, "
        f"club_member, company_id, type{extra}) VALUES %s RETURNING id",
        rows,
        fetch=True,
    )
    return [row[0] for row in ids]
