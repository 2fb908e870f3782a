"""How results read on the organisers' pages: score lines, match sides, race lanes, sections by round.

Match records (``match_services``) and the entries' names in, translated text and plain dicts out. The
names of stages, rounds, races and outcomes come from ``result_words``, as on the public pages; the
results list and the flash after a result both use ``score_line`` so they read the same.
"""
from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _

from common.errors import N_
from competitions.result_words import (OUTCOMES, detail_text, full_match_name, group_name, lane_rows, match_name,
                                       match_sides, round_name, score_summary, stage_heading)
from web.i18n import translate

MATCH_STATUS_LABELS = {"ready": N_("To score"), "pending": N_("Waiting for earlier results"),
                       "finished": N_("Finished"), "bye": N_("Bye")}
LANE_STATUS_LABELS = {"OK": N_("Completed"), "DNS": N_("DNS (did not start)"), "DNF": N_("DNF (did not finish)"),
                      "DSQ": N_("DSQ (disqualified)")}


def match_title(rec: dict, contest, last: int | None = None) -> str:
    """``Heat 2``, ``Final A`` for a race; ``Match 3`` for a head-to-head match in a list under its round;
    given the stage's ``last`` round, the name that stands alone: ``Semi-finals · Match 2``."""
    runs = contest.format.get("runs", 1)
    if last is None:
        return translate(match_name(rec, runs))
    return translate(full_match_name(rec, contest.format["type"], last, runs))


def score_line(rec: dict, names: dict, discipline: str | None = None) -> str:
    """The recorded result in one line: ``2-1 · 21-19 17-21 21-8``, a walkover's winner, or a race's times."""
    result = rec["result"]
    if not result:
        return ""
    if "lanes" in result:
        return " · ".join(f"{row['name']} {row['time']}" for row in race_rows(rec, names))
    summary = score_summary(result, discipline)
    parts = [f"{summary['score'][0]}–{summary['score'][1]}"] if summary["score"] else []
    details = detail_text(summary["details"], _)
    if details:
        parts.append(details)
    if summary["outcome"]:
        winner, outcome = names.get(rec["winner_entry_id"], {}).get("name", ""), OUTCOMES[summary["outcome"]]
        parts.insert(0, _("%(outcome)s, won by %(name)s", outcome=_(outcome), name=winner))
    return " · ".join(parts)


def side_names(rec: dict, names: dict) -> list[dict]:
    """The two sides of a match: name, delegation, whether it won (a slot not filled yet says who will come)."""
    return [dict(side, delegation=side["delegation"] or "",
                 name=side["name"] or (translate(side["label"]) if side["label"] else _("To be decided")))
            for side in match_sides(rec, names)]


def race_rows(rec: dict, names: dict) -> list[dict]:
    """A race's lanes in lane order: crew, and once recorded its time (to 0.01 s) or status and penalty."""
    rows = lane_rows(rec, names)
    for row in rows:
        row.update(name=row["name"] or _("To be decided"), delegation=row["delegation"] or "",
                   time=row["time"] or row["status"] or "")
        if row["penalty"]:
            row["penalty"] = "+" + row["penalty"]
            row["time"] += " " + _("(incl. %(penalty)s penalty)", penalty=row["penalty"])
    return rows


def _title(fmt: str, stage: str, group: str | None, round_: int, last: int) -> str:
    """A section's heading as on the public pages: the stage where it needs naming, the group, the round."""
    parts = [stage_heading(fmt, stage), group_name(group)]
    name = round_name(fmt, stage, round_, last)
    if name not in parts:
        parts.append(name)
    return " · ".join(translate(p) for p in parts if p is not None)


def sections(every: list[dict], shown: list[dict], names: dict, contest) -> list[dict]:
    """``shown`` matches grouped by stage, group and round in draw order: ``[{title, matches}]``."""
    last: dict = defaultdict(int)
    for rec in every:
        last[rec["stage"]] = max(last[rec["stage"]], rec["round"])
    grouped: dict[tuple, list] = {}
    for rec in shown:
        grouped.setdefault((rec["stage"], rec["group"], rec["round"]), []).append({
            "rec": rec, "title": match_title(rec, contest), "sides": side_names(rec, names),
            "race": race_rows(rec, names) if (rec["plan"] or {}).get("lanes") else None,
            "score": score_line(rec, names, contest.discipline)})
    fmt = contest.format["type"]
    return [{"title": _title(fmt, stage, group, round_, last[stage]), "matches": matches}
            for (stage, group, round_), matches in grouped.items()]
