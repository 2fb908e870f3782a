"""Checks that a part of the OpenAPI description answers as documented (shared by the API tests)."""
import re

from web.openapi import SPEC


def check_schema(value, schema, spec, path="$"):
    """A small JSON-schema check for the shapes used in our description (type, required, properties, items)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return check_schema(value, spec["components"]["schemas"][name], spec, path)
    types = schema.get("type")
    py = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool, "null": type(None)}
    if types:
        allowed = tuple(py[t] for t in ([types] if isinstance(types, str) else types))
        assert isinstance(value, allowed), f"{path}: {value!r} is not {types}"
    if "enum" in schema:
        assert value in schema["enum"], path
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{path}.{key} is required by the description"
        for key, sub in schema.get("properties", {}).items():
            if key in value and value[key] is not None:
                check_schema(value[key], sub, spec, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check_schema(item, schema["items"], spec, f"{path}[{i}]")


def check_operations(client, paths: dict, ids: dict, bodies: dict, headers: dict, forms: dict | None = None) -> int:
    """Call every operation of ``paths`` (DELETEs last) and check its success status and body schema.

    ``forms`` maps (method, path) to a function returning a multipart/form-data body (files as
    (stream, name) pairs), for operations that take files instead of JSON.
    """
    checked = 0
    order = sorted(((p, m, op) for p, item in paths.items() for m, op in item.items() if m != "parameters"),
                   key=lambda t: t[1] == "delete")
    for path, method, op in order:
        url = re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)
        public = {} in op.get("security", [{}])  # (a public read is called without a token)
        kwargs = {"headers": {} if public else headers}
        if (method, path) in bodies:
            kwargs["json"] = bodies[(method, path)]
            declared = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if declared:  # the body sent is one the description allows
                check_schema(kwargs["json"], declared, SPEC)
        if forms and (method, path) in forms:
            kwargs.update(data=forms[(method, path)](), content_type="multipart/form-data")
        r = client.open(url, method=method.upper(), **kwargs)
        ok = [int(s) for s in op["responses"] if s.startswith("2")][0]
        assert r.status_code == ok, f"{method.upper()} {path}: {r.status_code} {r.get_data(as_text=True)[:200]}"
        schema = op["responses"][str(ok)].get("content", {}).get("application/json", {}).get("schema")
        if schema:
            check_schema(r.get_json(), schema, SPEC)
        checked += 1
    assert checked == sum(len([m for m in item if m != "parameters"]) for item in paths.values())
    return checked
