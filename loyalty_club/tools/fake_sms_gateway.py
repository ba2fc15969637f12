# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A local stand-in for the Kavenegar and SMS.ir HTTP APIs.

It answers as their documentation says (errors in an HTTP 200 body, per-call
caps, busy answers, delivery reports, inbound replies), keeps what it was
sent in memory, and never reaches the internet. The tests start it on
127.0.0.1; ``make sms-gateway`` (``tools/sms_gateway.py``) starts it by
hand, to try the club without a gateway account. Only the Python standard
library is used, so that script imports it without Odoo."""

import itertools
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

MOBILE = re.compile(r"^09\d{9}$")
KAVENEGAR_CAP, SMSIR_CAP = 200, 100


class FakeGatewayState:
    """What the fake gateway knows; tests change it to stage a scenario."""

    def __init__(self, api_key="test-key"):
        self.api_key = api_key
        self.credit = 1_000_000
        self.busy_answers = 0  # the next N calls answer "busy"
        self.blacklisted = set()  # numbers that refuse advertising lines
        self.outcomes = {}  # number -> "delivered" (default), "failed", "blocked"
        self.sent = []  # {"provider", "id", "number", "body"}
        self.calls = []  # (provider, path)
        self.inbox = {"kavenegar": [], "smsir": []}
        self._ids = itertools.count(7_000_001)
        self.lock = threading.Lock()

    def receive(self, provider, number, body):
        """A member's reply arriving on the line."""
        with self.lock:
            self.inbox[provider].append(
                {"id": next(self._ids), "number": number, "body": body}
            )

    def _send(self, provider, numbers, body):
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
                        "number": number,
                        "body": body,
                    }
                )
            result.append((number, message_id, blocked))
        return result

    def _outcome(self, message_id):
        for message in self.sent:
            if message["id"] == message_id:
                return self.outcomes.get(message["number"], "delivered")
        return None


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

    def _kavenegar(self, key, method):
        state = self.state
        form = {k: v[0] for k, v in parse_qs(self.raw_body).items()}

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
                    "receptor": number,
                    "status": 14 if blocked else 1,
                }
                for number, message_id, blocked in state._send(
                    "kavenegar", numbers, form.get("message", "")
                )
                if message_id
            ]
            return answer(200, "ok", entries)
        if method == "sms/status.json":
            codes = {"delivered": 10, "failed": 11, "blocked": 14}
            entries = []
            for message_id in form.get("messageid", "").split(","):
                outcome = state._outcome(int(message_id))
                entries.append(
                    {"messageid": int(message_id), "status": codes.get(outcome, 100)}
                )
            return answer(200, "ok", entries)
        if method == "account/info.json":
            return answer(200, "ok", {"remaincredit": state.credit})
        if method == "sms/receive.json":
            inbox, state.inbox["kavenegar"] = state.inbox["kavenegar"], []
            entries = [
                {"messageid": m["id"], "sender": m["number"], "message": m["body"]}
                for m in inbox
            ]
            return answer(200, "ok", entries)
        return answer(404, "unknown method")

    # ------------------------------------------------------------------
    # SMS.ir: /smsir/v1/..., X-API-KEY header, JSON

    def _smsir(self, method, parts):
        state = self.state

        def answer(status, message="", data=None):
            self._json({"status": status, "message": message, "data": data})

        if self.headers.get("X-API-KEY") != state.api_key:
            return answer(10, "invalid API key")
        if self._busy():
            return answer(20, "too many requests")
        if method == "POST" and parts == ["send", "bulk"]:
            payload = json.loads(self.raw_body or "{}")
            numbers = payload.get("mobiles") or []
            if len(numbers) > SMSIR_CAP:
                return answer(105, "more than 100 mobiles")
            if state.credit <= 0:
                return answer(102, "insufficient credit")
            ids = [
                (0 if blocked else message_id) if message_id else None
                for __, message_id, blocked in state._send(
                    "smsir", numbers, payload.get("messageText", "")
                )
            ]
            return answer(
                1, "ok", {"packId": "pack", "messageIds": ids, "cost": len(ids)}
            )
        if method == "GET" and parts[:1] == ["send"] and len(parts) == 2:
            codes = {"delivered": 1, "failed": 2, "blocked": 7}
            outcome = state._outcome(int(parts[1]))
            if outcome is None:
                return answer(111, "send not found")
            return answer(
                1, "ok", {"messageId": int(parts[1]), "deliveryState": codes[outcome]}
            )
        if method == "GET" and parts == ["credit"]:
            return answer(1, "ok", state.credit)
        if method == "GET" and parts == ["receive", "latest"]:
            inbox, state.inbox["smsir"] = state.inbox["smsir"], []
            data = [
                {"id": m["id"], "number": m["number"], "messageText": m["body"]}
                for m in inbox
            ]
            return answer(1, "ok", data)
        return answer(0, "unknown method")

    # ------------------------------------------------------------------
    # /_control: stage replies and read what was sent, by hand

    def _control(self, parts):
        state = self.state
        if parts == ["sent"]:
            return self._json(state.sent)
        if parts == ["inbound"]:
            payload = json.loads(self.raw_body or "{}")
            state.inbox[payload.get("provider", "kavenegar")].append(
                {
                    "id": next(state._ids),
                    "number": payload["number"],
                    "body": payload["body"],
                }
            )
            return self._json({"ok": True})
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
