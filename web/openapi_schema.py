"""Builders for the OpenAPI description, shared by the modules that describe their part of the API."""
from __future__ import annotations

PROBLEM = {"$ref": "#/components/responses/Problem"}
ID = {"type": "integer"}


def obj(props: dict, required: tuple = ()) -> dict:
    """An object schema."""
    return {"type": "object", "properties": props, "required": list(required)}


def list_of(name: str) -> dict:
    """The schema of a paged list of a named schema."""
    return obj({"items": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
                "total": ID}, ("items", "total"))


def op(summary: str, ok: int, schema: dict | None, errors: tuple, auth: bool, body: str | None = None,
       paged: bool = False) -> dict:
    """One operation: its success status and schema, its problem statuses, auth, the name of its body's schema
    and paging."""
    operation: dict = {"summary": summary, "responses": {}}
    content = {"application/json": {"schema": schema}} if schema else None
    operation["responses"][str(ok)] = {"description": "OK", **({"content": content} if content else {})}
    for status in errors:
        operation["responses"][str(status)] = PROBLEM
    if auth:
        operation["security"] = [{"bearer": []}]
    else:  # a public read may still carry a token (an organiser sees more): an invalid or revoked one is 401
        operation["security"] = [{}, {"bearer": []}]
        operation["responses"].setdefault("401", PROBLEM)
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref(body)}}}
    if paged:  # (a per_page above 200 is capped at 200; one below 1, or not a number, is 422)
        operation["parameters"] = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                                   {"name": "per_page", "in": "query", "description": "capped at 200",
                                    "schema": {"type": "integer", "minimum": 1}}]
        operation["responses"].setdefault("422", PROBLEM)
    return operation


def ref(name: str) -> dict:
    """A reference to a named schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def path_id(name: str) -> list:
    """The parameters of a path with one integer id."""
    return [{"name": name, "in": "path", "required": True, "schema": ID}]
