"""Photo works: upload through the page and the API, lists, deletion, serving, permissions, OpenAPI."""
import io
from datetime import timedelta
from pathlib import Path

from PIL import Image

from common.db import db, utcnow
from config import load
from registrations import works_api_spec
from registrations.models import WorkImage
from tests.openapi_check import check_operations
from tests.web.works_support import (STORED, author_entry, change, csrf_login, csrf_token, files, jpeg, other_delegation,
                                     photo_contest, saved, uploads)  # noqa: F401 (uploads: autouse fixture)


def post_work(client, entry_id, headers, count=1, title="冰城晨曦", names=None, data=None, **extra):
    body = {"title": title, "description": "第一行\n第二行", "files[]": files(count, names, data), **extra}
    return client.post(f"/api/v1/entries/{entry_id}/works", data=body, headers=headers,
                       content_type="multipart/form-data")


def test_leader_uploads_through_the_page_with_csrf(csrf_client, organiser, dummy_event, dummy_delegation, uploads):
    entry = author_entry(photo_contest(organiser, dummy_event), dummy_delegation)
    csrf_login(csrf_client, "leader1")
    page = csrf_client.get(f"/entries/{entry.id}/works")
    assert page.status_code == 200 and 'type="file"' in page.get_data(as_text=True)
    original = jpeg(900, 700)
    form = {"title": "松花江雾凇", "description": "清晨", "files": (io.BytesIO(original), "雾凇.jpg")}
    refused = csrf_client.post(f"/entries/{entry.id}/works", data=dict(form), content_type="multipart/form-data")
    assert refused.status_code == 200 and saved(uploads) == (0, 0, [])  # no CSRF token: nothing saved
    form = {**form, "files": (io.BytesIO(original), "雾凇.jpg"), "csrf_token": csrf_token(page.get_data(as_text=True))}
    r = csrf_client.post(f"/entries/{entry.id}/works", data=form, content_type="multipart/form-data")
    assert r.status_code == 302
    listing = csrf_client.get(r.headers["Location"]).get_data(as_text=True)
    works, images, names = saved(uploads)
    image = db.session.scalars(db.select(WorkImage)).one()
    assert "松花江雾凇" in listing and f"/work-images/{image.id}/thumb" in listing and "雾凇.jpg" in listing
    assert (works, images, len(names)) == (1, 1, 3) and all(STORED.match(n) for n in names)
    assert (uploads / image.stored_name).read_bytes() == original
    assert (image.original_filename, image.format, image.width, image.height) == ("雾凇.jpg", "JPEG", 900, 700)


def test_a_series_through_the_api_is_one_work_listed_and_deleted(client, organiser, dummy_event, dummy_delegation,
                                                                  token, uploads):
    entry = author_entry(photo_contest(organiser, dummy_event, "series"), dummy_delegation)
    headers = token("leader1")
    r = post_work(client, entry.id, headers, count=4)
    assert r.status_code == 201, r.get_json()
    work = r.get_json()
    assert [i["position"] for i in work["images"]] == [0, 1, 2, 3]
    assert [i["original_filename"] for i in work["images"]] == ["照片1.jpg", "照片2.jpg", "照片3.jpg", "照片4.jpg"]
    assert work["description"] == "第一行\n第二行" and saved(uploads)[:2] == (1, 4)
    listed = client.get(f"/api/v1/entries/{entry.id}/works", headers=headers).get_json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == work["id"]
    for kind in ("thumb_url", "public_url", "original_url"):  # image URLs take the bearer token too
        assert client.get(work["images"][0][kind], headers=headers).status_code == 200
        assert client.get(work["images"][0][kind]).status_code == 404
    assert client.delete(f"/api/v1/works/{work['id']}", headers=headers).status_code == 204
    assert saved(uploads) == (0, 0, [])


