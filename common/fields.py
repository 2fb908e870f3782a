"""Cleaning of user input into typed values, shared by every use case. Pure.

Each helper reads ``data[key]``, returns the cleaned value, and adds a message to ``bag`` under
``prefix + key`` when the value is missing or wrong. Text is kept as given (escaped on display).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from common.errors import N_, ErrorBag, Invalid

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CODE = re.compile(r"^\w[\w-]*$")
#: the largest id a database integer column holds (a larger one names no object: refused, never a crash)
MAX_ID = 2 ** 63 - 1
_MISSING = object()


def _get(bag: ErrorBag, data: dict, key: str, path: str, required: bool) -> Any:
    value = data.get(key, _MISSING) if isinstance(data, dict) else _MISSING
    if value is _MISSING or value is None or (isinstance(value, str) and not value.strip()):
        if required:
            bag.add(path, N_("This field is required."))
        return _MISSING
    return value


def text(bag: ErrorBag, data: dict, key: str, max_len: int, required: bool = True, prefix: str = "",
         default: str = "") -> str:
    """A single line of text, trimmed and NFC-normalised, at most ``max_len`` characters."""
    path = prefix + key
    value = _get(bag, data, key, path, required)
    if value is _MISSING:
        return default
    if not isinstance(value, str):
        bag.add(path, N_("Must be text."))
        return default
    value = unicodedata.normalize("NFC", value.strip())
    if _CONTROL.search(value) or "\n" in value or "\r" in value:
        bag.add(path, N_("Must be a single line without control characters."))
    elif len(value) > max_len:
        bag.add(path, N_("At most %(max)s characters (got %(len)s)."), max=max_len, len=len(value))
    return value


def code(bag: ErrorBag, data: dict, key: str, max_len: int = 32, prefix: str = "") -> str:
    """A short identifier: letters (any script), digits, '-' and '_', no spaces."""
    value = text(bag, data, key, max_len, prefix=prefix)
    if value and not _CODE.match(value):
        bag.add(prefix + key, N_("Use letters, digits, '-' and '_' only (no spaces)."))
    return value


def day(bag: ErrorBag, data: dict, key: str, required: bool = True, prefix: str = "") -> date | None:
    """A calendar date in ISO format (2025-06-18)."""
    path = prefix + key
    value = _get(bag, data, key, path, required)
    if value is _MISSING:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    bag.add(path, N_("Must be a date like 2025-06-18."))
    return None


def moment(bag: ErrorBag, data: dict, key: str, tz: str, required: bool = True, prefix: str = "") -> datetime | None:
    """A date and time in ISO 8601; without an offset it is taken in the event's time zone ``tz``."""
    path = prefix + key
    value = _get(bag, data, key, path, required)
    if value is _MISSING:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            value = None
    if not isinstance(value, datetime):
        bag.add(path, N_("Must be a date and time like 2025-06-18T09:00:00+08:00."))
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(tz))
    return value


def integer(bag: ErrorBag, data: dict, key: str, lo: int, hi: int, required: bool = True,
            prefix: str = "") -> int | None:
    """A whole number between ``lo`` and ``hi``."""
    path = prefix + key
    value = _get(bag, data, key, path, required)
    if value is _MISSING:
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,12}\s*", value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        bag.add(path, N_("Must be a whole number."))
        return None
    if not lo <= value <= hi:
        bag.add(path, N_("Must be between %(min)s and %(max)s."), min=lo, max=hi)
        return None
    return value


def boolean(bag: ErrorBag, data: dict, key: str, default: bool = False, prefix: str = "") -> bool:
    """A true/false value; missing means ``default``."""
    value = data.get(key) if isinstance(data, dict) else None
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "y", "n", "on", "off"):
        return value.lower() in ("true", "1", "y", "on")
    bag.add(prefix + key, N_("Must be true or false."))
    return default


def timezone_name(bag: ErrorBag, data: dict, key: str, default: str, prefix: str = "") -> str:
    """An IANA time zone name such as Asia/Shanghai."""
    value = text(bag, data, key, 64, required=False, prefix=prefix) or default
    if len(value) > 64:  # (already refused as too long; a long name is not even looked up)
        return default
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        bag.add(prefix + key, N_("Unknown time zone."))
        return default
    if value not in available_timezones() and value != "UTC":
        bag.add(prefix + key, N_("Unknown time zone."))
        return default
    return value


#: the longest reason a decision or a correction may give
REASON_MAX = 500


def reason(data: Any, missing: str | None) -> str:
    """The ``reason`` of a decision, trimmed, up to ``REASON_MAX`` characters; ``missing`` is the message
    when it is required and not given (None: optional, "" when absent). Raises Invalid on ``reason``."""
    value = data.get("reason") if isinstance(data, dict) else None
    if value is None or (isinstance(value, str) and not value.strip()):
        if missing is not None:
            raise Invalid.one("reason", missing)
        return ""
    if not isinstance(value, str):
        raise Invalid.one("reason", N_("Must be text."))
    if len(value) > REASON_MAX:
        raise Invalid.one("reason", N_("At most %(max)s characters."), max=REASON_MAX)
    return value.strip()
