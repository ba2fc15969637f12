# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The API key goes where the gateway URL points: only https to the
provider's own host, unless a Club Manager switches on Test Mode, which the
gateway's chatter records."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import LoyaltyClubCommon
from .fake_sms_gateway import FakeSmsGateway


@tagged("post_install", "-at_install")
class TestGatewayUrl(LoyaltyClubCommon):
    def _gateway(self, provider="kavenegar", **values):
        return (
            self.env["loyalty.club.sms.gateway"]
            .with_user(self.club_manager)
            .create(
                {
                    "name": "Line",
                    "provider": provider,
                    "api_key": "real-key",
                    "sender": "3000505",
                    **values,
                }
            )
        )

    def test_the_providers_own_https_address_is_accepted(self):
        self.assertEqual(self._gateway().url, "https://api.kavenegar.com")
        self.assertEqual(self._gateway("smsir").url, "https://api.sms.ir")
        self._gateway(url="https://api.kavenegar.com/")

    def test_any_other_address_is_refused_outside_test_mode(self):
        refused = (
            "http://api.kavenegar.com",
            "https://api.kavenegar.com.example.com",
            "https://example.com/api.kavenegar.com",
            "https://user@api.kavenegar.com",
            "https://api.kavenegar.com:8443",
            "https://api.kavenegar.com?next=https://example.com",
            "https://api.sms.ir",
            "http://127.0.0.1:8071/kavenegar",
            "not a url",
        )
        for url in refused:
            with (
                self.subTest(url=url),
                self.assertRaisesRegex(
                    ValidationError, "must be its own API address over https"
                ),
            ):
                self._gateway(url=url)
        gateway = self._gateway()
        with self.assertRaises(ValidationError):
            gateway.url = "https://example.com"
        with self.assertRaises(ValidationError):
            gateway.provider = "smsir"
            gateway.url = "https://api.kavenegar.com"

    def test_the_refusal_is_in_the_users_language(self):
        gateway = self._gateway().with_context(lang="fa_IR")
        with self.assertRaises(ValidationError) as refusal:
            gateway.url = "http://127.0.0.1:8071/kavenegar"
        self.assertIn("حالت آزمایشی", str(refusal.exception))

    def test_test_mode_lets_a_manager_use_a_test_server_and_is_logged(self):
        gateway = self._gateway()
        quiet = {"tracking_disable": True, "mail_notrack": True}
        gateway.with_context(**quiet).write(
            {"test_mode": True, "url": "http://127.0.0.1:8071/kavenegar"}
        )
        [note] = gateway.message_ids
        self.assertIn("Test Mode switched on", note.body)
        self.assertEqual(note.author_id, self.club_manager.partner_id)
        with self.assertRaises(ValidationError):
            gateway.test_mode = False  # the test server's URL stays refused
        gateway.write({"test_mode": False, "url": "https://api.kavenegar.com"})
        self.assertIn("Test Mode switched off", gateway.message_ids[0].body)

    def test_a_gateway_created_in_test_mode_is_logged(self):
        gateway = self._gateway(test_mode=True, url="http://127.0.0.1:8071/kavenegar")
        self.assertIn("Test Mode switched on", gateway.message_ids.body)

    def test_a_club_user_cannot_switch_on_test_mode(self):
        gateway = self._gateway()
        with self.assertRaises(AccessError):
            gateway.with_user(self.club_user).write(
                {"test_mode": True, "url": "http://127.0.0.1:8071/kavenegar"}
            )

    def test_a_stored_address_refused_outside_test_mode_gets_no_key(self):
        with FakeSmsGateway(api_key="real-key") as fake:
            gateway = self._gateway(test_mode=True, url=fake.url("kavenegar"))
            gateway.action_enable()
            self.env.execute_query(
                SQL(
                    "UPDATE loyalty_club_sms_gateway SET test_mode = FALSE "
                    "WHERE id = %s",
                    gateway.id,
                )
            )
            gateway.invalidate_recordset(["test_mode"])
            sms = self.env["sms.sms"].create({"number": "09121112233", "body": "hi"})
            sms.send(unlink_sent=False)
            self.assertEqual(sms.failure_type, "sms_acc")
            self.assertFalse(fake.state.calls, "nothing reached the server")

    def test_the_demo_gateway_points_at_the_local_server_in_test_mode(self):
        demo = self.env.ref("loyalty_club.loyalty_club_sms_gateway_demo")
        self.assertTrue(demo.url.startswith("http://127.0.0.1"))
        self.assertTrue(demo.test_mode)
        demo._check_url()
