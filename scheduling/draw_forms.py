"""WTForms of the draw page: the draw's options, the seed numbers (plain inputs ``seed-<entry id>``), publishing.

The organiser gives the seeds numbers 1, 2, 3… next to the entries; ``draw_data`` reads them into the
ordered list of entry ids ``make_draw`` takes, with an error next to each input that is not a usable
seed number (field names ``seed-<entry id>``, as ``FormErrors`` keys).
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField

from web.forms import FormErrors

#: random seeds fit the database's 32-bit integer column (draw_services.SEED_LIMIT)
RANDOM_SEED_MAX = 2 ** 31 - 1


class DrawForm(FlaskForm):
    """The draw's options; the seed numbers come as plain inputs next to the entries."""
    separate_delegations = BooleanField(_l("Keep entries of the same delegation apart"), default=True)
    random_seed = StringField(_l("Random seed (optional)"),
                              description=_l("Leave blank to draw at random. The same seed with the same entries "
                                             "and seeds always gives the same draw."),
                              render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 10})


class PublishForm(FlaskForm):
    """Publish the draw ("1") or hide it again ("0")."""
    published = HiddenField()


def seed_field(entry_id: int) -> str:
    """The name of an entry's seed input."""
    return f"seed-{entry_id}"


def seed_inputs(form_data, entry_ids) -> dict[int, str]:
    """Each approved entry's seed input as typed (blank when not seeded)."""
    return {i: (form_data.get(seed_field(i)) or "").strip() for i in entry_ids}


def _numbers(values: dict[int, str], limit: int, count: int, errors: FormErrors) -> dict[int, int]:
    """The well-formed seed numbers by entry; an error for each one that is not a number in range."""
    numbers: dict[int, int] = {}
    for entry, raw in values.items():
        if not raw:
            continue
        if not raw.isdigit() or int(raw) < 1:
            errors[seed_field(entry)] = [_("Give a whole number from 1, or leave it blank.")]
        elif int(raw) > count:
            errors[seed_field(entry)] = [_("At most %(max)s: there are %(max)s approved entries.", max=count)]
        elif int(raw) > limit:
            errors[seed_field(entry)] = [_("This contest has at most %(max)s seeds.", max=limit)]
        else:
            numbers[entry] = int(raw)
    return numbers


def read_seeds(values: dict[int, str], limit: int, count: int) -> tuple[list[int], FormErrors]:
    """The seeded entry ids, seed 1 first, and the errors per input (unique, in range, no gaps)."""
    errors = FormErrors()
    numbers = _numbers(values, limit, count, errors)
    for entry, number in numbers.items():
        if list(numbers.values()).count(number) > 1:
            errors[seed_field(entry)] = [_("Seed %(n)s is given to more than one entry.", n=number)]
    given = sorted(set(numbers.values()))
    missing = next((n for n, got in enumerate(given, 1) if n != got), None)
    if missing is not None:
        for entry, number in numbers.items():
            if number > missing and seed_field(entry) not in errors:
                errors[seed_field(entry)] = [_("Seed %(n)s is missing: number the seeds 1, 2, 3… without gaps.",
                                               n=missing)]
    return [e for e, _n in sorted(numbers.items(), key=lambda item: item[1])], errors


def read_random_seed(form: DrawForm) -> int | None:
    """The random seed typed, None when blank; an error on the field when it is not a number in range."""
    raw = (form.random_seed.data or "").strip()
    if not raw:
        return None
    if raw.isdigit() and int(raw) <= RANDOM_SEED_MAX:
        return int(raw)
    form.random_seed.errors = [_("Give a whole number from 0 to %(max)s, or leave it blank.", max=RANDOM_SEED_MAX)]
    return None


def draw_data(form: DrawForm, values: dict[int, str], limit: int, count: int) -> tuple[dict | None, FormErrors]:
    """The dict ``make_draw`` takes, or None with the errors when an input is wrong."""
    seeds, errors = read_seeds(values, limit, count)
    random_seed = read_random_seed(form)
    if errors or form.random_seed.errors:
        return None, errors
    data: dict = {"seeds": seeds, "separate_delegations": bool(form.separate_delegations.data)}
    if random_seed is not None:
        data["random_seed"] = random_seed
    return data, errors
