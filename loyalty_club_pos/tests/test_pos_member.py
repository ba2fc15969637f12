# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Members at the till: what the session loads, the look-up by mobile, code
or name, the member-code scan rule, and enrolment; all by a cashier without
club rights."""

import datetime
import re
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.loyalty_club.tools.jalali import persian_digits
from odoo.addons.loyalty_club.tools.normalize import make_member_code
from odoo.addons.point_of_sale.models.pos_config import PosConfig as StockPosConfig

from .common import ClubPosCommon

SESSION_MODELS = [
    "pos.config",
    "res.partner",
    "loyalty.program",
    "loyalty.card",
    "loyalty.club.tier",
]


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestPosMembers(ClubPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier = cls.env["loyalty.club.tier"].create(
            {"name": "Till Bronze", "color": 3}
        )
        cls.member.club_tier_id = cls.tier
        cls._post(cls.member, 300, "till-setup")
        cls._post(cls.member, 40, "till-soon", expiry_date=datetime.date(2026, 6, 20))
        cls.reward = cls._create_discount_reward()
        cls.outsider = cls._create_other_company_member("Sara Outsider")
        cls.finder = cls.env["res.partner"].with_user(cls.cashier)

    def _coupon(self, member):
        redemption = self.env["loyalty.club.redemption"].create(
            {"partner_id": member.id, "reward_id": self.reward.id, "channel": "pos"}
        )
        redemption.action_confirm()
        return redemption.coupon_id

    def _find(self, query, lang="en_US"):
        return self.finder.with_context(lang=lang).club_pos_find_members(
            query, self.config.id
        )

    # ------------------------------------------------------------------
    # The session's own data
    # ------------------------------------------------------------------

    def test_the_session_loads_club_fields_tiers_and_preloaded_members_coupons(self):
        others = self.env["res.partner"].create(
            [
                {"name": f"Member {i}", "mobile": f"0912000000{i}", "club_member": True}
                for i in range(3)
            ]
        )
        coupon = self._coupon(self.member)
        for other in others:
            self.env["loyalty.club.move"]._post(other, "earn", 100, f"o{other.id}")
            self._coupon(other)
        gift_cards = self.env["loyalty.program"].create(
            {"name": "Gift cards", "program_type": "gift_card", "pos_ok": True}
        )
        gift_card = self.env["loyalty.card"].create(
            {"program_id": gift_cards.id, "points": 50}
        )
        with patch.object(
            type(self.config),
            "get_limited_partners_loading",
            return_value=[(self.member.id,)],
        ):
            data = self.pos_session.with_user(self.cashier).load_data(SESSION_MODELS)
        [member] = [
            partner
            for partner in data["res.partner"]["data"]
            if partner["id"] == self.member.id
        ]
        self.assertEqual(member["club_code"], self.member.club_code)
        self.assertEqual(member["club_tier_id"], self.tier.id)
        self.assertEqual(member["club_points"], 240, "340 less the coupon")
        for field_name in (
            "club_points_pending",
            "club_points_expiring",
            "club_points_expiring_date_text",
            "club_sms_consent",
        ):
            self.assertIn(field_name, member)
        tiers = {tier["id"]: tier for tier in data["loyalty.club.tier"]["data"]}
        self.assertEqual(tiers[self.tier.id]["color"], 3)
        cards = {card["id"] for card in data["loyalty.card"]["data"]}
        self.assertIn(coupon.id, cards, "the preloaded member's coupon")
        self.assertIn(gift_card.id, cards, "other programs load as before")
        club_cards = (
            self.env["loyalty.card"]
            .search([("program_id", "=", self.reward.program_id.id)])
            .ids
        )
        self.assertEqual(cards & set(club_cards), {coupon.id})

    def test_the_till_preloads_the_customers_stock_odoo_would(self):
        """The same customers as stock Odoo's query, in the same order (by
        name where the counts tie), without sorting every contact."""
        self.env["res.partner"].create(
            [{"name": f"Zz Customer {n}"} for n in range(120)]
        )
        self._sync(self._order_data([(self.tea, 1)], customer=self.member))
        self._sync(self._order_data([(self.tea, 1)], customer=self.member))
        config = self.config
        ours = [row[0] for row in config.get_limited_partners_loading()]
        stock = [row[0] for row in StockPosConfig.get_limited_partners_loading(config)]
        names = self.env["res.partner"].browse
        self.assertEqual(len(ours), 100)
        self.assertEqual(ours[0], self.member.id)
        self.assertEqual(names(ours).mapped("name"), names(stock).mapped("name"))

    def test_spent_and_expired_coupons_are_not_loaded(self):
        coupon = self._coupon(self.member)
        coupon.sudo().points = 0
        self.assertFalse(self._find(self.member.club_code)["data"]["loyalty.card"])
        coupon.sudo().points = 1
        with freeze_time("2026-08-01"):
            self.assertFalse(self._find(self.member.club_code)["data"]["loyalty.card"])

    # ------------------------------------------------------------------
    # Look-up
    # ------------------------------------------------------------------

    def test_find_by_mobile_typed_with_persian_or_arabic_digits(self):
        for query in (
            "۰۹۱۲ ۴۴۴ ۵۵۶۶",
            "+98 912 444 5566",
            "٠٩١٢٤٤٤٥٥٦٦",
            "0098-912-444-5566",
        ):
            result = self._find(query)
            self.assertEqual(result["status"], "found", query)
            self.assertEqual(result["kind"], "mobile")
            self.assertEqual(result["partner_ids"], [self.member.id])

    def test_find_by_member_code_with_its_data_tier_and_coupons(self):
        coupon = self._coupon(self.member)
        result = self._find(persian_digits(self.member.club_code))
        self.assertEqual(result["status"], "found")
        self.assertEqual(result["kind"], "code")
        [member] = result["data"]["res.partner"]
        self.assertEqual(member["club_points"], 240)
        self.assertEqual(member["club_points_pending"], 0)
        self.assertEqual(member["club_tier_id"], self.tier.id)
        self.assertEqual(result["data"]["loyalty.club.tier"][0]["name"], "Till Bronze")
        [card] = result["data"]["loyalty.card"]
        self.assertEqual(card["id"], coupon.id)
        self.assertEqual(card["code"], coupon.code)

    def test_a_member_code_typed_without_its_leading_zeros(self):
        code = self.member.club_code
        self.assertTrue(code.startswith("0"))
        result = self._find(code.lstrip("0"))
        self.assertEqual(result["partner_ids"], [self.member.id])

    def test_unknown_numbers_and_codes_say_so(self):
        unknown_code = make_member_code(987654)
        result = self._find(unknown_code)
        self.assertEqual(result["status"], "not_found")
        self.assertEqual(result["partner_ids"], [])
        self.assertIn("No club member has the code", result["message"])
        result = self._find("09120001122")
        self.assertIn("No club member has the mobile number", result["message"])
        wrong_check_digit = unknown_code[:-1] + str((int(unknown_code[-1]) + 1) % 10)
        result = self._find(wrong_check_digit)
        self.assertEqual(result["status"], "not_found")
        self.assertIn("neither a mobile number nor a member code", result["message"])
        self.assertIn("Type a mobile", self._find("  ")["message"])

    def test_a_message_in_persian(self):
        result = self._find(make_member_code(987654), lang="fa_IR")
        self.assertIn("هیچ عضوی", result["message"])

    def test_expiring_points_are_dated_in_jalali_for_persian(self):
        result = self._find(self.member.club_code, lang="fa_IR")
        [member] = result["data"]["res.partner"]
        self.assertEqual(member["club_points_expiring"], 40)
        self.assertEqual(member["club_points_expiring_date_text"], "۳۰ خرداد ۱۴۰۵")
        [member] = self._find(self.member.club_code)["data"]["res.partner"]
        self.assertEqual(member["club_points_expiring_date_text"], "06/20/2026")

    def test_find_by_name_returns_a_short_list_of_this_companys_members(self):
        self.env["res.partner"].create(
            [{"name": f"Sara Namazi {i}", "club_member": True} for i in range(10)]
            + [{"name": "Sara Not A Member"}]
        )
        result = self._find("sara")
        self.assertEqual(result["status"], "several")
        self.assertEqual(len(result["partner_ids"]), 8)
        found = self.env["res.partner"].browse(result["partner_ids"])
        self.assertTrue(all(found.mapped("club_member")))
        self.assertNotIn(self.outsider, found)
        result = self._find("Outsider")
        self.assertEqual(result["status"], "not_found")
        self.assertIn("No club member is called", result["message"])

    def test_members_of_another_company_are_not_found(self):
        self.assertEqual(self._find("09351112233")["status"], "not_found")
        self.assertEqual(self._find(self.outsider.club_code)["status"], "not_found")
        data = self.finder.club_pos_member_data(
            [self.outsider.id, self.member.id], self.config.id
        )
        self.assertEqual([p["id"] for p in data["res.partner"]], [self.member.id])
        with self.assertRaisesRegex(UserError, "at most 8 members"):
            self.finder.club_pos_member_data([self.member.id] * 9, self.config.id)

    def test_scanning_a_member_code_is_a_club_member_rule(self):
        rule = self.env.ref("loyalty_club_pos.barcode_rule_club_member")
        self.assertEqual(rule.type, "club_member")
        self.assertEqual(
            rule.barcode_nomenclature_id,
            self.env.ref("barcodes.default_barcode_nomenclature"),
        )
        pattern = re.compile("^" + rule.pattern)
        code = self.member.club_code
        self.assertTrue(pattern.match(code))
        self.assertTrue(pattern.match(persian_digits(code)))
        self.assertFalse(pattern.match("6260000000017"), "an EAN-13 is a product")
        self.assertFalse(pattern.match("09124445566"), "a mobile number is not")
        # the rule comes before the products' catch-all rule
        rules = rule.barcode_nomenclature_id.rule_ids.sorted("sequence")
        self.assertLess(rules.ids.index(rule.id), len(rules) - 1)
        self.assertEqual(self._find(code)["partner_ids"], [self.member.id])

    # ------------------------------------------------------------------
    # Enrolment
    # ------------------------------------------------------------------

    def _enrol(self, **values):
        return self.finder.club_pos_enrol(self.config.id, values)

    def test_a_cashier_enrols_a_member_through_the_engine(self):
        self.env["loyalty.club.rule"].create(
            {"name": "Welcome", "rule_type": "signup", "points": 50}
        )
        result = self._enrol(
            name="  Maryam   Azadi ",
            mobile="۰۹۱۲ ۱۱۱ ۲۲۳۳",
            birthday="۱۳۷۰/۰۷/۱۵",
            gender="female",
            sms_consent=True,
            referral_code=self.member.club_referral_code.lower(),
        )
        self.assertTrue(result["successful"], result["message"])
        new = self.env["res.partner"].browse(result["partner_id"])
        self.assertRecordValues(
            new,
            [
                {
                    "name": "Maryam Azadi",
                    "mobile": "09121112233",
                    "club_member": True,
                    "club_birthday": datetime.date(1991, 10, 7),
                    "club_gender": "female",
                    "club_sms_consent": True,
                    "club_referrer_id": self.member.id,
                    "club_tier_id": self.tier.id,
                }
            ],
        )
        self.assertTrue(new.club_code)
        self.assertIn(new.club_code, result["message"])
        self.assertEqual(new.club_points, 50, "the sign-up bonus")
        [data] = result["data"]["res.partner"]
        self.assertEqual(data["club_code"], new.club_code)
        self.assertEqual(data["club_points"], 50)

    def test_a_gregorian_birthday_and_no_consent(self):
        result = self._enrol(
            name="Reza", mobile="09121112244", birthday="1991-10-07", sms_consent=False
        )
        new = self.env["res.partner"].browse(result["partner_id"])
        self.assertEqual(new.club_birthday, datetime.date(1991, 10, 7))
        self.assertFalse(new.club_sms_consent)

    def test_a_member_mobile_is_refused_and_the_member_returned(self):
        partners = self.env["res.partner"].search_count([])
        result = self._enrol(name="Sara R.", mobile="+98 912 444 5566")
        self.assertFalse(result["successful"])
        self.assertEqual(result["partner_id"], self.member.id)
        self.assertIn("Sara Rahimi", result["message"])
        self.assertEqual(result["data"]["res.partner"][0]["id"], self.member.id)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        # a member of another company: refused, nothing of them shown
        result = self._enrol(name="Sara", mobile="09351112233")
        self.assertFalse(result["successful"])
        self.assertFalse(result["partner_id"])
        self.assertFalse(result["data"])

    def test_a_known_customer_is_enrolled_not_copied(self):
        customer = self.env["res.partner"].create(
            {"name": "Hamid Karimi", "mobile": "0912 555 6677"}
        )
        result = self._enrol(name="Hamid", mobile="09125556677", gender="male")
        self.assertTrue(result["successful"])
        self.assertEqual(result["partner_id"], customer.id)
        self.assertTrue(customer.club_member)
        self.assertEqual(customer.name, "Hamid Karimi")
        self.assertEqual(customer.club_gender, "male")

    def test_what_cannot_be_enrolled_is_refused(self):
        partners = self.env["res.partner"].search_count([])
        for values, reason in (
            ({"name": "", "mobile": "09121112255"}, "name is missing"),
            ({"name": "A", "mobile": "12345"}, "not an Iranian mobile"),
            ({"name": "A", "mobile": "09121112255", "birthday": "1370/13/40"}, "date"),
            (
                {"name": "A", "mobile": "09121112255", "birthday": "1410/01/01"},
                "future",
            ),
            ({"name": "A", "mobile": "09121112255", "gender": "x"}, "gender"),
            ({"name": "A", "mobile": "09121112255", "referral_code": "NOPE"}, "NOPE"),
            (
                {"name": "A", "mobile": "09121112255", "club_points": 5000},
                "club_points",
            ),
        ):
            result = self._enrol(**values)
            self.assertFalse(result["successful"], values)
            self.assertIn(reason, result["message"])
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
