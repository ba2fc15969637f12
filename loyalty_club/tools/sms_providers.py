# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Clients of Iranian SMS gateways: one small class per provider.

They speak HTTP with ``requests`` and know nothing of Odoo. What they return
is already in Odoo's SMS vocabulary (``sms.sms`` failure types, delivery
errors of ``sms.tracker``), so the model code is the same for every gateway.
Iranian gateways answer HTTP 200 with the error in the body: every answer is
read, never trusted for its HTTP status alone. An API key never leaves a
client in an error message.

Adding a provider: subclass ``SmsProvider``, implement its four calls and
register it in ``PROVIDERS``."""

from dataclasses import dataclass

import requests

# What a sent message becomes on the way to the phone.
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"


class SmsGatewayError(Exception):
    """A whole call failed.

    :param failure: the ``sms.sms`` failure type for the messages of the call
    :param busy: the gateway asked to come back later; nothing was sent
    :param detail: the gateway's own words, for the log and the user
    """

    def __init__(self, failure, detail="", busy=False):
        super().__init__(detail or failure)
        self.failure = failure
        self.detail = detail
        self.busy = busy


@dataclass
class SentMessage:
    number: str
    message_id: str | None = None
    failure: str | None = None  # an sms.sms failure type when refused


@dataclass
class DeliveryReport:
    message_id: str
    state: str  # PENDING, DELIVERED or FAILED
    error: str | None = None  # an sms.tracker delivery error, without "sms_"


@dataclass
class InboundMessage:
    message_id: str
    number: str
    body: str


class SmsProvider:
    code = None
    label = None
    default_url = None
    max_recipients = 100  # per send call
    max_status_ids = 100  # per delivery-report call
    timeout = 20

    def __init__(self, url, api_key, sender):
        self.url = (url or self.default_url).rstrip("/")
        self.api_key = api_key or ""
        self.sender = sender or ""

    def send(self, numbers, body):
        """Send ``body`` to ``numbers`` (09… each, at most ``max_recipients``):
        one ``SentMessage`` per number."""
        raise NotImplementedError

    def delivery_reports(self, message_ids):
        """``DeliveryReport`` of each message id (at most ``max_status_ids``)."""
        raise NotImplementedError

    def credit(self):
        """The account's remaining credit, in the gateway's unit."""
        raise NotImplementedError

    def inbound(self):
        """Messages received on the sender line since the last call."""
        raise NotImplementedError

    def _call(self, method, url, **kwargs):
        """The decoded JSON answer of one HTTP call; transport failures and
        non-JSON answers become ``SmsGatewayError`` without the key."""
        try:
            response = requests.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            raise SmsGatewayError("sms_server", self._scrub(str(error))) from None
        if response.status_code == 429:
            raise SmsGatewayError("sms_server", "HTTP 429", busy=True)
        if response.status_code in (401, 403):
            raise SmsGatewayError("sms_acc", f"HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise SmsGatewayError(
                "sms_server", f"HTTP {response.status_code}: not a JSON answer"
            ) from None

    def _scrub(self, text):
        return text.replace(self.api_key, "***") if self.api_key else text


class KavenegarProvider(SmsProvider):
    """Kavenegar (کاوه‌نگار): the key is in the URL path, answers are
    ``{"return": {"status", "message"}, "entries": [...]}``."""

    code = "kavenegar"
    label = "Kavenegar"
    default_url = "https://api.kavenegar.com"
    max_recipients = 200
    max_status_ids = 500

    ERRORS = {
        403: "sms_acc",  # invalid API key
        407: "sms_acc",  # IP or access not allowed
        412: "sms_acc",  # invalid sender line
        416: "sms_acc",  # caller IP mismatch
        418: "sms_credit",
        411: "sms_number_format",
    }
    BUSY = 409
    SEND_FAILURES = {
        6: "sms_server",
        11: "sms_server",
        13: "sms_server",
        14: "sms_blacklist",
    }
    DELIVERY = {
        10: (DELIVERED, None),
        11: (FAILED, "not_delivered"),
        6: (FAILED, "rejected"),
        13: (FAILED, "rejected"),
        14: (FAILED, "not_allowed"),  # the recipient refuses advertising lines
        100: (FAILED, "invalid_destination"),
    }

    def _api(self, scope_method, data):
        url = f"{self.url}/v1/{self.api_key}/{scope_method}.json"
        answer = self._call("POST", url, data=data)
        status = (answer.get("return") or {}).get("status")
        if status == 200:
            return answer.get("entries") or []
        detail = f"{status}: {(answer.get('return') or {}).get('message', '')}"
        if status == self.BUSY:
            raise SmsGatewayError("sms_server", detail, busy=True)
        raise SmsGatewayError(self.ERRORS.get(status, "sms_server"), detail)

    def send(self, numbers, body):
        entries = self._api(
            "sms/send",
            {"receptor": ",".join(numbers), "message": body, "sender": self.sender},
        )
        by_number = {str(entry.get("receptor")): entry for entry in entries}
        sent = []
        for number in numbers:
            entry = by_number.get(number)
            if not entry:
                sent.append(SentMessage(number, failure="sms_number_format"))
                continue
            failure = self.SEND_FAILURES.get(entry.get("status"))
            sent.append(SentMessage(number, str(entry.get("messageid")), failure))
        return sent

    def delivery_reports(self, message_ids):
        entries = self._api("sms/status", {"messageid": ",".join(message_ids)})
        reports = []
        for entry in entries:
            state, error = self.DELIVERY.get(entry.get("status"), (PENDING, None))
            reports.append(DeliveryReport(str(entry.get("messageid")), state, error))
        return reports

    def credit(self):
        entries = self._api("account/info", {})
        info = entries[0] if isinstance(entries, list) and entries else entries
        return float((info or {}).get("remaincredit") or 0.0)

    def inbound(self):
        entries = self._api("sms/receive", {"linenumber": self.sender, "isread": 0})
        return [
            InboundMessage(
                str(entry.get("messageid")), str(entry.get("sender")), entry["message"]
            )
            for entry in entries
        ]


class SmsIrProvider(SmsProvider):
    """SMS.ir REST v1: ``X-API-KEY`` header, JSON, answers are
    ``{"status", "message", "data"}`` with ``status`` 1 for success."""

    code = "smsir"
    label = "SMS.ir"
    default_url = "https://api.sms.ir"
    max_recipients = 100
    max_status_ids = 100

    ERRORS = {
        10: "sms_acc",  # invalid key
        11: "sms_acc",  # key disabled
        12: "sms_acc",  # IP restricted
        13: "sms_acc",  # account inactive
        14: "sms_acc",  # account suspended
        101: "sms_acc",  # invalid line
        102: "sms_credit",
        104: "sms_number_format",
        115: "sms_blacklist",
    }
    BUSY = 20
    DELIVERY = {
        1: (DELIVERED, None),
        2: (FAILED, "not_delivered"),
        4: (FAILED, "not_delivered"),
        6: (FAILED, "rejected"),
        7: (FAILED, "not_allowed"),  # blacklist
    }

    def _api(self, method, path, **kwargs):
        headers = {"X-API-KEY": self.api_key, "Accept": "application/json"}
        answer = self._call(method, f"{self.url}/v1/{path}", headers=headers, **kwargs)
        status = answer.get("status")
        if status == 1:
            return answer.get("data")
        detail = f"{status}: {answer.get('message', '')}"
        if status == self.BUSY:
            raise SmsGatewayError("sms_server", detail, busy=True)
        raise SmsGatewayError(self.ERRORS.get(status, "sms_server"), detail)

    def send(self, numbers, body):
        data = self._api(
            "POST",
            "send/bulk",
            json={"lineNumber": self.sender, "messageText": body, "mobiles": numbers},
        )
        ids = (data or {}).get("messageIds") or []
        sent = []
        for position, number in enumerate(numbers):
            message_id = ids[position] if position < len(ids) else None
            if message_id is None:
                sent.append(SentMessage(number, failure="sms_number_format"))
            elif message_id == 0:
                sent.append(SentMessage(number, failure="sms_blacklist"))
            else:
                sent.append(SentMessage(number, str(message_id)))
        return sent

    def delivery_reports(self, message_ids):
        reports = []
        for message_id in message_ids:
            data = self._api("GET", f"send/{message_id}") or {}
            state, error = self.DELIVERY.get(data.get("deliveryState"), (PENDING, None))
            reports.append(DeliveryReport(str(message_id), state, error))
        return reports

    def credit(self):
        return float(self._api("GET", "credit") or 0.0)

    def inbound(self):
        data = self._api("GET", "receive/latest", params={"count": 100}) or []
        return [
            InboundMessage(
                str(
                    item.get("id") or f"{item['number']}:{item.get('receivedDateTime')}"
                ),
                str(item["number"]),
                item["messageText"],
            )
            for item in data
        ]


PROVIDERS = {provider.code: provider for provider in (KavenegarProvider, SmsIrProvider)}
