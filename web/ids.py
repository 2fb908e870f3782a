"""Ids in URLs: ``<int:...>`` matches only the whole numbers a database id can be.

A larger number (``/api/v1/events/100000000000000000000``) names no object and must answer 404, where
SQLite would have failed to bind it (a 500). Up to 19 digits the route still matches and the number is
read as 0, an id no table holds, so every method answers as for any missing object (a converter that
refused the number would skip the route, and a route allowing other methods would answer 405); a longer
number matches no route at all.
"""
from __future__ import annotations

from werkzeug.routing import IntegerConverter

from common.fields import MAX_ID


class IdConverter(IntegerConverter):
    """Werkzeug's ``int`` converter for database ids: 19 digits at most, a number above the largest id read as 0."""

    regex = r"\d{1,19}"

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return 0 if number > MAX_ID else number
