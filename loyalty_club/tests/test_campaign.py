# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.jalali import persian_digits
from .common import LoyaltyClubCommon
from .test_sms_gateway import SmsGatewayCommon

TODAY = datetime.date(2026, 11, 23)  # 2 Azar 1405


class CampaignCommon(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gold = cls.env.ref("loyalty_club.loyalty_club_tier_gold")
        cls.silver = cls.env.ref("loyalty_club.loyalty_club_tier_silver")
        cls.sara = cls._member(
            "Sara Gold", "09121110001", cls.gold, datetime.date(2026, 11, 28)
        )
        cls.reza = cls._member(
            "Reza Gold", "09121110002", cls.gold, datetime.date(2027, 3, 1)
        )
        cls.mina = cls._member(
            "Mina Silver", "09121110003", cls.silver, datetime.date(2026, 11, 25)
        )
        cls.sara.write({"lang": "fa_IR", "club_birthday": datetime.date(1995, 12, 1)})

    @classmethod
    def _member(cls, name, mobile, tier, expiry):
        member = cls._create_member(
            name, mobile, club_tier_id=tier.id, club_sms_consent=True
        )
        cls.env["loyalty.club.move"]._post(
            member, "earn", 1200, f"campaign-setup:{mobile}", expiry_date=expiry
        )
        return member

    def _campaign(self, domain, **values):
        return self.env["loyalty.club.campaign"].create(
            {
                "name": "Azar offer",
                "domain": str(domain),
                "sms_body": "{name}: {expiring_points} points expire on {expiry_date}",
                **values,
            }
        )

    def _gold_expiring_this_month(self):
        # Azar 1405 runs from 2026-11-22 to 2026-12-21
        ours = (self.sara | self.reza | self.mina).ids
        return (
            f"[('id', 'in', {ours}), ('club_tier_id', '=', {self.gold.id}),"
            " ('club_next_expiry_date', '>=', jalali_month_start),"
            " ('club_next_expiry_date', '<=', jalali_month_end)]"
        )


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestCampaignSegments(CampaignCommon):
    def test_gold_members_whose_points_expire_this_month(self):
        campaign = self._campaign(self._gold_expiring_this_month())
        self.assertEqual(campaign.recipient_count, 1)
        partners = self.env["res.partner"].search(campaign._segment_domain())
        self.assertEqual(partners, self.sara)

    def test_the_audience_is_the_same_in_every_language(self):
        """A segment on the tier's code, as the demo's, counts the same
        members for an English and a Persian user (tier names are
        translated, codes are not)."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.gold.with_context(lang="fa_IR").name = "طلایی"
        ours = (self.sara | self.reza | self.mina).ids
        campaign = self._campaign(
            f"[('id', 'in', {ours}), ('club_tier_id.code', '=', 'gold')]"
        )
        counts = {
            lang: campaign.with_context(lang=lang).recipient_count
            for lang in ("en_US", "fa_IR")
        }
        self.assertEqual(counts, {"en_US": 2, "fa_IR": 2})
        demo_like = campaign.with_context(lang="fa_IR")
        demo_like.invalidate_recordset(["recipient_count"])
        self.assertEqual(demo_like.recipient_count, 2)

    def test_a_new_tier_gets_a_code_from_its_name(self):
        tier = self.env["loyalty.club.tier"].create({"name": "Gold Plus"})
        self.assertEqual(tier.code, "gold_plus")
        self.assertEqual(self.gold.code, "gold")

    def test_birthday_month_age_group_and_last_purchase(self):
        partners = self.env["res.partner"]
        # 1 December 1995 is 10 Azar 1374
        self.assertEqual(self.sara.club_birthday_month, "9")
        self.assertEqual(
            partners.search([("club_birthday_month", "=", "9")]) & self.sara, self.sara
        )
        self.assertEqual(self.sara.club_age_group, "25_34")
        found = partners.search([("club_age_group", "=", "25_34")])
        self.assertIn(self.sara, found)
        self.assertNotIn(self.reza, found)
        self.assertFalse(self.sara.club_last_purchase_date, "no order yet")
        self._post(self.mina, "earn", 10, amount=100000)
        self.assertEqual(self.mina.club_last_purchase_date, TODAY)
        ours = [("id", "in", (self.sara | self.reza | self.mina).ids)]
        recent = partners.search(
            [*ours, ("club_last_purchase_date", ">=", "2026-11-01")]
        )
        self.assertEqual(recent, self.mina)
        never = partners.search(
            [("club_last_purchase_date", "=", False), ("id", "in", self.mina.ids)]
        )
        self.assertFalse(never)

    def test_preview_speaks_the_members_language(self):
        campaign = self._campaign(self._gold_expiring_this_month())
        campaign.preview_partner_id = self.sara
        self.assertEqual(
            campaign.preview_sms,
            "Sara Gold: ۱٬۲۰۰ points expire on ۷ آذر ۱۴۰۵",
        )
        campaign.preview_partner_id = self.mina
        self.assertEqual(
            campaign.preview_sms, "Mina Silver: 1,200 points expire on 11/25/2026"
        )

    def test_an_unknown_placeholder_is_refused(self):
        with self.assertRaisesRegex(ValidationError, r"Unknown placeholder \{nmae\}"):
            self._campaign([], sms_body="Hello {nmae}")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 09:00:00")  # 12:30 in Tehran
class TestCampaignSending(SmsGatewayCommon, CampaignCommon):
    def _send(self, campaign):
        campaign.action_schedule()
        while self.env["loyalty.club.campaign"]._cron_send():
            pass
        self.env["sms.sms"]._process_queue()

    def test_sending_to_a_segment_with_bonus_and_gift_coupon(self):
        reward = self.env["loyalty.club.reward"].create(
            {
                "name": "Azar gift",
                "kind": "fixed_discount",
                "points_cost": 500,
                "discount_amount": 20,
            }
        )
        self.reza.club_sms_consent = False
        ours = (self.sara | self.reza | self.mina).ids
        domain = [("club_tier_id", "=", self.gold.id), ("id", "in", ours)]
        campaign = self._campaign(
            domain,
            sms_body="{name}, your code {coupon_code}",
            bonus_points=50,
            reward_id=reward.id,
        )
        self._send(campaign)
        self.assertEqual(campaign.state, "done")
        self.assertEqual(len(campaign.recipient_ids), 2)
        [sent] = self.fake.state.sent
        self.assertEqual(sent["number"], "09121110001")
        gift = self.sara.club_redemption_ids
        self.assertEqual(gift.points, 0, "a gift costs nothing")
        self.assertIn(
            persian_digits(gift.coupon_code), sent["body"], "Sara reads Persian"
        )
        self.assertTrue(sent["body"].endswith("لغو۱۱"))
        self.assertEqual(self.sara.club_points, 1250)
        self.assertEqual(self.reza.club_points, 1250, "bonus even without SMS consent")
        self.assertEqual(campaign.count_sms_sent, 1)
        self.assertEqual(campaign.count_opted_out, 1)

        self.env["loyalty.club.sms.gateway"]._cron_fetch_delivery_reports()
        campaign.invalidate_recordset()
        self.assertEqual(campaign.count_sms_delivered, 1)

        # the cron running again gives nothing twice
        campaign._send_batch(10)
        self.assertEqual(self.sara.club_points, 1250)
        self.assertEqual(len(self.fake.state.sent), 1)

    def test_a_blacklisted_number_gets_nothing(self):
        self.env["phone.blacklist"].sudo().add("+989121110001")
        campaign = self._campaign([("id", "=", self.sara.id)])
        self._send(campaign)
        self.assertFalse(self.fake.state.sent)
        self.assertEqual(campaign.count_opted_out, 1)

    def test_big_segments_go_out_in_batches(self):
        members = self.sara | self.reza | self.mina
        campaign = self._campaign([("id", "in", members.ids)])
        campaign.action_schedule()
        with patch.object(type(campaign), "BATCH_SIZE", 2):
            self.assertEqual(self.env["loyalty.club.campaign"]._cron_send(), 1)
            self.assertEqual(campaign.state, "sending")
            self.assertEqual(self.env["loyalty.club.campaign"]._cron_send(), 0)
        self.assertEqual(campaign.state, "done")
        self.assertEqual(len(campaign.recipient_ids), 3)

    def test_nothing_goes_out_in_the_quiet_hours(self):
        campaign = self._campaign([("id", "=", self.sara.id)])
        campaign.action_schedule()
        with freeze_time("2026-11-23 19:00:00"):  # 22:30 in Tehran
            self.env["loyalty.club.campaign"]._cron_send()
        self.assertEqual(campaign.state, "scheduled")
        with freeze_time("2026-11-24 05:00:00"):  # 08:30 in Tehran
            self.env["loyalty.club.campaign"]._cron_send()
        self.assertEqual(campaign.state, "done")

    def test_email_goes_to_members_who_accept_it(self):
        self.sara.write({"email": "sara@example.com", "club_email_consent": True})
        self.reza.write({"email": "reza@example.com", "club_email_consent": False})
        campaign = self._campaign(
            [("id", "in", (self.sara | self.reza).ids)],
            send_sms=False,
            send_email=True,
            email_subject="{name}, the Azar offer",
            email_body="<p>You have {points} points.</p>",
        )
        self._send(campaign)
        mails = self.env["mail.mail"].search([("subject", "like", "the Azar offer")])
        self.assertEqual(mails.recipient_ids, self.sara)
        self.assertEqual(mails.subject, "Sara Gold, the Azar offer")
        self.assertIn("۱٬۲۰۰", mails.body_html, "Sara reads Persian")
        self.assertEqual(campaign.count_email, 1)
        self.assertEqual(campaign.count_opted_out, 1)
