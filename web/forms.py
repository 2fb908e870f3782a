"""Helpers for HTML forms: run a use case from a form and show its errors next to the fields."""
from __future__ import annotations

from typing import Callable

from flask import flash, redirect
from flask_babel import gettext

from common.errors import DomainError, Invalid
from web.i18n import translate


class FormErrors(dict):
    """Field path -> translated messages, for fields the form class does not declare."""

    def for_(self, path: str) -> list[str]:
        return self.get(path, [])


def apply_errors(form, err: DomainError) -> FormErrors:
    """Put each error on its form field (``leader.username`` -> ``leader_username``); return the rest."""
    rest = FormErrors()
    if not isinstance(err, Invalid):
        flash(translate(err.message), "danger")
        return rest
    for path, messages in err.errors.items():
        text = [translate(m) for m in messages]
        name = path.replace(".", "_")
        if form is not None and name in form._fields:
            form[name].errors = list(form[name].errors or []) + text
        else:
            rest[path] = text
    flash(gettext("Please correct the marked fields."), "danger")
    return rest


def submit(form, action: Callable[[], object], success: Callable[[object], str], message: str):
    """On a valid POST run ``action``; redirect to ``success(result)`` or return the field errors."""
    if not form.validate_on_submit():
        return None, FormErrors()
    try:
        result = action()
    except (Invalid, DomainError) as err:
        if err.status in (401, 403, 404):
            raise
        return None, apply_errors(form, err)
    flash(message, "success")
    return redirect(success(result)), FormErrors()


def reject_keys(errors: dict, *prefixes: str) -> dict:
    """Jinja filter: the errors whose paths do not start with any of ``prefixes``."""
    return {k: v for k, v in errors.items() if not k.startswith(prefixes)}
