# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The engine cannot be entered from outside: every call here is made as an
RPC call arrives, with the caller's rights and a context of the caller's
choosing, the engine's own context key included."""

import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import LoyaltyClubCommon, RewardCommon

# what a client can put under the engine's key: any JSON value
FORGED_CONTEXTS = [
    {"loyalty_club_engine": True},
    {"loyalty_club_engine": 1},
    {"loyalty_club_engine": "<loyalty club engine>"},
    {"loyalty_club_engine": {"token": True}},
]


@tagged("post_install", "-at_install")
class TestForgedEngineContext(RewardCommon):
    def _as(self, user, records, context):
        return records.with_user(user).with_context(**context)

    def test_nobody_writes_a_balance_with_the_engine_key(self):
        users = (self.club_user, self.club_manager, self.env.ref("base.user_admin"))
        for user in users:
            for context in FORGED_CONTEXTS:
                with (
                    self.subTest(user=user.login, context=context),
                    self.assertRaises(AccessError),
                ):
                    self._as(user, self.member, context).write({"club_points": 99999})
        self.assertEqual(self.member.club_points, 300)
        self.assertLedgerConsistent(self.member)

    def test_nobody_creates_a_member_with_points(self):
        partners = self.env["res.partner"]
        for context in FORGED_CONTEXTS:
            with self.subTest(context=context), self.assertRaises(AccessError):
                self._as(self.club_manager, partners, context).create(
                    {"name": "Rich", "club_member": True, "club_points": 5000}
                )

    def test_a_confirmed_redemption_cannot_go_back_to_draft(self):
        redemption = self._redeem()
        coupon = redemption.coupon_id
        for context in FORGED_CONTEXTS:
            with self.subTest(context=context), self.assertRaises(AccessError):
                self._as(self.club_user, redemption, context).write({"state": "draft"})
        redemption.with_user(self.club_user).action_confirm()
        self.assertEqual(redemption.state, "confirmed")
        self.assertEqual(redemption.coupon_id, coupon, "no second coupon")
        self.assertEqual(
            self.env["loyalty.card"].search_count(
                [("club_redemption_id", "=", redemption.id)]
            ),
            1,
        )
        self.assertEqual(self.member.club_points, 200)

    def test_a_redemption_cannot_be_given_a_coupon_or_a_move(self):
        redemption = self._redeem()
        other = self._redeem()
        for values in (
            {"coupon_id": other.coupon_id.id},
            {"move_id": other.move_id.id},
            {"approved_by_id": self.club_user.id},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                self._as(self.club_manager, redemption, FORGED_CONTEXTS[0]).write(
                    values
                )

    def test_moves_and_allocations_stay_closed_with_the_engine_key(self):
        move = self.lot
        for context in FORGED_CONTEXTS:
            with self.subTest(context=context):
                moves = self._as(self.club_manager, move, context)
                with self.assertRaises(AccessError):
                    moves.write({"remaining": 5000})
                with self.assertRaises(AccessError):
                    moves.write({"state": "pending"})
                with self.assertRaises(AccessError):
                    moves.create(
                        {
                            "partner_id": self.member.id,
                            "company_id": self.env.company.id,
                            "date": "2026-01-01",
                            "move_type": "earn",
                            "points": 1000,
                            "remaining": 1000,
                            "state": "posted",
                            "idempotency_key": f"forged:{context}",
                        }
                    )
                with self.assertRaises(AccessError):
                    self._as(
                        self.club_manager, self.env["loyalty.club.allocation"], context
                    ).create({"move_id": move.id, "lot_id": move.id, "points": 1})
        self.assertEqual(move.remaining, 300)

    def test_a_salesperson_cannot_give_away_or_refill_a_club_coupon(self):
        coupon = self._redeem().coupon_id
        salesperson = new_test_user(
            self.env, login="club_salesperson", groups="sales_team.group_sale_salesman"
        )
        stranger = self.env["res.partner"].create({"name": "Coupon Thief"})
        for values in (
            {"partner_id": stranger.id},
            {"club_redemption_id": False},
            {"points": 5},
            {"expiration_date": "2099-01-01"},
            {"code": "MINE-NOW"},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                coupon.with_user(salesperson).write(values)
        coupon.with_user(salesperson).write({"points": 0})  # spent on an order
        coupon.with_user(salesperson).write({"points": 1})  # the order cancelled
        self.assertEqual(coupon.partner_id, self.member)

    def test_superuser_code_outside_the_engine_cannot_write_points_either(self):
        with self.assertRaises(AccessError):
            self.member.sudo().with_context(loyalty_club_engine=True).write(
                {"club_points": 1}
            )


@tagged("post_install", "-at_install")
class TestMemberFieldRights(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.friend = cls._create_member("Reza Friend", "09125550000")

    def test_a_club_user_cannot_promote_a_member(self):
        member = self.member.with_user(self.club_user)
        for context in [{}, *FORGED_CONTEXTS, {"loyalty_club_tier_reason": "upgrade"}]:
            with self.subTest(context=context), self.assertRaises(AccessError):
                member.with_context(**context).write({"club_tier_id": self.tier.id})
        self.assertNotEqual(self.member.club_tier_id, self.tier)

    def test_a_club_user_cannot_set_referrals_codes_or_join_dates(self):
        member = self.member.with_user(self.club_user)
        for values in (
            {"club_referrer_id": self.friend.id},
            {"club_join_date": "2020-01-01"},
            {"club_code": "1234567"},
            {"club_referral_code": "FREEPTS1"},
            {"club_tier_review_date": "2099-01-01"},
            {"club_birthday_bonus_year": 0},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                member.write(values)

    def test_a_club_user_cannot_enrol_a_member_straight_into_a_tier(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.club_user).create(
                {
                    "name": "Gold Friend",
                    "club_member": True,
                    "club_tier_id": self.tier.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.club_user).create(
                {
                    "name": "Referred",
                    "club_member": True,
                    "club_referrer_id": self.friend.id,
                }
            )

    def test_a_club_user_enrols_and_serves_members(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.club_user)
            .create(
                {"name": "New Member", "mobile": "09121234500", "club_member": True}
            )
        )
        self.assertTrue(partner.club_code)
        self.assertTrue(partner.club_tier_id, "the entry tier, set by the engine")
        partner.write({"club_birthday": "1990-05-01", "club_sms_consent": True})
        self.assertEqual(partner.club_birthday, datetime.date(1990, 5, 1))

    def test_only_a_manager_changes_a_birthday_already_set(self):
        self.member.club_birthday = datetime.date(1990, 5, 1)
        with self.assertRaises(AccessError):
            self.member.with_user(self.club_user).write({"club_birthday": "1990-11-28"})
        self.member.with_user(self.club_manager).write({"club_birthday": "1990-11-28"})
        self.assertEqual(self.member.club_birthday, datetime.date(1990, 11, 28))

    def test_a_manager_changes_tier_and_referrer_and_it_is_noted(self):
        member = self.member.with_user(self.club_manager)
        member.with_context(loyalty_club_tier_reason="upgrade").write(
            {"club_tier_id": self.tier.id, "club_referrer_id": self.friend.id}
        )
        self.assertEqual(self.member.club_tier_id, self.tier)
        history = self.member.club_tier_history_ids[:1]
        self.assertEqual(history.reason, "manual", "a person's change is manual")
        self.member.invalidate_recordset(["message_ids"])
        note = self.member.message_ids.filtered(
            lambda m: "changed by hand" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Platinum", note.body)
        self.assertIn("Reza Friend", note.body)
        self.assertIn("club_manager", note.body)

    def test_the_form_lets_only_managers_edit_tier_and_referrer(self):
        self.assertFalse(self.member.with_user(self.club_user).club_is_manager)
        self.assertTrue(self.member.with_user(self.club_manager).club_is_manager)


@tagged("post_install", "-at_install")
class TestPostingAcrossCompanies(LoyaltyClubCommon):
    def test_points_are_posted_only_in_the_members_company(self):
        other = self.env["res.company"].create({"name": "Shiraz Branch"})
        member = self._create_member("Shiraz Member", company_id=other.id)
        with self.assertRaisesRegex(UserError, "Shiraz Branch"):
            self._post(member, "earn", 10, company=self.env.company)
        move = self._post(member, "earn", 10, company=other)
        self.assertEqual(member.club_points, 10)
        self.assertEqual(move.company_id, other)

    def test_a_member_of_no_company_earns_in_any(self):
        other = self.env["res.company"].create({"name": "Tabriz Branch"})
        self._post(self.member, "earn", 10, company=other)
        self._post(self.member, "earn", 10)
        self.assertEqual(self.member.club_points, 20)


@tagged("post_install", "-at_install")
class TestEngineKeyOverRpc(HttpCase):
    """The same attack through the JSON-RPC endpoint the web client uses."""

    def test_a_club_user_cannot_forge_points_over_rpc(self):
        new_test_user(
            self.env,
            login="rpc_club_user",
            password="rpc_club_user",  # noqa: S106
            groups="loyalty_club.group_loyalty_club_user",
        )
        member = self.env["res.partner"].create(
            {"name": "RPC Member", "club_member": True}
        )
        balance = member.club_points  # the demo's sign-up bonus
        self.authenticate("rpc_club_user", "rpc_club_user")
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(JsonRpcException, "AccessError"),
        ):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/res.partner/write",
                {
                    "model": "res.partner",
                    "method": "write",
                    "args": [[member.id], {"club_points": 100000}],
                    "kwargs": {"context": {"loyalty_club_engine": True}},
                },
            )
        member.invalidate_recordset(["club_points"])
        self.assertEqual(member.club_points, balance)
