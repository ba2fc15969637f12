# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/club/profile``: the member's birthday (Jalali in Persian), gender
and consents; nothing else, and every consent change noted."""

import datetime

from freezegun import freeze_time
from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from .common import by_class


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestMyClubProfile(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for model in ("loyalty.club.rule", "loyalty.club.auto.message"):
            cls.env[model].search([]).active = False
        cls.user = new_test_user(
            cls.env, login="club_web_member", groups="base.group_portal", name="Neda"
        )
        cls.member = cls.user.partner_id
        cls.member.write(
            {"club_member": True, "mobile": "09127778899", "club_sms_consent": True}
        )
        cls.other = new_test_user(
            cls.env, login="club_web_other", groups="base.group_portal"
        ).partner_id
        cls.other.club_member = True
        cls.gold = cls.env["loyalty.club.tier"].create(
            {"name": "Web Gold", "threshold": 100000}
        )

    def setUp(self):
        super().setUp()
        self.authenticate("club_web_member", "club_web_member")

    def _page(self, url="/my/club/profile"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def _save(self, **fields):
        page = self._page()
        data = {"csrf_token": page.xpath("//input[@name='csrf_token']/@value")[0]}
        data.update(fields)
        return self.url_open("/my/club/profile", data=data, allow_redirects=False)

    def _notes(self):
        self.member.invalidate_recordset(["message_ids"])
        return [
            html.fromstring(message.body).text_content()
            for message in self.member.message_ids
            if message.body
        ]

    def test_a_persian_member_writes_a_jalali_birthday(self):
        persian = self.env["res.lang"]._activate_lang("fa_IR")
        self.env["website"].get_current_website().language_ids |= persian
        self.user.lang = "fa_IR"
        self.authenticate("club_web_member", "club_web_member")
        picker = by_class(self._page(), "o_club_profile_jalali_picker")[0]
        months = picker.xpath(".//select[@name='birthday_month']/option/text()")
        self.assertEqual(months[1:3], ["فروردین", "اردیبهشت"])
        self.assertIn(
            "۱۳۷۰", picker.xpath(".//select[@name='birthday_year']/option/text()")
        )
        # 30 Esfand exists in leap years only: 1369 is not one
        refused = self._save(
            birthday_year="1369", birthday_month="12", birthday_day="30"
        )
        error = by_class(html.fromstring(refused.content), "o_club_profile_error")[0]
        self.assertIn("اسفند ۱۳۶۹", error.text_content())
        self.assertIn("۲۹", error.text_content())
        self.assertFalse(self.member.club_birthday)
        response = self._save(
            birthday_year="1370",
            birthday_month="7",
            birthday_day="15",
            gender="female",
            sms_consent="1",
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.member.club_birthday, datetime.date(1991, 10, 7))
        self.assertEqual(self.member.club_gender, "female")
        page = self._page()
        self.assertEqual(
            by_class(page, "o_club_profile_birthday_set")[0].text, "۱۵ مهر ۱۳۷۰"
        )
        self.assertFalse(
            page.xpath("//input[@name='birthday']|//select[@name='birthday_year']")
        )

    def test_only_the_whitelisted_fields_change(self):
        tier = self.member.club_tier_id
        response = self._save(
            birthday="1991-10-07",
            gender="male",
            sms_consent="1",
            email_consent="1",
            name="Someone Else",
            email="thief@example.com",
            mobile="09120000000",
            club_points="99999",
            club_tier_id=str(self.gold.id),
            club_code="0000000000",
            club_member="",
            partner_id=str(self.other.id),
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.member.club_birthday, datetime.date(1991, 10, 7))
        self.assertEqual(self.member.club_gender, "male")
        self.assertTrue(self.member.club_email_consent)
        self.assertEqual(self.member.name, "Neda")
        self.assertEqual(self.member.mobile, "09127778899")
        self.assertEqual(self.member.club_points, 0)
        self.assertEqual(self.member.club_tier_id, tier)
        self.assertTrue(self.member.club_member)
        self.assertFalse(self.other.club_gender)
        self.assertFalse(self.other.club_email_consent)

    def test_every_consent_change_is_noted_with_its_date_and_channel(self):
        self._save(email_consent="1")  # SMS withdrawn, email given
        self.assertFalse(self.member.club_sms_consent)
        self.assertTrue(self.member.club_email_consent)
        notes = self._notes()
        self.assertIn(
            "Consent to club SMS withdrawn on the website on 06/01/2026.", notes
        )
        self.assertIn(
            "Consent to club emails given on the website on 06/01/2026.", notes
        )
        count = len(notes)
        self._save(email_consent="1", gender="other")  # no consent changes
        self.assertEqual(len(self._notes()), count)

    def test_a_birthday_already_set_is_changed_by_the_club_only(self):
        self.member.club_birthday = datetime.date(1990, 3, 21)
        page = self._page()
        self.assertTrue(by_class(page, "o_club_profile_birthday_set"))
        self.assertFalse(
            page.xpath("//input[@name='birthday']|//select[@name='birthday_year']")
        )
        self._save(birthday="2000-01-01", sms_consent="1")
        self.assertEqual(self.member.club_birthday, datetime.date(1990, 3, 21))

    def test_a_wrong_date_or_gender_is_refused_and_nothing_saved(self):
        for fields in (
            {"birthday": "1370/13/40"},
            {"birthday": "2030-01-01"},
            {"gender": "robot"},
        ):
            response = self._save(**fields)
            self.assertEqual(response.status_code, 200, fields)
            page = html.fromstring(response.content)
            self.assertTrue(by_class(page, "o_club_profile_error"), fields)
            self.assertFalse(self.member.club_birthday)
            self.assertFalse(self.member.club_gender)
            self.assertTrue(self.member.club_sms_consent)

    def test_visitors_log_in_and_non_members_are_invited_to_join(self):
        self.authenticate(None, None)
        response = self.url_open("/my/club/profile", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.other.club_member = False
        self.authenticate("club_web_other", "club_web_other")
        response = self.url_open("/my/club/profile", allow_redirects=False)
        self.assertTrue(response.headers["Location"].endswith("/club"))
