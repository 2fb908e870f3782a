"""Bad uploads are refused with a message naming the file, and leave no row and no file behind."""
import io
import os
import threading

import pytest
from PIL import Image

from common.db import db
from registrations import work_files
from registrations.models import WorkImage
from tests.unit.test_images import bomb_png
from tests.web.works_support import (author_entry, files, jpeg, other_delegation, photo_contest, saved,
                                     uploads)  # noqa: F401 (uploads: autouse fixture)

EN = {"Accept-Language": "en"}


def post(client, entry_id, headers, parts, title="雪乡", **form):
    body = {"title": title, "files[]": parts, **form}
    return client.post(f"/api/v1/entries/{entry_id}/works", data=body, headers={**headers, **EN},
                       content_type="multipart/form-data")


def errors_of(r, status=422) -> dict:
    assert r.status_code == status, r.get_data(as_text=True)[:300]
    assert r.mimetype == "application/problem+json"
    return r.get_json().get("errors", {})


@pytest.fixture
def series(organiser, dummy_event, dummy_delegation):
    return author_entry(photo_contest(organiser, dummy_event, "series"), dummy_delegation)


@pytest.fixture
def single(organiser, dummy_event, dummy_delegation):
    return author_entry(photo_contest(organiser, dummy_event, entries_per_author=1, max_file_mb=1),
                        dummy_delegation)


@pytest.mark.parametrize("count", [3, 9])
def test_a_series_of_3_or_9_images_is_refused(client, series, token, uploads, count):
    errors = errors_of(post(client, series.id, token("leader1"), files(count)))
    assert errors["files"] == [f"A series has 4 to 8 images (you sent {count})."]
    assert saved(uploads) == (0, 0, [])


@pytest.mark.parametrize("count", [0, 2])
def test_a_single_image_work_has_exactly_one_image(client, single, token, uploads, count):
    errors = errors_of(post(client, single.id, token("leader1"), files(count)))
    assert errors["files"] == [f"A single-image work has exactly one image (you sent {count})."]
    assert saved(uploads) == (0, 0, [])


def test_an_html_file_renamed_jpg_is_refused(client, single, token, uploads):
    html = b"<html><body><script>fetch('/api/v1/me')</script></body></html>"
    errors = errors_of(post(client, single.id, token("leader1"), [(io.BytesIO(html), "photo.jpg")]))
    assert errors["files.0"] == ["photo.jpg is not a JPEG or PNG image (its content was checked, not its name)."]
    assert saved(uploads) == (0, 0, [])


def test_a_bomb_in_a_series_leaves_none_of_the_files_already_written(client, series, token, uploads):
    parts = files(4)
    parts[2] = (io.BytesIO(bomb_png(30000, 30000)), "炸弹.png")
    errors = errors_of(post(client, series.id, token("leader1"), parts))
    assert list(errors) == ["files.2"] and "decompression bomb" in errors["files.2"][0]
    assert errors["files.2"][0].startswith("炸弹.png")
    assert saved(uploads) == (0, 0, [])  # the copies of images 1 and 2 were written, then removed


def test_every_refused_file_is_named_at_once(client, series, token, uploads):
    parts = files(4)
    parts[1] = (io.BytesIO(b"GIF89a not really"), "a.jpg")
    parts[3] = (io.BytesIO(jpeg(500, 400)), "small.jpg")
    errors = errors_of(post(client, series.id, token("leader1"), parts))
    assert sorted(errors) == ["files.1", "files.3"]
    assert errors["files.3"] == ["small.jpg is 500 × 400 px; its long edge must be at least 600 px."]
    assert saved(uploads) == (0, 0, [])


