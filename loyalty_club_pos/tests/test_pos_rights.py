# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A cashier (Point of Sale user, no club role) finds, enrols, shows and
redeems for members, and nothing more; what a hostile till could send is
refused."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ClubPosCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestPosRights(ClubPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._post(cls.member, 300, "till-rights-setup")
        cls.reward = cls._create_discount_reward()
        cls.outsider = cls._create_other_company_member("Other Shop's member")
        cls.other_reward = cls.env["loyalty.club.reward"].create(
            {
                "name": "Other Shop's 50 off",
                "kind": "fixed_discount",
                "points_cost": 10,
                "discount_amount": 50.0,
                "company_id": cls.other_company.id,
            }
        )

    def _as_cashier(self, model):
        return self.env[model].with_user(self.cashier)

    def test_a_cashier_cannot_read_the_ledger_or_move_points(self):
        with self.assertRaises(AccessError):
            self._as_cashier("loyalty.club.move").search([])
        with self.assertRaises(AccessError):
            self.member.with_user(self.cashier).club_move_ids  # noqa: B018
        with self.assertRaises(AccessError):
            self._as_cashier("loyalty.club.move").create(
                {
                    "partner_id": self.member.id,
                    "move_type": "adjust",
                    "points": 1000,
                    "idempotency_key": "cashier",
                }
            )
        with self.assertRaises(AccessError):
            self.member.with_user(self.cashier).write({"club_points": 1000})
        with self.assertRaises(AccessError):
            self._as_cashier("loyalty.club.adjust").create(
                {"partner_id": self.member.id, "points": 1000, "reason": "x"}
            )
        with self.assertRaises(AccessError):
            self._as_cashier("loyalty.club.redemption").create(
                {
                    "partner_id": self.member.id,
                    "reward_id": self.reward.id,
                    "points": -500,
                }
            )
        self.assertEqual(self.member.club_points, 300)

    def test_a_cashier_cannot_promote_a_member(self):
        gold = self.env["loyalty.club.tier"].create({"name": "Till Gold"})
        with self.assertRaises(AccessError):
            self.member.with_user(self.cashier).write({"club_tier_id": gold.id})

    def test_redeeming_for_someone_the_till_does_not_serve_is_refused(self):
        redeem = self._as_cashier("loyalty.club.redemption").club_pos_redeem
        session = self.pos_session.id
        # the cashier cannot even read the other shop's members
        with self.assertRaises(AccessError):
            redeem(session, self.outsider.id, self.reward.id)
        # a cashier working for both shops reads them, but this till is not theirs
        self.cashier.company_ids += self.other_company
        with self.assertRaisesRegex(UserError, "not a member of the club"):
            redeem(session, self.outsider.id, self.reward.id)
        stranger = self.env["res.partner"].create({"name": "Not a member"})
        with self.assertRaisesRegex(UserError, "not a member of the club"):
            redeem(session, stranger.id, self.reward.id)
        with self.assertRaises(AccessError):
            redeem(session, self.member.id, self.other_reward.id)
        for bogus in ("1", -5, True, None, 10**9):
            with self.assertRaises(UserError, msg=bogus):
                redeem(session, bogus, self.reward.id)
        self.assertFalse(
            self.env["loyalty.club.redemption"].search(
                [("partner_id", "in", (self.member | self.outsider).ids)]
            )
        )

    def test_a_closed_session_cannot_redeem(self):
        self.pos_session.action_pos_session_closing_control()
        with self.assertRaisesRegex(UserError, "not open"):
            self._as_cashier("loyalty.club.redemption").club_pos_redeem(
                self.pos_session.id, self.member.id, self.reward.id
            )

    def test_another_companys_cashier_cannot_use_this_till(self):
        stranger = new_test_user(
            self.env,
            login="other_shop_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=self.other_company.id,
            company_ids=[Command.set(self.other_company.ids)],
        )
        partners = self.env["res.partner"].with_user(stranger)
        with self.assertRaises(AccessError):
            partners.club_pos_find_members(self.member.club_code, self.config.id)
        with self.assertRaises(AccessError):
            partners.club_pos_enrol(
                self.config.id, {"name": "X", "mobile": "09121239876"}
            )
        with self.assertRaises(AccessError):
            self.env["pos.order"].with_user(stranger).club_pos_preview_points(
                self.config.id, self.member.id, []
            )

    def test_a_user_without_the_point_of_sale_cannot_call_the_till(self):
        clerk = new_test_user(self.env, login="club_clerk", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(clerk).club_pos_find_members(
                self.member.club_code, self.config.id
            )
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(clerk).club_pos_enrol(
                self.config.id, {"name": "X", "mobile": "09121239876"}
            )

    def test_the_preview_knows_only_this_companys_members(self):
        preview = self._as_cashier("pos.order").club_pos_preview_points
        lines = [{"product_id": self.tea.id, "qty": 1, "price_unit": 200.0}]
        with self.assertRaises(AccessError):
            preview(self.config.id, self.outsider.id, lines)
        self.cashier.company_ids += self.other_company
        preview = preview(self.config.id, self.outsider.id, lines)
        self.assertFalse(preview["member"])
        self.assertEqual(preview["points"], 0)
