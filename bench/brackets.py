"""Benchmark: brackets created and played through our services, beside brackets-manager and bare SQLite.

Workloads of ../shared/anchors/brackets-manager, all in the same run on the same machine:
- creation, persisted to a SQLite file through ``make_draw`` (one use case, one commit): single
  elimination 1024 (seeded, third-place match), double elimination 1024 (grand final with reset),
  round robin 64 (one group), 512 entries in 64 groups (groups then knockout: our nearest format, so
  it also creates the 63-match knockout that brackets-manager leaves out). Aim: our ms / theirs <= 0.5.
- play-through: every result of the 256-entry single and double elimination recorded one by one
  through ``record_result`` (validation, progression, one commit each), beside the bare SQLite rate of
  one UPDATE per commit (../shared/anchors/ceilings/sqlite_writes.py, WAL + synchronous=NORMAL, as
  Podium runs). Aim: ours >= half the bare rate.
Creation is shown twice, like for like: *warm* (median of --repeat creations in one process) and *cold*
(the first creation in a fresh process; the anchor's README quotes its cold figures). Each figure is the
median of --rounds rounds in which ours and brackets-manager's are taken in turn, so that the machine's
moods (±30 % between identical runs here) fall on both alike. *store* is the part of our warm creation
that only storage costs: inserting the already generated matches and committing, beside bm's warm time.
Usage: .venv/bin/python bench/brackets.py [--repeat 5] [--rounds 5] [--cases rr64 se256upd ...]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ANCHORS = ROOT.parent / "shared" / "anchors"

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from accounts.services import create_user  # noqa: E402
from app import create_app  # noqa: E402
from common.db import db, utcnow  # noqa: E402
from competitions.services import create_event  # noqa: E402
from competitions.venue_services import create_contest  # noqa: E402
from competitions.result_services import record_result  # noqa: E402
from registrations.models import Entry  # noqa: E402
from registrations.services import create_delegation  # noqa: E402
from scheduling import match_insert  # noqa: E402
from scheduling.draw_services import approved_entries, make_draw  # noqa: E402
from scheduling.formats import build  # noqa: E402
from scheduling.models import Match  # noqa: E402

CASES = {  # name: (entries, format, seeds)
    "se1024": (1024, {"type": "single_elimination", "third_place": True, "seeds": 16}, 16),
    "de1024": (1024, {"type": "double_elimination", "grand_final": "reset"}, 0),
    "rr64": (64, {"type": "round_robin", "cycles": 1}, 0),
    "rr512x64": (512, {"type": "groups_knockout", "groups": 64, "qualifiers_per_group": 1}, 0),
}
PLAY = {"se256upd": (256, {"type": "single_elimination"}), "de256upd": (256, {"type": "double_elimination",
                                                                              "grand_final": "reset"})}
WIN = [[21, 15], [21, 17]]


class Workbench:
    """A fresh SQLite file database with an organiser, an event and 8 delegations."""

    def __init__(self, folder: str):
        self.app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "SECRET_KEY": "bench",
                               "TESTING": True})
        self.ctx = self.app.app_context()
        self.ctx.push()
        upgrade()
        self.org = create_user({"username": "org", "password": "Bench-pass-2025", "display_name": "Org"},
                               ("organiser",))
        today = date.today()
        self.event = create_event(self.org, {"name": "bench", "starts_on": str(today + timedelta(days=30)),
                                             "ends_on": str(today + timedelta(days=40)),
                                             "divisions": [{"code": "city", "name": "市州组"}]})
        self.delegations = [create_delegation(self.org, self.event.id, {"name": f"代表队{i}", "division": "city",
                            "leader": {"username": f"leader{i}", "password": "Bench-pass-2025"}}).id
                            for i in range(8)]
        self.n = 0

    def contest(self, entries: int, fmt: dict) -> int:
        """A badminton MS contest with ``entries`` approved entries (inserted in bulk: setup, not timed)."""
        self.n += 1
        now = utcnow()
        contest = create_contest(self.org, self.event.id, {
            "name": f"c{self.n}", "sport": "badminton", "discipline": "MS", "format": fmt,
            "registration_opens_at": (now - timedelta(days=9)).isoformat(),
            "registration_closes_at": (now + timedelta(days=9)).isoformat()})
        db.session.execute(insert(Entry), [{"contest_id": contest.id, "delegation_id": self.delegations[i % 8],
                                            "name": f"选手{i}", "status": "approved", "reason": "", "version": 1,
                                            "created_at": now, "updated_at": now} for i in range(entries)])
        db.session.commit()
        return contest.id

    def seeds(self, contest_id: int, count: int) -> list[int]:
        return list(db.session.scalars(select(Entry.id).where(Entry.contest_id == contest_id)
                                       .order_by(Entry.id).limit(count)))

    def close(self) -> None:
        db.session.remove()
        db.engine.dispose()
        self.ctx.pop()


def create_case(bench: Workbench, entries: int, fmt: dict, seeds: int) -> tuple[float, int]:
    """Milliseconds of one make_draw (generation and persistence, one commit) and the matches made."""
    contest_id = bench.contest(entries, fmt)
    data = {"random_seed": 2025, "seeds": bench.seeds(contest_id, seeds)}
    t = time.perf_counter()
    make_draw(bench.org, contest_id, data)
    ms = (time.perf_counter() - t) * 1000
    count = db.session.scalar(select(db.func.count(Match.id)).where(Match.contest_id == contest_id))
    return ms, count


def persist_case(bench: Workbench, entries: int, fmt: dict, seeds: int) -> float:
    """Milliseconds of storing an already generated bracket alone (the rows' insert and the commit): the part
    of a creation that no work on the core can remove."""
    contest_id = bench.contest(entries, fmt)
    bracket = build(fmt, approved_entries(contest_id), bench.seeds(contest_id, seeds), 2025, True, compact=True)
    db.session.commit()
    t = time.perf_counter()
    match_insert.insert_matches(contest_id, bracket)
    db.session.commit()
    return (time.perf_counter() - t) * 1000


def play_case(bench: Workbench, entries: int, fmt: dict) -> dict:
    """Record every result of a bracket one by one through record_result; time the calls and the loop."""
    contest_id = bench.contest(entries, fmt)
    make_draw(bench.org, contest_id, {"random_seed": 7})
    calls = 0.0
    count = 0
    loop = time.perf_counter()
    while True:
        ready = db.session.execute(select(Match.id, Match.version).where(
            Match.contest_id == contest_id, Match.status == "ready").order_by(Match.seq)).all()
        db.session.commit()
        if not ready:
            break
        for match_id, version in ready:
            t = time.perf_counter()
            record_result(bench.org, match_id, {"version": version, "games": WIN})
            calls += time.perf_counter() - t
            count += 1
    loop = time.perf_counter() - loop
    unfinished = db.session.scalar(select(db.func.count(Match.id)).where(
        Match.contest_id == contest_id, Match.status.in_(("ready", "pending"))))
    return {"updates": count, "update_ms": calls * 1000, "loop_ms": loop * 1000, "unfinished": unfinished}


def sqlite_ceiling(repeat: int) -> float:
    """Bare SQLite one UPDATE per commit, WAL + synchronous=NORMAL (rows/s, median)."""
    spec = importlib.util.spec_from_file_location("sqlite_writes", ANCHORS / "ceilings" / "sqlite_writes.py")
    writes = importlib.util.module_from_spec(spec)
    scratch = tempfile.mkdtemp()
    shutil.copy(ANCHORS / "ceilings" / "sqlite_writes.py", scratch)
    spec.loader.exec_module(writes)
    writes.DIR = scratch
    rates = []
    for _ in range(repeat):
        eng = writes.make_engine("wal_normal")
        n, seconds = writes.single_update(eng)
        eng.dispose()
        rates.append(n / seconds)
    shutil.rmtree(scratch, ignore_errors=True)
    return statistics.median(rates)


def _anchor_rows(scratch: str, *args: str) -> dict[str, list[dict]]:
    out = subprocess.run(["node", "bench.js", *args], cwd=scratch, check=True, capture_output=True, text=True).stdout
    rows: dict = {}
    for line in out.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            rows.setdefault(r["case"], []).append(r)
    return rows


def brackets_manager_copy() -> str:
    """A scratch copy of brackets-manager's bench with its packages installed (remove it when done)."""
    scratch = tempfile.mkdtemp(prefix="bm-")
    for f in (ANCHORS / "brackets-manager").iterdir():
        shutil.copy(f, scratch)
    subprocess.run(["npm", "ci", "--silent"], cwd=scratch, check=True, capture_output=True)
    return scratch


def brackets_manager_warm(scratch: str, repeat: int, *cases: str) -> dict:
    """brackets-manager's own bench, each case ``repeat`` times in one process: medians per case."""
    rows = _anchor_rows(scratch, "--repeat", str(repeat), *cases)
    return {case: {k: statistics.median(r[k] for r in rs) for k in ("create_ms", "matches", "update_ms", "updates")
                   if k in rs[0]} for case, rs in rows.items()}


@contextmanager
def fresh_bench() -> Iterator[Workbench]:
    """A Workbench on a new database file, removed afterwards."""
    folder = tempfile.mkdtemp(prefix="podium-bench-")
    bench = Workbench(folder)
    try:
        yield bench
    finally:
        bench.close()
        shutil.rmtree(folder, ignore_errors=True)


def creation(scratch: str, name: str, rounds: int, repeat: int) -> dict[str, float]:
    """Medians over ``rounds`` of: warm (median of ``repeat`` creations in one process) and cold (the first
    creation in a fresh process), ours and brackets-manager's taken in turn within each round so that the
    machine's moods fall on both alike. brackets-manager's warm process runs every creation case, as its own
    bench does, so that its JIT has seen the shared code (alone, its rr64 is twice as slow); each of its
    repetitions starts from a new store, so each of our rounds starts from a new database (one that already
    holds every earlier case's draws pays for their checkpoints and deeper indexes: rr64 half as fast again)."""
    figures: dict[str, list[float]] = {"ours warm": [], "bm warm": [], "ours cold": [], "bm cold": [], "store": []}
    cmd = [sys.executable, __file__, "--cold-case", name]
    for _ in range(rounds):
        figures["bm warm"].append(brackets_manager_warm(scratch, repeat, *CASES)[name]["create_ms"])
        with fresh_bench() as bench:
            figures["ours warm"].append(statistics.median(create_case(bench, *CASES[name])[0] for _ in range(repeat)))
            figures["store"].append(statistics.median(persist_case(bench, *CASES[name]) for _ in range(repeat)))
        figures["bm cold"].append(_anchor_rows(scratch, name)[name][0]["create_ms"])
        figures["ours cold"].append(float(subprocess.run(cmd, check=True, capture_output=True,
                                                         text=True).stdout.split()[-1]))
    return {k: statistics.median(v) for k, v in figures.items()}


def cold_create(name: str) -> float:
    """The first creation of a case in this (fresh) process, in milliseconds."""
    with fresh_bench() as bench:
        return create_case(bench, *CASES[name])[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="creations per warm figure; plays per play-through")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per creation case (ours and theirs in turn)")
    parser.add_argument("--cold-case", help=argparse.SUPPRESS)
    parser.add_argument("--cases", nargs="+", choices=[*CASES, *PLAY], default=[*CASES, *PLAY],
                        help="run only these cases (default: all)")
    args = parser.parse_args()
    if args.cold_case:
        print(f"{cold_create(args.cold_case):.3f}")
        return
    scratch = brackets_manager_copy()
    folder = tempfile.mkdtemp(prefix="podium-bench-")
    bench = Workbench(folder)
    try:
        print(f"creation, persisted (ms), medians of {args.rounds} rounds, ours and brackets-manager's in turn; "
              f"warm: median of {args.repeat} creations in one process; cold: the first creation in a fresh process")
        print(f"{'case':10} {'matches':>8} {'ours warm':>10} {'bm warm':>8} {'ratio':>6} {'ours cold':>10} "
              f"{'bm cold':>8} {'ratio':>6}  (aim <= 0.5) {'store':>6} {'/ bm warm':>9}")
        for name, (entries, fmt, seeds) in CASES.items():
            if name not in args.cases:
                continue
            f = creation(scratch, name, args.rounds, args.repeat)
            matches = create_case(bench, entries, fmt, seeds)[1]
            print(f"{name:10} {matches:>8} {f['ours warm']:>10.1f} {f['bm warm']:>8.1f} "
                  f"{f['ours warm'] / f['bm warm']:>6.2f} {f['ours cold']:>10.1f} {f['bm cold']:>8.1f} "
                  f"{f['ours cold'] / f['bm cold']:>6.2f}               {f['store']:>6.1f} "
                  f"{f['store'] / f['bm warm']:>9.2f}")
        if not set(args.cases) & set(PLAY):
            return
        ceiling = sqlite_ceiling(3)
        theirs = brackets_manager_warm(scratch, args.repeat, *PLAY)
        print(f"\nplay-through, one commit per result; bare SQLite UPDATE+commit (WAL, NORMAL): {ceiling:,.0f} rows/s")
        print(f"{'case':10} {'results':>8} {'ours/s':>9} {'vs bare':>8} {'brackets-manager/s':>19}  (aim >= 0.5)")
        for name, (entries, fmt) in PLAY.items():
            if name not in args.cases:
                continue
            runs = [play_case(bench, entries, fmt) for _ in range(args.repeat)]
            assert all(r["unfinished"] == 0 for r in runs), runs
            rate = statistics.median(r["updates"] / r["update_ms"] * 1000 for r in runs)
            them = theirs[name]["updates"] / theirs[name]["update_ms"] * 1000
            print(f"{name:10} {runs[0]['updates']:>8} {rate:>9,.0f} {rate / ceiling:>8.2f} {them:>19,.0f}")
    finally:
        bench.close()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
