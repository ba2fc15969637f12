# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Project-wide pytest rules, on top of pytest-odoo.

* A WARNING or ERROR logged while a test runs fails that test, as OCA's
  checklog-odoo fails a build (entries listed in checklog-odoo.cfg excepted).
  Tests that expect a log entry mute it with odoo.tools.mute_logger.
* A skipped test fails: a tour skipped for want of Chromium must not pass as
  green.
"""

import logging
import os
import sys
import time
from pathlib import Path

import pytest

import odoo.tools

# pytest-odoo imports Odoo's test framework before it turns test mode on,
# which makes Odoo log an ERROR at start; import it in test mode first.
odoo.tools.config["test_enable"] = True
import odoo.tests  # noqa: E402,F401

odoo.tools.config["test_enable"] = False

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))
from devenv import ignore_patterns  # noqa: E402 - tools/ is not a package


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.patterns = ignore_patterns()
        self.entries = []

    def emit(self, record):
        try:
            entry = f"{record.levelname} {record.name}: {record.getMessage()}"
        except (TypeError, ValueError):  # a badly formatted log call
            entry = f"{record.levelname} {record.name}: {record.msg!r}"
        if not any(pattern.search(entry) for pattern in self.patterns):
            self.entries.append(entry)

    def take(self):
        entries, self.entries = self.entries, []
        return entries


_collector = _WarningCollector()


def pytest_configure(config):
    logging.getLogger().addHandler(_collector)


def pytest_unconfigure(config):
    logging.getLogger().removeHandler(_collector)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = f"Skipped tests are not allowed here: {reason}"
        return
    logged = _collector.take()
    if logged and report.passed:
        report.outcome = "failed"
        report.longrepr = (
            f"{len(logged)} warning(s) or error(s) logged during {call.when}:\n"
            + "\n".join(logged)
        )


def pytest_terminal_summary(terminalreporter):
    started = os.environ.get("LOYALTY_CLUB_TEST_STARTED")
    if started:
        elapsed = int(time.time() - int(started))
        terminalreporter.write_line(
            f"make test: {elapsed // 60} min {elapsed % 60} s in all "
            "(lint, database install and tests)"
        )
