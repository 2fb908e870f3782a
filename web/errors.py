"""Error pages (403, 404, 500...) in both languages, and problem+json for API paths."""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from common.errors import DomainError
from web.api import problem, problem_for
from web.i18n import translate


def _wants_problem() -> bool:
    return request.path.startswith("/api/")


def register(app: Flask) -> None:
    """Install the error handlers on the app."""

    @app.errorhandler(DomainError)
    def domain_error(err: DomainError):
        if _wants_problem():
            return problem_for(err)
        return render_template("errors/error.html", status=err.status, title=gettext(err.title),
                               detail=translate(err.message)), err.status

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        titles = {400: gettext("Bad request"), 403: gettext("Forbidden"), 404: gettext("Page not found"),
                  405: gettext("Method not allowed"), 413: gettext("The upload is too large"),
                  429: gettext("Too many requests")}
        title = titles.get(err.code, err.name)
        detail = _detail(err)
        if _wants_problem():
            return problem(err.code, title, detail)
        return render_template("errors/error.html", status=err.code, title=title, detail=detail), err.code

    @app.errorhandler(Exception)
    def server_error(err: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        title = gettext("Something went wrong on our side")
        detail = gettext("The error was logged. Nothing you sent was saved half-way; please try again.")
        if _wants_problem():
            return problem(500, title, detail)
        return render_template("errors/error.html", status=500, title=title, detail=detail), 500


def _detail(err: HTTPException) -> str:
    if err.code == 404:
        return gettext("There is nothing at this address.")
    if err.code == 403:
        return gettext("You are not allowed to do this.")
    if err.code == 400 and "CSRF" in (err.description or ""):
        return gettext("The form expired or was sent from elsewhere. Reload the page and try again.")
    if err.code == 405:
        return gettext("This address does not accept this method.")
    if err.code == 413:
        return gettext("The upload is too large.")
    return gettext("The request could not be handled.")
