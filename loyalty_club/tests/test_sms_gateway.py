# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's SMS through Iranian gateways, against a local server that speaks
their APIs (``tools/fake_sms_gateway.py``); nothing reaches the internet."""

import logging
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.sms.tools.sms_api import SmsApi

from ..tools.fake_sms_gateway import FakeSmsGateway
from ..tools.jalali import persian_digits
from .common import LoyaltyClubCommon


class SmsGatewayCommon(LoyaltyClubCommon):
    provider = "kavenegar"

    def setUp(self):
        super().setUp()
        self.fake = self.enterContext(FakeSmsGateway())
        self.gateway = self.env["loyalty.club.sms.gateway"].create(
            {
                "name": "Test line",
                "provider": self.provider,
                "url": self.fake.url(self.provider),
                "api_key": "test-key",
                "sender": "3000505",
            }
        )
        self.gateway.action_enable()
        no_pause = patch.object(type(self.gateway), "RETRY_DELAYS", (0.0, 0.0))
        self.enterContext(no_pause)

    def _sms(self, numbers, body="باشگاه: ۲۰۰ امتیاز هدیه", **values):
        sms = self.env["sms.sms"].create(
            [{"number": number, "body": body, **values} for number in numbers]
        )
        sms.send(unlink_sent=False)
        return sms

    def _sent_numbers(self):
        return [message["number"] for message in self.fake.state.sent]


@tagged("post_install", "-at_install")
class TestKavenegar(SmsGatewayCommon):
    def test_a_members_sms_goes_through_the_gateway_and_is_reported_delivered(self):
        self.member._message_sms("سلام", partner_ids=self.member.ids)
        [sent] = self.fake.state.sent
        self.assertEqual(sent["number"], "09121112233", "sent in the gateway's format")
        notification = self.member.message_ids[0].notification_ids
        self.assertEqual(notification.notification_status, "pending")
        message = self.env["loyalty.club.sms.message"].search(
            [("gateway_id", "=", self.gateway.id)]
        )
        self.assertEqual(message.provider_message_id, str(sent["id"]))

        self.env["loyalty.club.sms.gateway"]._cron_fetch_delivery_reports()
        self.assertEqual(message.state, "delivered")
        self.assertEqual(notification.notification_status, "sent")

    def test_an_undelivered_message_is_reported(self):
        self.fake.state.outcomes["09121112233"] = "failed"
        self.member._message_sms("سلام", partner_ids=self.member.ids)
        self.env["loyalty.club.sms.gateway"]._cron_fetch_delivery_reports()
        message = self.env["loyalty.club.sms.message"].search([])
        self.assertEqual(message.state, "failed")
        notification = self.member.message_ids[0].notification_ids
        self.assertEqual(notification.notification_status, "exception")
        self.assertEqual(notification.failure_type, "sms_not_delivered")

    def test_an_error_in_a_200_answer_fails_the_messages(self):
        self.gateway.api_key = "wrong-key"
        sms = self._sms(["09121112233"])
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_acc")
        self.fake.state.credit = 0
        self.gateway.api_key = "test-key"
        sms = self._sms(["09121112233"])
        self.assertEqual(sms.failure_type, "sms_credit")

    def test_one_refused_number_does_not_fail_the_batch(self):
        self.fake.state.blacklisted.add("09350000000")
        sms = self._sms(["09121112233", "09350000000", "12345"])
        states = {s.number: (s.state, s.failure_type) for s in sms}
        self.assertEqual(states["09121112233"], ("pending", False))
        self.assertEqual(states["09350000000"], ("error", "sms_blacklist"))
        self.assertEqual(states["12345"], ("error", "sms_number_format"))

    def test_numbers_in_any_format_are_sent_as_09(self):
        self._sms(["+98 912 111 2233", persian_digits("09121112244")])
        self.assertEqual(sorted(self._sent_numbers()), ["09121112233", "09121112244"])

    def test_a_big_send_is_split_at_the_gateways_cap(self):
        numbers = [f"0912{n:07d}" for n in range(250)]
        sms = self._sms(numbers)
        sends = [
            path for __, path in self.fake.state.calls if path.endswith("send.json")
        ]
        self.assertEqual(len(sends), 2, "200 per call")
        self.assertEqual(set(sms.mapped("state")), {"pending"})

    def test_a_busy_gateway_is_asked_again(self):
        self.fake.state.busy_answers = 2
        sms = self._sms(["09121112233"])
        self.assertEqual(sms.state, "pending")
        self.assertEqual(len(self.fake.state.sent), 1, "sent once")

    def test_a_gateway_busy_for_long_leaves_the_sms_queued(self):
        self.fake.state.busy_answers = 10
        sms = self._sms(["09121112233"])
        self.assertEqual(sms.state, "outgoing", "the SMS queue sends it later")
        self.fake.state.busy_answers = 0
        self.env["sms.sms"]._process_queue(sms.ids)
        self.assertEqual(sms.state, "pending")

    def test_club_messages_from_a_service_line_end_with_the_opt_out_footer(self):
        self._sms(["09121112233"], body="تولدت مبارک", club_opt_out_footer=True)
        self._sms(["09121112233"], body="کد تأیید: 1234")
        self.gateway.line_kind = "advertising"
        self._sms(["09121112233"], body="تخفیف یلدا", club_opt_out_footer=True)
        bodies = [message["body"] for message in self.fake.state.sent]
        self.assertEqual(bodies[0], "تولدت مبارک\nلغو۱۱")
        self.assertEqual(bodies[1], "کد تأیید: 1234", "a one-off message")
        self.assertEqual(bodies[2], "تخفیف یلدا")

    def test_bulk_messages_get_the_footer_once(self):
        self._sms(["09121112233", "09121112244"], body="جشنواره\nلغو 11")
        self.assertEqual(self.fake.state.sent[0]["body"], "جشنواره\nلغو 11")

    def test_members_reply_11_to_stop_and_12_to_start_again(self):
        self.member.club_sms_consent = True
        self.fake.state.receive("kavenegar", "09121112233", "۱۱")
        self.env["loyalty.club.sms.gateway"]._cron_fetch_replies()
        self.assertFalse(self.member.club_sms_consent)
        self.assertIn("Replied 11", self.member.message_ids[0].body)
        self.fake.state.receive("kavenegar", "09121112233", " 12 ")
        self.env["loyalty.club.sms.gateway"]._cron_fetch_replies()
        self.assertTrue(self.member.club_sms_consent)
        self.fake.state.receive("kavenegar", "09121112233", "ممنون")
        self.env["loyalty.club.sms.gateway"]._cron_fetch_replies()
        self.assertIn("ممنون", self.member.message_ids[0].body)

    def test_credit_and_test_send_buttons(self):
        self.fake.state.credit = 12345
        self.gateway.action_check_credit()
        self.assertEqual(self.gateway.credit, 12345)
        self.gateway.test_number = "۰۹۱۲۱۱۱۲۲۳۳"
        self.gateway.action_send_test()
        self.assertEqual(self._sent_numbers(), ["09121112233"])
        self.gateway.test_number = "0212345678"
        with self.assertRaisesRegex(UserError, "not an Iranian mobile"):
            self.gateway.action_send_test()

    def test_the_api_key_never_shows_in_errors_or_logs(self):
        self.gateway.write({"api_key": "secret-key-123", "url": "http://127.0.0.1:9"})
        gateway_logger = "odoo.addons.loyalty_club.models.loyalty_club_sms_gateway"
        with self.assertLogs(gateway_logger, logging.INFO) as logs:
            sms = self._sms(["09121112233"])
        self.assertEqual(sms.failure_type, "sms_server")
        with self.assertRaises(UserError) as refusal:
            self.gateway.action_check_credit()
        self.assertNotIn("secret-key-123", str(refusal.exception))
        self.assertNotIn("secret-key-123", "\n".join(logs.output))
        self.assertIn("***", "\n".join(logs.output), "the URL is scrubbed")

    def test_one_enabled_gateway_per_company(self):
        other = self.gateway.copy({"name": "Second line", "api_key": "other-key"})
        with self.assertRaisesRegex(ValidationError, "Only one SMS gateway"):
            other.action_enable()


@tagged("post_install", "-at_install")
class TestSmsIr(SmsGatewayCommon):
    provider = "smsir"

    def test_send_report_and_reply(self):
        self.fake.state.blacklisted.add("09350000000")
        self.fake.state.outcomes["09121112244"] = "blocked"
        sms = self._sms(["09121112233", "09121112244", "09350000000"])
        states = {s.number: s.failure_type for s in sms}
        self.assertEqual(states["09350000000"], "sms_blacklist")
        self.env["loyalty.club.sms.gateway"]._cron_fetch_delivery_reports()
        messages = self.env["loyalty.club.sms.message"].search([])
        outcome = {m.number: (m.state, m.error) for m in messages}
        self.assertEqual(outcome["09121112233"], ("delivered", False))
        self.assertEqual(outcome["09121112244"], ("failed", "not_allowed"))

        self.member.club_sms_consent = True
        self.fake.state.receive("smsir", "9121112233", "11")
        self.env["loyalty.club.sms.gateway"]._cron_fetch_replies()
        self.assertFalse(self.member.club_sms_consent)

    def test_wrong_key_and_busy(self):
        self.fake.state.busy_answers = 1
        self.assertEqual(self._sms(["09121112233"]).state, "pending")
        self.gateway.api_key = "nope"
        self.assertEqual(self._sms(["09121112233"]).failure_type, "sms_acc")


@tagged("post_install", "-at_install")
class TestWithoutGateway(LoyaltyClubCommon):
    def test_odoo_sends_as_before_without_an_enabled_gateway(self):
        sms = self.env["sms.sms"].create({"number": "09121112233", "body": "hi"})
        with patch.object(
            SmsApi,
            "_send_sms_batch",
            return_value=[{"uuid": sms.uuid, "state": "success"}],
        ) as odoo_service:
            sms.send(unlink_sent=False)
        odoo_service.assert_called_once()
        self.assertEqual(sms.state, "pending")
