"""Chinese resident identity numbers (公民身份号码, GB 11643-1999): validation, birth date, sex, masking.

An 18-character number is: 6 digits of region (行政区划代码), 8 digits of birth date (YYYYMMDD),
3 digits of sequence (odd for men, even for women) and a check character computed with
ISO 7064 MOD 11-2 over the first 17 digits ("X" stands for 10). Pure: no Flask, no database.

Normalisation: full-width characters are folded (NFKC), spaces are removed and a lower-case "x"
becomes "X". The region is checked for plausibility only: the first digit is 1-8 and the first two
digits are a province-level code (11-65 mainland, 71 Taiwan, 81/82 Hong Kong/Macau, 83 residence
permits for Taiwan residents). The full list of county codes changes every year and is not checked.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from common.errors import N_, Invalid

#: ISO 7064 MOD 11-2 weights of the first 17 digits: 2^(17-i) mod 11
WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
#: check character for each value of (sum of weighted digits) mod 11
CHECK_CHARS = "10X98765432"
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83"})

_FORMAT = re.compile(r"\d{17}[\dX]")
_SPACES = re.compile(r"\s+")


def check_char(first17: str) -> str:
    """The check character (0-9 or X) of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def normalize_id_number(value: Any) -> str:
    """The ID number as text without spaces, full-width characters folded, "x" made upper-case."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    return _SPACES.sub("", unicodedata.normalize("NFKC", value)).upper()


def validate_id_number(value: Any, path: str = "id_number", today: date | None = None) -> str:
    """The normalised ID number; Invalid on ``path`` naming the first rule it breaks."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise Invalid.one(path, N_("Must be text."))
    number = normalize_id_number(value)
    if not _FORMAT.fullmatch(number):
        raise Invalid.one(path, N_("An ID number has 18 characters: 17 digits, then a digit or X."))
    if number[0] not in "12345678" or number[:2] not in PROVINCES:
        raise Invalid.one(path, N_("The first six digits (%(region)s) are not a region code."), region=number[:6])
    born = _embedded_date(number)
    if born is None:
        raise Invalid.one(path, N_("The birth date in the ID number (%(digits)s) is not a real date."),
                          digits=number[6:14])
    if born > (today or date.today()):
        raise Invalid.one(path, N_("The birth date in the ID number (%(date)s) is in the future."),
                          date=born.isoformat())
    if born.year < 1900:
        raise Invalid.one(path, N_("The birth date in the ID number (%(date)s) is before 1900."),
                          date=born.isoformat())
    if check_char(number[:17]) != number[17]:
        raise Invalid.one(path, N_("The check digit (last character) does not match the other 17 digits: "
                                   "look for a typing mistake."))
    return number


def is_valid_id_number(value: Any, today: date | None = None) -> bool:
    """Whether ``value`` is a valid ID number."""
    try:
        validate_id_number(value, today=today)
    except Invalid:
        return False
    return True


def _embedded_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def birth_date_from_id(number: str) -> date:
    """The birth date written in a (valid, normalised) ID number; ValueError when it has none."""
    born = _embedded_date(normalize_id_number(number))
    if born is None:
        raise ValueError("no birth date in this ID number")
    return born


def gender_from_id(number: str) -> str:
    """"M" when the 17th digit of a (valid) ID number is odd, else "F"."""
    number = normalize_id_number(number)
    if len(number) != 18 or not number[16].isdigit():
        raise ValueError("not an 18-character ID number")
    return "M" if int(number[16]) % 2 else "F"


def mask_id_number(value: Any) -> str:
    """The ID number with its birth date hidden: 110105********002X (first 6 and last 4 kept).

    Anything that is not 18 characters keeps only its last 4 characters visible; empty stays empty.
    """
    number = normalize_id_number(value)
    if len(number) == 18:
        return number[:6] + "*" * 8 + number[-4:]
    if len(number) <= 4:
        return "*" * len(number)
    return "*" * (len(number) - 4) + number[-4:]
