"""An entry's members checked against the contest's roster rule (RULES.md). Pure: no Flask, no models.

``validate_members`` cleans every member (name, gender, birth date, ID number, role, phone), then
checks the whole roster: counts per role, the sex composition among the counted roles, age limits
and persons listed twice. Every error is under a field path: ``members.3.gender`` (0-based index,
as in the API) for one member, ``members`` for a rule of the whole roster. Messages say "member
no. %(other)s" counting from 1, as a person reads a list. Member messages carry the member's name
in ``member``. Lenient on input: sex as M/F or 男/女 (any case), dates as ISO or as Chinese forms
write them (1990/5/1, 1990.5.1, 1990年5月1日, 19900501); a missing birth date is read from the ID.

Phones: a mobile is 11 digits starting with 1 (spaces, dashes and a +86 prefix are dropped); a
landline is an area code starting with 0, a dash or not, 7-8 digits and an optional "-extension"
(0451-86123456-12), or a bare 7-8 digit local number, kept as written without spaces.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from common.errors import N_, ErrorBag, Invalid, Message, msg
from competitions.sports.base import RosterRule
from registrations.idcard import birth_date_from_id, gender_from_id, validate_id_number

NAME_MAX = 50
#: more members than this is refused before any other check (no sport comes near it)
MEMBERS_LIMIT = 200
#: role codes with an English label for the faces to translate (messages carry it through ``role_name``)
ROLE_LABELS = {"player": N_("player"), "coach": N_("coach"), "paddler": N_("paddler"),
               "drummer": N_("drummer"), "steerer": N_("steerer"), "reserve": N_("reserve"),
               "author": N_("author")}
#: accepted spellings of the sexes, compared case-insensitively
GENDER_WORDS = {"m": "M", "f": "F", "男": "M", "女": "F", "male": "M", "female": "F", "男性": "M", "女性": "F"}


def role_name(code: str) -> Message:
    """A role's name in a message (rendered in the reader's language)."""
    return msg(ROLE_LABELS.get(code, code))

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})")
_LANDLINE = re.compile(r"(?:0\d{2,3}-?)?[2-9]\d{6,7}(?:-\d{1,6})?")
_PHONE_STRIP = re.compile(r"[\s\-()]")
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
                  r"|(\d{4})(\d{2})(\d{2})")

# msgids for the sex composition, by sex and by the shape of the range
_GENDER_MSGS = {
    "M": {"exact": N_("Men needed: exactly %(min)s; this entry has %(count)s."),
          "range": N_("Men needed: %(min)s to %(max)s; this entry has %(count)s."),
          "at_least": N_("Men needed: at least %(min)s; this entry has %(count)s."),
          "at_most": N_("Men allowed: at most %(max)s; this entry has %(count)s."),
          "none": N_("Only women may hold the role %(role)s in this contest.")},
    "F": {"exact": N_("Women needed: exactly %(min)s; this entry has %(count)s."),
          "range": N_("Women needed: %(min)s to %(max)s; this entry has %(count)s."),
          "at_least": N_("Women needed: at least %(min)s; this entry has %(count)s."),
          "at_most": N_("Women allowed: at most %(max)s; this entry has %(count)s."),
          "none": N_("Only men may hold the role %(role)s in this contest.")},
}
_ROLE_MSGS = {"exact": N_("Role %(role)s: exactly %(min)s needed; this entry has %(count)s."),
              "range": N_("Role %(role)s: %(min)s to %(max)s needed; this entry has %(count)s."),
              "at_least": N_("Role %(role)s: at least %(min)s needed; this entry has %(count)s."),
              "at_most": N_("Role %(role)s: at most %(max)s allowed; this entry has %(count)s.")}


def validate_members(rule: RosterRule, members: Any, on_date: date) -> list[dict]:
    """The members cleaned and checked against ``rule``; Invalid naming every member and rule broken."""
    bag = ErrorBag()
    if not isinstance(members, list) or not members:
        bag.add("members", N_("Add at least one member."))
        bag.raise_if_any()
    if len(members) > MEMBERS_LIMIT:
        raise Invalid.one("members", N_("At most %(max)s members."), max=MEMBERS_LIMIT)
    cleaned = [clean_member(bag, raw, f"members.{i}.", rule, today=on_date) for i, raw in enumerate(members)]
    _check_roles(bag, rule, cleaned)
    if all(m["gender"] and m["role"] in rule.roles for m in cleaned):  # else reported already; counts would mislead
        _check_genders(bag, rule, cleaned)
    _check_ages(bag, rule, cleaned, on_date)
    _check_duplicates(bag, cleaned)
    bag.raise_if_any()
    return cleaned


def clean_member(bag: ErrorBag, raw: Any, prefix: str, rule: RosterRule | None = None,
                 today: date | None = None) -> dict:
    """One member's fields cleaned; errors go to ``bag`` under ``prefix`` + field (``members.3.``)."""
    if not isinstance(raw, dict):
        bag.add(prefix.rstrip("."), N_("Must be an object with a name and a gender."))
        raw = {}
    name = _name(bag, raw.get("name"), prefix + "name")
    who = {"member": name}
    member = {"name": name, "gender": _gender(bag, raw.get("gender"), prefix + "gender", who),
              "birth_date": _birth_date(bag, raw.get("birth_date"), prefix + "birth_date", who, today),
              "id_number": None, "role": _role(bag, raw.get("role"), prefix + "role", rule, who),
              "phone": _phone(bag, raw.get("phone"), prefix + "phone", who)}
    if not _blank(raw.get("id_number")):
        try:
            member["id_number"] = validate_id_number(raw["id_number"], prefix + "id_number", today)
        except Invalid as err:
            _merge(bag, err, who)
        else:
            _agree_with_id(bag, member, prefix, who)
    return member


