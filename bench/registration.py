"""Benchmark: import an .xlsx of 200 teams (2,400 members) into one contest, then export it again.

Fixed workload built in a scratch directory: the contest's own template filled with 200 basketball
teams of 12, a fresh SQLite database made by the app's migrations, an event, a contest and a
delegation made through the services. Anchor: openpyxl merely reading the same file (read-only,
values only) in the same run. Prints seconds and rows/s for each and import/anchor speed (aim >= 0.5).
Usage: .venv/bin/python bench/registration.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from sqlalchemy import delete  # noqa: E402

from accounts.services import create_user  # noqa: E402
from app import create_app  # noqa: E402
from common.db import db  # noqa: E402
from competitions.services import create_event  # noqa: E402
from competitions.venue_services import create_contest  # noqa: E402
from registrations import entry_files  # noqa: E402
from registrations.idcard import check_char  # noqa: E402
from registrations.models import Entry  # noqa: E402
from registrations.services import create_delegation  # noqa: E402

TEAMS, SIZE = 200, 12


def person_id(born: date, k: int, male: bool) -> str:
    body = f"220102{born:%Y%m%d}{k % 100:02d}{((k // 100) % 5) * 2 + (1 if male else 0)}"
    return body + check_char(body)


def workload(template: bytes) -> bytes:
    """The contest's template with TEAMS x SIZE distinct people."""
    wb = load_workbook(BytesIO(template))
    ws = wb.worksheets[0]
    for k in range(TEAMS * SIZE):
        born, male = date(1970 + k % 30, 1 + k % 12, 1 + k % 28), k % 2 == 0
        ws.append([f"代表{k // SIZE + 1}队", f"队员{k}号", "男" if male else "女", born, person_id(born, k, male),
                   "队员", f"139{k:08d}"])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def setup(tmp: Path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.db'}", "SECRET_KEY": "bench",
                      "TESTING": True})
    ctx = app.app_context()
    ctx.push()
    upgrade(directory=str(ROOT / "migrations"))
    org = create_user({"username": "org", "password": "bench-Pass-1", "display_name": "Org"}, ("organiser",))
    event = create_event(org, {"name": "职工运动会", "starts_on": "2030-06-01", "ends_on": "2030-06-10",
                               "divisions": [{"code": "city", "name": "市州组"}]})
    now = datetime.now(timezone.utc)
    contest = create_contest(org, event.id, {
        "name": "篮球5x5", "sport": "basketball", "discipline": "5x5", "format": {"type": "round_robin"},
        "registration_opens_at": (now - timedelta(days=1)).isoformat(),
        "registration_closes_at": (now + timedelta(days=10)).isoformat(), "max_entries": TEAMS})
    delegation = create_delegation(org, event.id, {"name": "哈尔滨市代表队", "division": "city", "leader": {
        "username": "leader", "password": "bench-Pass-1"}})
    return ctx, org, contest.id, delegation.id


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def anchor(data: bytes) -> int:
    wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    rows = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        ctx, org, contest_id, delegation_id = setup(Path(d))
        data = workload(entry_files.template_for(org, contest_id))
        best = {"openpyxl read (anchor)": 1e9, "import (parse + bulk service)": 1e9, "export .xlsx": 1e9}
        for _ in range(args.repeat):
            db.session.execute(delete(Entry))
            db.session.commit()
            best["openpyxl read (anchor)"] = min(best["openpyxl read (anchor)"], timed(lambda: anchor(data))[0])
            seconds, entries = timed(lambda: entry_files.import_upload(org, contest_id, delegation_id, data))
            assert len(entries) == TEAMS and sum(len(e.members) for e in entries) == TEAMS * SIZE
            best["import (parse + bulk service)"] = min(best["import (parse + bulk service)"], seconds)
            db.session.expire_all()
            seconds, (_c, out) = timed(lambda: entry_files.export_contest(org, contest_id))
            best["export .xlsx"] = min(best["export .xlsx"], seconds)
        ctx.pop()
    rows = TEAMS * SIZE
    print(f"workload: {TEAMS} teams, {rows} members, {len(data) // 1024} KB .xlsx, SQLite; best of {args.repeat}")
    print(f"{'step':<32}{'seconds':>10}{'rows/s':>10}")
    for name, seconds in best.items():
        print(f"{name:<32}{seconds:>10.3f}{rows / seconds:>10.0f}")
    ratio = best["openpyxl read (anchor)"] / best["import (parse + bulk service)"]
    print(f"ratio import/openpyxl read speed: {ratio:.2f} (aim >= 0.50)")


if __name__ == "__main__":
    main()
