"""The shapes every sport module declares: disciplines, roster rules and settings. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from common.params import Param

Range = tuple[int, int | None]  # (minimum, maximum or None for no maximum)


@dataclass(frozen=True)
class Discipline:
    """A discipline of a sport (badminton MS, basketball 3x3...) and what kind of entry it takes."""

    code: str
    label: str
    #: "player", "pair", "team", "crew" or "author"
    entry_kind: str


@dataclass(frozen=True)
class RosterRule:
    """What an entry's members must look like for one discipline under one contest's settings.

    ``roles`` maps each allowed role to the (min, max) number of members holding it;
    ``genders`` maps "M"/"F" to (min, max) counted among members whose role is in ``gender_roles``;
    ``age_min``/``age_max`` apply to members whose role is in ``age_roles`` (0: no limit);
    ``aliases`` maps other words for a role to it (an author sent as API.md's generic "player").
    """

    roles: dict[str, Range]
    genders: dict[str, Range] = field(default_factory=dict)
    gender_roles: tuple[str, ...] = ()
    age_min: int = 0
    age_max: int = 0
    age_roles: tuple[str, ...] = ()
    default_role: str = "player"
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def min_members(self) -> int:
        return sum(lo for lo, _ in self.roles.values())

    @property
    def max_members(self) -> int | None:
        highs = [hi for _, hi in self.roles.values()]
        return None if any(h is None for h in highs) else sum(highs)


@dataclass(frozen=True)
class Sport:
    """A sport: its code, label, disciplines, supported formats, settings and roster rule."""

    code: str
    label: str
    #: "head_to_head", "timed" or "judged"
    kind: str
    disciplines: dict[str, Discipline]
    formats: tuple[str, ...]
    settings: tuple[Param, ...]
    #: roster(discipline, settings) -> RosterRule
    roster: Callable[[str | None, dict[str, Any]], RosterRule]
    #: cross-field checks: check(discipline, settings, bag) adds errors under "settings."
    check: Callable[[str | None, dict[str, Any], Any], None] | None = None
    #: whether the contest needs a discipline code (the dragon boat describes its boat in settings)
    needs_discipline: bool = True

    def settings_for(self, discipline: str | None) -> tuple[Param, ...]:
        return tuple(p for p in self.settings if p.applies_to(discipline))
