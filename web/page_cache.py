"""A small in-process cache of rendered public pages, keyed by the content they show.

Keys include a stamp read from the database, so every worker serves the new page as soon as the
data changes; only anonymous requests without pending messages are served from it.
"""
from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Callable, Hashable

MAX_PAGES = 512
_pages: OrderedDict[Hashable, str] = OrderedDict()
_lock = Lock()


def get_or_render(key: Hashable, render: Callable[[], str]) -> str:
    """The page cached under ``key``, rendering and keeping it when missing (least recently used go)."""
    with _lock:
        page = _pages.get(key)
        if page is not None:
            _pages.move_to_end(key)
            return page
    page = render()
    with _lock:
        _pages[key] = page
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)
    return page


def clear() -> None:
    """Forget every cached page."""
    with _lock:
        _pages.clear()
