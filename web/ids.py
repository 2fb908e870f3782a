"""Ids in URLs: ``<int:...>`` matches only the whole numbers a database id can be.

A larger number (``/api/v1/events/100000000000000000000``) names no object: the route does not match
and the answer is 404, where SQLite would have failed to bind it (a 500).
"""
from __future__ import annotations

from werkzeug.routing import IntegerConverter

from common.fields import MAX_ID


class IdConverter(IntegerConverter):
    """Werkzeug's ``int`` converter, bounded by the largest database id (19 digits at most: a longer number
    matches no route at all)."""

    regex = r"\d{1,19}"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