def person_key(member: dict) -> tuple | None:
    """Who a member is across the event: ("id", number), else ("name", name, birth date); None if unknown."""
    if member.get("id_number"):
        return ("id", member["id_number"])
    keys = person_keys(member)
    return keys[-1] if keys else None


def person_keys(member: dict) -> list[tuple]:
    """Every key under which a member can be found: the ID number and the name with the birth date."""
    keys: list[tuple] = [("id", member["id_number"])] if member.get("id_number") else []
    born = parse_day(member.get("birth_date"))
    if isinstance(member.get("name"), str) and member["name"].strip() and born:
        keys.append(("name", normalize_name(member["name"]), born.isoformat()))
    return keys


def normalize_name(name: str) -> str:
    """A name folded for comparison: NFKC, without spaces or middle dots, case-insensitive."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "·•.・")


def parse_day(value: Any) -> date | None:
    """A date from a date, 1990-05-01, 1990/5/1, 1990.5.1, 1990年5月1日 or 19900501; None if not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = _DAY.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def age_on(born: date, on_date: date) -> int:
    """Completed years of someone born on ``born`` at ``on_date``."""
    return on_date.year - born.year - ((on_date.month, on_date.day) < (born.month, born.day))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _merge(bag: ErrorBag, err: Invalid, who: dict) -> None:
    for path, messages in err.errors.items():
        for m in messages:
            bag.add(path, m.msgid, **{**who, **m.params})


def _name(bag: ErrorBag, value: Any, path: str) -> str:
    if _blank(value):
        bag.add(path, N_("This field is required."))
        return ""
    if not isinstance(value, str):
        bag.add(path, N_("Must be text."))
        return ""
    value = unicodedata.normalize("NFC", value.strip())
    if _CONTROL.search(value):
        bag.add(path, N_("Must be a single line without control characters."))
    elif len(value) > NAME_MAX:
        bag.add(path, N_("At most %(max)s characters (got %(len)s)."), max=NAME_MAX, len=len(value))
    return value


def _gender(bag: ErrorBag, value: Any, path: str, who: dict) -> str | None:
    if _blank(value):
        bag.add(path, N_("This field is required."), **who)
        return None
    gender = GENDER_WORDS.get(value.strip().casefold()) if isinstance(value, str) else None
    if gender is None:
        bag.add(path, N_("Must be M or F (男 or 女)."), **who)
    return gender


def _birth_date(bag: ErrorBag, value: Any, path: str, who: dict, today: date | None) -> date | None:
    if _blank(value):
        return None
    born = parse_day(value)
    if born is None:
        bag.add(path, N_("Must be a date like 1990-05-01."), **who)
        return None
    if born.year < 1900 or born > (today or date.today()):
        bag.add(path, N_("Must be a real birth date (after 1900, not in the future)."), **who)
        return None
    return born


def _role(bag: ErrorBag, value: Any, path: str, rule: RosterRule | None, who: dict) -> str | None:
    if _blank(value):
        return rule.default_role if rule else None
    role = value.strip().lower() if isinstance(value, str) else None
    if rule is not None:
        role = rule.aliases.get(role, role)
    if rule is not None and role not in rule.roles:
        bag.add(path, N_("Unknown role. Choose one of: %(choices)s."), choices=", ".join(rule.roles), **who)
    elif rule is None and role not in ROLE_LABELS:
        bag.add(path, N_("Unknown role. Choose one of: %(choices)s."), choices=", ".join(ROLE_LABELS), **who)
    return role


def _phone(bag: ErrorBag, value: Any, path: str, who: dict) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""
    mobile = _MOBILE.fullmatch(_PHONE_STRIP.sub("", text))
    if mobile:
        return mobile.group(1)
    landline = re.sub(r"\s+", "", text)
    if len(landline) <= 20 and _LANDLINE.fullmatch(landline):
        return landline
    bag.add(path, N_("Must be an 11-digit mobile number (13812345678) or a landline like 0451-86123456."), **who)
    return None


