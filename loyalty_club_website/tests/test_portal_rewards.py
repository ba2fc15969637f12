# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``/my/club/rewards``: the member's catalog, redeeming online through the
engine's checks, once per form, and the coupon in the cart."""

import datetime
import re

from freezegun import freeze_time
from lxml import html

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import by_class


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 08:00:00")
class TestMyClubRewards(HttpCase):
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
        cls.company.club_redemption_approval_points = 250
        cls.website = cls.env["website"].get_current_website()
        cls.user = new_test_user(
            cls.env, login="club_web_member", groups="base.group_portal", name="Neda"
        )
        cls.member = cls.user.partner_id
        cls.member.write({"club_member": True, "mobile": "09127778899"})
        cls.other_user = new_test_user(
            cls.env, login="club_web_other", groups="base.group_portal", name="Omid"
        )
        cls.other = cls.other_user.partner_id
        cls.other.club_member = True
        post = cls.env["loyalty.club.move"]._post
        expiry = datetime.date(2027, 1, 1)
        post(cls.member, "earn", 300, "web-rewards:member", expiry_date=expiry)
        post(cls.other, "earn", 300, "web-rewards:other", expiry_date=expiry)
        rewards = cls.env["loyalty.club.reward"]
        cls.discount = rewards.create(
            {
                "name": "50 off online",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
            }
        )
        cls.dear = rewards.create(
            {
                "name": "Dear gift",
                "kind": "percent_discount",
                "points_cost": 500,
                "discount_percent": 20.0,
            }
        )
        cls.vip = rewards.create(
            {
                "name": "VIP only",
                "kind": "fixed_discount",
                "points_cost": 10,
                "discount_amount": 5.0,
                "tier_ids": [Command.create({"name": "VIP"})],
            }
        )
        cls.big = rewards.create(
            {
                "name": "Big basket",
                "kind": "fixed_discount",
                "points_cost": 260,
                "discount_amount": 150.0,
            }
        )
        cls.at_the_till = rewards.create(
            {
                "name": "Till only",
                "kind": "fixed_discount",
                "points_cost": 10,
                "discount_amount": 5.0,
                "channel_website": False,
            }
        )
        other_company = cls.env["res.company"].create({"name": "Other Shop"})
        cls.elsewhere = rewards.create(
            {
                "name": "Other shop's reward",
                "kind": "fixed_discount",
                "points_cost": 10,
                "discount_amount": 5.0,
                "company_id": other_company.id,
            }
        )
        cls.saffron = cls.env["product.product"].create(
            {
                "name": "Saffron 4.6g",
                "list_price": 200.0,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
        )

    def setUp(self):
        super().setUp()
        self.authenticate("club_web_member", "club_web_member")

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def _rows(self, page):
        return {
            int(row.get("data-reward-id")): row
            for row in by_class(page, "o_club_reward")
        }

    def _form(self, reward):
        """The hidden fields of ``reward``'s redeem form on the catalog."""
        row = self._rows(self._page("/my/club/rewards"))[reward.id]
        return {
            field.get("name"): field.get("value")
            for field in row.xpath(".//form//input[@type='hidden']")
        }

    def _csrf(self):
        page = self._page("/my/club/rewards")
        return page.xpath("//input[@name='csrf_token']/@value")[0]

    def _post(self, data):
        return self.url_open(
            "/my/club/rewards/redeem", data=data, allow_redirects=False
        )

    def _redemptions(self, partner=None):
        return self.env["loyalty.club.redemption"].search(
            [("partner_id", "=", (partner or self.member).id)]
        )

    def test_the_catalog_says_what_can_be_redeemed_and_why_not(self):
        page = self._page("/my/club/rewards")
        rows = self._rows(page)
        self.assertEqual(
            set(rows), {self.discount.id, self.dear.id, self.vip.id, self.big.id}
        )
        discount = rows[self.discount.id]
        self.assertIn("o_club_reward_redeemable", discount.get("class"))
        self.assertEqual(by_class(discount, "o_club_reward_points")[0].text, "100")
        self.assertIn("50", by_class(discount, "o_club_reward_value")[0].text)
        self.assertEqual(
            by_class(discount, "o_club_reward_kind")[0].text, "Fixed discount"
        )
        self.assertTrue(by_class(discount, "o_club_reward_redeem"))
        dear = rows[self.dear.id]
        self.assertIn("o_club_reward_refused", dear.get("class"))
        self.assertFalse(by_class(dear, "o_club_reward_redeem"))
        self.assertIn(
            "this reward costs 500", by_class(dear, "o_club_reward_reason")[0].text
        )
        self.assertIn(
            "for VIP members",
            by_class(rows[self.vip.id], "o_club_reward_reason")[0].text,
        )
        self.assertTrue(by_class(rows[self.big.id], "o_club_reward_approval"))
        self.assertFalse(by_class(discount, "o_club_reward_approval"))
        self.assertEqual(by_class(page, "o_club_rewards_balance")[0].text, "300")

    def test_redeeming_shows_the_coupon_and_a_replayed_form_redeems_once(self):
        form = self._form(self.discount)
        first = self._post(form)
        self.assertEqual(first.status_code, 303)
        redemption = self._redemptions()
        self.assertEqual(len(redemption), 1)
        self.assertTrue(
            first.headers["Location"].endswith(f"/my/club/redemptions/{redemption.id}")
        )
        self.assertEqual(redemption.state, "confirmed")
        self.assertEqual(redemption.channel, "website")
        self.assertEqual(self.member.club_points, 200)
        for _again in range(2):  # a double click, then the back button and post
            replay = self._post(form)
            self.assertEqual(replay.headers["Location"], first.headers["Location"])
        self.assertEqual(len(self._redemptions()), 1)
        self.member.invalidate_recordset(["club_points"])
        self.assertEqual(self.member.club_points, 200)
        page = self._page(first.headers["Location"])
        code = by_class(page, "o_club_redemption_code")[0].text.strip()
        self.assertEqual(code, redemption.coupon_code)
        self.assertRegex(code, r"^044[0-9]{20}$")
        # a new form of the catalog is a new redemption
        self._post(self._form(self.discount))
        self.assertEqual(len(self._redemptions()), 2)

    def test_a_balance_too_low_is_refused_with_the_reason(self):
        form = self._form(self.discount)
        form["reward_id"] = str(self.dear.id)
        response = self._post(form)
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        self.assertIn(
            "this reward costs 500", by_class(page, "o_club_rewards_error")[0].text
        )
        self.assertFalse(self._redemptions())
        self.assertEqual(self.member.club_points, 300)
        # the form's key was not spent on the refusal
        form["reward_id"] = str(self.discount.id)
        self.assertEqual(self._post(form).status_code, 303)
        self.assertEqual(len(self._redemptions()), 1)

    def test_above_the_approval_threshold_it_waits_for_a_club_manager(self):
        response = self._post(self._form(self.big))
        redemption = self._redemptions()
        self.assertEqual(redemption.state, "to_approve")
        self.assertFalse(redemption.coupon_id)
        self.assertEqual(self.member.club_points, 300, "nothing taken yet")
        page = self._page(response.headers["Location"])
        self.assertTrue(by_class(page, "o_club_redemption_waiting"))
        self.assertFalse(by_class(page, "o_club_redemption_code"))
        waiting = by_class(self._page("/my/club/rewards"), "o_club_rewards_waiting")
        self.assertIn(redemption.name, waiting[0].text_content())

    def test_rewards_outside_the_catalog_answer_like_nonexistent_ones(self):
        form = self._form(self.discount)
        answers = set()
        for reward_id in (
            self.elsewhere.id,
            self.at_the_till.id,
            self.elsewhere.id + 1000,
            "not-a-number",
        ):
            form["reward_id"] = str(reward_id)
            response = self._post(form)
            self.assertEqual(response.status_code, 200)
            page = html.fromstring(response.content)
            answers.add(by_class(page, "o_club_rewards_error")[0].text)
        self.assertEqual(answers, {"This reward is not in your catalog."})
        self.assertFalse(self._redemptions())

    def test_another_members_redemption_answers_like_a_nonexistent_one(self):
        theirs = self.env["loyalty.club.redemption"].create(
            {"partner_id": self.other.id, "reward_id": self.discount.id}
        )
        theirs.action_confirm()
        for redemption_id in (theirs.id, theirs.id + 1000):
            response = self.url_open(f"/my/club/redemptions/{redemption_id}")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn(theirs.coupon_code, response.text)

    def test_a_member_cannot_redeem_for_someone_else(self):
        form = self._form(self.discount)
        form["partner_id"] = str(self.other.id)
        self._post(form)
        self.assertEqual(len(self._redemptions()), 1)
        self.assertFalse(self._redemptions(self.other))

    def test_the_coupon_goes_into_the_cart(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.member.id,
                "website_id": self.website.id,
                "order_line": [Command.create({"product_id": self.saffron.id})],
            }
        )
        response = self._post(self._form(self.discount))
        page = self._page(response.headers["Location"])
        cart_link = by_class(page, "o_club_redemption_cart", "a")[0].get("href")
        self.assertTrue(re.match(r"^/coupon/044[0-9]{20}\?r=/shop/cart$", cart_link))
        self.assertEqual(self.url_open(cart_link).status_code, 200)
        order.invalidate_recordset()
        self.assertEqual(order.amount_total, 150.0)
        self.assertEqual(order.order_line.coupon_id, self._redemptions().coupon_id)

    def test_without_a_csrf_token_nothing_is_redeemed(self):
        form = self._form(self.discount)
        del form["csrf_token"]
        with mute_logger("odoo.http"):  # Odoo warns of the missing token
            response = self._post(form)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._redemptions())

    def test_visitors_log_in_and_non_members_are_invited_to_join(self):
        self.authenticate(None, None)
        for url in ("/my/club/rewards", "/my/club/redemptions/1"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"])
        self.other.club_member = False
        self.authenticate("club_web_other", "club_web_other")
        response = self.url_open("/my/club/rewards", allow_redirects=False)
        self.assertTrue(response.headers["Location"].endswith("/club"))

    def test_my_club_links_to_the_rewards(self):
        page = self._page("/my/club")
        self.assertEqual(
            by_class(page, "o_club_portal_rewards_link")[0].get("href"),
            "/my/club/rewards",
        )


@tagged("post_install", "-at_install")
class TestRedeemInTheBrowser(HttpCase):
    def test_a_persian_member_redeems_and_spends_the_coupon_in_the_cart(self):
        for model in ("loyalty.club.rule", "loyalty.club.reward"):
            self.env[model].search([]).active = False
        persian = self.env["res.lang"]._activate_lang("fa_IR")
        website = self.env["website"].get_current_website()
        website.language_ids |= persian
        user = new_test_user(
            self.env,
            login="club_web_tour",
            password="club_web_tour",  # noqa: S106
            groups="base.group_portal",
            name="Sara Tour",
            lang="fa_IR",
        )
        member = user.partner_id
        member.write({"club_member": True, "mobile": "09127778811"})
        self.env["loyalty.club.move"]._post(member, "earn", 300, "web-tour:earn")
        reward = self.env["loyalty.club.reward"].create(
            {
                "name": "50 off online",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 50.0,
            }
        )
        saffron = self.env["product.product"].create(
            {
                "name": "Saffron 4.6g",
                "list_price": 200.0,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": member.id,
                "website_id": website.id,
                "order_line": [Command.create({"product_id": saffron.id})],
            }
        )
        self.start_tour(
            "/my/club", "loyalty_club_website_redeem_fa", login="club_web_tour"
        )
        redemption = self.env["loyalty.club.redemption"].search(
            [("partner_id", "=", member.id)]
        )
        self.assertEqual(redemption.reward_id, reward)
        self.assertEqual(member.club_points, 200)
        self.assertEqual(order.order_line.coupon_id, redemption.coupon_id)
        self.assertEqual(order.amount_total, 150.0)
