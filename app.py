"""Podium's application factory: configuration, extensions, blueprints and commands. Wiring only."""
from __future__ import annotations

from flask import Flask

import accounts.api  # noqa: F401  (routes on the API blueprint)
import competitions.stamps  # noqa: F401  (keeps public page stamps current)
import competitions.api  # noqa: F401
import notifications.api  # noqa: F401
import notifications.models  # noqa: F401  (tables known to the migrations)
import registrations.api  # noqa: F401
import registrations.entry_api  # noqa: F401
import registrations.works_api  # noqa: F401
import scheduling.api  # noqa: F401
import scheduling.models  # noqa: F401
from accounts.cli import create_organiser
from accounts.services import user_for_session
from accounts.views import bp as accounts_bp
from common.db import db
from common.extensions import babel, bootstrap, csrf, login_manager, migrate
from competitions.admin_views import bp as admin_bp
from competitions.live_views import bp as live_bp
from competitions.result_views import bp as results_bp
import competitions.lots_views  # noqa: F401  (the drawing of lots page, on the results blueprint)
from competitions.sports import CHOICE_LABELS
from competitions.views import bp as competitions_bp
from config import ROOT, load
from demo.cli import load_demo_command
from notifications.views import bp as notifications_bp
from registrations.excel_views import bp as entry_files_bp
from registrations.views import bp as registrations_bp
from registrations.entry_views import bp as entries_bp
import registrations.entry_manage_views  # noqa: F401  (organiser and public pages on the entries blueprint)
from registrations.work_views import bp as works_bp
from scheduling.cli import scheduler_command
from scheduling.draw_views import bp as draws_bp
from scheduling.scheduler import start_scheduler
from web import errors
from web.ids import IdConverter
from web.api import bp as api_bp
from web.forms import reject_keys
from web.i18n import bp as i18n_bp
from web.i18n import html_lang, localtime, select_locale, zone_label
from web.openapi import bp as openapi_bp


def create_app(config: dict | None = None) -> Flask:
    """Build the Flask app; ``config`` overrides the environment (tests pass their database)."""
    app = Flask(__name__, template_folder="templates", static_folder="static", instance_path=str(ROOT / "instance"))
    app.url_map.converters["int"] = IdConverter  # (before any route is added)
    app.config.from_mapping(load(config))
    _init_extensions(app)
    csrf.exempt(api_bp)
    for blueprint in (i18n_bp, accounts_bp, competitions_bp, admin_bp, registrations_bp, entries_bp, works_bp,
                      notifications_bp, entry_files_bp, draws_bp, results_bp, live_bp, api_bp, openapi_bp):
        app.register_blueprint(blueprint)
    errors.register(app)
    for command in (create_organiser, load_demo_command, scheduler_command):
        app.cli.add_command(command)
    if app.config["SCHEDULER_ENABLED"] and not app.config.get("TESTING"):
        start_scheduler(app)
    return app


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale, default_translation_directories=str(ROOT / "translations"))
    csrf.init_app(app)
    bootstrap.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.session_protection = None  # sessions are revoked server-side instead
    login_manager.user_loader(user_for_session)
    app.jinja_env.globals["html_lang"] = html_lang
    app.jinja_env.globals["choice_labels"] = CHOICE_LABELS
    app.jinja_env.filters["localtime"] = localtime
    app.jinja_env.filters["zone"] = zone_label
    app.jinja_env.filters["reject_keys"] = reject_keys
