"""API: a photography entry's works (multipart upload, list, delete); image URLs point at the works pages."""
from __future__ import annotations

from flask import request, url_for

from common.errors import N_
from registrations import work_services
from registrations.work_views import request_uploads, upload_folder
from web.api import BadBody, api_time, bp, created, current_user_or_401, current_user_or_none, listing


def image_json(image, private: bool) -> dict:
    """One image of a work: size and the URLs of its copies (the original's only for the entry's managers)."""
    body = {"id": image.id, "position": image.position, "format": image.format, "width": image.width,
            "height": image.height, "public_url": url_for("works.image", image_id=image.id, kind="public"),
            "thumb_url": url_for("works.image", image_id=image.id, kind="thumb")}
    if private:
        body.update(original_filename=image.original_filename, size_bytes=image.size_bytes, sha256=image.sha256,
                    original_url=url_for("works.image", image_id=image.id, kind="original"))
    return body


def work_json(work, private: bool) -> dict:
    """The shape of a work."""
    return {"id": work.id, "entry_id": work.entry_id, "title": work.title, "description": work.description,
            "created_at": api_time(work.created_at, work.entry.contest.event.timezone), "version": work.version,
            "images": [image_json(i, private) for i in work.images]}


@bp.get("/entries/<int:entry_id>/works")
def list_works(entry_id: int):
    """An entry's works (its leader and the organisers; the public for approved entries, copies only)."""
    _entry, works, private = work_services.list_works(current_user_or_none(), entry_id)
    return listing([work_json(w, private) for w in works], len(works))


@bp.post("/entries/<int:entry_id>/works")
def submit_work(entry_id: int):
    """Submit a work: multipart/form-data with title, description and files[] (one, or a series)."""
    actor = current_user_or_401()
    rules = work_services.work_rules(actor, entry_id)
    request.max_content_length = rules.request_bytes
    if request.mimetype != "multipart/form-data":
        raise BadBody(N_("Send multipart/form-data with title, description and files[]."))
    data = {"title": request.form.get("title"), "description": request.form.get("description")}
    work = work_services.submit_work(actor, entry_id, data, request_uploads(), upload_folder())
    return created(work_json(work, private=True))


@bp.delete("/works/<int:work_id>")
def delete_work(work_id: int):
    """Delete a work and its files, before the registration deadline (leader or organiser)."""
    work_services.delete_work(current_user_or_401(), work_id, upload_folder())
    return "", 204
