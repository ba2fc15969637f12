# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import LoyaltyClubCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 09:00:00")  # 12:30 in Tehran
class TestAutomaticMessages(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.messages = cls.env["loyalty.club.auto.message"].with_context(
            active_test=False
        )
        cls.messages.search([]).active = False

    def _switch_on(self, event, **values):
        message = self.messages.search([("event", "=", event)], limit=1)
        message.write({"active": True, **values})
        return message

    def _queued_sms(self, partner):
        return self.env["sms.sms"].search([("partner_id", "=", partner.id)])

    def _enrol(self, name, mobile, **values):
        return self._create_member(name, mobile, club_sms_consent=True, **values)

    def test_welcome_once_in_the_members_language(self):
        welcome = self._switch_on("welcome")
        welcome.with_context(
            lang="fa_IR"
        ).sms_body = "{name} عزیز، به باشگاه خوش آمدید. کد عضویت: {member_code}"
        member = self._enrol("Niloofar", "09125550001", lang="fa_IR")
        sms = self._queued_sms(member)
        self.assertEqual(len(sms), 1)
        code = member.club_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        self.assertEqual(
            sms.body, f"Niloofar عزیز، به باشگاه خوش آمدید. کد عضویت: {code}"
        )
        self.assertTrue(sms.club_opt_out_footer)
        english = self._enrol("John", "09125550002")
        self.assertIn("welcome to our customer club", self._queued_sms(english).body)
        # the same event again sends nothing more
        self.messages._notify("welcome", member, "welcome")
        self.assertEqual(len(self._queued_sms(member)), 1)

    def test_no_consent_no_message(self):
        self._switch_on("welcome")
        member = self._create_member("Quiet", "09125550003")
        self.assertFalse(self._queued_sms(member))
        log = self.env["loyalty.club.auto.message.log"].search(
            [("partner_id", "=", member.id)]
        )
        self.assertEqual(log.state, "skipped")
        self.assertEqual(log.sms_skip_reason, "no_consent")
        self.env["res.lang"]._activate_lang("fa_IR")
        labels = dict(
            log._fields["sms_skip_reason"]._description_selection(
                self.env(context={"lang": "fa_IR"})
            )
        )
        self.assertEqual(labels[log.sms_skip_reason], "بدون رضایت")

    def test_the_quiet_hours_hold_messages_until_morning(self):
        self._switch_on("welcome")
        with freeze_time("2026-11-23 19:00:00"):  # 22:30 in Tehran
            member = self._enrol("Late", "09125550004")
        self.assertFalse(self._queued_sms(member))
        log = self.env["loyalty.club.auto.message.log"].search(
            [("partner_id", "=", member.id)]
        )
        self.assertEqual(log.scheduled_date, datetime.datetime(2026, 11, 24, 4, 30))
        with freeze_time("2026-11-24 04:31:00"):
            self.env["loyalty.club.auto.message.log"]._cron_send_queued()
        self.assertEqual(log.state, "sent")
        self.assertEqual(len(self._queued_sms(member)), 1)

    def test_tier_up_and_down(self):
        self._switch_on("tier_up")
        self._switch_on("tier_down")
        gold = self.env.ref("loyalty_club.loyalty_club_tier_gold")
        bronze = self.env.ref("loyalty_club.loyalty_club_tier_bronze")
        member = self._enrol("Climber", "09125550005", club_tier_id=bronze.id)
        member.club_tier_id = gold
        self.assertIn("you are now a Gold member", self._queued_sms(member).body)
        member.club_tier_id = bronze
        self.assertIn("your club tier is now Bronze", self._queued_sms(member)[0].body)

    def test_a_redeemed_reward_sends_its_code(self):
        self._switch_on("reward_redeemed")
        self.member.club_sms_consent = True
        self._post(self.member, "earn", 200, expiry_date=datetime.date(2031, 1, 1))
        reward = self.env["loyalty.club.reward"].create(
            {
                "name": "Tea",
                "kind": "fixed_discount",
                "points_cost": 100,
                "discount_amount": 10,
            }
        )
        redemption = self.env["loyalty.club.redemption"].create(
            {"partner_id": self.member.id, "reward_id": reward.id}
        )
        redemption.action_confirm()
        self.assertIn(redemption.coupon_code, self._queued_sms(self.member).body)

    def test_points_expiring_and_win_back_once_a_day(self):
        self._switch_on("points_expiring", days=7)
        self._switch_on("win_back", days=60)
        expiring = self._enrol("Expiring", "09125550006")
        self._post(expiring, "earn", 300, expiry_date=datetime.date(2026, 11, 30))
        gone = self._enrol("Gone", "09125550007")
        with freeze_time("2026-09-24 09:00:00"):
            self._post(gone, "earn", 10, amount=50000)
        cron = self.env["loyalty.club.auto.message"]._cron_daily_events
        cron()
        cron()
        self.assertEqual(len(self._queued_sms(expiring)), 1)
        self.assertIn("expire on 11/30/2026", self._queued_sms(expiring).body)
        self.assertEqual(len(self._queued_sms(gone)), 1)
        self.assertIn("we miss you", self._queued_sms(gone).body)
