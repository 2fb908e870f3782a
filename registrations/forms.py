"""Organiser form for a delegation and its leader's account."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField


class DelegationForm(FlaskForm):
    name = StringField(_l("Name"))
    division = SelectField(_l("Division"), choices=[], validate_choice=False)
    leader_username = StringField(_l("Leader's username"), render_kw={"autocapitalize": "none"})
    leader_password = PasswordField(_l("Leader's password"), render_kw={"autocomplete": "new-password"})
    leader_display_name = StringField(_l("Leader's name"))
    leader_email = StringField(_l("Leader's e-mail (for reminders, optional)"), render_kw={"type": "email"})
    version = HiddenField()
