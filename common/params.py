"""Declarative parameters (contest settings, format options) with defaults, bounds and validation.

A ``Param`` describes one value; ``validate_params`` checks a dict from a user against a tuple of
them, fills the defaults and names every failing field. Pure: no Flask, no database.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from common.errors import N_, ErrorBag, Invalid

INT, BOOL, CHOICE, STR = "int", "bool", "choice", "str"


@dataclass(frozen=True)
class Param:
    """One setting: its key, kind, default, bounds or choices, and a translatable label. A default may be a
    function of the settings before it (filled in the order the settings are declared)."""

    key: str
    kind: str
    default: Any
    label: str
    min: int | None = None
    max: int | None = None
    choices: tuple = ()
    required: bool = False
    #: the disciplines this setting applies to (empty: all of them)
    disciplines: tuple[str, ...] = ()
    help: str = ""

    def applies_to(self, discipline: str | None) -> bool:
        return not self.disciplines or discipline in self.disciplines

    def check(self, value: Any, path: str, bag: ErrorBag) -> Any:
        """Return the value converted to this kind, or add an error to ``bag``."""
        if self.kind == BOOL:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "y", "n", "on", "off"):
                return value.lower() in ("true", "1", "y", "on")
            bag.add(path, N_("Must be true or false."))
            return None
        if self.kind == INT:
            return self._check_int(value, path, bag)
        if self.kind == CHOICE:
            for choice in self.choices:
                if value == choice or (isinstance(value, str) and value == str(choice)):
                    return choice
            bag.add(path, N_("Must be one of: %(choices)s."), choices=", ".join(str(c) for c in self.choices))
            return None
        if not isinstance(value, str):
            bag.add(path, N_("Must be text."))
            return None
        if self.max is not None and len(value) > self.max:
            bag.add(path, N_("At most %(max)s characters."), max=self.max)
            return None
        return value

    def _check_int(self, value: Any, path: str, bag: ErrorBag) -> int | None:
        if isinstance(value, bool):
            bag.add(path, N_("Must be a whole number."))
            return None
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int):
            bag.add(path, N_("Must be a whole number."))
            return None
        if self.choices and value not in self.choices:
            bag.add(path, N_("Must be one of: %(choices)s."), choices=", ".join(str(c) for c in self.choices))
            return None
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            bag.add(path, N_("Must be between %(min)s and %(max)s."), min=self.min, max=self.max)
            return None
        return value


def validate_params(
    params: tuple[Param, ...], given: Any, prefix: str, discipline: str | None = None
) -> dict[str, Any]:
    """Check ``given`` against ``params``: unknown keys, kinds, bounds; return it with defaults filled.

    Raises Invalid naming each failing field as ``prefix + key``.
    """
    bag = ErrorBag()
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise Invalid.one(prefix.rstrip("."), N_("Must be an object."))
    known = {p.key: p for p in params if p.applies_to(discipline)}
    out: dict[str, Any] = {}
    for key in given:
        if key not in known:
            bag.add(prefix + str(key), N_("Unknown setting."))
    for key, param in known.items():
        if key in given and given[key] is not None:
            out[key] = param.check(given[key], prefix + key, bag)
        elif param.required:
            bag.add(prefix + key, N_("This field is required."))
        else:
            out[key] = param.default(out) if callable(param.default) else param.default
    bag.raise_if_any()
    return out
