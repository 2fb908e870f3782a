"""Photography works: an author's entry submits single images or series; lists, deletion, files to serve.

Submitting runs in three steps so that no database lock is held while images are decoded: a read-only
check (who, window, entry state, the author's limit, title and count), then the files are checked and
their copies written under random names, then one short use case locks the contest, checks again
and inserts the rows. Whatever fails on the way, the files written so far are removed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, or_, select

from accounts.models import User
from accounts.permissions import require_user
from common import fields
from common.db import db, writing
from common.errors import N_, Conflict, ErrorBag, Forbidden, Invalid, NotFound
from common.transaction import use_case
from competitions.services import manages
from registrations import images, lifecycle, work_files
from registrations.entry_services import lock_entry, window
from registrations.models import Entry, EntryMember, Work, WorkImage

TITLE_MAX = 100
DESCRIPTION_MAX = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: the copies of an image that can be served, and the column holding each one's stored name
KINDS = {"public": "public_name", "thumb": "thumb_name", "original": "stored_name"}


@dataclass(frozen=True)
class Upload:
    """One uploaded file as a face received it: the name the author's file had and a readable stream."""

    filename: str
    stream: BinaryIO


@dataclass(frozen=True)
class WorkRules:
    """What an entry may still submit: images per work, file rules, the author's limit and use."""

    discipline: str
    min_images: int
    max_images: int
    max_file_mb: int
    min_long_edge_px: int
    per_author: int
    used: int
    window: str

    @property
    def request_bytes(self) -> int:
        """The largest upload request that can be valid (every file at the limit, plus the form)."""
        return self.max_images * self.max_file_mb * 1024 * 1024 + 1024 * 1024


@dataclass(frozen=True)
class ServedFile:
    """A stored file to send: where it is, its media type and a safe name for Content-Disposition."""

    path: Path
    media_type: str
    download_name: str


def can_manage(actor: User | None, entry: Entry) -> bool:
    """Whether ``actor`` leads the entry's delegation or organises its event."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return entry.delegation.leader_id == actor.id or manages(actor, entry.contest.event_id)


def _photo_entry(entry_id: int) -> Entry:
    entry = db.session.get(Entry, entry_id)
    if entry is None:
        raise NotFound(N_("No such entry."))
    if entry.contest.sport != "photography":
        raise NotFound(N_("Only entries of a photography contest have works."))
    return entry


def managed_entry(actor: User | None, entry_id: int) -> Entry:
    """A photography entry its leader or an organiser manages; 403 if others may see it, else 404."""
    require_user(actor)
    entry = _photo_entry(entry_id)
    if can_manage(actor, entry):
        return entry
    if entry.status == lifecycle.APPROVED:
        raise Forbidden(N_("Only the entry's delegation leader or an organiser may change its works."))
    raise NotFound(N_("No such entry."))


def list_works(actor: User | None, entry_id: int) -> tuple[Entry, list[Work], bool]:
    """An entry's works and whether ``actor`` manages it (public: approved entries only, copies only)."""
    entry = _photo_entry(entry_id)
    private = can_manage(actor, entry)
    if not private and entry.status != lifecycle.APPROVED:
        raise NotFound(N_("No such entry."))
    works = db.session.scalars(select(Work).where(Work.entry_id == entry.id).order_by(Work.id)).all()
    return entry, list(works), private


def work_rules(actor: User | None, entry_id: int) -> WorkRules:
    """The rules an entry's next work must meet and how much of the author's limit is used."""
    return _rules(managed_entry(actor, entry_id))


def _rules(entry: Entry) -> WorkRules:
    settings = entry.contest.settings
    series = entry.contest.discipline == "series"
    return WorkRules(
        discipline=entry.contest.discipline or "single",
        min_images=int(settings.get("series_min_images", 4)) if series else 1,
        max_images=int(settings.get("series_max_images", 8)) if series else 1,
        max_file_mb=int(settings["max_file_mb"]), min_long_edge_px=int(settings["min_long_edge_px"]),
        per_author=int(settings["entries_per_author"]), used=author_works(entry), window=window(entry.contest))


def author_works(entry: Entry) -> int:
    """Works of the entry's author in its contest: every active entry of the same person counts."""
    author = next((m for m in entry.members if m.role == "author"), entry.members[0] if entry.members else None)
    keys = []
    if author is not None and author.id_number:
        keys.append(EntryMember.id_number == author.id_number)
    if author is not None and author.name_key:
        keys.append(EntryMember.name_key == author.name_key)
    same = [Work.entry_id == entry.id]
    if keys:
        same.append(Work.entry_id.in_(select(EntryMember.entry_id).join(Entry, EntryMember.entry_id == Entry.id).where(
            Entry.contest_id == entry.contest_id, Entry.status.in_(lifecycle.ACTIVE), or_(*keys))))
    return db.session.scalar(select(func.count(Work.id)).where(or_(*same)))


def _require_can_submit(rules: WorkRules, entry: Entry) -> None:
    lifecycle.require_open(rules.window)
    if entry.status not in lifecycle.ACTIVE:
        raise Conflict(N_("A withdrawn or rejected entry cannot take works."))
    if rules.used >= rules.per_author:
        raise Conflict(N_("This author already has %(used)s works in this contest; the limit is %(max)s."),
                       used=rules.used, max=rules.per_author)


