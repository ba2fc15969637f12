# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the security review found in the engine: each reader reads the
ledger in their own language, refusals cannot be used to make the shop write
without end, and the engine decides the points' expiry."""

import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.translate import LazyGettext

from .common import LoyaltyClubCommon, RewardCommon

D = datetime.date


def club_text(source, **values):
    """A lazy translation of the club's, as the engine's callers pass."""
    return LazyGettext(source, _module="loyalty_club", **values)


@tagged("post_install", "-at_install")
class TestLedgerInTheReadersLanguage(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")

    def _description(self, move, lang):
        move.invalidate_recordset(["description"])
        return move.with_context(lang=lang).description

    def test_a_cron_run_by_a_persian_user_writes_for_everyone(self):
        self.env["loyalty.club.rule"].create(
            {"name": "Birthday", "rule_type": "birthday", "points": 50}
        )
        persian = self.member.with_context(lang="fa_IR")
        persian._club_post_event_bonus("birthday", club_text("Happy birthday!"))
        move = self.member.club_move_ids
        self.assertEqual(self._description(move, "en_US"), "Happy birthday!")
        self.assertEqual(self._description(move, "fa_IR"), "تولدت مبارک!")

    def test_descriptions_with_values_are_translated_with_their_values(self):
        order = self.env["sale.order"].create({"partner_id": self.member.id})
        move = self._post(
            self.member,
            "earn",
            10,
            description=club_text("Order %(order)s", order=order.name),
            source=order,
        )
        self.assertEqual(self._description(move, "en_US"), f"Order {order.name}")
        self.assertEqual(self._description(move, "fa_IR"), f"سفارش {order.name}")

    def test_the_expiry_run_writes_for_everyone(self):
        self._post(self.member, "earn", 30, expiry_date=D(2026, 1, 1))
        with freeze_time("2026-02-01"):
            self.env["loyalty.club.move"].with_context(
                lang="fa_IR"
            )._cron_expire_points()
        expiry = self.member.club_move_ids.filtered(lambda m: m.move_type == "expire")
        self.assertEqual(self._description(expiry, "en_US"), "Points expired")
        self.assertEqual(self._description(expiry, "fa_IR"), "امتیازها منقضی شد")

    def test_what_a_person_typed_stays_as_typed(self):
        move = self._post(self.member, "adjust", 5, description="جبران تأخیر")
        self.assertEqual(self._description(move, "en_US"), "جبران تأخیر")
        self.assertEqual(self._description(move, "fa_IR"), "جبران تأخیر")


@tagged("post_install", "-at_install")
class TestTheEngineDecidesExpiry(LoyaltyClubCommon):
    @freeze_time("2026-03-10")
    def test_earnings_expire_after_the_posting_companys_validity(self):
        self.env.company.club_points_validity_months = 6
        move = self._post(self.member, "earn", 10)
        self.assertEqual(move.expiry_date, D(2026, 9, 10))

    @freeze_time("2026-03-10")
    def test_false_means_never_and_a_date_is_kept(self):
        self.env.company.club_points_validity_months = 6
        self.assertFalse(
            self._post(self.member, "earn", 10, expiry_date=False).expiry_date
        )
        kept = self._post(self.member, "earn", 10, expiry_date=D(2026, 4, 1))
        self.assertEqual(kept.expiry_date, D(2026, 4, 1))

    def test_no_validity_means_points_never_expire(self):
        self.env.company.club_points_validity_months = 0
        self.assertFalse(self._post(self.member, "earn", 10).expiry_date)


@tagged("post_install", "-at_install")
class TestRefusalNotesCannotBeAmplified(RewardCommon):
    def _refuse(self, coupon, times):
        """Type the coupon ``times`` times as an anonymous visitor; how many
        cursors of their own the refusals opened."""
        registry = type(self.registry)
        with patch.object(
            registry, "cursor", autospec=True, side_effect=registry.cursor
        ) as cursor:
            for __ in range(times):
                self.assertTrue(
                    coupon._club_refusal_for(self.env["res.partner"], "/shop")
                )
        return cursor.call_count

    def _refusal_notes(self):
        self.member.invalidate_recordset(["message_ids"])
        return self.member.message_ids.filtered(
            lambda m: "was refused" in (m.body or "")
        )

    def test_one_note_an_hour_however_often_a_code_is_typed(self):
        coupon = self._redeem().coupon_id.sudo()
        with freeze_time("2026-06-01 10:00"):
            self.assertEqual(self._refuse(coupon, 5), 1, "one transaction of its own")
        with freeze_time("2026-06-01 10:50"):
            coupon.invalidate_recordset(["club_refusal_noted_at"])
            self.assertEqual(self._refuse(coupon, 3), 0)
        self.assertEqual(len(self._refusal_notes()), 1)
        with freeze_time("2026-06-01 11:01"):
            coupon.invalidate_recordset(["club_refusal_noted_at"])
            self._refuse(coupon, 2)
        self.assertEqual(len(self._refusal_notes()), 2)

    def test_codes_that_are_no_club_coupon_write_nothing(self):
        program = self.env["loyalty.program"].create(
            {"name": "Shop coupons", "program_type": "coupons"}
        )
        coupon = self.env["loyalty.card"].create(
            {"program_id": program.id, "points": 1}
        )
        registry = type(self.registry)
        with patch.object(
            registry, "cursor", autospec=True, side_effect=registry.cursor
        ) as cursor:
            self.assertIsNone(
                coupon._club_refusal_for(self.env["res.partner"], "/shop")
            )
        self.assertEqual(cursor.call_count, 0)


@tagged("post_install", "-at_install")
class TestLedgerViewsAndCrons(RewardCommon):
    def test_the_source_list_reads_no_table(self):
        moves = self.env["loyalty.club.move"]
        with self.assertQueryCount(0):
            selection = moves._selection_source_ref()
        self.assertIn(("sale.order", "Sales Order"), selection)

    def test_coupon_expiry_runs_in_batches(self):
        redemptions = self._redeem() | self._redeem()
        redemptions.coupon_id.sudo().expiration_date = D(2026, 1, 1)
        crons = self.env["ir.cron"]
        with (
            freeze_time("2026-02-01"),
            patch.object(type(crons), "_notify_progress", autospec=True) as progress,
        ):
            self.env["loyalty.club.redemption"]._cron_expire_coupons(batch_size=1)
            progress.assert_called_once_with(crons, done=1, remaining=1)
            self.env["loyalty.club.redemption"]._cron_expire_coupons(batch_size=1)
        self.assertEqual(set(redemptions.mapped("state")), {"expired"})
        self.assertEqual(self.member.club_points, 100, "nothing comes back")
