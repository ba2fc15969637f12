# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from ..tools import jalali
from .common import LoyaltyClubCommon

SAMPLE = (
    Path(__file__).resolve().parents[1] / "static" / "samples" / "members_sample.csv"
)


@tagged("post_install", "-at_install")
class TestMemberImport(LoyaltyClubCommon):
    def _import(self, content, user=None):
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        wizard = (
            self.env["loyalty.club.member.import"]
            .with_user(user or self.club_user)
            .create({"file": base64.b64encode(data), "filename": "members.csv"})
        )
        wizard.action_import()
        return wizard

    def test_the_sample_file_imports_every_line(self):
        wizard = self._import(SAMPLE.read_bytes())
        self.assertEqual(wizard.error_count, 0, wizard.line_ids.mapped("message"))
        self.assertEqual(wizard.created_count, 6)
        niloofar = wizard.line_ids[0].partner_id
        self.assertRecordValues(
            niloofar,
            [
                {
                    "name": "نیلوفر کریمی",
                    "mobile": "09123456701",
                    "club_member": True,
                    "club_gender": "female",
                    "club_sms_consent": True,
                    "club_birthday": jalali.to_gregorian(1370, 7, 15),
                }
            ],
        )
        kaveh = wizard.line_ids[3].partner_id
        self.assertEqual(kaveh.name, "کاوه یزدانی", "Arabic letters made Persian")
        self.assertTrue(kaveh.club_code)

    def test_bad_lines_are_reported_and_good_ones_imported(self):
        wizard = self._import(
            "name;mobile;birthday;gender\n"
            "Good One;09121234001;1370/01/01;female\n"
            "Bad Mobile;02188776655;;\n"
            ";09121234002;;\n"
            "Bad Date;09121234003;1370/13/45;\n"
            "Twice;09121234001;;\n"
            "Already Member;09121112233;;\n"
            "Bad Gender;09121234004;;robot\n"
            "Also Good;۰۹۱۲۱۲۳۴۰۰۵;;\n"
        )
        report = {line.line_number: line for line in wizard.line_ids}
        self.assertEqual(wizard.created_count, 2)
        self.assertEqual(wizard.error_count, 6)
        self.assertIn("not an Iranian mobile", report[3].message)
        self.assertIn("name is missing", report[4].message)
        self.assertIn("is not a date", report[5].message)
        self.assertIn("already on line 2", report[6].message)
        self.assertIn("already belongs to the member Parisa Moradi", report[7].message)
        self.assertIn("Unknown gender", report[8].message)
        self.assertEqual(report[9].partner_id.mobile, "09121234005")

    def test_a_known_contact_is_enrolled_rather_than_duplicated(self):
        contact = self.env["res.partner"].create(
            {"name": "Old customer", "mobile": "0912 000 1111"}
        )
        wizard = self._import("name,mobile\nOld customer,09120001111\n")
        self.assertEqual(wizard.line_ids.partner_id, contact)
        self.assertTrue(contact.club_member)

    def test_a_file_without_the_needed_columns_is_refused(self):
        with self.assertRaisesRegex(UserError, "at least name and mobile"):
            self._import("first,last\nA,B\n")
        with self.assertRaisesRegex(UserError, "UTF-8"):
            self._import("name,mobile\nAli,0912\n".encode("utf-16"))


@tagged("post_install", "-at_install")
class TestMemberImportSample(HttpCase):
    def test_the_wizard_offers_the_sample_file(self):
        arch = self.env["loyalty.club.member.import"].get_views([(False, "form")])
        link = "/loyalty_club/static/samples/members_sample.csv"
        self.assertIn(link, arch["views"]["form"]["arch"])
        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, SAMPLE.read_bytes())
