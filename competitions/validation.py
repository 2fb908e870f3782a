"""Cleaning and checking of event, division, venue and contest input. Pure: no Flask, no models."""
from __future__ import annotations

from common import fields
from common.errors import N_, ErrorBag, Invalid
from competitions.sports import validate_contest_definition

VENUE_KINDS = ("hall", "arena", "course", "exhibition")


def clean_event(data: dict, bag: ErrorBag) -> dict:
    """Name, dates (end not before start), time zone and host of an event."""
    out = {
        "name": fields.text(bag, data, "name", 200),
        "starts_on": fields.day(bag, data, "starts_on"),
        "ends_on": fields.day(bag, data, "ends_on"),
        "timezone": fields.timezone_name(bag, data, "timezone", "Asia/Shanghai"),
        "host": fields.text(bag, data, "host", 200, required=False),
    }
    if out["starts_on"] and out["ends_on"] and out["ends_on"] < out["starts_on"]:
        bag.add("ends_on", N_("The end date cannot be before the start date."))
    return out


def clean_divisions(items: object, bag: ErrorBag, path: str = "divisions") -> list[dict]:
    """A list of {code, name} with unique codes and names."""
    if items is None:
        return []
    if not isinstance(items, list):
        bag.add(path, N_("Must be a list of {code, name}."))
        return []
    if len(items) > 50:
        bag.add(path, N_("At most %(max)s items."), max=50)
        return []
    out, codes, names = [], set(), set()
    for i, item in enumerate(items):
        prefix = f"{path}.{i}."
        if not isinstance(item, dict):
            bag.add(f"{path}.{i}", N_("Must be an object."))
            continue
        div = clean_division(item, bag, prefix)
        if div["code"] in codes:
            bag.add(prefix + "code", N_("This code is used twice."))
        if div["name"] in names:
            bag.add(prefix + "name", N_("This name is used twice."))
        codes.add(div["code"])
        names.add(div["name"])
        out.append(div)
    return out


def clean_division(data: dict, bag: ErrorBag, prefix: str = "") -> dict:
    """A division's code and name."""
    return {"code": fields.code(bag, data, "code", prefix=prefix), "name": fields.text(bag, data, "name", 100, prefix=prefix)}


def clean_venue(data: dict, bag: ErrorBag) -> dict:
    """A venue's name, kind, address and its courts or lanes (a count, or a list of names)."""
    out = {
        "name": fields.text(bag, data, "name", 100),
        "kind": fields.text(bag, data, "kind", 20, required=False, default="hall") or "hall",
        "address": fields.text(bag, data, "address", 200, required=False),
    }
    if out["kind"] not in VENUE_KINDS:
        bag.add("kind", N_("Must be one of: %(choices)s."), choices=", ".join(VENUE_KINDS))
    courts = data.get("courts") if isinstance(data, dict) else None
    if isinstance(courts, list):
        names = [fields.text(bag, {"n": c}, "n", 50, prefix="") if isinstance(c, str) else None for c in courts]
        if any(n is None for n in names) or len(set(names)) != len(names) or not 0 < len(names) <= 64:
            bag.add("courts", N_("Give 1 to 64 different court or lane names."))
        out["courts"] = [n for n in names if n]
    else:
        count = fields.integer(bag, data, "courts", 1, 64)
        out["courts"] = [str(i) for i in range(1, (count or 0) + 1)]
    return out


def clean_contest(data: dict, bag: ErrorBag, tz: str, division_codes: set[str]) -> dict:
    """A contest's name, definition (through the sports registry), window and capacity."""
    out = {
        "name": fields.text(bag, data, "name", 100),
        "division": fields.text(bag, data, "division", 32, required=False) or None,
        "registration_opens_at": fields.moment(bag, data, "registration_opens_at", tz),
        "registration_closes_at": fields.moment(bag, data, "registration_closes_at", tz),
        "max_entries": fields.integer(bag, data, "max_entries", 2, 4096, required=False),
        "waiting_list": fields.boolean(bag, data, "waiting_list"),
    }
    if out["division"] and out["division"] not in division_codes:
        bag.add("division", N_("Unknown division. Choose one of: %(choices)s."), choices=", ".join(sorted(division_codes)))
    opens, closes = out["registration_opens_at"], out["registration_closes_at"]
    if opens and closes and closes <= opens:
        bag.add("registration_closes_at", N_("Registration must close after it opens."))
    try:
        discipline, fmt, settings = validate_contest_definition(
            data.get("sport"), data.get("discipline"), data.get("format"), data.get("settings"))
        out.update(sport=data["sport"], discipline=discipline, format=fmt, settings=settings)
    except Invalid as err:
        bag.merge(err)
    return out
