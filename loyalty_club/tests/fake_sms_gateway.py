# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A local stand-in for the Kavenegar and SMS.ir HTTP APIs, for the tests.

It answers in the shapes of their documentation (kavenegar.com/rest.html,
sms.ir's REST v1): errors in the answer's body, per-call caps, busy answers,
delivery reports (Kavenegar by lists of ids, SMS.ir by message or by pack),
and an inbox per provider that keeps every message it received. The unread
feeds (Kavenegar ``sms/receive`` with ``isread=0``, SMS.ir
``receive/latest``) hand out unread messages and mark them read, as the
documentation says (SMS.ir's newest first here: its documentation names no
order, the client must not rely on one); ``mark_unread`` hands them out
again, as a message marked unread in the provider's panel does.

It keeps what it was sent in memory and never reaches the internet. The
tests start it on 127.0.0.1; ``make sms-gateway`` (``tools/sms_gateway.py``)
starts it by hand, to try the club without a gateway account. Only the
Python standard library is used, so that script imports it without Odoo."""

import itertools
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

MOBILE = re.compile(r"^(\+98|0098|98|0)?9\d{9}$")
KAVENEGAR_CAP, SMSIR_CAP = 200, 100
KAVENEGAR_STATUS_CAP, INBOX_CAP = 500, 100


def _as_long(number):
    """SMS.ir spells a mobile as a number: 9121112233."""
    return int(re.sub(r"\D", "", number)[-10:])


class FakeGatewayState:
    """What the fake gateway knows; tests change it to stage a scenario."""

    def __init__(self, api_key="test-key"):
        self.api_key = api_key
        self.credit = 1_000_000
        self.busy_answers = 0  # the next N calls answer "busy"
        self.blacklisted = set()  # numbers that refuse advertising lines
        # number -> "delivered" (default), "pending", "failed" or "blocked"
        self.outcomes = {}
        self.sent = []  # {"provider", "id", "pack", "number", "body"}
        self.calls = []  # (provider, path)
        self.inbox = {"kavenegar": [], "smsir": []}  # kept, read or not
        self._ids = itertools.count(7_000_001)
        self.lock = threading.Lock()

    def receive(self, provider, number, body):
        """A member's SMS arriving on the line: its gateway message id."""
        with self.lock:
            return self._receive(provider, number, body)

    def _receive(self, provider, number, body):
        message = {
            "id": next(self._ids),
            "number": number,
            "body": body,
            "date": int(time.time()),
            "read": False,
        }
        self.inbox[provider].append(message)
        return message["id"]

    def mark_unread(self, provider, ids=None):
        """The inbox's messages (those of ``ids`` only, if given) are
        handed out again by the unread feed."""
        with self.lock:
            for message in self.inbox[provider]:
                if ids is None or message["id"] in ids:
                    message["read"] = False

    def _take_unread(self, provider, count=INBOX_CAP):
        unread = [m for m in self.inbox[provider] if not m["read"]][:count]
        for message in unread:
            message["read"] = True
        return unread

    def _send(self, provider, numbers, body, pack=None):
        """``[(number, message id or None, refused?)]``"""
        result = []
        for number in numbers:
            if not MOBILE.match(number):
                result.append((number, None, False))
                continue
            message_id = next(self._ids)
            blocked = number in self.blacklisted
            if not blocked:
                self.sent.append(
                    {
                        "provider": provider,
                        "id": message_id,
                        "pack": pack,
                        "number": number,
                        "body": body,
                    }
                )
            result.append((number, message_id, blocked))
        return result

    def _message(self, message_id):
        return next((m for m in self.sent if m["id"] == message_id), None)

    def _outcome(self, message):
        return self.outcomes.get(message["number"], "delivered")


class FakeGatewayHandler(BaseHTTPRequestHandler):
    state = None  # set on the server's handler class

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # keep test output clean

    # ------------------------------------------------------------------

    def do_GET(self):  # noqa: N802
        self._dispatch("GET")

    def do_POST(self):  # noqa: N802
        self._dispatch("POST")

    def _dispatch(self, method):
        url = urlparse(self.path)
        self.query = {key: values[0] for key, values in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        self.raw_body = self.rfile.read(length).decode() if length else ""
        parts = [part for part in url.path.split("/") if part]
        state = self.state
        with state.lock:
            if parts[:1] == ["_control"]:
                return self._control(parts[1:])
            state.calls.append((parts[0] if parts else "", url.path))
            if parts[:2] == ["kavenegar", "v1"] and len(parts) >= 5:
                return self._kavenegar(parts[2], "/".join(parts[3:]))
            if parts[:2] == ["smsir", "v1"]:
                return self._smsir(method, parts[2:])
        self._json({"error": "unknown path"}, 404)

    def _json(self, payload, status=200):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _busy(self):
        if self.state.busy_answers > 0:
            self.state.busy_answers -= 1
            return True
        return False

    # ------------------------------------------------------------------
    # Kavenegar: /kavenegar/v1/{key}/{scope}/{method}.json, form-encoded
    # (or in the query), errors in an HTTP 200 answer

    KAVENEGAR_DELIVERY = {"delivered": 10, "pending": 4, "failed": 11, "blocked": 14}

    def _kavenegar(self, key, method):
        state = self.state
        form = {k: v[0] for k, v in parse_qs(self.raw_body).items()}
        form = {**self.query, **form}

        def answer(status, message="", entries=None):
            self._json(
                {"return": {"status": status, "message": message}, "entries": entries}
            )

        if key != state.api_key:
            return answer(403, "invalid API key")
        if self._busy():
            return answer(409, "server busy")
        if method == "sms/send.json":
            numbers = [n for n in form.get("receptor", "").split(",") if n]
            if len(numbers) > KAVENEGAR_CAP:
                return answer(414, "too many receptors")
            if state.credit <= 0:
                return answer(418, "insufficient credit")
            entries = [
                {
                    "messageid": message_id,
                    "message": form.get("message", ""),
                    "status": 14 if blocked else 1,
                    "sender": form.get("sender", ""),
                    "receptor": number,
                    "date": int(time.time()),
                    "cost": 1200,
                }
                for number, message_id, blocked in state._send(
                    "kavenegar", numbers, form.get("message", "")
                )
                if message_id
            ]
            return answer(200, "تایید شد", entries)
        if method == "sms/status.json":
            ids = [i for i in form.get("messageid", "").split(",") if i]
            if len(ids) > KAVENEGAR_STATUS_CAP:
                return answer(414, "too many message ids")
            return answer(200, "تایید شد", [self._kavenegar_status(i) for i in ids])
        if method == "account/info.json":
            return answer(
                200, "تایید شد", {"remaincredit": state.credit, "type": "master"}
            )
        if method == "sms/receive.json":
            if "linenumber" not in form or form.get("isread") not in ("0", "1"):
                return answer(400, "linenumber and isread are required")
            if form["isread"] == "0":
                messages = state._take_unread("kavenegar")
            else:
                read = [m for m in state.inbox["kavenegar"] if m["read"]]
                messages = read[:INBOX_CAP]
            entries = [
                {
                    "messageid": m["id"],
                    "message": m["body"],
                    "sender": m["number"],
                    "receptor": form["linenumber"],
                    "date": m["date"],
                }
                for m in messages
            ]
            return answer(200, "تایید شد", entries)
        return answer(404, "unknown method")

    def _kavenegar_status(self, message_id):
        message = self.state._message(int(message_id))
        if message is None:
            return {"messageid": int(message_id), "status": 100, "statustext": ""}
        status = self.KAVENEGAR_DELIVERY[self.state._outcome(message)]
        return {"messageid": message["id"], "status": status, "statustext": ""}

    # ------------------------------------------------------------------
    # SMS.ir: /smsir/v1/..., X-API-KEY header, JSON; HTTP 401 for a wrong
    # key, 429 when busy, 400 for other errors, the code in the body

    SMSIR_DELIVERY = {"delivered": 1, "pending": 3, "failed": 2, "blocked": 7}

    def _smsir(self, method, parts):
        state = self.state

        def answer(status, message="موفق", data=None, http=200):
            self._json({"status": status, "message": message, "data": data}, http)

        if self.headers.get("X-API-KEY") != state.api_key:
            return answer(10, "کلید وب سرویس نامعتبر است", http=401)
        if self._busy():
            return answer(20, "تعداد درخواست بیشتر از حد مجاز است", http=429)
        if method == "POST" and parts == ["send", "bulk"]:
            payload = json.loads(self.raw_body or "{}")
            numbers = payload.get("mobiles") or []
            if len(numbers) > SMSIR_CAP:
                return answer(105, "more than 100 mobiles", http=400)
            if state.credit <= 0:
                return answer(102, "اعتبار کافی نمی‌باشد", http=400)
            pack = str(uuid.uuid4())
            ids = [
                (0 if blocked else message_id) if message_id else None
                for __, message_id, blocked in state._send(
                    "smsir", numbers, payload.get("messageText", ""), pack
                )
            ]
            return answer(1, data={"packId": pack, "messageIds": ids, "cost": len(ids)})
        if method == "GET" and parts[:2] == ["send", "pack"] and len(parts) == 3:
            messages = [m for m in state.sent if m["pack"] == parts[2]]
            if not messages:
                return answer(111, "با این شناسه ارسالی ثبت نشده است", http=400)
            return answer(1, data=[self._smsir_report(m) for m in messages])
        if method == "GET" and parts[:1] == ["send"] and len(parts) == 2:
            message = state._message(int(parts[1]))
            if message is None:
                return answer(111, "با این شناسه ارسالی ثبت نشده است", http=400)
            return answer(1, data=self._smsir_report(message))
        if method == "GET" and parts == ["credit"]:
            return answer(1, data=state.credit)
        if method == "GET" and parts == ["receive", "latest"]:
            count = min(int(self.query.get("count") or INBOX_CAP), INBOX_CAP)
            messages = reversed(state._take_unread("smsir", count))
            return answer(1, data=[self._smsir_received(m, True) for m in messages])
        if method == "GET" and parts == ["receive", "live"]:
            messages = state.inbox["smsir"]
            return answer(1, data=[self._smsir_received(m, False) for m in messages])
        return answer(0, "درخواست شما با خطا مواجه شده‌است", http=400)

    def _smsir_report(self, message):
        delivery = self.SMSIR_DELIVERY[self.state._outcome(message)]
        return {
            "messageId": message["id"],
            "mobile": _as_long(message["number"]),
            "messageText": message["body"],
            "sendDateTime": int(time.time()),
            "lineNumber": 30004505000017,
            "cost": 1.0,
            "deliveryState": delivery,
            "deliveryDateTime": int(time.time()) if delivery != 3 else None,
        }

    def _smsir_received(self, message, with_id):
        received = {
            "messageText": message["body"],
            "number": 30004505000017,
            "mobile": _as_long(message["number"]),
            "receivedDateTime": message["date"],
        }
        if with_id:
            received = {"receiveReturnId": message["id"], **received}
        return received

    # ------------------------------------------------------------------
    # /_control: stage replies and read what was sent, by hand

    def _control(self, parts):
        state = self.state
        if parts == ["sent"]:
            return self._json(state.sent)
        if parts == ["inbox"]:
            return self._json(state.inbox)
        if parts == ["inbound"]:
            payload = json.loads(self.raw_body or "{}")
            message_id = state._receive(
                payload.get("provider", "kavenegar"),
                payload["number"],
                payload["body"],
            )
            return self._json({"ok": True, "id": message_id})
        return self._json({"error": "unknown control"}, 404)


class FakeSmsGateway:
    """The fake gateway in a thread of this process: ``with FakeSmsGateway()
    as gateway: gateway.url("kavenegar")``."""

    def __init__(self, port=0, api_key="test-key"):
        self.state = FakeGatewayState(api_key)
        handler = type("Handler", (FakeGatewayHandler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, provider):
        return f"http://127.0.0.1:{self.server.server_port}/{provider}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
