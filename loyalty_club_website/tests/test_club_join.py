# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public club page ``/club``, a friend's link ``/club/r/<code>`` and
joining online with a mobile number confirmed by SMS."""

import re
from unittest.mock import patch

from freezegun import freeze_time
from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.loyalty_club.tests.fake_sms_gateway import FakeSmsGateway

from .common import by_class

NEW_MOBILE = "09123456789"
MEMBER_MOBILE = "09121110000"


def page_text(page):
    """The page's main text, white space collapsed."""
    return " ".join(page.xpath("//div[@id='wrap']")[0].text_content().split())


class ClubJoinCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for model in ("loyalty.club.rule", "loyalty.club.reward", "loyalty.club.tier"):
            cls.env[model].search([]).active = False
        cls.company = cls.env.company
        cls.company.write({"club_name": "Saffron Club", "club_color": "#aa3300"})
        cls.website = cls.env["website"].get_current_website()
        cls.website.auth_signup_uninvited = "b2c"
        tiers = cls.env["loyalty.club.tier"]
        cls.bronze = tiers.create(
            {"name": "Join Bronze", "threshold": 0, "benefits": "<p>Tea on us</p>"}
        )
        cls.gold = tiers.create(
            {"name": "Join Gold", "threshold": 1000, "earn_multiplier": 1.5}
        )
        rules = cls.env["loyalty.club.rule"]
        rules.create(
            [
                {
                    "name": "Points on purchases",
                    "rule_type": "amount",
                    "points": 2,
                    "amount_step": 100,
                },
                {"name": "Welcome gift", "rule_type": "signup", "points": 50},
                {
                    "name": "Only at the till",
                    "rule_type": "order",
                    "points": 5,
                    "channel_website": False,
                },
            ]
        )
        rewards = cls.env["loyalty.club.reward"]
        rewards.create(
            [
                {
                    "name": "20 off online",
                    "kind": "fixed_discount",
                    "points_cost": 200,
                    "discount_amount": 20.0,
                },
                {
                    "name": "Shop-only mug",
                    "kind": "fixed_discount",
                    "points_cost": 300,
                    "discount_amount": 30.0,
                    "channel_website": False,
                },
            ]
        )
        cls.member_user = new_test_user(
            cls.env,
            login="club_join_member",
            groups="base.group_portal",
            name="Parisa Referrer",
        )
        cls.member = cls.member_user.partner_id
        cls.member.write({"club_member": True, "mobile": MEMBER_MOBILE})
        cls.customer_user = new_test_user(
            cls.env,
            login="club_join_customer",
            groups="base.group_portal",
            name="Kaveh Customer",
        )
        cls.customer = cls.customer_user.partner_id

    def setUp(self):
        super().setUp()
        self.fake = self.enterContext(FakeSmsGateway())
        self.gateway = self.env["loyalty.club.sms.gateway"].create(
            {
                "name": "Join line",
                "provider": "kavenegar",
                "test_mode": True,
                "url": self.fake.url("kavenegar"),
                "api_key": "test-key",
                "sender": "3000505",
            }
        )
        self.gateway.action_enable()

    # ------------------------------------------------------------------

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def _post(self, url, data, page):
        """Post ``data`` with the CSRF token of the form on ``page``."""
        token = page.xpath("//form//input[@name='csrf_token']/@value")[0]
        response = self.url_open(url, data={**data, "csrf_token": token})
        self.assertEqual(response.status_code, 200, url)
        return response, html.fromstring(response.content)

    def _ask_code(self, mobile, **values):
        form = self._page("/club/join")
        self.assertTrue(by_class(form, "o_club_join_mobile_form"))
        data = {"mobile": mobile, **values}
        return self._post("/club/join/code", data, form)[1]

    def _send_code(self, page, code):
        return self._post("/club/join/verify", {"code": code}, page)

    def _last_code(self):
        return re.search(r"\d{6}", self.fake.state.sent[-1]["body"]).group()

    def _join(self, mobile, **values):
        page = self._ask_code(mobile, **values)
        return self._send_code(page, self._last_code())

    def _error(self, page):
        errors = by_class(page, "o_club_join_error")
        return errors[0].text_content().strip() if errors else ""


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestClubPage(ClubJoinCase):
    def test_a_visitor_reads_the_club_tiers_ways_to_earn_and_rewards(self):
        page = self._page("/club")
        self.assertEqual(by_class(page, "o_club_page_name")[0].text, "Saffron Club")
        self.assertIn("#aa3300", by_class(page, "o_club_page_banner")[0].get("style"))
        self.assertEqual(
            [t.text for t in by_class(page, "o_club_page_tier_name")],
            ["Join Bronze", "Join Gold"],
        )
        self.assertIn("Tea on us", page_text(page))
        self.assertEqual(
            [t.text for t in by_class(page, "o_club_page_tier_multiplier")],
            ["Points earned ×1", "Points earned ×1.5"],
        )
        self.assertIn("1,000", by_class(page, "o_club_page_tier_threshold")[1].text)
        rules = [
            " ".join(r.text_content().split())
            for r in by_class(page, "o_club_page_rule")
        ]
        self.assertEqual(len(rules), 2, rules)
        self.assertIn("2 points for every", rules[0])
        self.assertIn("50 points when you join", rules[1])
        self.assertNotIn("Only at the till", page_text(page))
        self.assertEqual(
            [r.text for r in by_class(page, "o_club_page_reward_name")],
            ["20 off online"],
        )
        self.assertEqual(
            by_class(page, "o_club_page_join", "a")[0].get("href"), "/club/join"
        )

    def test_a_member_is_sent_to_their_own_page(self):
        self.authenticate("club_join_member", "club_join_member")
        page = self._page("/club")
        self.assertEqual(
            by_class(page, "o_club_page_my_club", "a")[0].get("href"), "/my/club"
        )
        response = self.url_open("/club/join", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/club"))

    def test_in_persian_the_page_is_right_to_left_with_persian_digits(self):
        persian = self.env["res.lang"]._activate_lang("fa_IR")
        self.website.language_ids |= persian
        page = self._page("/fa/club")
        stylesheets = page.xpath("//link[@rel='stylesheet']/@href")
        self.assertTrue([href for href in stylesheets if ".rtl." in href], stylesheets)
        self.assertEqual(
            by_class(page, "o_club_page_join")[0].text.strip(), "عضویت در باشگاه"
        )
        self.assertIn("۵۰", by_class(page, "o_club_page_rule_text")[1].text)

    def test_the_member_shares_their_link_on_my_club(self):
        self.authenticate("club_join_member", "club_join_member")
        page = self._page("/my/club")
        link = by_class(page, "o_club_portal_referral_link")[0].get("value")
        self.assertTrue(
            link.endswith(f"/club/r/{self.member.club_referral_code}"), link
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestJoinOnline(ClubJoinCase):
    def test_a_customer_confirms_the_mobile_and_joins_with_the_consents(self):
        self.authenticate("club_join_customer", "club_join_customer")
        page = self._ask_code("۰۹۱۲ ۳۴۵ ۶۷۸۹", sms_consent="on")
        self.assertIn(NEW_MOBILE, by_class(page, "o_club_join_sent")[0].text_content())
        [sms] = self.fake.state.sent
        self.assertEqual(sms["number"], NEW_MOBILE)
        self.assertIn("Saffron Club", sms["body"])
        stored = self.env["loyalty.club.mobile.verification"].search(
            [("mobile", "=", NEW_MOBILE)]
        )
        self.assertNotIn(self._last_code(), stored.code_hash, "only a hash is kept")
        response, __ = self._send_code(page, self._last_code())
        self.assertTrue(response.url.endswith("/my/club"), response.url)
        self.assertRecordValues(
            self.customer,
            [
                {
                    "club_member": True,
                    "mobile": NEW_MOBILE,
                    "club_sms_consent": True,
                    "club_email_consent": False,
                    "club_referrer_id": False,
                }
            ],
        )
        self.assertTrue(self.customer.club_code)
        self.assertEqual(self.customer.club_points, 50, "the sign-up bonus")
        self.assertIn("verified by SMS", self.customer.message_ids[0].body)

    def test_a_visitor_signs_up_then_joins(self):
        page = self._page("/club/join")
        signup = by_class(page, "o_club_join_signup", "a")[0].get("href")
        form = self._page(signup)
        token = form.xpath("//form//input[@name='csrf_token']/@value")[0]
        response = self.url_open(
            "/web/signup",
            data={
                "login": "nazanin@example.com",
                "name": "Nazanin Visitor",
                "password": "a long enough password",
                "confirm_password": "a long enough password",
                "redirect": "/club/join",
                "csrf_token": token,
            },
        )
        self.assertTrue(response.url.endswith("/club/join"), response.url)
        page = html.fromstring(response.content)
        data = {"mobile": "09351112233", "email_consent": "on"}
        page = self._post("/club/join/code", data, page)[1]
        self._send_code(page, self._last_code())
        partner = (
            self.env["res.users"]
            .search([("login", "=", "nazanin@example.com")])
            .partner_id
        )
        self.assertTrue(partner.club_member)
        self.assertEqual(partner.club_mobile, "09351112233")
        self.assertTrue(partner.club_email_consent)
        self.assertFalse(partner.club_sms_consent)

    def test_a_mobile_of_another_member_is_refused_without_saying_whose(self):
        self.authenticate("club_join_customer", "club_join_customer")
        __, page = self._join(MEMBER_MOBILE)
        error = self._error(page)
        self.assertIn("already belongs to another club member", error)
        text = page_text(page)
        for secret in (self.member.name, self.member.club_code, "Parisa"):
            self.assertNotIn(secret, text)
        self.assertFalse(self.customer.club_member)
        self.assertNotEqual(self.customer.mobile, MEMBER_MOBILE)

    def test_known_and_unknown_mobiles_get_the_same_answer(self):
        self.authenticate("club_join_customer", "club_join_customer")
        known = page_text(self._ask_code(MEMBER_MOBILE))
        unknown = page_text(self._ask_code(NEW_MOBILE))
        self.assertEqual(
            known.replace(MEMBER_MOBILE, "X"), unknown.replace(NEW_MOBILE, "X")
        )
        self.assertEqual(
            [sms["number"] for sms in self.fake.state.sent],
            [MEMBER_MOBILE, NEW_MOBILE],
        )

    def test_a_wrong_code_is_refused(self):
        self.authenticate("club_join_customer", "club_join_customer")
        page = self._ask_code(NEW_MOBILE)
        wrong = f"{(int(self._last_code()) + 1) % 1_000_000:06d}"
        __, page = self._send_code(page, wrong)
        self.assertIn("wrong or has expired", self._error(page))
        self.assertFalse(self.customer.club_member)

    def test_an_expired_code_is_refused(self):
        self.authenticate("club_join_customer", "club_join_customer")
        page = self._ask_code(NEW_MOBILE)
        with freeze_time("2026-06-01 08:10:01"):
            __, page = self._send_code(page, self._last_code())
        self.assertIn("wrong or has expired", self._error(page))
        self.assertFalse(self.customer.club_member)

    def test_five_wrong_tries_use_the_code_up(self):
        self.authenticate("club_join_customer", "club_join_customer")
        page = self._ask_code(NEW_MOBILE)
        code = self._last_code()
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        for __ in range(5):
            __, page = self._send_code(page, wrong)
        __, page = self._send_code(page, code)
        self.assertIn("wrong or has expired", self._error(page))
        self.assertFalse(self.customer.club_member)

    def test_three_codes_per_mobile_an_hour(self):
        self.authenticate("club_join_customer", "club_join_customer")
        for mobile in (NEW_MOBILE, MEMBER_MOBILE):
            for __ in range(3):
                self.assertFalse(self._error(self._ask_code(mobile)))
            self.assertIn("Too many codes", self._error(self._ask_code(mobile)))
        self.assertEqual(len(self.fake.state.sent), 6)
        with freeze_time("2026-06-01 09:00:01"):
            self.assertFalse(self._error(self._ask_code(NEW_MOBILE)))

    def test_ten_codes_per_address_an_hour(self):
        self.authenticate("club_join_customer", "club_join_customer")
        for index in range(10):
            self.assertFalse(self._error(self._ask_code(f"0912000000{index}")))
        self.assertIn("Too many codes", self._error(self._ask_code("09120000100")))
        self.assertEqual(len(self.fake.state.sent), 10)

    def test_without_an_sms_gateway_joining_online_waits(self):
        self.gateway.action_disable()
        self.authenticate("club_join_customer", "club_join_customer")
        page = self._page("/club/join")
        self.assertTrue(by_class(page, "o_club_join_unavailable"))
        self.assertFalse(by_class(page, "o_club_join_mobile_form"))

    def test_the_forms_need_their_csrf_token(self):
        self.authenticate("club_join_customer", "club_join_customer")
        for url, data in (
            ("/club/join/code", {"mobile": NEW_MOBILE}),
            ("/club/join/verify", {"code": "123456"}),
        ):
            with self.assertLogs("odoo.http", "WARNING"):
                response = self.url_open(url, data=data)
            self.assertEqual(response.status_code, 400, url)
        self.assertFalse(self.fake.state.sent)
        self.assertFalse(self.customer.club_member)

    def test_a_visitor_must_sign_in_to_get_a_code(self):
        page = self._page("/club/join")
        self.assertFalse(by_class(page, "o_club_join_mobile_form"))
        self.assertTrue(by_class(page, "o_club_join_login"))


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestReferralLink(ClubJoinCase):
    def test_a_friends_link_links_the_new_member_to_the_referrer(self):
        self.authenticate("club_join_customer", "club_join_customer")
        page = self._page(f"/club/r/{self.member.club_referral_code}")
        self.assertTrue(by_class(page, "o_club_page_invited"))
        self.assertNotIn("Parisa", page_text(page))
        form = self._page("/club/join")
        self.assertEqual(
            form.xpath("//input[@name='referral_code']/@value"),
            [self.member.club_referral_code],
        )
        self._join(NEW_MOBILE, referral_code=self.member.club_referral_code)
        self.assertEqual(self.customer.club_referrer_id, self.member)

    def test_the_code_typed_with_persian_digits_and_spaces(self):
        code = self.member.club_referral_code
        self.authenticate("club_join_customer", "club_join_customer")
        self._join(NEW_MOBILE, referral_code=f" {code[:4].lower()} {code[4:]} ")
        self.assertEqual(self.customer.club_referrer_id, self.member)

    def test_an_unknown_code_answers_like_a_real_one(self):
        real = self._page(f"/club/r/{self.member.club_referral_code}")
        unknown = self._page("/club/r/ZZZZ9999")
        self.assertEqual(page_text(real), page_text(unknown))
        self.authenticate("club_join_customer", "club_join_customer")
        self._page("/club/r/ZZZZ9999")
        self._join(NEW_MOBILE, referral_code="ZZZZ9999")
        self.assertTrue(self.customer.club_member)
        self.assertFalse(self.customer.club_referrer_id)

    def test_a_returning_number_joins_without_a_referrer_and_without_a_word(self):
        """The engine refuses a referral for a mobile that had a club account
        before (archived): the customer still joins, nothing tells them why
        the link was dropped."""
        old = self.env["res.partner"].create(
            {"name": "Old account", "mobile": NEW_MOBILE, "club_member": True}
        )
        old.write({"club_member": False, "active": False})
        self.authenticate("club_join_customer", "club_join_customer")
        self._join(NEW_MOBILE, referral_code=self.member.club_referral_code)
        self.assertTrue(self.customer.club_member)
        self.assertFalse(self.customer.club_referrer_id)

    def test_a_colleague_of_the_same_company_is_not_a_referral(self):
        firm = self.env["res.partner"].create(
            {"name": "Kaveh & Parisa Ltd", "is_company": True}
        )
        (self.member | self.customer).parent_id = firm
        self.authenticate("club_join_customer", "club_join_customer")
        self._join(NEW_MOBILE, referral_code=self.member.club_referral_code)
        self.assertTrue(self.customer.club_member)
        self.assertFalse(self.customer.club_referrer_id)

    def test_a_referrer_with_the_same_mobile_is_not_a_referral(self):
        self.member.club_member = False
        self.member.mobile = NEW_MOBILE
        self.member.club_member = True
        self.assertFalse(
            self.customer._club_website_referrer(
                self.member.club_referral_code, NEW_MOBILE
            )
        )
        self.assertEqual(
            self.customer._club_website_referrer(
                self.member.club_referral_code, "09350000000"
            ),
            self.member,
        )

    def test_a_visitor_joins_through_a_friends_link_in_the_browser(self):
        verifications = type(self.env["loyalty.club.mobile.verification"])
        with patch.object(verifications, "_club_new_code", return_value="482913"):
            self.start_tour(
                f"/club/r/{self.member.club_referral_code}",
                "loyalty_club_website_join_referral",
            )
        partner = (
            self.env["res.users"]
            .search([("login", "=", "shirin@example.com")])
            .partner_id
        )
        self.assertTrue(partner.club_member)
        self.assertEqual(partner.club_mobile, "09125556677")
        self.assertEqual(partner.club_referrer_id, self.member)
