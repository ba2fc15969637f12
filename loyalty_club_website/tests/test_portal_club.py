# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/club``: the member's tier, points, card, coupons and history, read
as the member through the portal's access rules."""

import datetime
import re

from freezegun import freeze_time
from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.loyalty_club.tools.engine import as_engine

from .common import by_class


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestMyClub(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for model in (
            "loyalty.club.rule",
            "loyalty.club.reward",
            "loyalty.club.auto.message",
        ):
            cls.env[model].search([]).active = False
        cls.company = cls.env.company
        cls.company.write(
            {"club_tier_window": "rolling", "club_tier_window_months": 12}
        )
        tiers = cls.env["loyalty.club.tier"]
        tiers.search([]).active = False
        cls.silver = tiers.create({"name": "Web Silver", "threshold": 0, "color": 4})
        cls.gold = tiers.create({"name": "Web Gold", "threshold": 1000, "color": 3})
        cls.user = new_test_user(
            cls.env,
            login="club_web_member",
            groups="base.group_portal",
            name="Neda Web",
        )
        cls.member = cls.user.partner_id
        cls.member.write({"club_member": True, "mobile": "09127778899"})
        cls.member.club_tier_id = cls.silver
        cls.other_user = new_test_user(
            cls.env,
            login="club_web_other",
            groups="base.group_portal",
            name="Other Web",
        )
        cls.other = cls.other_user.partner_id
        cls.other.write({"club_member": True})
        post = cls.env["loyalty.club.move"]._post
        for index in range(25):
            post(
                cls.member,
                "earn",
                10,
                f"web-club:{index}",
                amount=24.0,
                date=datetime.datetime(2026, 5, 1 + index),
                expiry_date=datetime.date(2026, 6, 20),
            )
        post(cls.other, "earn", 777, "web-club:other")

    def _get(self, url, login="club_web_member"):
        if login:
            self.authenticate(login, login)
        return self.url_open(url)

    def _page(self, url, login="club_web_member"):
        response = self._get(url, login)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def test_the_member_reads_tier_progress_points_and_history(self):
        page = self._page("/my/club")
        text = page.text_content()
        self.assertEqual(
            by_class(page, "o_club_portal_tier")[0].text.strip(), "Web Silver"
        )
        self.assertEqual(by_class(page, "o_club_portal_balance")[0].text.strip(), "250")
        # 25 × 24 spent of 1000 for Gold: 400 to go
        self.assertIn(
            "400", by_class(page, "o_club_portal_next_tier")[0].text_content()
        )
        self.assertIn(
            "Web Gold", by_class(page, "o_club_portal_next_tier")[0].text_content()
        )
        self.assertIn("250", by_class(page, "o_club_portal_expiring")[0].text_content())
        self.assertEqual(len(by_class(page, "o_club_portal_move")), 20)
        self.assertNotIn("777", text)
        self.assertEqual(
            by_class(page, "o_club_card_code")[0].text, self.member.club_code
        )

    def test_every_history_page_link_works(self):
        page = self._page("/my/club")
        links = {
            a.get("href")
            for a in by_class(page, "o_portal_pager")[0].xpath(".//a[@href]")
        }
        self.assertIn("/my/club/page/2", links)
        for link in links:
            second = self._page(link)
            self.assertTrue(by_class(second, "o_club_portal_move"), link)
        last = self._page("/my/club/page/2")
        self.assertEqual(len(by_class(last, "o_club_portal_move")), 5)

    def test_in_persian_dates_are_jalali_with_persian_digits(self):
        persian = self.env["res.lang"]._activate_lang("fa_IR")
        self.env["website"].get_current_website().language_ids |= persian
        self.user.lang = "fa_IR"
        page = self._page("/my/club")
        self.assertEqual(by_class(page, "o_club_portal_balance")[0].text.strip(), "۲۵۰")
        # 20 June 2026 is 30 Khordad 1405
        self.assertIn(
            "۳۰ خرداد ۱۴۰۵", by_class(page, "o_club_portal_expiring")[0].text_content()
        )
        # the right-to-left build of the site's styles
        stylesheets = page.xpath("//link[@rel='stylesheet']/@href")
        self.assertTrue([href for href in stylesheets if ".rtl." in href], stylesheets)

    def test_home_shows_the_club_card_even_at_zero_points(self):
        self.authenticate("club_web_other", "club_web_other")
        self.env["loyalty.club.move"]._post(self.other, "adjust", -777, "web-club:zero")
        page = html.fromstring(self.url_open("/my/home").content)
        cards = [
            a
            for a in [
                a
                for card in by_class(page, "o_portal_index_card")
                for a in card.xpath(".//a")
            ]
            if a.get("href") == "/my/club"
        ]
        self.assertTrue(cards)
        self.assertNotIn("d-none", cards[0].getparent().get("class"))

    def test_a_customer_who_is_not_a_member_is_invited_to_join(self):
        self.other.club_member = False
        self.authenticate("club_web_other", "club_web_other")
        page = html.fromstring(self.url_open("/my/home").content)
        self.assertIn(
            "/club",
            [
                a.get("href")
                for a in [
                    a
                    for card in by_class(page, "o_portal_index_card")
                    for a in card.xpath(".//a")
                ]
            ],
        )
        response = self.url_open("/my/club", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/club"))

    def test_visitors_are_sent_to_log_in(self):
        for url in ("/my/club", "/my/club/page/2", "/my/club/card"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"])

    def test_the_printable_card(self):
        page = self._page("/my/club/card")
        self.assertEqual(
            by_class(page, "o_club_card_code")[0].text, self.member.club_code
        )
        barcode = by_class(page, "o_club_card_barcode", "img")[0].get("src")
        self.assertTrue(
            re.search(rf"/report/barcode/Code128/{self.member.club_code}", barcode)
        )
        self.assertEqual(self.url_open(barcode).headers["Content-Type"], "image/png")

    def test_a_downgrade_risk_says_what_keeps_the_tier_and_until_when(self):
        self.member.club_tier_id = self.gold
        as_engine(self.member).write({"club_tier_downgrade_date": "2026-06-30"})
        page = self._page("/my/club")
        warning = by_class(page, "o_club_portal_downgrade")[0].text_content()
        # Gold needs 1000 and 600 were spent in the window
        self.assertIn("400", warning)
        self.assertIn("06/30/2026", warning)
        self.assertTrue(by_class(page, "o_club_portal_top_tier"))

    def test_history_links_the_members_own_orders(self):
        product = self.env["product.product"].create(
            {"name": "Saffron", "list_price": 9}
        )
        own, foreign = self.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [(0, 0, {"product_id": product.id})],
                }
                for partner in (self.member, self.other)
            ]
        )
        (own | foreign).action_confirm()  # each customer follows their order
        post = self.env["loyalty.club.move"]._post
        post(self.member, "earn", 3, "web-club:own-order", source=own)
        # a move of this member whose source they cannot see: no name, no link
        post(self.member, "earn", 4, "web-club:foreign-order", source=foreign)
        page = self._page("/my/club")
        links = [
            a.get("href")
            for row in by_class(page, "o_club_portal_move")
            for a in row.xpath(".//a")
        ]
        self.assertEqual(
            [link.split("?")[0] for link in links], [f"/my/orders/{own.id}"]
        )
        self.assertNotIn(foreign.name, page.text_content())

    def test_the_page_costs_the_same_at_ten_and_at_many_moves(self):
        """History is paginated and totals come from the ledger's
        aggregates: the query count does not grow with the member's moves."""
        few_user = new_test_user(
            self.env, login="club_web_few", groups="base.group_portal", name="Few"
        )
        few_user.partner_id.club_member = True
        post = self.env["loyalty.club.move"]._post
        for index in range(10):
            post(few_user.partner_id, "earn", 1, f"web-club:few:{index}")
        counts = {}
        for login in ("club_web_few", "club_web_member"):
            self.authenticate(login, login)
            self.url_open("/my/club")  # warm the caches of the first request
            before = self.env.cr.sql_log_count
            self.assertEqual(self.url_open("/my/club").status_code, 200)
            counts[login] = self.env.cr.sql_log_count - before
        self.assertGreater(counts["club_web_member"], 0)
        self.assertEqual(counts["club_web_few"], counts["club_web_member"])


@tagged("post_install", "-at_install")
class TestDemoMemberPage(HttpCase):
    def test_the_demo_member_reads_her_club_page_in_persian(self):
        if not self.env["ir.module.module"].search(
            [("name", "=", "loyalty_club_website"), ("demo", "=", True)]
        ):
            self.fail("the test database is installed with demo data")
        self.authenticate("sara", "sara")
        page = html.fromstring(self.url_open("/my/club").content)
        balance = by_class(page, "o_club_portal_balance")[0].text.strip()
        self.assertTrue(balance)
        self.assertTrue(set(balance) <= set("۰۱۲۳۴۵۶۷۸۹٬"), balance)
        stylesheets = page.xpath("//link[@rel='stylesheet']/@href")
        self.assertTrue([href for href in stylesheets if ".rtl." in href])
        self.assertEqual(
            by_class(page, "o_club_card_code")[0].text,
            self.env.ref("loyalty_club.res_partner_member_sara_demo").club_code,
        )
