# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class LoyaltyClubCommon(BaseCommon):
    """Users for each club role, a tier and a member, created once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
