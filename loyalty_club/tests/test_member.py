# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools.normalize import normalize_member_code
from .common import LoyaltyClubCommon


@tagged("post_install", "-at_install")
class TestMembers(LoyaltyClubCommon):
    def test_enrolment_gives_a_code_a_join_date_a_referral_code_and_a_tier(self):
        contact = self.env["res.partner"].create({"name": "Shirin Kazemi"})
        self.assertFalse(contact.club_code)
        contact.with_user(self.club_user).action_club_enroll()
        self.assertTrue(contact.club_member)
        self.assertEqual(normalize_member_code(contact.club_code), contact.club_code)
        self.assertEqual(len(contact.club_referral_code), 8)
        self.assertTrue(contact.club_join_date)
        entry_tier = self.env["loyalty.club.tier"]._get_entry_tier(self.env.company)
        self.assertEqual(contact.club_tier_id, entry_tier)

    def test_bulk_enrolment_gives_each_member_its_own_code(self):
        contacts = self.env["res.partner"].create(
            [{"name": f"Customer {n}"} for n in range(5)]
        )
        contacts.action_club_enroll()
        self.assertEqual(len(set(contacts.mapped("club_code"))), 5)
        self.assertEqual(len(set(contacts.mapped("club_referral_code"))), 5)

    def test_a_company_is_not_enrolled(self):
        company = self.env["res.partner"].create({"name": "ACME", "is_company": True})
        with self.assertRaisesRegex(UserError, "is a company"):
            company.action_club_enroll()

    def test_mobiles_typed_with_persian_digits_are_normalised(self):
        member = self._create_member("Mina Jafari", "۰۹۱۲ ۳۳۳ ۴۴۵۵")
        self.assertEqual(member.mobile, "09123334455")
        self.assertEqual(member.club_mobile, "09123334455")
        foreign = self._create_member("Anna Berg", "+49 151 2345678")
        self.assertEqual(foreign.mobile, "+49 151 2345678")
        self.assertFalse(foreign.club_mobile)

    def test_a_second_member_with_the_same_mobile_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "already belongs to the club member"
        ):
            self._create_member("Someone Else", "+98 912 111 2233")

    def test_enrolling_a_contact_with_a_members_mobile_is_refused(self):
        not_member = self.env["res.partner"].create(
            {"name": "Same phone, not a member", "mobile": "09121112233"}
        )
        with self.assertRaises(ValidationError):
            not_member.action_club_enroll()

    def test_members_show_jalali_dates_to_persian_users(self):
        self.member.club_birthday = "1990-03-21"
        self.env["res.lang"]._activate_lang("fa_IR")
        fa_member = self.member.with_context(lang="fa_IR")
        self.assertTrue(fa_member.club_show_jalali)
        self.assertEqual(fa_member.club_birthday_jalali, "۱ فروردین ۱۳۶۹")
        en_member = self.member.with_context(lang="en_US")
        self.assertFalse(en_member.club_show_jalali)

    def test_points_and_redemptions_lead_the_members_buttons(self):
        """Not hidden under "More" behind the sales and invoicing buttons."""
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        buttons = etree.fromstring(arch).xpath("//div[@name='button_box']/button")
        names = [button.get("name") for button in buttons]
        self.assertLess(
            names.index("action_view_club_redemptions"),
            names.index("action_view_sale_order"),
        )
        self.assertLess(names.index("action_view_club_moves"), 3)
        kanban = self.env["res.partner"].get_views([(False, "kanban")])["views"]
        self.assertIn("o_club_kanban_member", kanban["kanban"]["arch"])
