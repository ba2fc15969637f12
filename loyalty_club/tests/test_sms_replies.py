# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Members' replies to the club's line: 11 stops club SMS, 12 starts them
again, and each message is acted on once however often the gateway hands it
out (an unread feed may give a message again: marked unread in the
provider's panel, an answer lost on the way)."""

from unittest.mock import patch

from odoo.tests import tagged

from .test_sms_gateway import SmsGatewayCommon


class SmsRepliesCommon(SmsGatewayCommon):
    def setUp(self):
        super().setUp()
        self.member.club_sms_consent = True

    def _reply(self, body, number="09121112233"):
        if self.provider == "smsir":
            number = number.lstrip("0")  # SMS.ir spells mobiles as numbers
        return self.fake.state.receive(self.provider, number, body)

    def _fetch(self):
        self.env["loyalty.club.sms.gateway"]._cron_fetch_replies()

    def _notes(self, text):
        return self.member.message_ids.filtered(lambda m: text in (m.body or ""))


@tagged("post_install", "-at_install")
class TestKavenegarReplies(SmsRepliesCommon):
    def test_members_reply_11_to_stop_and_12_to_start_again(self):
        self._reply("۱۱")
        self._fetch()
        self.assertFalse(self.member.club_sms_consent)
        self.assertIn("Replied 11", self.member.message_ids[0].body)
        self._reply(" 12 ")
        self._fetch()
        self.assertTrue(self.member.club_sms_consent)
        self._reply("ممنون")
        self._fetch()
        self.assertIn("ممنون", self.member.message_ids[0].body)
        replies = self.env["loyalty.club.sms.reply"].search([])
        self.assertEqual(
            sorted(replies.mapped("action")), ["note", "opt_in", "opt_out"]
        )
        self.assertEqual(replies.partner_id, self.member)

    def test_an_11_fetched_by_a_run_that_fails_is_acted_on_by_the_next(self):
        self._reply("11")
        replies = type(self.env["loyalty.club.sms.reply"])
        # not assertRaises: Odoo's rolls the whole block back, the kept reply too
        with patch.object(replies, "_apply", side_effect=RuntimeError("crash")):
            crashed = False
            try:
                self._fetch()
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed, "the run acting on the replies failed")
        self.assertTrue(self.member.club_sms_consent, "nothing acted on yet")
        # the unread feed handed the 11 out once: the next run has only it kept
        self._fetch()
        self.assertFalse(self.member.club_sms_consent)
        self.assertEqual(len(self._notes("Replied 11")), 1)

    def test_the_same_inbox_fetched_twice_changes_nothing_more(self):
        self._reply("11")
        self._fetch()
        self.fake.state.mark_unread(self.provider)
        self._fetch()
        self.assertFalse(self.member.club_sms_consent)
        self.assertEqual(len(self._notes("Replied 11")), 1)
        self.assertEqual(len(self.env["loyalty.club.sms.reply"].search([])), 1)

    def test_an_old_11_handed_out_again_does_not_undo_a_12(self):
        first = self._reply("11")
        self._fetch()
        self._reply("12")
        self._fetch()
        self.assertTrue(self.member.club_sms_consent)
        self.fake.state.mark_unread(self.provider, ids=[first])
        self._fetch()
        self.assertTrue(self.member.club_sms_consent, "the 11 was handled already")
        self.fake.state.mark_unread(self.provider)
        self._fetch()
        self.assertTrue(self.member.club_sms_consent)
        self.assertEqual(len(self._notes("Replied 11")), 1)
        self.assertEqual(len(self._notes("Replied 12")), 1)

    def test_11_and_12_in_one_fetch_are_applied_in_order(self):
        self._reply("11")
        self._reply("12")
        self._fetch()
        self.assertTrue(self.member.club_sms_consent, "the last word counts")
        self._reply("11")
        self._fetch()
        self.assertFalse(self.member.club_sms_consent)
        self.assertEqual(len(self._notes("Replied 11")), 2, "two messages")

    def test_a_reply_from_an_unknown_number_is_kept_without_effect(self):
        self._reply("11", number="09350000000")
        self._fetch()
        reply = self.env["loyalty.club.sms.reply"].search([])
        self.assertEqual(reply.action, "unknown")
        self.assertEqual(reply.number, "09350000000")
        self.assertFalse(reply.partner_id)
        self.assertTrue(self.member.club_sms_consent)

    def test_a_hostile_reply_is_noted_as_text(self):
        self._reply('<img src=x onerror="alert(1)">')
        self._fetch()
        note = self._notes("SMS reply to the line")
        self.assertNotIn("<img", note.body)
        self.assertIn("&lt;img", note.body)

    def test_the_gateway_keeps_the_messages_it_handed_out(self):
        self._reply("11")
        self._fetch()
        self.assertEqual(len(self.fake.state.inbox[self.provider]), 1)
        self._fetch()
        self.assertEqual(len(self.env["loyalty.club.sms.reply"].search([])), 1)


@tagged("post_install", "-at_install")
class TestSmsIrReplies(SmsRepliesCommon):
    provider = "smsir"

    def test_replies_are_read_from_the_latest_received_feed(self):
        self._reply("11")
        self._fetch()
        self.assertFalse(self.member.club_sms_consent)
        self.assertEqual(self._calls("receive"), ["/smsir/v1/receive/latest"])
        reply = self.env["loyalty.club.sms.reply"].search([])
        self.assertEqual(reply.number, "09121112233")
        self.assertTrue(reply.received_date)

    def test_a_newest_first_feed_is_applied_oldest_first(self):
        self._reply("11")
        self._reply("12")
        self._fetch()
        self.assertTrue(self.member.club_sms_consent, "the last word counts")

    def test_11_then_12_then_a_refetch_ends_accepting_sms(self):
        self._reply("11")
        self._fetch()
        self._reply("12")
        self._fetch()
        self.fake.state.mark_unread(self.provider)
        self._fetch()
        self.assertTrue(self.member.club_sms_consent)
        self.assertEqual(len(self._notes("Replied 11")), 1)
        self.assertEqual(len(self._notes("Replied 12")), 1)
