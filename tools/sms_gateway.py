#!/usr/bin/env python3
# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""`make sms-gateway`: the fake Kavenegar / SMS.ir server of the tests, by
hand, to try the club's SMS without a gateway account (the gateway needs
Test Mode to point at it, as the demo gateway does)."""

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "loyalty_club" / "tests"))

from fake_sms_gateway import FakeSmsGateway  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8071)
    parser.add_argument("--api-key", default="test-key")
    args = parser.parse_args()
    with FakeSmsGateway(args.port, args.api_key) as gateway:
        control = gateway.url("_control")
        print(f"Fake SMS gateway on 127.0.0.1:{args.port}, API key {args.api_key!r}")
        for provider in ("kavenegar", "smsir"):
            print(f"  {provider:10} gateway URL: {gateway.url(provider)}")
        print(f"  what was sent:         curl {control}/sent")
        print(
            "  a member replies 11:   curl -d "
            '\'{"provider": "kavenegar", "number": "0912...", "body": "11"}\' '
            f"{control}/inbound"
        )
        print("Stop with Ctrl+C.")
        try:
            gateway.thread.join()
        except KeyboardInterrupt:
            print("stopped")


if __name__ == "__main__":
    main()
