# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Clients of Iranian SMS gateways: one small class per provider.

They speak HTTP with ``requests`` and know nothing of Odoo. What they return
is already in Odoo's SMS vocabulary (``sms.sms`` failure types, delivery
errors of ``sms.tracker``), so the model code is the same for every gateway.
Iranian gateways answer HTTP 200 with the error in the body: every answer is
read, never trusted for its HTTP status alone. An API key never leaves a
client in an error message, nor in a log record of the HTTP libraries
(Kavenegar's key is part of the URL, which urllib3 logs at DEBUG).

Nothing here waits: a busy gateway is an error with ``busy`` set, and the
caller leaves its work for a later run instead of sleeping while Odoo holds
a database transaction open.

Adding a provider: subclass ``SmsProvider``, implement its four calls and
register it in ``PROVIDERS``."""

import datetime
import logging
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

# What a sent message becomes on the way to the phone.
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"


class SmsGatewayError(Exception):
    """A whole call failed.

    :param failure: the ``sms.sms`` failure type for the messages of the call
    :param busy: the gateway asked to come back later; nothing was sent
    :param detail: the gateway's own words, for the log and the user
    :param unreachable: ``"timeout"`` or ``"connection"`` when the gateway
        could not be reached (``detail`` is then for the log only)
    """

    def __init__(self, failure, detail="", busy=False, unreachable=None):
        super().__init__(detail or failure)
        self.failure = failure
        self.detail = detail
        self.busy = busy
        self.unreachable = unreachable


@dataclass
class SentMessage:
    number: str
    message_id: str | None = None
    failure: str | None = None  # an sms.sms failure type when refused
    batch_id: str | None = None  # the gateway's id of the send call, if any


@dataclass
class DeliveryReport:
    message_id: str
    state: str  # PENDING, DELIVERED or FAILED
    error: str | None = None  # an sms.tracker delivery error, without "sms_"


@dataclass
class InboundMessage:
    message_id: str  # unique per gateway account
    number: str  # the member's mobile, as the gateway spells it
    body: str
    received: datetime.datetime | None = None  # naive UTC


def _from_unix_time(value):
    if not value:
        return None
    return datetime.datetime.fromtimestamp(int(value), datetime.timezone.utc).replace(
        tzinfo=None
    )


class SecretScrubber(logging.Filter):
    """Replaces the API keys of the gateway calls running now by ``***`` in
    the records of the loggers that write request URLs."""

    LOGGERS = ("urllib3.connectionpool", "urllib3.poolmanager", "urllib3.util.retry")

    def __init__(self):
        super().__init__()
        self._secrets = Counter()
        self._lock = threading.Lock()

    def install(self):
        for name in self.LOGGERS:
            logging.getLogger(name).addFilter(self)

    @contextmanager
    def hiding(self, secret):
        """Scrub ``secret`` from the records logged inside the block."""
        if not secret:
            yield
            return
        with self._lock:
            self._secrets[secret] += 1
        try:
            yield
        finally:
            with self._lock:
                self._secrets[secret] -= 1
                if self._secrets[secret] <= 0:
                    del self._secrets[secret]

    def scrub(self, text):
        with self._lock:
            secrets = list(self._secrets)
        for secret in secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record):
        if self._secrets:
            message = record.getMessage()
            scrubbed = self.scrub(message)
            if scrubbed != message:
                record.msg, record.args = scrubbed, ()
        return True


scrubber = SecretScrubber()
scrubber.install()


class SmsProvider:
    code = None
    label = None
    default_url = None
    max_recipients = 100  # per send call
    max_status_ids = 100  # per delivery-report call
    report_window = datetime.timedelta(days=3)  # the gateway keeps reports so long
    timeout = 20

    def __init__(self, url, api_key, sender):
        self.url = (url or self.default_url).rstrip("/")
        self.api_key = api_key or ""
        self.sender = sender or ""

    @classmethod
    def is_own_url(cls, url):
        """Whether ``url`` is the provider's own API, over https."""
        try:
            parts = urlsplit(url or "")
            port = parts.port
        except ValueError:
            return False
        own = urlsplit(cls.default_url)
        return (
            parts.scheme == "https"
            and parts.hostname == own.hostname
            and port in (None, 443)
            and not parts.username
            and not parts.password
            and not parts.query
            and not parts.fragment
        )

    def send(self, numbers, body):
        """Send ``body`` to ``numbers`` (09… each, at most ``max_recipients``):
        one ``SentMessage`` per number."""
        raise NotImplementedError

    def delivery_reports(self, message_ids, batch_id=None):
        """``DeliveryReport`` of each message id (at most ``max_status_ids``),
        all from the send call ``batch_id`` when the gateway named one; may
        hold reports of other messages of that call too."""
        raise NotImplementedError

    def credit(self):
        """The account's remaining credit, in the gateway's unit."""
        raise NotImplementedError

    def inbound(self):
        """The gateway's unread feed of the sender line, oldest first. The
        gateway marks what it hands out as read, but a message may come
        again (marked unread in the panel, a lost answer): callers remember
        the ids they handled."""
        raise NotImplementedError

    def _call(self, method, url, **kwargs):
        """The decoded JSON answer of one HTTP call; transport failures and
        non-JSON answers become ``SmsGatewayError`` without the key."""
        try:
            with scrubber.hiding(self.api_key):
                response = requests.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout as error:
            raise SmsGatewayError(
                "sms_server", self._scrub(str(error)), unreachable="timeout"
            ) from None
        except requests.RequestException as error:
            raise SmsGatewayError(
                "sms_server", self._scrub(str(error)), unreachable="connection"
            ) from None
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
    ``{"return": {"status", "message"}, "entries": [...]}``. Delivery
    reports take up to 500 ids a call and are kept 48 hours."""

    code = "kavenegar"
    label = "Kavenegar"
    default_url = "https://api.kavenegar.com"
    max_recipients = 200
    max_status_ids = 500
    report_window = datetime.timedelta(hours=48)

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
        detail = self._scrub(
            f"{status}: {(answer.get('return') or {}).get('message', '')}"
        )
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

    def delivery_reports(self, message_ids, batch_id=None):
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
        messages = [
            InboundMessage(
                str(entry["messageid"]),
                str(entry.get("sender") or ""),
                entry.get("message") or "",
                _from_unix_time(entry.get("date")),
            )
            for entry in entries
        ]
        return sorted(messages, key=_arrival)


class SmsIrProvider(SmsProvider):
    """SMS.ir REST v1: ``X-API-KEY`` header, JSON, answers are
    ``{"status", "message", "data"}`` with ``status`` 1 for success. A bulk
    send is a pack, whose delivery reports come in one call."""

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
    # 3 (reached the telecom), 5 (reached the operator), 8 (unknown): pending
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
        detail = self._scrub(f"{status}: {answer.get('message', '')}")
        if status == self.BUSY:
            raise SmsGatewayError("sms_server", detail, busy=True)
        raise SmsGatewayError(self.ERRORS.get(status, "sms_server"), detail)

    def send(self, numbers, body):
        data = self._api(
            "POST",
            "send/bulk",
            json={"lineNumber": self.sender, "messageText": body, "mobiles": numbers},
        )
        pack = (data or {}).get("packId")
        ids = (data or {}).get("messageIds") or []
        sent = []
        for position, number in enumerate(numbers):
            message_id = ids[position] if position < len(ids) else None
            if message_id is None:
                sent.append(SentMessage(number, failure="sms_number_format"))
            elif message_id == 0:
                sent.append(SentMessage(number, failure="sms_blacklist"))
            else:
                sent.append(SentMessage(number, str(message_id), batch_id=pack))
        return sent

    def delivery_reports(self, message_ids, batch_id=None):
        if batch_id:
            items = self._api("GET", f"send/pack/{batch_id}") or []
        else:
            items = [
                self._api("GET", f"send/{message_id}") for message_id in message_ids
            ]
        return [self._report(item or {}) for item in items]

    def _report(self, item):
        state, error = self.DELIVERY.get(item.get("deliveryState"), (PENDING, None))
        return DeliveryReport(str(item.get("messageId")), state, error)

    def credit(self):
        return float(self._api("GET", "credit") or 0.0)

    def inbound(self):
        data = self._api("GET", "receive/latest", params={"count": 100}) or []
        messages = [
            InboundMessage(
                str(
                    item.get("receiveReturnId")
                    or f"{item['mobile']}:{item.get('receivedDateTime')}"
                ),
                str(item["mobile"]),
                item.get("messageText") or "",
                _from_unix_time(item.get("receivedDateTime")),
            )
            for item in data
        ]
        return sorted(messages, key=_arrival)


def _arrival(message):
    number = int(message.message_id) if message.message_id.isdigit() else 0
    return (message.received or datetime.datetime.min, number, message.message_id)


PROVIDERS = {provider.code: provider for provider in (KavenegarProvider, SmsIrProvider)}
