# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's SMS through Iranian gateways, against a local server that speaks
their APIs (``tests/fake_sms_gateway.py``); nothing reaches the internet."""

import logging
import threading
import time
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.sms.tools.sms_api import SmsApi

from ..tools.jalali import persian_digits
from .common import LoyaltyClubCommon
from .fake_sms_gateway import FakeSmsGateway


class SmsGatewayCommon(LoyaltyClubCommon):
    provider = "kavenegar"

    def setUp(self):
        super().setUp()
        self.fake = self.enterContext(FakeSmsGateway())
        self.gateway = self.env["loyalty.club.sms.gateway"].create(
            {
                "name": "Test line",
                "provider": self.provider,
                "test_mode": True,
                "url": self.fake.url(self.provider),
                "api_key": "test-key",
                "sender": "3000505",
            }
        )
        self.gateway.action_enable()
        self.sleeps = []
        self.enterContext(patch("time.sleep", new=self._recording_sleep()))

    def _recording_sleep(self):
        """``time.sleep`` that notes the pauses of the test's own thread
        (the HTTP server threads keep theirs)."""
        real_sleep, test_thread = time.sleep, threading.current_thread()

        def sleep(seconds):
            if threading.current_thread() is test_thread:
                self.sleeps.append(seconds)
            return real_sleep(seconds)

        return sleep

    def _sms(self, numbers, body="باشگاه: ۲۰۰ امتیاز هدیه", **values):
        sms = self.env["sms.sms"].create(
            [{"number": number, "body": body, **values} for number in numbers]
        )
        sms.send(unlink_sent=False)
        return sms

    def _sent_numbers(self):
        return [message["number"] for message in self.fake.state.sent]

    def _calls(self, suffix):
        return [path for __, path in self.fake.state.calls if suffix in path]

    def _queue_runs(self):
        queue = self.env.ref("sms.ir_cron_sms_scheduler_action")
        return self.env["ir.cron.trigger"].search([("cron_id", "=", queue.id)])


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
        self.assertEqual(len(self._calls("send.json")), 2, "200 per call")
        self.assertEqual(set(sms.mapped("state")), {"pending"})
        self.fake.state.outcomes["09120000007"] = "failed"
        self.env["loyalty.club.sms.gateway"]._cron_fetch_delivery_reports()
        self.assertEqual(len(self._calls("status.json")), 1, "500 ids per call")
        messages = self.env["loyalty.club.sms.message"].search(
            [("gateway_id", "=", self.gateway.id)]
        )
        self.assertEqual(len(messages), 250)
        failed = messages.filtered(lambda m: m.state == "failed")
        self.assertEqual(failed.number, "09120000007")
        self.assertEqual(set((messages - failed).mapped("state")), {"delivered"})

    def test_a_busy_gateway_leaves_the_sms_queued_without_waiting(self):
        self.fake.state.busy_answers = 1
        sms = self._sms(["09121112233"])
        self.assertFalse(self.sleeps, "no pause in the transaction")
        self.assertEqual(sms.state, "outgoing", "the SMS queue sends it later")
        self.assertFalse(self.fake.state.sent)
        self.assertTrue(self._queue_runs(), "the queue runs again soon")
        self.env["sms.sms"]._process_queue(sms.ids)
        self.assertEqual(sms.state, "pending")
        self.assertEqual(len(self.fake.state.sent), 1, "sent once")

    def test_a_busy_gateway_stops_a_big_send_at_once(self):
        self.fake.state.busy_answers = 1
        sms = self._sms([f"0912{n:07d}" for n in range(250)])
        self.assertEqual(len(self._calls("send.json")), 1, "not asked again")
        self.assertEqual(set(sms.mapped("state")), {"outgoing"})
        self.assertFalse(self.sleeps, "no pause in the transaction")

    def test_crons_and_buttons_do_not_wait_for_a_busy_gateway(self):
        self.member._message_sms("سلام", partner_ids=self.member.ids)
        self.fake.state.receive("kavenegar", "09121112233", "ممنون")
        gateways = self.env["loyalty.club.sms.gateway"]
        self.fake.state.busy_answers = 2
        gateways._cron_fetch_delivery_reports()
        gateways._cron_fetch_replies()
        message = self.env["loyalty.club.sms.message"].search([])
        self.assertEqual(message.state, "sent", "asked again at the next run")
        self.assertFalse(self.env["loyalty.club.sms.reply"].search([]))
        self.fake.state.busy_answers = 1
        with self.assertRaisesRegex(UserError, "busy"):
            self.gateway.action_check_credit()
        self.assertFalse(self.sleeps, "no pause in the transaction")
        gateways._cron_fetch_delivery_reports()
        gateways._cron_fetch_replies()
        self.assertEqual(message.state, "delivered")
        self.assertTrue(self.env["loyalty.club.sms.reply"].search([]))

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

    def test_an_unreachable_gateway_is_explained_not_dumped(self):
        self.gateway.url = "http://127.0.0.1:9"
        with self.assertRaises(UserError) as refusal:
            self.gateway.action_check_credit()
        message = refusal.exception.args[0]
        self.assertIn("could not connect to 127.0.0.1", message)
        for python_words in ("Errno", "HTTPConnectionPool", "Max retries", "urllib3"):
            self.assertNotIn(python_words, message)

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

    def test_the_kavenegar_key_in_the_url_reaches_no_log_at_debug(self):
        key = "secret-key-123"
        self.fake.state.api_key = self.gateway.api_key = key
        self.member._message_sms("سلام", partner_ids=self.member.ids)
        self.fake.state.receive("kavenegar", "09121112233", "ممنون")
        with self.assertLogs("urllib3", logging.DEBUG) as logs:
            self._sms(["09121112244"])
            self.env["loyalty.club.sms.gateway"]._cron_fetch_delivery_reports()
            self.env["loyalty.club.sms.gateway"]._cron_fetch_replies()
            self.gateway.action_check_credit()
        self.assertEqual(len(self.fake.state.sent), 2, "the calls were made")
        logged = "\n".join(
            f"{record.getMessage()} {record.msg} {record.args}"
            for record in logs.records
        )
        self.assertNotIn(key, logged)
        for call in ("sms/send", "sms/status", "sms/receive", "account/info"):
            self.assertIn(f"/v1/***/{call}.json", logged, "urllib3 logged the URL")

    def test_one_enabled_gateway_per_company(self):
        other = self.gateway.copy({"name": "Second line", "api_key": "other-key"})
        with self.assertRaisesRegex(ValidationError, "Only one SMS gateway"):
            other.action_enable()


@tagged("post_install", "-at_install")
class TestSmsIr(SmsGatewayCommon):
    provider = "smsir"

    def test_send_and_reports_of_a_pack_in_one_call(self):
        self.fake.state.blacklisted.add("09350000000")
        self.fake.state.outcomes["09121112244"] = "blocked"
        self.fake.state.outcomes["09121112255"] = "pending"
        sms = self._sms(["09121112233", "09121112244", "09121112255", "09350000000"])
        states = {s.number: s.failure_type for s in sms}
        self.assertEqual(states["09350000000"], "sms_blacklist")
        messages = self.env["loyalty.club.sms.message"].search([])
        [pack] = set(messages.mapped("provider_batch_id"))
        self.assertTrue(pack)

        self.env["loyalty.club.sms.gateway"]._cron_fetch_delivery_reports()
        self.assertEqual(self._calls("/send/pack/"), [f"/smsir/v1/send/pack/{pack}"])
        self.assertEqual(len(self._calls("/send/")), 2, "the send and the pack")
        outcome = {m.number: (m.state, m.error) for m in messages}
        self.assertEqual(outcome["09121112233"], ("delivered", False))
        self.assertEqual(outcome["09121112244"], ("failed", "not_allowed"))
        self.assertEqual(outcome["09121112255"], ("sent", False), "still on its way")

    def test_a_pack_the_gateway_does_not_know_does_not_block_the_others(self):
        self._sms(["09121112233"], body="first")
        self._sms(["09121112244"], body="second")
        first, second = self.env["loyalty.club.sms.message"].search([], order="id")
        for sent in self.fake.state.sent:
            if sent["pack"] == first.provider_batch_id:
                sent["pack"] = "forgotten"
        gateways = self.env["loyalty.club.sms.gateway"]
        gateways._cron_fetch_delivery_reports()
        self.assertEqual(second.state, "sent", "the run ended at the failure")
        self.assertTrue(first.checked_date)
        gateways._cron_fetch_delivery_reports()
        self.assertEqual(second.state, "delivered", "asked first the next time")
        self.assertEqual(first.state, "sent")

    def test_messages_without_a_pack_are_asked_one_by_one(self):
        self._sms(["09121112233"])
        message = self.env["loyalty.club.sms.message"].search([])
        message.provider_batch_id = False  # sent before packs were kept
        self.env["loyalty.club.sms.gateway"]._cron_fetch_delivery_reports()
        self.assertEqual(
            self._calls("/send/"),
            ["/smsir/v1/send/bulk", f"/smsir/v1/send/{message.provider_message_id}"],
        )
        self.assertEqual(message.state, "delivered")

    def test_wrong_key_and_busy(self):
        self.fake.state.busy_answers = 1
        sms = self._sms(["09121112233"])
        self.assertEqual(sms.state, "outgoing")
        self.env["sms.sms"]._process_queue(sms.ids)
        self.assertEqual(sms.state, "pending")
        self.gateway.api_key = "nope"
        self.assertEqual(self._sms(["09121112233"]).failure_type, "sms_acc")
        self.assertFalse(self.sleeps, "no pause in the transaction")


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
