"""Timed race rules (ice dragon boat): lane results, penalties, times to 0.01 s, crew ranking. Pure.

* ``validate_result(discipline, settings, payload, entries=None) -> result``. Payload:
  ``{lanes: [{entry_id, time_ms?, status?: "OK"|"DNS"|"DNF"|"DSQ", penalty_ms?, false_starts?}]}``;
  a crew with status OK needs a time; penalties add (``penalty_ms`` plus ``false_starts`` times the
  setting ``false_start_penalty_ms``). With ``entries`` the race must give one lane per crew.
  Result: ``{lanes: [{entry_id, status, time_ms, penalty_ms, total_ms}]}``, ``total_ms`` None unless OK.
  Raises ``Invalid`` on ``lanes``, ``lanes.2.time_ms``, ``lanes.0.entry_id``...
* ``hundredths(ms)``: times are compared at 0.01 s, truncated (as ``RaceTime.hundredths`` of the
  scheduling formats): 61234 ms and 61239 ms are both 61.23 s and share a place.
* ``format_time(ms)``: the style of Chinese result sheets, ``1:01.23`` from one minute, ``58.40`` below;
  ``parse_time(text)`` reads that back (or plain seconds) into milliseconds.
* ``rank_crews(settings, races, ranking="best", cut=None, runs=None) -> rows``: ``races`` are validated
  results; ``ranking`` is ``best`` (best single time), ``sum`` (sum of the runs, each at 0.01 s; a crew
  with fewer than ``runs`` runs, by default the most any crew has, or any run not OK is unranked) or
  ``final`` (the races given are the final: one run per crew, ranked like ``best``).
  Rows, best first: ``{place, entry_id, status, time_ms, time, runs: [total_ms|None], decide}``. Crews
  equal to 0.01 s share the place; crews without a valid time come after every finisher, unranked
  (place None), in the order DNF, DNS, DSQ. When ``cut`` crews progress and the crews at the cut share
  a place, each of them gets ``decide`` = the setting ``tie_resolution`` (``rerace`` or ``lot``): the
  tie is flagged, never broken here.
"""
from __future__ import annotations

import re
from typing import Any, Collection, Hashable, Mapping, Sequence

from common.errors import N_, ErrorBag, Invalid

STATUSES = ("OK", "DNS", "DNF", "DSQ")
UNRANKED_ORDER = ("DNF", "DNS", "DSQ")
RANKINGS = ("best", "sum", "final")
#: times and penalties are under a day (a bound that keeps nonsense such as 10**30 ms out of the tables)
MAX_MS = 24 * 3600 * 1000
MAX_FALSE_STARTS = 9
_TIME = re.compile(r"^(?:(\d+):)?(\d+)(?:\.(\d{1,3}))?$")


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _lane(settings: Mapping, raw: Any, path: str, bag: ErrorBag) -> dict | None:
    """One lane's result checked and normalised, or None after adding errors under ``path``."""
    if not isinstance(raw, Mapping):
        bag.add(path, N_("Must be an object {entry_id, time_ms, status}."))
        return None
    status, time_ms = raw.get("status") or "OK", raw.get("time_ms")
    penalty, false_starts = raw.get("penalty_ms") or 0, raw.get("false_starts") or 0
    before = len(bag.errors)
    if raw.get("entry_id") is None:
        bag.add(path + ".entry_id", N_("This field is required."))
    elif not isinstance(raw["entry_id"], (int, str)) or isinstance(raw["entry_id"], bool):
        bag.add(path + ".entry_id", N_("Must be an entry id."))
    if status not in STATUSES:
        bag.add(path + ".status", N_("Must be one of: %(choices)s."), choices=", ".join(STATUSES))
    if time_ms is not None and not _int(time_ms):
        bag.add(path + ".time_ms", N_("Must be a whole number."))  # (of milliseconds: the field's name says so)
    elif time_ms is not None and time_ms <= 0:
        bag.add(path + ".time_ms", N_("A time must be more than 0."))  # (in words a page in seconds can show)
    elif time_ms is not None and time_ms >= MAX_MS:
        bag.add(path + ".time_ms", N_("A time must be under 24 hours."))
    elif status == "OK" and time_ms is None:
        bag.add(path + ".time_ms", N_("A crew that finished needs a time."))
    if not _int(penalty):
        bag.add(path + ".penalty_ms", N_("Must be a whole number."))
    elif penalty < 0:
        bag.add(path + ".penalty_ms", N_("A penalty cannot be negative."))
    elif penalty >= MAX_MS:
        bag.add(path + ".penalty_ms", N_("A penalty must be under 24 hours."))
    if not _int(false_starts) or not 0 <= false_starts <= MAX_FALSE_STARTS:
        bag.add(path + ".false_starts", N_("Must be a whole number from 0 to %(max)s."), max=MAX_FALSE_STARTS)
    if len(bag.errors) > before:
        return None
    penalty += false_starts * settings["false_start_penalty_ms"]
    total = time_ms + penalty if status == "OK" else None
    return {"entry_id": raw["entry_id"], "status": status, "time_ms": time_ms, "penalty_ms": penalty,
            "total_ms": total}


