"""How results read on the organisers' pages: stage and round names, score lines, race lanes, sections.

Match records (``match_services``) and the entries' names in, translated text and plain dicts out;
the results list and the flash after a result both use ``score_line`` so they read the same.
"""
from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _

from common.errors import N_
from competitions.sports.timed_race_rules import format_time

STAGE_LABELS = {"main": N_("Main draw"), "losers": N_("Losers' bracket"), "final": N_("Final"),
                "third_place": N_("Third-place match"), "group": N_("Group stage"), "knockout": N_("Knockout stage"),
                "heat": N_("Heats"), "repechage": N_("Repechage"), "semi": N_("Semi-finals"),
                "final_a": N_("Final A"), "final_b": N_("Final B")}
#: double elimination names its two brackets' ends differently
DOUBLE_LABELS = {"main": N_("Winners' bracket"), "final": N_("Grand final")}
MATCH_STATUS_LABELS = {"ready": N_("To score"), "pending": N_("Waiting for earlier results"),
                       "finished": N_("Finished"), "bye": N_("Bye")}
OUTCOME_LABELS = {"normal": N_("Played to the end"), "walkover": N_("Walkover"), "retired": N_("Retired"),
                  "disqualified": N_("Disqualified"), "forfeit": N_("Forfeit"), "default": N_("Lost by default")}
LANE_STATUS_LABELS = {"OK": N_("OK (finished)"), "DNS": N_("DNS (did not start)"), "DNF": N_("DNF (did not finish)"),
                      "DSQ": N_("DSQ (disqualified)")}
_KNOCKOUT_ROUNDS = (N_("Final"), N_("Semi-finals"), N_("Quarter-finals"))
_RACES = {"heat": N_("Heat %(n)s"), "repechage": N_("Repechage %(n)s"), "semi": N_("Semi-final %(n)s")}


def stage_label(stage: str, fmt: str) -> str:
    """A stage's name in the current language."""
    labels = DOUBLE_LABELS if fmt == "double_elimination" and stage in DOUBLE_LABELS else STAGE_LABELS
    return _(labels.get(stage, stage))


def round_label(stage: str, round_: int, last: int, fmt: str) -> str:
    """A round's name: Final, Semi-finals... in a single knockout, else Round n (empty for one-round stages)."""
    if fmt == "timed_heats":
        return _("Second run") if stage == "heat" and round_ == 2 else ""
    if stage in ("main", "knockout") and fmt != "double_elimination" and last - round_ < len(_KNOCKOUT_ROUNDS):
        return _(_KNOCKOUT_ROUNDS[last - round_])
    return _("Round %(n)s", n=round_) if last > 1 else ""


def match_title(rec: dict) -> str:
    """``Heat 2``, ``Final A`` for a race; ``Match 3`` for a head-to-head match."""
    stage = rec["stage"]
    if stage in _RACES:
        return _(_RACES[stage], n=rec["heat"] or rec["position"])
    if stage in ("final", "final_a", "final_b") and (rec["plan"] or {}).get("lanes"):
        return _(STAGE_LABELS[stage])
    return _("Match %(n)s", n=rec["position"])


def _pairs(pairs: list) -> str:
    return " ".join(f"{a}-{b}" for a, b in pairs)


def _sheet(result: dict) -> str:
    """The detail of a head-to-head result: games, rubbers or periods (overtimes marked OT)."""
    if "rubbers" in result:
        return " / ".join(f"{r['discipline']} {r['score'][0]}-{r['score'][1]}" for r in result["rubbers"])
    if "periods" in result:
        periods = result["periods"]
        quarters = 4 if len(periods) >= 4 else 1
        extra = [_("OT %(score)s", score=f"{a}-{b}") for a, b in periods[quarters:]]
        return " ".join([_pairs(periods[:quarters]), *extra]).strip()
    return _pairs(result.get("games") or [])


def score_line(rec: dict, names: dict) -> str:
    """The recorded result in one line: ``2-1 · 21-19 17-21 21-8``, a walkover's winner, or a race's times."""
    result = rec["result"]
    if not result:
        return ""
    if "lanes" in result:
        return " · ".join(f"{row['name']} {row['time']}" for row in race_rows(rec, names))
    parts = [f"{result['score'][0]}–{result['score'][1]}"] if result.get("score") else []
    sheet = _sheet(result)
    if sheet:
        parts.append(sheet)
    if result["outcome"] != "normal":
        winner, label = names.get(rec["winner_entry_id"], {}).get("name", ""), OUTCOME_LABELS[result["outcome"]]
        parts.insert(0, _("%(outcome)s, won by %(name)s", outcome=_(label), name=winner))
    return " · ".join(parts)


def side_names(rec: dict, names: dict) -> list[dict]:
    """The two sides of a match: name, delegation, whether it won (a slot not filled yet shows its label)."""
    labels = (rec["plan"] or {}).get("labels") or [None] * len(rec["entries"])
    sides = []
    for entry, label in zip(rec["entries"], labels):
        known = names.get(entry, {})
        sides.append({"entry_id": entry, "name": known.get("name") or label or _("To be decided"),
                      "delegation": known.get("delegation", ""), "won": entry is not None
                      and entry == rec["winner_entry_id"]})
    return sides


def race_rows(rec: dict, names: dict) -> list[dict]:
    """A race's lanes in lane order: crew, and once recorded its time (to 0.01 s) or status and penalty."""
    entries = rec["entries"]
    lanes = (rec["plan"] or {}).get("lanes") or list(range(1, len(entries) + 1))
    done = {lane["entry_id"]: lane for lane in (rec["result"] or {}).get("lanes", [])}
    rows = []
    for lane, entry in sorted(zip(lanes, entries), key=lambda p: p[0]):
        known, got = names.get(entry, {}), done.get(entry)
        row = {"lane": lane, "entry_id": entry, "name": known.get("name") or _("To be decided"),
               "delegation": known.get("delegation", ""), "time": "", "status": None, "penalty": ""}
        if got:
            row["status"] = got["status"]
            row["time"] = format_time(got["total_ms"]) if got["status"] == "OK" else got["status"]
            if got["penalty_ms"]:
                row["penalty"] = "+" + format_time(got["penalty_ms"])
                row["time"] += " " + _("(incl. %(penalty)s penalty)", penalty=row["penalty"])
        rows.append(row)
    return rows


def sections(every: list[dict], shown: list[dict], names: dict, fmt: str) -> list[dict]:
    """``shown`` matches grouped by stage, group and round in draw order: ``[{title, matches}]``."""
    last: dict = defaultdict(int)
    for rec in every:
        last[rec["stage"]] = max(last[rec["stage"]], rec["round"])
    grouped: dict[tuple, list] = {}
    for rec in shown:
        grouped.setdefault((rec["stage"], rec["group"], rec["round"]), []).append({
            "rec": rec, "title": match_title(rec), "sides": side_names(rec, names),
            "race": race_rows(rec, names) if (rec["plan"] or {}).get("lanes") else None,
            "score": score_line(rec, names)})
    out = []
    for (stage, group, round_), matches in grouped.items():
        parts = [stage_label(stage, fmt), _("Group %(name)s", name=group) if group else "",
                 round_label(stage, round_, last[stage], fmt)]
        out.append({"title": " · ".join(p for p in parts if p), "matches": matches})
    return out