def _clean(data: dict, files: list[Upload], rules: WorkRules) -> tuple[str, str, list[str]]:
    """Title, description and the authors' file names; Invalid with every problem found."""
    bag = ErrorBag()
    title = fields.text(bag, data, "title", TITLE_MAX)
    description = _description(bag, data)
    count = len(files)
    if rules.discipline == "series" and not rules.min_images <= count <= rules.max_images:
        bag.add("files", N_("A series has %(min)s to %(max)s images (you sent %(count)s)."),
                min=rules.min_images, max=rules.max_images, count=count)
    elif rules.discipline != "series" and count != 1:
        bag.add("files", N_("A single-image work has exactly one image (you sent %(count)s)."), count=count)
    names = []
    for i, upload in enumerate(files):
        try:
            names.append(work_files.display_name(upload.filename, f"files.{i}"))
        except Invalid as err:
            bag.merge(err)
    bag.raise_if_any()
    return title, description, names


def _description(bag: ErrorBag, data: dict) -> str:
    value = data.get("description") if isinstance(data, dict) else None
    if value is None:
        return ""
    if not isinstance(value, str):
        bag.add("description", N_("Must be text."))
        return ""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").strip())
    if _CONTROL.search(value):
        bag.add("description", N_("Must not contain control characters."))
    elif len(value) > DESCRIPTION_MAX:
        bag.add("description", N_("At most %(max)s characters (got %(len)s)."), max=DESCRIPTION_MAX, len=len(value))
    return value


def submit_work(actor: User | None, entry_id: int, data: dict, files: list[Upload], folder: Path) -> Work:
    """Submit a work (one image, or a series of images counted as one) for a photography entry."""
    entry = managed_entry(actor, entry_id)
    rules = _rules(entry)
    _require_can_submit(rules, entry)
    title, description, names = _clean(data, files, rules)
    file_rules = images.file_rules(entry.contest.settings)
    if not writing.get():
        db.session.commit()  # end the read: no snapshot or connection is held while images are decoded
    written: list[str] = []
    try:
        photos = _store(files, names, file_rules, Path(folder), written)
        return _save_work(actor, entry_id, title, description, photos)
    except BaseException:
        work_files.remove(Path(folder), written)
        raise


def _store(files: list[Upload], names: list[str], rules: images.FileRules, folder: Path,
           written: list[str]) -> list[dict]:
    """Check every file (reporting all refusals together) and write the original and its two copies."""
    bag, photos = ErrorBag(), []
    for i, (upload, name) in enumerate(zip(files, names)):
        data = upload.stream.read(rules.max_bytes + 1)
        try:
            photo = images.process(data, rules, name, f"files.{i}")
        except Invalid as err:
            bag.merge(err)
            continue
        if bag:
            continue  # nothing more is written once a file is refused
        row = {"original_filename": name, "format": photo.format, "width": photo.width, "height": photo.height,
               "size_bytes": photo.size_bytes, "sha256": photo.sha256,
               "stored_name": work_files.new_name(images.EXTENSIONS[photo.format]),
               "public_name": work_files.new_name(".jpg"), "thumb_name": work_files.new_name(".jpg")}
        for key, content in (("stored_name", data), ("public_name", photo.public), ("thumb_name", photo.thumb)):
            work_files.write(folder, row[key], content)
            written.append(row[key])
        photos.append(row)
    bag.raise_if_any()
    return photos


@use_case
def _save_work(actor: User, entry_id: int, title: str, description: str, photos: list[dict]) -> Work:
    """Check again under the contest's lock and insert the work with its images."""
    entry = managed_entry(actor, entry_id)
    lock_entry(entry)
    _require_can_submit(_rules(entry), entry)
    work = Work(entry_id=entry.id, title=title, description=description)
    work.images = [WorkImage(position=i, **row) for i, row in enumerate(photos)]
    db.session.add(work)
    db.session.flush()
    return work


def delete_work(actor: User | None, work_id: int, folder: Path) -> int:
    """Delete a work and its files while the registration window is open (leader or organiser); its entry's id."""
    entry_id, names = _delete_rows(actor, work_id)
    work_files.remove(Path(folder), names)
    return entry_id


@use_case
def _delete_rows(actor: User | None, work_id: int) -> tuple[int, list[str]]:
    require_user(actor)
    work = db.session.get(Work, work_id)
    if work is None:
        raise NotFound(N_("No such work."))
    entry = managed_entry(actor, work.entry_id)
    lock_entry(entry)
    lifecycle.require_open(window(entry.contest))
    names = [getattr(image, column) for image in work.images for column in KINDS.values()]
    db.session.delete(work)
    return entry.id, names


def image_file(actor: User | None, image_id: int, kind: str, folder: Path) -> ServedFile:
    """A stored image to send: copies to anyone who may see the entry, originals to its managers only."""
    image = db.session.get(WorkImage, image_id)
    if image is None or kind not in KINDS:
        raise NotFound(N_("No such image."))
    entry = image.work.entry
    private = can_manage(actor, entry)
    if not private and (kind == "original" or entry.status != lifecycle.APPROVED):
        raise NotFound(N_("No such image."))
    path = work_files.path_of(Path(folder), getattr(image, KINDS[kind]))
    if not path.is_file():
        raise NotFound(N_("No such image."))
    fmt = image.format if kind == "original" else "JPEG"
    ending = images.EXTENSIONS[fmt]
    return ServedFile(path, images.MEDIA_TYPES[fmt], f"work-{image.work_id}-{image.position + 1}-{kind}{ending}")
