# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import fields, models


class SmsSms(models.Model):
    _inherit = "sms.sms"

    club_opt_out_footer = fields.Boolean(
        string="Club Message",
        help="A club message: from a service line it ends with «لغو۱۱».",
    )

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """Through the company's Iranian gateway when one is enabled, with
        the gateway's answers told in Odoo's own SMS states. SMS the gateway
        was too busy to take stay queued (``outgoing``)."""
        gateway = self.env["loyalty.club.sms.gateway"]._enabled_gateway()
        if not gateway:
            return super()._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        outcome = gateway._send_sms(self)
        all_sms = self.sudo().with_context(sms_skip_msg_notification=True)
        sent, failed, log = all_sms.browse(), defaultdict(all_sms.browse), []
        for sms in all_sms.filtered(lambda s: s.id in outcome):
            message = outcome[sms.id]
            if message.failure:
                failed[message.failure] |= sms
                continue
            sent |= sms
            log.append(
                {
                    "gateway_id": gateway.id,
                    "sms_uuid": sms.uuid,
                    "provider_message_id": message.message_id,
                    "provider_batch_id": message.batch_id,
                    "number": sms.number,
                    "partner_id": sms.partner_id.id,
                }
            )
        for failure, group in failed.items():
            group.sms_tracker_id._action_update_from_sms_state(
                "error", failure_type=failure
            )
            group.write(
                {"state": "error", "failure_type": failure, "to_delete": unlink_failed}
            )
        sent.sms_tracker_id._action_update_from_sms_state("pending")
        sent.write(
            {"state": "pending", "failure_type": False, "to_delete": unlink_sent}
        )
        self.env["loyalty.club.sms.message"].sudo().create(log)
        all_sms.mail_message_id._notify_message_notification_update()
