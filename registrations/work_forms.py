"""The form of a photo work: title and description (the files come as the request's ``files``)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField


class WorkForm(FlaskForm):
    title = StringField(_l("Title"), render_kw={"maxlength": 100})
    description = TextAreaField(_l("Description (optional)"), render_kw={"rows": 3, "maxlength": 2000})
