"""Organiser forms for events, divisions, venues and contests. The services check the values."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField

from competitions.validation import VENUE_KINDS


class EventForm(FlaskForm):
    name = StringField(_l("Name"))
    starts_on = StringField(_l("First day"), render_kw={"type": "date"})
    ends_on = StringField(_l("Last day"), render_kw={"type": "date"})
    timezone = StringField(_l("Time zone"), default="Asia/Shanghai")
    host = StringField(_l("Host (主办单位)"))
    divisions = StringField(_l("Divisions"), description=_l("One per line as code=name, e.g. city=市州组"),
                            render_kw={"placeholder": "city=市州组"})
    version = HiddenField()


class DivisionForm(FlaskForm):
    code = StringField(_l("Code"), description=_l("Letters and digits without spaces, used by the API"))
    name = StringField(_l("Name"))


class VenueForm(FlaskForm):
    name = StringField(_l("Name"))
    kind = SelectField(_l("Kind"), choices=[(k, k) for k in VENUE_KINDS])
    address = StringField(_l("Address"))
    courts = StringField(_l("Courts or lanes"), description=_l("A number (8), or names separated by commas"))
    version = HiddenField()


class ContestForm(FlaskForm):
    name = StringField(_l("Name"))
    sport = SelectField(_l("Sport"), choices=[])
    discipline = SelectField(_l("Discipline"), choices=[], validate_choice=False)
    division = SelectField(_l("Division"), choices=[], validate_choice=False)
    format_type = SelectField(_l("Format"), choices=[], validate_choice=False)
    registration_opens_at = StringField(_l("Registration opens"), render_kw={"type": "datetime-local"})
    registration_closes_at = StringField(_l("Registration closes"), render_kw={"type": "datetime-local"})
    max_entries = StringField(_l("Maximum entries"), render_kw={"inputmode": "numeric"})
    waiting_list = BooleanField(_l("Waiting list when full"))
    venue_id = SelectField(_l("Venue"), choices=[], validate_choice=False)
    version = HiddenField()
