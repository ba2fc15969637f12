# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import fields, models

from ..tools.sms_providers import DELIVERED, FAILED, SmsGatewayError

_logger = logging.getLogger(__name__)


class LoyaltyClubSmsMessage(models.Model):
    """One SMS a gateway accepted, kept for its delivery report: Odoo
    deletes its own ``sms.sms`` rows once they are sent."""

    _name = "loyalty.club.sms.message"
    _description = "Club SMS Sent Through a Gateway"
    _order = "id desc"
    _rec_name = "number"

    gateway_id = fields.Many2one(
        "loyalty.club.sms.gateway", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="gateway_id.company_id", store=True)
    sms_uuid = fields.Char(string="SMS UUID", index=True, readonly=True)
    provider_message_id = fields.Char(string="Gateway Message ID", readonly=True)
    provider_batch_id = fields.Char(
        string="Gateway Send ID",
        readonly=True,
        help="The gateway's id of the send call (SMS.ir's pack): its delivery "
        "reports come in one call.",
    )
    number = fields.Char(readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Recipient", index="btree_not_null", readonly=True
    )
    state = fields.Selection(
        [("sent", "Sent"), ("delivered", "Delivered"), ("failed", "Not Delivered")],
        default="sent",
        required=True,
        readonly=True,
    )
    error = fields.Char(readonly=True, help="The gateway's delivery error.")
    checked_date = fields.Datetime(
        string="Report Checked On", readonly=True, help="The last delivery report poll."
    )

    def init(self):
        # the delivery-report cron reads the open messages of a gateway
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS loyalty_club_sms_message_open_idx "
            "ON loyalty_club_sms_message (gateway_id, checked_date NULLS FIRST, id) "
            "WHERE state = 'sent'"
        )

    def _fetch_delivery_reports(self, provider, batch_id=None):
        """Ask ``provider`` for the reports of these messages, of the send
        call ``batch_id`` if any, and record them. False when the call
        failed: the messages count as checked all the same."""
        try:
            reports = provider.delivery_reports(
                self.mapped("provider_message_id"), batch_id
            )
        except SmsGatewayError as error:
            _logger.info(
                "SMS gateway %s: delivery reports not fetched: %s",
                self.gateway_id.ids,
                error.detail or error.failure,
            )
            self.write({"checked_date": fields.Datetime.now()})
            return False
        self._apply_delivery_reports(reports)
        return True

    def _apply_delivery_reports(self, reports):
        """Record the gateway's reports on these messages and on Odoo's SMS
        trackers (the chatter's SMS icons, mailing statistics)."""
        now = fields.Datetime.now()
        by_id = {message.provider_message_id: message for message in self}
        trackers = {
            tracker.sms_uuid: tracker
            for tracker in self.env["sms.tracker"]
            .sudo()
            .search([("sms_uuid", "in", self.mapped("sms_uuid"))])
        }
        self.write({"checked_date": now})
        for report in reports:
            message = by_id.get(report.message_id)
            if not message or report.state not in (DELIVERED, FAILED):
                continue
            tracker = trackers.get(message.sms_uuid)
            if report.state == DELIVERED:
                message.state = "delivered"
                if tracker:
                    tracker._action_update_from_sms_state("sent")
            else:
                message.write({"state": "failed", "error": report.error})
                if tracker:
                    tracker._action_update_from_provider_error(report.error)
