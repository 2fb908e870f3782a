"""Files of photo works on disk: random names, atomic writes, removal, and the names authors gave.

Stored files live flat in the upload folder (outside the static folder) under names made of 32 random
hex digits and an ending; only such names are ever joined to the folder, so nothing a user sends can
reach another path. The author's own file name is kept for display only, after a check.
"""
from __future__ import annotations

import os
import re
import secrets
import unicodedata
from pathlib import Path

from common.errors import N_, Invalid

_STORED = re.compile(r"^[0-9a-f]{32}\.(jpg|png)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
NAME_MAX = 255


def new_name(ending: str) -> str:
    """A fresh random file name with ``ending`` (".jpg" or ".png")."""
    return secrets.token_hex(16) + ending


def path_of(folder: Path, name: str) -> Path:
    """The path of a stored file; ValueError for anything that is not one of our random names."""
    if not _STORED.match(name or ""):
        raise ValueError(f"not a stored file name: {name!r}")
    return Path(folder) / name


def write(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` under a new ``name`` atomically: a temporary file, synced, then linked to its name.

    The link fails if the name exists, so a file is never replaced: a name appears complete or not at all.
    """
    final = path_of(folder, name)
    final.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    temp = final.with_name(f".{name}.{secrets.token_hex(4)}.part")
    try:
        with open(temp, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.link(temp, final)
    finally:
        temp.unlink(missing_ok=True)
    return final


def remove(folder: Path, names: list[str]) -> None:
    """Delete stored files, ignoring those already gone."""
    for name in names:
        path_of(folder, name).unlink(missing_ok=True)


def display_name(raw: str, path: str) -> str:
    """The author's file name for display: NFC, at most 255 characters; Invalid when it holds a path."""
    name = unicodedata.normalize("NFC", raw or "").strip()
    if "/" in name or "\\" in name or _CONTROL.search(name) or name in (".", ".."):
        shown = _CONTROL.sub("?", name)[:NAME_MAX]
        raise Invalid.one(path, N_("The file name %(name)s contains a folder path or control characters; "
                                   "send the file under a plain name."), name=shown)
    if len(name) > NAME_MAX:
        stem, dot, ending = name.rpartition(".")
        name = (stem[:NAME_MAX - len(ending) - 1] + dot + ending) if dot and len(ending) < 16 else name[:NAME_MAX]
    return name
