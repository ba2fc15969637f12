# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import LoyaltyClubCommon


@tagged("post_install", "-at_install")
class TestAdjustPoints(LoyaltyClubCommon):
    def _adjust(self, user, points, reason="Paper receipt 1402"):
        wizard_model = self.env["loyalty.club.adjust"].with_user(user)
        with Form(
            wizard_model.with_context(
                active_model="res.partner", active_id=self.member.id
            )
        ) as form:
            form.points = points
            form.reason = reason
        return form.save().action_confirm()

    def test_manager_adjusts_with_a_reason_logged_on_the_member(self):
        self._adjust(self.club_manager, 250)
        self.assertEqual(self.member.club_points, 250)
        move = self.member.club_move_ids
        self.assertRecordValues(
            move,
            [{"move_type": "adjust", "points": 250, "user_id": self.club_manager.id}],
        )
        self.assertTrue(move.expiry_date, "added points expire like earned ones")
        self.assertIn("Paper receipt 1402", self.member.message_ids[0].body)

    def test_taking_away_more_than_the_balance_is_refused(self):
        self._adjust(self.club_manager, 100)
        with self.assertRaises(UserError):
            self._adjust(self.club_manager, -101)
        self._adjust(self.club_manager, -100)
        self.assertEqual(self.member.club_points, 0)

    def test_club_users_cannot_adjust(self):
        with self.assertRaises(AccessError):
            self._adjust(self.club_user, 100)
        self.assertEqual(self.member.club_points, 0)