def _agree_with_id(bag: ErrorBag, member: dict, prefix: str, who: dict) -> None:
    """The birth date and sex given must be those written in the ID number; a missing date is taken from it."""
    number = member["id_number"]
    born = birth_date_from_id(number)
    if member["birth_date"] is None and prefix + "birth_date" not in bag.errors:
        member["birth_date"] = born
    elif member["birth_date"] is not None and member["birth_date"] != born:
        bag.add(prefix + "birth_date", N_("Does not match the birth date in the ID number (%(expected)s)."),
                expected=born.isoformat(), **who)
    sex = gender_from_id(number)
    if member["gender"] and member["gender"] != sex:
        msgid = N_("Does not match the ID number, which is a man's.") if sex == "M" else \
            N_("Does not match the ID number, which is a woman's.")
        bag.add(prefix + "gender", msgid, **who)


def _shape(lo: int, hi: int | None) -> str:
    if hi is None:
        return "at_least"
    if lo == hi:
        return "exact"
    return "at_most" if lo == 0 else "range"


def _check_roles(bag: ErrorBag, rule: RosterRule, members: list[dict]) -> None:
    counts = {role: 0 for role in rule.roles}
    for i, m in enumerate(members):
        if m["role"] in counts:
            counts[m["role"]] += 1
            if rule.roles[m["role"]][1] == 0:
                bag.add(f"members.{i}.role", N_("This contest has no place for the role %(role)s."),
                        role=role_name(m["role"]), member=m["name"])
    if any(m["role"] not in counts for m in members):
        return  # an unknown role is reported on its member; counts would mislead
    for role, (lo, hi) in rule.roles.items():
        if (counts[role] < lo or (hi is not None and counts[role] > hi)) and hi != 0:
            bag.add("members", _ROLE_MSGS[_shape(lo, hi)], role=role_name(role), min=lo, max=hi, count=counts[role])


def _check_genders(bag: ErrorBag, rule: RosterRule, members: list[dict]) -> None:
    counted = [(i, m) for i, m in enumerate(members) if not rule.gender_roles or m["role"] in rule.gender_roles]
    roles = ", ".join(rule.gender_roles)
    for sex, (lo, hi) in rule.genders.items():
        holders = [(i, m) for i, m in counted if m["gender"] == sex]
        if hi == 0:
            for i, m in holders:
                bag.add(f"members.{i}.gender", _GENDER_MSGS[sex]["none"], role=role_name(m["role"]),
                        member=m["name"])
        elif len(holders) < lo or (hi is not None and len(holders) > hi):
            bag.add("members", _GENDER_MSGS[sex][_shape(lo, hi)], min=lo, max=hi, count=len(holders), roles=roles)


def _check_ages(bag: ErrorBag, rule: RosterRule, members: list[dict], on_date: date) -> None:
    if not (rule.age_min or rule.age_max):
        return
    for i, m in enumerate(members):
        if rule.age_roles and m["role"] not in rule.age_roles:
            continue
        path, who = f"members.{i}.birth_date", {"member": m["name"], "date": on_date.isoformat()}
        if m["birth_date"] is None:
            if path not in bag.errors:
                bag.add(path, N_("A birth date is needed: this contest has an age limit."), **who)
            continue
        age = age_on(m["birth_date"], on_date)
        if rule.age_min and age < rule.age_min:
            bag.add(path, N_("Too young: at least %(min)s years old on %(date)s (%(age)s)."),
                    min=rule.age_min, age=age, **who)
        elif rule.age_max and age > rule.age_max:
            bag.add(path, N_("Too old: at most %(max)s years old on %(date)s (%(age)s)."),
                    max=rule.age_max, age=age, **who)


def _check_duplicates(bag: ErrorBag, members: list[dict]) -> None:
    """One person once: the same ID number, or the same name and birth date without two different IDs."""
    seen_id: dict[str, int] = {}
    seen_name: dict[tuple, int] = {}
    for i, m in enumerate(members):
        number, keys = m["id_number"], person_keys(m)
        if number and number in seen_id:
            j = seen_id[number]
            bag.add(f"members.{i}.id_number", N_("Same ID number as member no. %(other)s (%(other_name)s): "
                                                 "a person can be listed only once."),
                    other=j + 1, other_name=members[j]["name"], member=m["name"])
            continue
        name_key = next((k for k in keys if k[0] == "name"), None)
        j = seen_name.get(name_key) if name_key else None
        if j is not None and not (number and members[j]["id_number"] and number != members[j]["id_number"]):
            bag.add(f"members.{i}.name", N_("Same name and birth date as member no. %(other)s: "
                                            "a person can be listed only once."), other=j + 1, member=m["name"])
            continue
        if number:
            seen_id[number] = i
        if name_key:
            seen_name.setdefault(name_key, i)
