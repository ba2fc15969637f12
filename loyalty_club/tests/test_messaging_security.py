# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Campaigns and automatic messages as an attacker meets them: a member
(portal users choose their own names) or anyone who names a tier or a reward
writes markup, and it lands in emails and in a manager's preview as text; a
campaign of one company never reaches another company's members."""

import lxml.html
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .test_campaign import CampaignCommon
from .test_sms_gateway import SmsGatewayCommon

HOSTILE = '<img src=x onerror="alert(1)">'
EVERY_PLACEHOLDER = (
    "<p>{name} {tier} {points} {expiring_points} {expiry_date} {member_code} "
    "{coupon_code} {reward}</p>"
)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 09:00:00")  # 12:30 in Tehran
class TestHostileTextInMessages(SmsGatewayCommon, CampaignCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hostile_tier = cls.env["loyalty.club.tier"].create(
            {"name": f"Tier {HOSTILE}", "threshold": 999999}
        )
        cls.mallory = cls._member(
            f"Mallory {HOSTILE}", "09121110009", cls.hostile_tier, None
        )
        cls.mallory.write(
            {
                "club_code": f"C{HOSTILE}",
                "email": "mallory@example.com",
                "club_email_consent": True,
            }
        )
        cls.hostile_reward = cls.env["loyalty.club.reward"].create(
            {
                "name": f"Gift {HOSTILE}",
                "kind": "fixed_discount",
                "points_cost": 10,
                "discount_amount": 5,
            }
        )

    def assertEscaped(self, html):
        """No element but the template's, no event handler; the hostile
        values there as text."""
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
        self.assertEqual({element.tag for element in tree.iter()}, {"div", "p"})
        self.assertFalse([key for e in tree.iter() for key in e.attrib])
        text = tree.text_content()
        for shown in ("Mallory ", "Tier ", "Gift ", "C"):  # name, tier, reward, code
            self.assertIn(shown + HOSTILE, text)

    def test_every_placeholder_is_escaped_in_html_and_raw_in_sms(self):
        messaging = self.env["loyalty.club.messaging"]
        extra = {"coupon_code": f"K{HOSTILE}", "reward": self.hostile_reward.name}
        html = messaging._render_html(EVERY_PLACEHOLDER, self.mallory, extra)
        self.assertEscaped(html)
        self.assertIn(f"K{HOSTILE}", lxml.html.fromstring(html).text_content())
        sms = messaging._render("{name} {tier} {reward}", self.mallory, extra)
        self.assertEqual(sms, f"Mallory {HOSTILE} Tier {HOSTILE} Gift {HOSTILE}")

    def test_the_managers_preview_shows_the_markup_as_text(self):
        campaign = self._campaign(
            [("id", "=", self.mallory.id)],
            send_email=True,
            email_subject="{name}",
            email_body=EVERY_PLACEHOLDER,
            reward_id=self.hostile_reward.id,
        )
        campaign.preview_partner_id = self.mallory
        self.assertEscaped(str(campaign.preview_email))
        self.assertIn(HOSTILE, campaign.preview_sms, "SMS text stays plain")

    def test_campaign_emails_and_sms_carry_the_markup_as_text(self):
        campaign = self._campaign(
            [("id", "=", self.mallory.id)],
            sms_body="{name}",
            send_email=True,
            email_subject="Offer for {name}",
            email_body=EVERY_PLACEHOLDER,
            reward_id=self.hostile_reward.id,
        )
        campaign.action_schedule()
        self.env["loyalty.club.campaign"]._cron_send()
        mail = self.env["mail.mail"].search([("recipient_ids", "=", self.mallory.id)])
        self.assertEscaped(str(mail.body_html))
        self.env["sms.sms"]._process_queue()
        [sent] = self.fake.state.sent
        self.assertTrue(sent["body"].startswith(f"Mallory {HOSTILE}"))

    def test_automatic_message_emails_carry_the_markup_as_text(self):
        message = self.env["loyalty.club.auto.message"].create(
            {
                "name": "Welcome",
                "event": "welcome",
                "send_sms": False,
                "send_email": True,
                "email_subject": "Welcome {name}",
                "email_body": EVERY_PLACEHOLDER,
            }
        )
        self.env["loyalty.club.auto.message"]._notify(
            "welcome", self.mallory, "hostile", extra={"reward": f"Gift {HOSTILE}"}
        )
        self.assertTrue(message.sent_count)
        mail = self.env["mail.mail"].search([("recipient_ids", "=", self.mallory.id)])
        self.assertEscaped(str(mail.body_html))

    def test_no_html_field_of_the_club_skips_the_sanitizer(self):
        for model in self.env.registry.values():
            if not model._name.startswith("loyalty.club"):
                continue
            for field in model._fields.values():
                if field.type == "html":
                    with self.subTest(field=f"{model._name}.{field.name}"):
                        self.assertTrue(field.sanitize)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 09:00:00")
class TestCampaignsStayInTheirCompany(SmsGatewayCommon, CampaignCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls.env["res.company"].create({"name": "Isfahan Branch"})
        cls.branch_member = cls._create_member(
            "Branch Member",
            "09121110077",
            company_id=cls.branch.id,
            club_sms_consent=True,
        )

    def test_a_campaign_never_reaches_another_companys_members(self):
        everyone = (self.sara | self.branch_member).ids
        campaign = self._campaign([("id", "in", everyone)])
        self.assertEqual(campaign.recipient_count, 1)
        campaign.action_schedule()
        self.env["loyalty.club.campaign"].sudo()._cron_send()
        self.assertEqual(campaign.recipient_ids.partner_id, self.sara)

    def test_a_user_of_another_company_sees_no_campaign_or_message(self):
        campaign = self._campaign([("id", "=", self.sara.id)])
        campaign.action_schedule()
        self.env["loyalty.club.campaign"]._cron_send()
        message = self.env["loyalty.club.auto.message"].create(
            {"name": "Hello", "event": "welcome", "sms_body": "Hi {name}"}
        )
        self.env["loyalty.club.auto.message"]._notify("welcome", self.sara, "w")
        branch_manager = new_test_user(
            self.env,
            login="branch_club_manager",
            groups="loyalty_club.group_loyalty_club_manager",
            company_id=self.branch.id,
            company_ids=[self.branch.id],
        )
        for records in (campaign, campaign.recipient_ids, message, message.log_ids):
            with self.subTest(model=records._name):
                self.assertTrue(records)
                self.assertFalse(
                    records.with_user(branch_manager).search(
                        [("id", "in", records.ids)]
                    )
                )
