"""One interface over the sports' result rules, resolved from a contest's sport; entry ids to slots. Pure.

``rules_for(sport)`` gives a ``Rules`` whose ``validate`` and ``rank_group`` have the same signature for
every sport (the rule modules differ in small ways: a race checks its crews, basketball's procedure
needs the settings). The API speaks in entry ids (``winner_entry_id``), the rule modules in slots
(``winner``: 0 or 1): ``to_slots`` translates a payload for a match's entries and ``to_entry_paths``
renames the error paths back, so a 422 names the field the client sent.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Mapping, Sequence

from common.errors import N_, ErrorBag, Invalid
from competitions.sports import badminton_rules, basketball_rules, photography_rules, timed_race_rules

#: sport code -> (kind, rules module)
RULES: dict[str, tuple[str, ModuleType]] = {
    "badminton": ("head_to_head", badminton_rules),
    "basketball": ("head_to_head", basketball_rules),
    "ice_dragon_boat": ("timed", timed_race_rules),
    "photography": ("judged", photography_rules),
}


@dataclass(frozen=True)
class Rules:
    """The result rules of one sport: validation, the winning slot, group ranking."""

    sport: str
    kind: str
    module: ModuleType

    def validate(self, discipline: str | None, settings: Mapping, payload: Any, knockout: bool = False,
                 crews: Sequence | None = None) -> dict:
        """The normalised result, or Invalid naming the broken rule (races: one lane per crew of ``crews``)."""
        if self.kind == "timed":
            return self.module.validate_result(discipline, settings, payload, crews)
        if self.kind == "judged":
            return self.module.validate_result(discipline, settings, payload)
        return self.module.validate_result(discipline, settings, payload, knockout)

    def check_players(self, result: Mapping, rosters: Callable[[], Sequence[Mapping]]) -> None:
        """Invalid unless the players a validated result names (a team tie's rubbers) are on their teams' rosters
        as the sport asks; ``rosters`` loads them (name -> gender per slot), only when players are named."""
        named = getattr(self.module, "players_named", None)
        if named is not None and named(result):
            self.module.check_rosters(result, rosters())

    def winner(self, result: Mapping) -> int | None:
        """The winning slot of a head-to-head result (None for races and judged entries)."""
        return self.module.outcome(result) if self.kind == "head_to_head" else None

    def rank_group(self, discipline: str | None, settings: Mapping, entries: Sequence,
                   results: Sequence[tuple[Any, Any, Mapping]], lots: Sequence | None = None,
                   withdrawn: Sequence = ()) -> list[dict]:
        """A group table ranked by the sport's procedure (rows as ``tiebreak.standings``); the results of
        ``withdrawn`` entries count or not as the sport and its settings say."""
        if self.kind != "head_to_head":
            raise ValueError(f"{self.sport} has no group tables")
        return self.module.rank_group(discipline, settings, entries, results, lots, withdrawn)

    def walkover(self, discipline: str | None, settings: Mapping, winner: int, knockout: bool = True) -> dict:
        """The result of a match the other side does not play (withdrawn): a walkover, or a forfeit where
        the sport has no walkover (basketball: 20-0)."""
        outcome = "walkover" if "walkover" in self.module.OUTCOMES else "forfeit"
        return self.validate(discipline, settings, {"outcome": outcome, "winner": winner}, knockout)


def rules_for(sport: str) -> Rules:
    """The result rules of a sport; Invalid on ``sport`` when none is registered."""
    try:
        kind, module = RULES[sport]
    except (KeyError, TypeError):
        raise Invalid.one("sport", N_("Unknown sport. Choose one of: %(choices)s."), choices=", ".join(RULES))
    return Rules(sport, kind, module)


def _slot(value: Any, entries: Sequence, path: str, bag: ErrorBag) -> int | None:
    if value is None:
        return None
    for slot, entry in enumerate(entries):
        if entry is not None and not isinstance(value, bool) and value == entry:
            return slot
    bag.add(path, N_("Must be one of the entries of this match: %(choices)s."),
            choices=", ".join(str(e) for e in entries if e is not None))
    return None


def to_slots(payload: Any, entries: Sequence) -> dict:
    """The payload for the rule modules: ``winner_entry_id`` (also in rubbers) becomes the slot ``winner``."""
    if not isinstance(payload, Mapping):
        raise Invalid.one("result", N_("Must be an object."))
    bag = ErrorBag()
    out = {k: v for k, v in payload.items() if k not in ("version", "winner", "winner_entry_id")}
    out["winner"] = _slot(payload.get("winner_entry_id"), entries, "winner_entry_id", bag)
    rubbers = payload.get("rubbers")
    if isinstance(rubbers, list):
        out["rubbers"] = []
        for i, rubber in enumerate(rubbers):
            if isinstance(rubber, Mapping):
                rubber = {k: v for k, v in rubber.items() if k not in ("winner", "winner_entry_id")}
                rubber["winner"] = _slot(rubbers[i].get("winner_entry_id"), entries,
                                         f"rubbers.{i}.winner_entry_id", bag)
            out["rubbers"].append(rubber)
    bag.raise_if_any()
    return out


def _entry_path(path: str) -> str:
    if path == "winner":
        return "winner_entry_id"
    return path[:-len("winner")] + "winner_entry_id" if path.endswith(".winner") else path


def to_entry_paths(err: Invalid) -> Invalid:
    """The same errors with ``winner`` paths named as the API sends them (``winner_entry_id``)."""
    return Invalid({_entry_path(k): v for k, v in err.errors.items()})