def test_a_file_name_with_a_path_is_refused(client, single, token, uploads, tmp_path):
    errors = errors_of(post(client, single.id, token("leader1"), files(1, ["../../etc/passwd.jpg"])))
    assert "files.0" in errors and "folder path" in errors["files.0"][0]
    assert saved(uploads) == (0, 0, []) and sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_file_over_the_size_limit_is_refused(client, single, token, uploads):
    noise = Image.frombytes("RGB", (800, 700), os.urandom(800 * 700 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert 1024 * 1024 < len(out.getvalue()) < 2 * 1024 * 1024
    errors = errors_of(post(client, single.id, token("leader1"), [(io.BytesIO(out.getvalue()), "noise.png")]))
    assert errors["files.0"] == ["noise.png is larger than the 1 MB accepted per file."]
    assert saved(uploads) == (0, 0, [])


def test_a_request_larger_than_any_valid_upload_is_413(client, single, token, uploads):
    big = os.urandom(3 * 1024 * 1024)
    r = post(client, single.id, token("leader1"), [(io.BytesIO(big), "big.jpg")])
    assert r.status_code == 413 and r.mimetype == "application/problem+json"
    assert saved(uploads) == (0, 0, [])


def test_the_authors_limit_counts_works_of_every_entry_of_the_same_person(client, organiser, dummy_event, single,
                                                                         token, uploads):
    headers = token("leader1")
    assert post(client, single.id, headers, files(1)).status_code == 201
    r = post(client, single.id, headers, files(1))
    assert r.status_code == 409
    assert r.get_json()["detail"] == "This author already has 1 works in this contest; the limit is 1."
    other_delegation(organiser, dummy_event)
    same_person = author_entry(single.contest, single.contest.event.delegations[1], name="王摄影")
    assert post(client, same_person.id, token("leader2"), files(1)).status_code == 409
    assert saved(uploads)[:2] == (1, 1)


@pytest.mark.parametrize("form,field", [({"title": ""}, "title"), ({"title": "标" * 101}, "title"),
                                        ({"description": "长" * 2001}, "description"),
                                        ({"description": "bell\x07"}, "description")])
def test_title_and_description_are_checked(client, single, token, uploads, form, field):
    parts = files(1)
    errors = errors_of(post(client, single.id, token("leader1"), parts, **form))
    assert field in errors and saved(uploads) == (0, 0, [])


def test_a_json_body_is_400(client, single, token):
    r = client.post(f"/api/v1/entries/{single.id}/works", json={"title": "x"}, headers=token("leader1"))
    assert r.status_code == 400 and r.mimetype == "application/problem+json"


def test_anonymous_uploads_are_401(client, single):
    r = client.post(f"/api/v1/entries/{single.id}/works", data={"title": "x", "files[]": files(1)},
                    content_type="multipart/form-data")
    assert r.status_code == 401


def test_a_failed_transaction_removes_the_files_it_wrote(client, organiser, dummy_event, dummy_delegation, token,
                                                        uploads, monkeypatch):
    """The database refuses the row (a stored name already used): the new files go, the old ones stay."""
    entry = author_entry(photo_contest(organiser, dummy_event, entries_per_author=2), dummy_delegation)
    headers = token("leader1")
    assert post(client, entry.id, headers, files(1)).status_code == 201
    works, images, before = saved(uploads)
    used = db.session.scalar(db.select(WorkImage.stored_name))  # the original's name: unique in the database
    taken = before.copy()
    (uploads / used).rename(uploads / "moved")  # frees the name on disk, not in the database
    names = iter([used] + [work_files.new_name(".jpg") for _ in range(2)])
    monkeypatch.setattr(work_files, "new_name", lambda ending: next(names))
    r = post(client, entry.id, headers, files(1))
    assert r.status_code == 409, r.get_json()
    (uploads / "moved").rename(uploads / used)
    assert saved(uploads) == (1, 1, taken)


def test_a_bad_file_through_the_page_shows_the_message(client, login, single, uploads):
    login("leader1")
    r = client.post(f"/entries/{single.id}/works", data={"title": "雪", "files": (io.BytesIO(b"<html>"), "x.jpg")},
                    content_type="multipart/form-data")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "x.jpg 不是 JPEG 或 PNG 图片（按文件内容检查，而非文件名）。" in page
    assert saved(uploads) == (0, 0, [])


def test_messages_come_in_chinese_by_default(client, series, token):
    r = client.post(f"/api/v1/entries/{series.id}/works", data={"title": "雪", "files[]": files(9)},
                    headers=token("leader1"), content_type="multipart/form-data")
    assert r.get_json()["errors"]["files"] == ["组照须为 4 至 8 张（您上传了 9 张）。"]


def test_two_uploads_at_once_cannot_pass_the_authors_limit(server, single, token, uploads):
    """Both pass the early check while their images are decoded; the locked check lets exactly one in."""
    headers, entry_id = token("leader1"), single.id
    barrier, statuses = threading.Barrier(4), []

    def upload():
        parts = files(1)
        barrier.wait()
        statuses.append(post(server.test_client(), entry_id, headers, parts).status_code)

    threads = [threading.Thread(target=upload) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201, 409, 409, 409]
    works, images, names = saved(uploads)
    assert (works, images, len(names)) == (1, 1, 3)