def test_chinese_file_names_are_accepted_and_names_are_never_paths(client, organiser, dummy_event, dummy_delegation,
                                                                   token, uploads, tmp_path):
    entry = author_entry(photo_contest(organiser, dummy_event, "series"), dummy_delegation)
    r = post_work(client, entry.id, token("leader1"), count=4, names=["作品.jpg", "作品", "冬日", "长白山.JPG"])
    assert r.status_code == 201, r.get_json()
    assert [i["original_filename"] for i in r.get_json()["images"]] == ["作品.jpg", "作品", "冬日", "长白山.JPG"]
    names = saved(uploads)[2]
    assert len(names) == 12 and all(STORED.match(n) for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uploads"]  # nothing beside the folder


def test_served_copies_are_nosniff_inline_and_right_typed(client, login, organiser, dummy_event, dummy_delegation,
                                                          token, uploads):
    entry = author_entry(photo_contest(organiser, dummy_event), dummy_delegation)
    original = jpeg(1000, 800)
    work = post_work(client, entry.id, token("leader1"), data=original, names=["作品.jpg"]).get_json()
    login("leader1")
    urls = work["images"][0]
    for url, size in ((urls["public_url"], (1000, 800)), (urls["thumb_url"], (400, 320))):
        r = client.get(url)
        assert r.status_code == 200 and r.mimetype == "image/jpeg"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Content-Disposition"].startswith("inline; filename=work-")
        assert "作品" not in r.headers["Content-Disposition"] and "sandbox" in r.headers["Content-Security-Policy"]
        assert Image.open(io.BytesIO(r.data)).size == size
    r = client.get(urls["original_url"])
    assert r.status_code == 200 and r.data == original and r.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(urls["original_url"].replace("/original", "/secret")).status_code == 404


def test_uploads_are_kept_outside_the_static_folder_by_default(app):
    folder = Path(load()["UPLOAD_FOLDER"]).resolve()
    assert folder == (Path(app.root_path) / "instance" / "uploads").resolve()
    assert Path(app.static_folder).resolve() not in folder.parents


def test_other_leaders_and_the_public_see_only_approved_entries_copies(client, login, organiser, dummy_event,
                                                                       dummy_delegation, token):
    contest = photo_contest(organiser, dummy_event)
    entry = author_entry(contest, dummy_delegation)
    work = post_work(client, entry.id, token("leader1")).get_json()
    other_delegation(organiser, dummy_event)
    other = token("leader2")
    urls = work["images"][0]
    assert client.get(f"/api/v1/entries/{entry.id}/works", headers=other).status_code == 404
    assert post_work(client, entry.id, other).status_code == 404
    assert client.delete(f"/api/v1/works/{work['id']}", headers=other).status_code == 404
    assert client.get(f"/api/v1/entries/{entry.id}/works").status_code == 404
    assert client.get(urls["thumb_url"]).status_code == 404
    change(entry, status="approved")
    public = client.get(f"/api/v1/entries/{entry.id}/works").get_json()["items"][0]["images"][0]
    assert "original_url" not in public and "original_filename" not in public and "sha256" not in public
    assert client.get(urls["thumb_url"]).status_code == 200 and client.get(urls["public_url"]).status_code == 200
    assert client.get(urls["original_url"]).status_code == 404
    assert post_work(client, entry.id, other).status_code == 403
    assert client.delete(f"/api/v1/works/{work['id']}", headers=other).status_code == 403
    login("leader2")
    assert client.get(f"/entries/{entry.id}/works").status_code == 403
    assert client.get(urls["original_url"]).status_code == 404


def test_an_organiser_submits_for_an_entry_and_sees_originals(client, login, organiser, dummy_event,
                                                               dummy_delegation, token):
    entry = author_entry(photo_contest(organiser, dummy_event), dummy_delegation)
    r = post_work(client, entry.id, token("org"))
    assert r.status_code == 201
    login("org")
    assert client.get(r.get_json()["images"][0]["original_url"]).status_code == 200
    assert "冰城晨曦" in client.get(f"/entries/{entry.id}/works").get_data(as_text=True)


def test_the_works_page_deletes_a_work(client, login, organiser, dummy_event, dummy_delegation, token, uploads):
    entry = author_entry(photo_contest(organiser, dummy_event), dummy_delegation)
    work = post_work(client, entry.id, token("leader1")).get_json()
    login("leader1")
    r = client.post(f"/works/{work['id']}/delete")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/entries/{entry.id}/works")
    assert saved(uploads) == (0, 0, [])


def test_nothing_changes_once_registration_closed(client, organiser, dummy_event, dummy_delegation, token, uploads):
    contest = photo_contest(organiser, dummy_event)
    entry = author_entry(contest, dummy_delegation)
    headers = token("leader1")
    work = post_work(client, entry.id, headers).get_json()
    change(contest, registration_closes_at=utcnow() - timedelta(minutes=1))
    r = post_work(client, entry.id, headers)
    assert r.status_code == 409 and r.mimetype == "application/problem+json"
    assert client.delete(f"/api/v1/works/{work['id']}", headers=headers).status_code == 409
    assert saved(uploads)[:2] == (1, 1) and len(saved(uploads)[2]) == 3


def test_works_belong_to_photography_entries_only(client, dummy_contest, dummy_delegation, token):
    entry = author_entry(dummy_contest, dummy_delegation)
    assert post_work(client, entry.id, token("leader1")).status_code == 404
    assert client.get("/api/v1/entries/999999/works").status_code == 404


def test_the_works_api_answers_as_documented(client, organiser, dummy_event, dummy_delegation, token):
    # approved: its works are public, as the description's GET (called without a token) says
    entry = author_entry(photo_contest(organiser, dummy_event, entries_per_author=3), dummy_delegation,
                         status="approved")
    headers = token("leader1")
    first = post_work(client, entry.id, headers).get_json()
    path = "/api/v1/entries/{entry_id}/works"
    forms = {("post", path): lambda: {"title": "雪乡", "files[]": files(1)}}
    checked = check_operations(client, works_api_spec.PATHS, {"entry_id": entry.id, "work_id": first["id"]}, {},
                               headers, forms)
    assert checked == 3
