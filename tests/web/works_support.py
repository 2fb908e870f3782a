"""Fixtures and helpers shared by the photo works tests: an upload folder, photography contests, author entries."""
import io
import itertools
import re
from datetime import date

import pytest
from PIL import Image

from common.db import db
from competitions.venue_services import create_contest
from registrations.models import Entry, EntryMember, Work, WorkImage
from registrations.services import create_delegation
from tests.factories import PASSWORD, contest_data, id_number, open_window

_seq = itertools.count(1)
STORED = re.compile(r"^[0-9a-f]{32}\.(jpg|png)$")


@pytest.fixture(autouse=True)
def uploads(app, tmp_path):
    """A fresh upload folder for this test (set before the test's servers are made from the config)."""
    folder = tmp_path / "uploads"
    app.config["UPLOAD_FOLDER"] = str(folder)
    return folder


def jpeg(width=800, height=600, colour=(30, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def files(count: int, names=None, data=None) -> list:
    """Multipart file parts: (stream, name) pairs of real JPEGs."""
    names = names or [f"照片{i + 1}.jpg" for i in range(count)]
    return [(io.BytesIO(data if data is not None else jpeg(colour=(i * 20, 90, 160))), names[i])
            for i in range(count)]


def photo_contest(organiser, event, discipline="single", **settings):
    """A photography contest open now, with small images allowed (long edge 600 px, 2 MB)."""
    return create_contest(organiser, event.id, contest_data(
        name=f"摄影{discipline}{next(_seq)}", sport="photography", discipline=discipline,
        format={"type": "judged"}, settings={"min_long_edge_px": 600, "max_file_mb": 2, **settings},
        **open_window()))


def author_entry(contest, delegation, name="王摄影", status="pending", born=date(1985, 5, 20), seq=1) -> Entry:
    """An entry of one author (rows written directly, as register_entry would)."""
    entry = Entry(contest_id=contest.id, delegation_id=delegation.id, name=name, status=status)
    entry.members = [EntryMember(position=0, name=name, gender="M", birth_date=born, role="author",
                                 id_number=id_number(born, seq, "M"), name_key=f"{name}|{born.isoformat()}")]
    db.session.add(entry)
    db.session.commit()
    return entry


def change(obj, **values) -> None:
    """Change a row as another process would: in a transaction of its own, begun now."""
    db.session.commit()
    for key, value in values.items():
        setattr(obj, key, value)
    db.session.commit()


def other_delegation(organiser, event, name="吉林市代表队", leader="leader2"):
    return create_delegation(organiser, event.id, {"name": name, "division": "city", "leader": {
        "username": leader, "password": PASSWORD, "display_name": "李领队"}})


def saved(folder) -> tuple[int, int, list[str]]:
    """Works and images in the database, and the files in the upload folder."""
    db.session.commit()  # a new snapshot: see what the server committed meanwhile
    works = db.session.scalar(db.select(db.func.count()).select_from(Work))
    images = db.session.scalar(db.select(db.func.count()).select_from(WorkImage))
    db.session.commit()
    names = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    return works, images, names


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def csrf_login(client, username: str) -> None:
    """Log in through the form with its CSRF token, as a browser does."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    r = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 302, r.get_data(as_text=True)[:300]
