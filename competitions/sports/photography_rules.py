"""Photography judging: judges' scores, totals, ranking with flagged ties, awards by quotas. Pure.

* ``validate_result(discipline, settings, payload) -> {"scores": [...]}``: payload ``{scores: [8, 9.5, ...]}``,
  one score per judge who scored the entry (fewer than ``judges`` when a judge stood aside, 回避),
  each within ``score_min..score_max``; raises ``Invalid`` on ``scores`` or ``scores.2``.
* ``total(settings, scores) -> Fraction``: ``sum`` or ``mean`` of the scores, without the highest and
  the lowest when ``drop_extremes``. With ``sum``, an entry scored by fewer judges is counted as the
  mean times the full panel (less the two dropped scores) so standing aside does not lower it.
  Totals are exact fractions: ties are never an artefact of rounding.
* ``rank_entries(settings, entries) -> rows``: ``entries`` are ``{entry_id, scores, ...}``; rows best
  first ``{rank, entry_id, total, tied}``; equal totals share the rank and are flagged ``tied``.
* ``allocate_awards(settings, entries, chair_order=None) -> {"rows": [...], "flags": [...]}``: entries
  are ``{entry_id, author, delegation?, scores}``. Levels ``special, first, second, third,
  excellence`` take their quotas (settings ``award_*``) down the ranking; an author gets one ranked
  award, for their best entry (later ones: note ``author_awarded``); with
  ``max_awards_per_delegation`` a delegation stops at its cap (note ``delegation_cap``). Rows add
  ``author, delegation, award, note, flagged, chair`` to the ranking rows. Entries with equal totals
  whose outcomes would differ (a quota boundary, the delegation cap or two entries of one author
  inside the tie) are allocated provisionally in the given order and reported in ``flags`` as
  ``{entries, provisional, reasons}`` for the chair; once the chair records an order for them in
  ``chair_order`` that order is used (rows follow it, ``chair`` True, ranks stay shared) and the flag
  goes.
"""
from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any, Hashable, Mapping, Sequence

from common.errors import N_, ErrorBag, Invalid

LEVELS = (("special", "award_special"), ("first", "award_first"), ("second", "award_second"),
          ("third", "award_third"), ("excellence", "award_excellence"))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def validate_result(discipline: str | None, settings: Mapping, payload: Any) -> dict:
    """Check one entry's judges' scores against the panel and the scale."""
    if not isinstance(payload, Mapping):
        raise Invalid.one("result", N_("Must be an object."))
    scores, bag = payload.get("scores"), ErrorBag()
    low, high, panel = settings["score_min"], settings["score_max"], settings["judges"]
    if not isinstance(scores, list) or not 1 <= len(scores) <= panel:
        raise Invalid.one("scores", N_("Give one score per judge, %(judges)s at most."), judges=panel)
    for i, score in enumerate(scores):
        if not _number(score) or not low <= score <= high:
            bag.add(f"scores.{i}", N_("A score is a number from %(min)s to %(max)s."), min=low, max=high)
    if settings["drop_extremes"] and len(scores) < 3:
        bag.add("scores", N_("Dropping the highest and lowest score needs at least 3 scores."))
    bag.raise_if_any()
    return {"scores": list(scores)}


def total(settings: Mapping, scores: Sequence[float]) -> Fraction:
    """The entry's total: sum or mean, optionally without the highest and the lowest score."""
    values = sorted(Fraction(str(s)) for s in scores)
    panel = settings["judges"]
    if settings["drop_extremes"]:
        values, panel = values[1:-1], panel - 2
    if not values:
        return Fraction(0)
    mean = sum(values, Fraction(0)) / len(values)
    return mean if settings["aggregate"] == "mean" else mean * panel


def rank_entries(settings: Mapping, entries: Sequence[Mapping]) -> list[dict]:
    """Entries best first by total; equal totals share the rank and are flagged ``tied`` (never broken)."""
    totals = sorted(((total(settings, e["scores"]), i, e) for i, e in enumerate(entries)), key=lambda x: (-x[0], x[1]))
    rows: list[dict] = []
    for i, (value, _, entry) in enumerate(totals):
        same = i > 0 and totals[i - 1][0] == value
        rows.append({"rank": rows[-1]["rank"] if same else i + 1, "entry_id": entry["entry_id"],
                     "total": float(round(value, 3)), "tied": False})
        if same:
            rows[-2]["tied"] = rows[-1]["tied"] = True
    return rows


class _Quotas:
    """The award levels still open, taken from the top."""

    def __init__(self, settings: Mapping) -> None:
        self.left = [[level, settings[key]] for level, key in LEVELS if settings[key] > 0]

    def take(self) -> str | None:
        """The next award, or None when every quota is used."""
        while self.left and self.left[0][1] == 0:
            self.left.pop(0)
        if not self.left:
            return None
        self.left[0][1] -= 1
        return self.left[0][0]


def _groups(rows: list[dict]) -> list[list[dict]]:
    out: list[list[dict]] = []
    for row in rows:
        if out and out[-1][0]["rank"] == row["rank"]:
            out[-1].append(row)
        else:
            out.append([row])
    return out


def allocate_awards(settings: Mapping, entries: Sequence[Mapping],
                    chair_order: Sequence[Hashable] | None = None) -> dict:
    """Award levels by quota down the ranking: one per author, delegation cap, ties at a boundary flagged."""
    info = {e["entry_id"]: e for e in entries}
    rows = rank_entries(settings, entries)
    quotas, authors, delegations = _Quotas(settings), set(), Counter()
    cap = settings.get("max_awards_per_delegation") or 0
    flags, groups = [], _groups(rows)
    for group in groups:
        decided = bool(chair_order) and len(group) > 1 and all(r["entry_id"] in chair_order for r in group)
        if decided:
            group.sort(key=lambda r: list(chair_order).index(r["entry_id"]))
        before_authors, before = set(authors), Counter(delegations)
        for row in group:
            entry = info[row["entry_id"]]
            row.update(author=entry.get("author"), delegation=entry.get("delegation"), award=None, note=None)
            if row["author"] in authors:
                row["note"] = "author_awarded"
            elif cap and delegations[row["delegation"]] >= cap:
                row["note"] = "delegation_cap"
            else:
                row["award"] = quotas.take()
                if row["award"] is not None:  # (the quotas used up: nobody below is "already awarded")
                    authors.add(row["author"])
                    delegations[row["delegation"]] += 1
        open_rows = [r for r in group if r["author"] not in before_authors
                     and not (cap and before[r["delegation"]] >= cap)]
        reasons = _reasons(open_rows) if not decided else []
        if reasons:
            flags.append({"entries": [r["entry_id"] for r in group], "provisional": [r["award"] for r in group],
                          "reasons": reasons})
        for row in group:
            row.update(flagged=bool(reasons), chair=decided)
    return {"rows": [row for group in groups for row in group], "flags": flags}


def _reasons(open_rows: list[dict]) -> list[str]:
    """Why a tie needs the chair: its open entries (fate decided inside the tie) get different awards."""
    if len({r["award"] for r in open_rows}) < 2:
        return []
    names = {"author_awarded": "same_author", "delegation_cap": "delegation_cap"}
    reasons = {names[r["note"]] for r in open_rows if r["note"]}
    if len({r["award"] for r in open_rows if r["note"] is None}) > 1:
        reasons.add("quota_boundary")
    return sorted(reasons)
