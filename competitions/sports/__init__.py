"""The sports registry: one module per sport, resolved from the contest's ``sport`` string. Pure.

``validate_contest_definition`` is the one place where a contest's sport, discipline, format and
settings are checked, for the web form and the API alike.
"""
from __future__ import annotations

from typing import Any

from common.errors import N_, ErrorBag, Invalid
from common.params import validate_params
from competitions.sports import badminton, basketball, ice_dragon_boat, photography
from competitions.sports.base import Discipline, RosterRule, Sport
from competitions.sports.formats import CHOICE_LABELS, FORMAT_LABELS, FORMATS

SPORTS: dict[str, Sport] = {m.SPORT.code: m.SPORT for m in (badminton, basketball, ice_dragon_boat, photography)}

__all__ = ["SPORTS", "FORMATS", "FORMAT_LABELS", "CHOICE_LABELS", "Discipline", "RosterRule", "Sport", "get_sport",
           "validate_contest_definition", "roster_rule"]


def get_sport(code: str) -> Sport:
    """The sport registered under ``code``; Invalid on the field ``sport`` when there is none."""
    try:
        return SPORTS[code]
    except (KeyError, TypeError):
        raise Invalid.one("sport", N_("Unknown sport. Choose one of: %(choices)s."), choices=", ".join(SPORTS))


def validate_contest_definition(sport_code: Any, discipline: Any, fmt: Any, settings: Any) -> tuple[str | None, dict, dict]:
    """Check a contest's discipline, format and settings against its sport.

    Returns ``(discipline, format, settings)`` normalised with defaults; raises Invalid naming every
    failing field (``discipline``, ``format.type``, ``format.groups``, ``settings.cap``...).
    """
    sport = get_sport(sport_code)
    bag = ErrorBag()
    if sport.needs_discipline:
        if not isinstance(discipline, str) or discipline not in sport.disciplines:
            bag.add("discipline", N_("Unknown discipline. Choose one of: %(choices)s."),
                    choices=", ".join(sport.disciplines))
    elif discipline not in (None, ""):
        bag.add("discipline", N_("This sport describes the discipline in its settings."))
    discipline = discipline if sport.needs_discipline else None
    fmt_out = _validate_format(sport, fmt, bag)
    settings_out: dict = {}
    if "discipline" not in bag.errors:
        try:
            settings_out = validate_params(sport.settings, settings, "settings.", discipline)
        except Invalid as err:
            bag.merge(err)
        else:
            if sport.check:
                sport.check(discipline, settings_out, bag)
    bag.raise_if_any()
    return discipline, fmt_out, settings_out


def _validate_format(sport: Sport, fmt: Any, bag: ErrorBag) -> dict:
    if not isinstance(fmt, dict):
        bag.add("format", N_("Must be an object with a type."))
        return {}
    ftype = fmt.get("type")
    if not isinstance(ftype, str) or ftype not in FORMATS:
        bag.add("format.type", N_("Unknown format. Choose one of: %(choices)s."), choices=", ".join(sport.formats))
        return {}
    if ftype not in sport.formats:
        bag.add("format.type", N_("This sport does not use this format. Choose one of: %(choices)s."),
                choices=", ".join(sport.formats))
        return {}
    options = {k: v for k, v in fmt.items() if k != "type"}
    try:
        return {"type": ftype, **validate_params(FORMATS[ftype], options, "format.")}
    except Invalid as err:
        bag.merge(err)
        return {}


def roster_rule(sport_code: str, discipline: str | None, settings: dict) -> RosterRule:
    """The roster rule of a contest, from its sport, discipline and (validated) settings."""
    return get_sport(sport_code).roster(discipline, settings)
