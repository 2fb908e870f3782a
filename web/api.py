"""The /api/v1 blueprint: bearer-token auth, JSON bodies, paging and problem+json errors."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, g, jsonify, request
from flask_babel import gettext

from accounts.services import user_for_token
from common.errors import N_, DomainError, Invalid, Message, Unauthorized
from web.i18n import translate

bp = Blueprint("api", __name__, url_prefix="/api/v1")

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, errors: dict | None = None, type_: str = "about:blank"):
    """A problem+json response."""
    body = {"type": type_, "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    resp = jsonify(body)
    resp.status_code = status
    resp.mimetype = PROBLEM
    return resp


def problem_for(err: DomainError):
    """The problem+json response of a domain error, in the request's language."""
    errors = None
    detail = translate(err.message)
    if isinstance(err, Invalid):
        errors = {k: [translate(m) for m in v] for k, v in err.errors.items()}
        first = next(iter(errors.items()), None)
        if first:
            detail = f"{first[0]}: {first[1][0]}"
    resp = problem(err.status, gettext(err.title), detail, errors)
    if err.status == 401:
        resp.headers["WWW-Authenticate"] = 'Bearer realm="podium"'
    return resp


@bp.errorhandler(DomainError)
def _domain_error(err: DomainError):
    return problem_for(err)


@bp.before_request
def _authenticate():
    g.api_user, g.api_token = None, None
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        found = user_for_token(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
        if found is None:
            return problem_for(Unauthorized(N_("The token is missing, invalid, expired or revoked.")))
        g.api_user, g.api_token = found


def current_user_or_401():
    """The user of the bearer token; Unauthorized when there is none."""
    if g.get("api_user") is None:
        raise Unauthorized(N_("Send a bearer token: POST /api/v1/tokens first."))
    return g.api_user


def current_user_or_none():
    """The user of the bearer token, or None for an anonymous (public) request."""
    return g.get("api_user")


def json_body() -> dict:
    """The request's JSON object; 400 problem for malformed JSON or a body that is not an object."""
    try:
        data = request.get_json(silent=True, force=True)
    except RecursionError:  # (nested deeper than the decoder goes: not an error ``silent`` catches)
        data = None
    if data is None:
        raise BadBody(N_("The body must be valid JSON (UTF-8)."))
    if not isinstance(data, dict):
        raise BadBody(N_("The body must be a JSON object."))
    return data


class BadBody(DomainError):
    status = 400
    title = N_("Malformed request")


#: the most items a list gives in one page (API.md: ``?per_page=`` max 200; more asked, 200 given)
MAX_PER_PAGE = 200


def page_args() -> tuple[int, int]:
    """?page= (from 1) and ?per_page= (default 50, at most ``MAX_PER_PAGE``: a larger one is capped); Invalid
    when either is not a whole number from 1."""
    out = []
    for key, default, hi in (("page", 1, 100000), ("per_page", 50, None)):
        raw = request.args.get(key, str(default)).strip()
        if not raw.isdigit() or int(raw) < 1 or (hi is not None and int(raw) > hi):
            raise Invalid({key: [Message(N_("Must be a whole number between %(min)s and %(max)s."),
                                          {"min": 1, "max": hi or MAX_PER_PAGE})]})
        out.append(int(raw))
    return out[0], min(out[1], MAX_PER_PAGE)


def listing(items: list, total: int):
    """The list shape of API.md."""
    return jsonify(items=items, total=total)


def created(body: dict, location: str | None = None):
    """201 with a JSON body (and Location)."""
    resp = jsonify(body)
    resp.status_code = 201
    if location:
        resp.headers["Location"] = location
    return resp


#: the time zone of times that belong to no event (API.md: "the event's time zone (default Asia/Shanghai)")
DEFAULT_TIMEZONE = "Asia/Shanghai"


def api_time(value: datetime | None, tz: str | None = None) -> str | None:
    """A stored time as the API gives it: ISO 8601 with the offset of the event's time zone ``tz`` (API.md),
    e.g. ``2026-06-01T18:00:00+08:00``; the same instant as stored, in the organisers' wall-clock time."""
    return None if value is None else value.astimezone(ZoneInfo(tz or DEFAULT_TIMEZONE)).isoformat()
