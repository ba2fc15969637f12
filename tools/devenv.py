#!/usr/bin/env python3
# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Small helpers behind `make demo` and `make test`.

    devenv.py preflight PURPOSE     check the machine, say clearly what is missing
                                    (PURPOSE: base, test or demo)
    devenv.py requirements FILE...  pip-install the requirements that are missing
    devenv.py config demo|test      write .run/<name>.conf for Odoo
    devenv.py checklog FILE         fail on WARNING/ERROR lines (checklog-odoo.cfg)
    devenv.py wait-http URL SECS    wait until an HTTP server answers
    devenv.py addons-digest         a digest of the addons' sources

Standard library only, so that it runs before anything is installed.
"""

import configparser
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = ROOT / ".run"
ADDONS = ("loyalty_club", "loyalty_club_pos", "loyalty_club_website")
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<rest>.*)$"
)
BAD_LEVELS = {"WARNING", "ERROR", "CRITICAL"}

# The import name differs from the distribution name for some requirements.
IMPORT_NAMES = {"websocket-client": "websocket", "pytest-odoo": "pytest_odoo"}


def fail(message):
    print(f"\nERROR: {message}\n", file=sys.stderr)
    sys.exit(1)


def odoo_addons_dir():
    """The folder holding Odoo's own addons (base, web, sale…)."""
    spec = importlib.util.find_spec("odoo")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "addons"


def check_odoo():
    probe = subprocess.run(
        [sys.executable, "-c", "import odoo.release as r; print(r.serie)"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode:
        fail(
            f"Odoo 18.0 is not importable: `{sys.executable} -c 'import odoo'` fails.\n"
            "Install Odoo 18.0 Community from its source: its requirements.txt, then\n"
            "the folder that holds `odoo/` on python3's path (a .pth file or\n"
            "`pip install -e`). See README.rst, 'Prerequisites'.\n"
            + probe.stderr.strip().splitlines()[-1]
        )
    if probe.stdout.strip() != "18.0":
        fail(f"Odoo {probe.stdout.strip()} is importable, but this project needs 18.0.")
    if not (odoo_addons_dir() / "base").is_dir():
        fail(f"Odoo's addons are missing from {odoo_addons_dir()}.")


def check_pg_binaries():
    candidates = [Path(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"))]
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.insert(0, Path(out.stdout.strip()))
    if shutil.which("initdb") and shutil.which("pg_ctl"):
        return
    if any((p / "initdb").exists() and (p / "pg_ctl").exists() for p in candidates):
        return
    fail(
        "PostgreSQL's server binaries (initdb, pg_ctl) are missing.\n"
        "On Debian or Ubuntu: apt-get install postgresql-15"
    )


def check_chromium():
    if not any(
        shutil.which(name)
        for name in (
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        )
    ):
        fail(
            "Chromium is missing: the browser tours need it.\n"
            "On Debian or Ubuntu: apt-get install chromium"
        )


def check_rtlcss():
    if not shutil.which("rtlcss"):
        fail(
            "rtlcss is missing: without it Odoo serves Persian pages left-to-right.\n"
            "Install it with npm: npm install -g rtlcss"
        )


def preflight(purpose):
    check_odoo()
    check_pg_binaries()
    if purpose == "test":
        check_chromium()
    if purpose == "demo":
        check_rtlcss()


def missing_requirements(files):
    from importlib import metadata

    missing = []
    for file in files:
        for line in Path(file).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name = re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0]
            try:
                metadata.version(name)
            except metadata.PackageNotFoundError:
                module = IMPORT_NAMES.get(name.lower(), name.replace("-", "_"))
                if importlib.util.find_spec(module) is None:
                    missing.append(line)
    return missing


def install_requirements(files):
    missing = missing_requirements(files)
    if not missing:
        return
    print("Installing missing Python packages:", ", ".join(missing))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", *missing], check=False
    )
    if result.returncode:
        fail("pip could not install: " + ", ".join(missing))


def write_config(name):
    socket_dir = subprocess.run(
        [str(ROOT / "tools" / "cluster.sh"), "socket"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    options = {
        "addons_path": f"{odoo_addons_dir()},{ROOT}",
        "data_dir": str(RUN_DIR / "odoo-data"),
        "db_host": socket_dir,
        "db_port": "5432",
        "db_user": "odoo",
        "db_password": "False",
        "list_db": "False",
        "proxy_mode": "False",
        "without_demo": "False",
        "db_name": f"club_{name}",
        "dbfilter": f"^club_{name}$",
        "http_interface": "127.0.0.1",
        "workers": "0",
        # the demo runs its crons; tests trigger them themselves
        "max_cron_threads": "1" if name == "demo" else "0",
    }
    if name == "demo":
        options["http_port"] = "8069"
    elif os.environ.get("TEST_HTTP_PORT"):
        # two checkouts testing at once each need their own port for the tours
        options["http_port"] = os.environ["TEST_HTTP_PORT"]
    parser = configparser.ConfigParser()
    parser["options"] = options
    RUN_DIR.mkdir(exist_ok=True)
    path = RUN_DIR / f"{name}.conf"
    with path.open("w", encoding="utf-8") as handle:
        parser.write(handle)
    print(path)


def ignore_patterns():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "checklog-odoo.cfg", encoding="utf-8")
    raw = parser.get("checklog-odoo", "ignore", fallback="")
    return [re.compile(line.strip()) for line in raw.splitlines() if line.strip()]


def checklog(path):
    """Print the WARNING/ERROR entries of an Odoo log; exit 1 when there are any."""
    patterns = ignore_patterns()
    bad, current = [], None
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        match = LOG_LINE.match(line)
        if match:
            current = None
            if match["level"] in BAD_LEVELS:
                entry = f"{match['level']} {match['rest']}"
                if not any(p.search(entry) for p in patterns):
                    current = [line]
                    bad.append(current)
        elif current is not None:
            current.append(line)
    if bad:
        print(f"\n{len(bad)} warning(s) or error(s) logged in {path}:", file=sys.stderr)
        for entry in bad:
            print("\n".join(entry[:30]), file=sys.stderr)
        sys.exit(1)
    print(f"{path}: no warning or error logged")


def wait_http(url, seconds):
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    fail(f"{url} did not answer within {seconds} s.")


def addons_digest():
    digest = hashlib.sha256()
    for addon in ADDONS:
        for path in sorted((ROOT / addon).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    print(digest.hexdigest())


def main(argv):
    if not argv:
        fail(__doc__)
    command, args = argv[0], argv[1:]
    if command == "preflight":
        preflight(args[0])
    elif command == "requirements":
        install_requirements(args)
    elif command == "config":
        write_config(args[0])
    elif command == "checklog":
        checklog(args[0])
    elif command == "wait-http":
        wait_http(args[0], args[1])
    elif command == "addons-digest":
        addons_digest()
    else:
        fail(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
