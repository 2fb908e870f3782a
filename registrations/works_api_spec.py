"""The OpenAPI description of the API's photography works; merged by web.openapi."""
from __future__ import annotations

from web.openapi_schema import ID, list_of, obj, op, path_id, ref

_STR = {"type": "string"}

SCHEMAS: dict = {
    "WorkImage": obj({
        "id": ID, "position": ID, "format": {"enum": ["JPEG", "PNG"]}, "width": ID, "height": ID,
        "public_url": _STR, "thumb_url": _STR,
        "original_url": {**_STR, "description": "the original file (the entry's leader and organisers only)"},
        "original_filename": {**_STR, "description": "the author's file name, for display (leader, organisers)"},
        "size_bytes": ID, "sha256": _STR}, ("id", "position", "format", "width", "height", "public_url", "thumb_url")),
    "Work": obj({
        "id": ID, "entry_id": ID, "title": _STR, "description": _STR,
        "created_at": {"type": "string", "format": "date-time"}, "version": ID,
        "images": {"type": "array", "items": ref("WorkImage")}},
        ("id", "entry_id", "title", "description", "created_at", "version", "images")),
    "WorkUpload": obj({
        "title": {**_STR, "maxLength": 100}, "description": {**_STR, "maxLength": 2000},
        "files[]": {"type": "array", "items": {"type": "string", "format": "binary"},
                    "description": "JPEG or PNG images: one for a single-image work, a series' 4-8 images "
                                   "(contest settings) for a series; size and long edge per contest settings"}},
        ("title", "files[]")),
}


def _upload_op() -> dict:
    operation = op("Submit a work of a photography entry (leader, organiser; registration open)", 201,
                   ref("Work"), (400, 401, 403, 404, 409, 413, 422), True)
    operation["requestBody"] = {"required": True, "content": {"multipart/form-data": {
        "schema": ref("WorkUpload"), "encoding": {"files[]": {"contentType": "image/jpeg, image/png"}}}}}
    return operation


PATHS: dict = {
    "/api/v1/entries/{entry_id}/works": {
        "parameters": path_id("entry_id"),
        "get": {**op("An entry's works (leader, organisers; public for approved entries, without originals)", 200,
                     list_of("Work"), (404,), False), "security": [{}, {"bearer": []}]},
        "post": _upload_op()},
    "/api/v1/works/{work_id}": {
        "parameters": path_id("work_id"),
        "delete": op("Delete a work and its files (leader, organiser; registration open)", 204, None,
                     (401, 403, 404, 409), True)},
}