def validate_result(discipline: str | None, settings: Mapping, payload: Any,
                    entries: Collection[Hashable] | None = None) -> dict:
    """Check a race's lanes (statuses, times, penalties, one per crew); return them normalised."""
    if not isinstance(payload, Mapping):
        raise Invalid.one("result", N_("Must be an object."))
    raw = payload.get("lanes")
    if not isinstance(raw, list) or not raw:
        raise Invalid.one("lanes", N_("Must be a list of lane results {entry_id, time_ms, status}."))
    bag = ErrorBag()
    lanes, seen = [], set()
    for i, item in enumerate(raw):
        lane = _lane(settings, item, f"lanes.{i}", bag)
        if lane is None:
            continue
        if lane["entry_id"] in seen or (entries is not None and lane["entry_id"] not in entries):
            bag.add(f"lanes.{i}.entry_id", N_("Not a crew of this race, or given twice."))
        seen.add(lane["entry_id"])
        lanes.append(lane)
    if not bag and entries is not None and seen != set(entries):
        bag.add("lanes", N_("Give one result for each crew of the race."))
    bag.raise_if_any()
    return {"lanes": lanes}


def hundredths(ms: int) -> int:
    """A time in whole hundredths of a second (truncated): the resolution at which times compare."""
    return ms // 10


def format_time(ms: int | None) -> str:
    """A time as shown on result sheets: ``1:01.23`` from one minute, ``58.40`` below, empty for None."""
    if ms is None:
        return ""
    seconds, cs = divmod(hundredths(ms), 100)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}.{cs:02d}" if minutes else f"{seconds}.{cs:02d}"


def parse_time(text: str) -> int:
    """Milliseconds from ``1:01.23``, ``61.23`` or ``61.234``; ValueError when it is not a time."""
    match = _TIME.match(text.strip()) if isinstance(text, str) else None
    if not match or (match.group(1) is not None and (len(match.group(2)) != 2 or int(match.group(2)) > 59)):
        raise ValueError(f"not a time: {text!r}")
    minutes, seconds, fraction = int(match.group(1) or 0), int(match.group(2)), (match.group(3) or "")
    return (minutes * 60 + seconds) * 1000 + int(fraction.ljust(3, "0"))


def _runs(races: Sequence[Mapping]) -> dict[Hashable, list[dict]]:
    out: dict[Hashable, list[dict]] = {}
    for race in races:
        for lane in race["lanes"]:
            out.setdefault(lane["entry_id"], []).append(lane)
    return out


def _ranking_time(lanes: list[dict], ranking: str, runs: int) -> tuple[int | None, str]:
    """A crew's ranking time in hundredths (None: unranked) and the status shown."""
    valid = [hundredths(lane["total_ms"]) for lane in lanes if lane["status"] == "OK"]
    bad = [lane["status"] for lane in lanes if lane["status"] != "OK"]
    if ranking == "sum":
        if bad or len(lanes) < runs:
            return None, (bad or ["DNS"])[0]
        return sum(valid), "OK"
    return (min(valid), "OK") if valid else (None, bad[0])


def rank_crews(settings: Mapping, races: Sequence[Mapping], ranking: str = "best", cut: int | None = None,
               runs: int | None = None) -> list[dict]:
    """Crews ranked by best time, sum of runs or final; equal times share a place; a tie at ``cut`` is flagged."""
    if ranking not in RANKINGS:
        raise ValueError(f"unknown ranking {ranking!r}")
    crews = _runs(races)
    need = runs or max((len(v) for v in crews.values()), default=0)
    rows = []
    for entry, lanes in crews.items():
        h, status = _ranking_time(lanes, ranking, need)
        rows.append({"place": None, "entry_id": entry, "status": status, "time_ms": None if h is None else h * 10,
                     "time": status if h is None else format_time(h * 10),
                     "runs": [lane["total_ms"] for lane in lanes], "decide": None})
    order = {e: i for i, e in enumerate(crews)}
    rows.sort(key=lambda r: (0, r["time_ms"], 0) if r["time_ms"] is not None
              else (1, UNRANKED_ORDER.index(r["status"]), order[r["entry_id"]]))
    for i, row in enumerate(rows):
        if row["time_ms"] is not None:
            same = i and rows[i - 1]["time_ms"] == row["time_ms"]
            row["place"] = rows[i - 1]["place"] if same else i + 1
    _flag_cut(rows, cut, settings["tie_resolution"])
    return rows


def _flag_cut(rows: list[dict], cut: int | None, how: str) -> None:
    """Flag the crews sharing the place across the progression cut (``cut`` crews go through)."""
    if not cut or cut >= len(rows):
        return
    last_in, first_out = rows[cut - 1], rows[cut]
    if last_in["place"] is None or last_in["place"] != first_out["place"]:
        return
    for row in rows:
        if row["place"] == last_in["place"]:
            row["decide"] = how


def progression_tie(rows: Sequence[Mapping]) -> list[Hashable]:
    """The crews whose shared time at the cut must be decided by re-race or lot (empty when none)."""
    return [row["entry_id"] for row in rows if row["decide"]]
