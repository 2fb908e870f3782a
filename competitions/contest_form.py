"""Between the contest form and the contest service: choices, parsing of per-sport fields, filling."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from flask_babel import gettext

from competitions.sports import FORMAT_LABELS, FORMATS, SPORTS


def contest_choices(form, event) -> None:
    """Fill the select fields from the sports registry and the event's divisions and venues."""
    form.sport.choices = [(code, gettext(s.label)) for code, s in SPORTS.items()]
    form.discipline.choices = [("", "—")] + [(d.code, gettext(d.label)) for s in SPORTS.values()
                                             for d in s.disciplines.values()]
    form.division.choices = [("", gettext("All divisions"))] + [(d.code, d.name) for d in event.divisions]
    form.format_type.choices = [(f, gettext(FORMAT_LABELS[f])) for f in FORMATS]
    form.venue_id.choices = [("", "—")] + [(str(v.id), v.name) for v in event.venues]


def contest_data(form, posted) -> dict:
    """The service's input from the form: settings come from fields named settings-<sport>-<key>."""
    sport = SPORTS.get(form.sport.data)
    discipline = form.discipline.data or None
    settings, fmt = {}, {"type": form.format_type.data}
    if sport:
        for param in sport.settings_for(discipline):
            _take(posted, f"settings-{sport.code}-{param.key}", param, settings)
    for param in FORMATS.get(form.format_type.data, ()):
        _take(posted, f"format-{form.format_type.data}-{param.key}", param, fmt)
    return {"name": form.name.data, "sport": form.sport.data, "discipline": discipline,
            "division": form.division.data or None, "format": fmt, "settings": settings,
            "registration_opens_at": form.registration_opens_at.data,
            "registration_closes_at": form.registration_closes_at.data,
            "max_entries": form.max_entries.data or None, "waiting_list": form.waiting_list.data,
            "venue_id": form.venue_id.data or None, "version": form.version.data or None}


def _take(posted, name: str, param, out: dict) -> None:
    if param.kind == "bool":
        out[param.key] = posted.get(name) in ("y", "on", "true", "1")
    elif posted.get(name, "") != "":
        out[param.key] = posted.get(name)


def fill_contest_form(form, contest) -> dict:
    """Put a contest's values into the form; return the per-sport field values for the template."""
    tz = ZoneInfo(contest.event.timezone)
    form.name.data = contest.name
    form.sport.data, form.discipline.data = contest.sport, contest.discipline or ""
    form.division.data = contest.division.code if contest.division else ""
    form.format_type.data = contest.format["type"]
    form.registration_opens_at.data = contest.registration_opens_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M")
    form.registration_closes_at.data = contest.registration_closes_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M")
    form.max_entries.data = contest.max_entries or ""
    form.waiting_list.data = contest.waiting_list
    form.venue_id.data = str(contest.venue_id or "")
    form.version.data = contest.version
    values = {f"settings-{contest.sport}-{k}": v for k, v in contest.settings.items()}
    values.update({f"format-{contest.format['type']}-{k}": v for k, v in contest.format.items() if k != "type"})
    return values
