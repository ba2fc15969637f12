# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import itertools

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

_keys = itertools.count(1)


class LoyaltyClubCommon(BaseCommon):
    """Users for each club role, a tier and a member, created once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # own fixtures: the demo's earn rules (sign-up bonus…) must not count
        cls.env["loyalty.club.rule"].search([]).active = False
        cls.club_user = new_test_user(
            cls.env,
            login="club_user",
            groups="loyalty_club.group_loyalty_club_user",
        )
        cls.club_manager = new_test_user(
            cls.env,
            login="club_manager",
            groups="loyalty_club.group_loyalty_club_manager",
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="club_outsider",
            groups="base.group_user",
        )
        cls.tier = cls.env["loyalty.club.tier"].create(
            {"name": "Platinum", "threshold": 10000, "earn_multiplier": 2.0}
        )
        cls.member = cls._create_member("Parisa Moradi", "09121112233")

    @classmethod
    def _create_member(cls, name, mobile=False, **values):
        return cls.env["res.partner"].create(
            {"name": name, "mobile": mobile, "club_member": True, **values}
        )

    def _post(self, partner, move_type, points, key=None, **kwargs):
        key = key or f"test:{next(_keys)}"
        return self.env["loyalty.club.move"]._post(
            partner, move_type, points, key, **kwargs
        )

    def assertLedgerConsistent(self, partner):
        """The stored balance is the ledger's, and the open lots hold it."""
        partner.invalidate_recordset(["club_points"])
        self.assertFalse(self.env["loyalty.club.move"]._check_balances(partner))
        lots = self.env["loyalty.club.move"].search(
            [("partner_id", "=", partner.id), ("state", "=", "posted")]
        )
        self.assertEqual(sum(lots.mapped("remaining")), max(partner.club_points, 0))
