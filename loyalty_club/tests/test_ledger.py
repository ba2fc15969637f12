# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LoyaltyClubCommon

D = datetime.date


@tagged("post_install", "-at_install")
class TestLedger(LoyaltyClubCommon):
    def test_earning_posts_a_lot_and_raises_the_balance(self):
        move = self._post(self.member, "earn", 120, expiry_date=D(2030, 1, 1))
        self.assertRecordValues(
            move,
            [{"points": 120, "remaining": 120, "state": "posted", "move_type": "earn"}],
        )
        self.assertEqual(self.member.club_points, 120)
        self.assertLedgerConsistent(self.member)

    def test_posting_again_with_the_same_key_changes_nothing(self):
        first = self._post(self.member, "earn", 50, "order:7:earn")
        again = self._post(self.member, "earn", 50, "order:7:earn")
        self.assertEqual(first, again)
        self.assertEqual(self.member.club_points, 50)
        self.assertEqual(len(self.member.club_move_ids), 1)

    def test_a_key_used_for_another_member_is_refused(self):
        self._post(self.member, "earn", 50, "order:8:earn")
        other = self._create_member("Kian Rostami", "09350000001")
        with self.assertRaises(UserError):
            self._post(other, "earn", 50, "order:8:earn")
        self.assertEqual(other.club_points, 0)

    def test_redemption_spends_the_lots_that_expire_first(self):
        late = self._post(self.member, "earn", 100, expiry_date=D(2031, 1, 1))
        early = self._post(self.member, "earn", 100, expiry_date=D(2030, 1, 1))
        never = self._post(self.member, "earn", 100, expiry_date=False)
        redeem = self._post(self.member, "redeem", -150)
        self.assertEqual(
            [(a.lot_id, a.points) for a in redeem.allocation_ids],
            [(early, 100), (late, 50)],
        )
        self.assertEqual(
            (early.remaining, late.remaining, never.remaining), (0, 50, 100)
        )
        self.assertEqual(self.member.club_points, 150)
        self.assertLedgerConsistent(self.member)

    def test_redemption_above_the_balance_is_refused(self):
        self._post(self.member, "earn", 40)
        with self.assertRaisesRegex(UserError, "has 40 points; 41 cannot be taken"):
            self._post(self.member, "redeem", -41)
        self.assertEqual(self.member.club_points, 40)
        self.assertEqual(len(self.member.club_move_ids), 1)

    def test_refund_after_spending_leaves_a_debt_paid_by_new_earnings(self):
        order_lot = self._post(self.member, "earn", 100)
        self._post(self.member, "redeem", -80)
        reverse = self._post(self.member, "reverse", -100, reversed_move=order_lot)
        self.assertEqual(reverse.allocation_ids.lot_id, order_lot)
        self.assertEqual(reverse.allocation_ids.points, 20)
        self.assertEqual(self.member.club_points, -80, "the member owes 80 points")
        self.assertLedgerConsistent(self.member)
        first = self._post(self.member, "earn", 50)
        self.assertEqual((first.remaining, self.member.club_points), (0, -30))
        second = self._post(self.member, "earn", 50)
        self.assertEqual((second.remaining, self.member.club_points), (20, 20))
        self.assertLedgerConsistent(self.member)

    def test_wrong_points_are_refused(self):
        for move_type, points in (("earn", -5), ("redeem", 5), ("earn", 0)):
            with self.subTest(move_type=move_type, points=points):
                with self.assertRaises(UserError):
                    self._post(self.member, move_type, points)
        with self.assertRaises(UserError):
            self._post(self.member, "earn", 2.5)

    def test_only_members_have_points(self):
        stranger = self.env["res.partner"].create({"name": "Not in the club"})
        with self.assertRaisesRegex(UserError, "is not a club member"):
            self._post(stranger, "earn", 10)

    @freeze_time("2026-05-01")
    def test_expiry_after_partial_redemption_expires_only_what_remains(self):
        old = self._post(self.member, "earn", 100, expiry_date=D(2026, 4, 30))
        fresh = self._post(self.member, "earn", 100, expiry_date=D(2027, 4, 30))
        self._post(self.member, "redeem", -70)
        self.env["loyalty.club.move"]._cron_expire_points()
        expiry = self.member.club_move_ids.filtered(lambda m: m.move_type == "expire")
        self.assertEqual(expiry.points, -30)
        self.assertEqual(expiry.allocation_ids.lot_id, old)
        self.assertEqual((old.remaining, fresh.remaining), (0, 100))
        self.assertEqual(self.member.club_points, 100)
        self.assertLedgerConsistent(self.member)
        self.env["loyalty.club.move"]._cron_expire_points()
        self.assertEqual(
            len(self.member.club_move_ids), 4, "running again expires nothing"
        )

    @freeze_time("2026-05-01")
    def test_pending_points_cannot_be_spent_until_released(self):
        lot = self._post(self.member, "earn", 100, available_date=D(2026, 5, 15))
        self.assertEqual(lot.state, "pending")
        self.assertEqual(self.member.club_points, 0)
        self.assertEqual(self.member.club_points_pending, 100)
        with self.assertRaises(UserError):
            self._post(self.member, "redeem", -10)
        self.env["loyalty.club.move"]._cron_release_pending()
        self.assertEqual(lot.state, "pending", "not before its day")
        with freeze_time("2026-05-15"):
            self.env["loyalty.club.move"]._cron_release_pending()
        self.assertEqual(lot.state, "posted")
        self.assertEqual(self.member.club_points, 100)
        self.assertEqual(self.member.club_points_pending, 0)
        self.assertLedgerConsistent(self.member)

    @freeze_time("2026-05-01")
    def test_reversing_pending_points_never_touches_the_balance(self):
        self._post(self.member, "earn", 30)
        lot = self._post(self.member, "earn", 100, available_date=D(2026, 5, 15))
        reverse = self._post(self.member, "reverse", -40, reversed_move=lot)
        self.assertEqual(reverse.state, "pending")
        self.assertEqual(self.member.club_points, 30)
        self.assertEqual(self.member.club_points_pending, 60)
        with freeze_time("2026-05-16"):
            self.env["loyalty.club.move"]._cron_release_pending()
        self.assertEqual((lot.state, reverse.state), ("posted", "posted"))
        self.assertEqual(self.member.club_points, 90)
        self.assertLedgerConsistent(self.member)

    def test_the_consistency_check_finds_a_tampered_balance(self):
        self._post(self.member, "earn", 100)
        self.env.cr.execute(
            "UPDATE res_partner SET club_points = 5000 WHERE id = %s", [self.member.id]
        )
        self.member.invalidate_recordset(["club_points"])
        moves = self.env["loyalty.club.move"]
        self.assertEqual(moves._check_balances(self.member), [(self.member, 5000, 100)])
        with mute_logger("odoo.addons.loyalty_club.models.loyalty_club_move"):
            found = moves._cron_check_balances()
        self.assertIn((self.member, 5000, 100), found)


