"""Entry forms: the team form with its member rows (plain inputs members-N-field), decisions, substitution.

Member rows are plain named inputs (``members-3-gender``) that ``member_rows`` reads into the list of
dicts the services take; rows left wholly blank are dropped, so errors (``members.3.gender``) point at
the rows as shown again. WTForms carries the CSRF token and the entry-level fields.
"""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField

from registrations.idcard import mask_id_number

MEMBER_FIELDS = ("name", "gender", "birth_date", "id_number", "role", "phone")
#: fields that, left alone, do not make a row worth keeping (the role select always has a value)
_DEFAULTED = ("role", "gender")
_KEY = re.compile(r"^members-(\d+)-(\w+)$")


class EntryForm(FlaskForm):
    """An entry's name (and, for organisers, its delegation); the members come as plain inputs."""
    delegation_id = SelectField(_l("Delegation"), choices=[], coerce=int, validate_choice=False)
    name = StringField(_l("Team name"), render_kw={"autocomplete": "off"})
    version = HiddenField()


class SubstituteForm(FlaskForm):
    """After the deadline: an organiser's new roster, with the reason the leader will see."""
    reason = TextAreaField(_l("Reason for the change"), render_kw={"rows": 2, "maxlength": 500})
    version = HiddenField()


class RejectForm(FlaskForm):
    """An organiser's rejection of one entry."""
    reason = TextAreaField(_l("Reason"), render_kw={"rows": 2, "maxlength": 500})
    version = HiddenField()


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token and the version read (withdraw, approve, bulk approve)."""
    version = HiddenField()


def member_rows(form_data) -> list[dict]:
    """The member rows of a submitted form, in row order, without rows left blank."""
    rows: dict[int, dict] = {}
    for key in form_data:
        match = _KEY.match(key)
        if match and match.group(2) in MEMBER_FIELDS:
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = form_data.get(key, "").strip()
    kept = [rows[i] for i in sorted(rows) if any(v for k, v in rows[i].items() if k not in _DEFAULTED)]
    return [{f: (row.get(f) or None) for f in MEMBER_FIELDS} for row in kept]


def unmask(rows: list[dict], stored: list) -> list[dict]:
    """Put back the stored ID numbers that were shown masked (a leader sees 220102********0011)."""
    full = {mask_id_number(m.id_number): m.id_number for m in stored if m.id_number}
    return [{**r, "id_number": full.get(r["id_number"], r["id_number"]) if r.get("id_number") else None}
            for r in rows]


def rows_of(entry, masked: bool) -> list[dict]:
    """An entry's members as form rows (ID numbers masked for leaders)."""
    return [{"name": m.name, "gender": m.gender, "birth_date": m.birth_date.isoformat() if m.birth_date else "",
             "id_number": (mask_id_number(m.id_number) if masked else m.id_number) if m.id_number else "",
             "role": m.role, "phone": m.phone or ""} for m in entry.members]


def service_data(form: EntryForm, rows: list[dict], with_delegation: bool) -> dict:
    """The dict ``register_entry``/``update_entry`` take."""
    data: dict = {"name": form.name.data or "", "members": rows}
    if form.version.data:
        data["version"] = int(form.version.data) if form.version.data.isdigit() else form.version.data
    if with_delegation and form.delegation_id.data:
        data["delegation_id"] = form.delegation_id.data
    return data