@tagged("post_install", "-at_install")
class TestLedgerIsAppendOnly(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.move = cls.env["loyalty.club.move"]._post(cls.member, "earn", 10, "setup")

    def test_nobody_edits_or_deletes_a_move(self):
        for user in (
            self.club_user,
            self.club_manager,
            self.env.ref("base.user_admin"),
        ):
            move = self.move.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    move.write({"points": 1000})
                with self.assertRaises(AccessError):
                    move.unlink()
        with self.assertRaises(AccessError):
            self.move.sudo().write({"points": 1000})
        with self.assertRaises(AccessError):
            self.move.sudo().unlink()
        self.assertEqual(self.move.points, 10)

    def test_nobody_creates_a_move_by_hand(self):
        with self.assertRaises(AccessError):
            self.env["loyalty.club.move"].sudo().create(
                {
                    "partner_id": self.member.id,
                    "company_id": self.env.company.id,
                    "date": "2026-01-01",
                    "move_type": "earn",
                    "points": 1000,
                    "state": "posted",
                    "idempotency_key": "forged",
                }
            )

    def test_nobody_writes_the_balance(self):
        for user in (self.club_manager, self.env.ref("base.user_admin")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.member.with_user(user).write({"club_points": 999})
        self.assertEqual(self.member.club_points, 10)

    def test_club_users_read_the_ledger(self):
        self.assertEqual(self.move.with_user(self.club_user).points, 10)
        with self.assertRaises(AccessError):
            self.move.with_user(self.internal_user).read(["points"])


@tagged("post_install", "-at_install")
class TestLedgerFigures(LoyaltyClubCommon):
    @freeze_time("2026-05-01")
    def test_the_member_sees_points_expiring_within_30_days(self):
        self._post(self.member, "earn", 40, expiry_date=D(2026, 5, 20))
        self._post(self.member, "earn", 60, expiry_date=D(2026, 5, 25))
        self._post(self.member, "earn", 500, expiry_date=D(2026, 9, 1))
        self._post(self.member, "redeem", -10)
        self.assertEqual(self.member.club_points_expiring, 90)
        self.assertEqual(self.member.club_points_expiring_date, D(2026, 5, 20))

    def test_ledger_dates_read_on_the_jalali_calendar_in_tehran(self):
        move = self._post(
            self.member, "earn", 5, date=datetime.datetime(2025, 3, 20, 21)
        )
        self.env["res.lang"]._activate_lang("fa_IR")
        self.assertEqual(move.with_context(lang="fa_IR").date_jalali, "۱ فروردین ۱۴۰۴")
        self.assertEqual(
            move.with_context(lang="en_US").date_jalali, "1 Farvardin 1404"
        )
