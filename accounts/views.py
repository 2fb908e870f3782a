"""Pages: log in, log out, change password, and each user's own start page."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from accounts import services
from accounts.forms import LoginForm, PasswordForm
from accounts.permissions import ROLE_NAMES
from common.errors import TooManyRequests, Unauthorized
from competitions.services import organised_by
from registrations.services import led_by
from web.forms import submit
from web.i18n import translate

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("accounts.me")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with username and password (rate-limited per account and address)."""
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        cfg = current_app.config
        try:
            user = services.log_in(form.username.data, form.password.data, request.remote_addr or "",
                                   cfg["SESSION_HOURS"], cfg["LOGIN_FAILURE_LIMIT"],
                                   timedelta(minutes=cfg["LOGIN_FAILURE_WINDOW_MINUTES"]))
        except (Unauthorized, TooManyRequests) as err:
            flash(translate(err.message), "danger")
            status = err.status
        else:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """Log out: every web session of this user ends."""
    services.log_out(current_user)
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("competitions.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    """Change the password; other sessions and API tokens end."""
    form = PasswordForm()
    done, errors = submit(form, lambda: services.change_password(
        current_user, form.current_password.data, form.new_password.data),
        lambda _r: url_for("accounts.me"), _("Password changed. Your other sessions have ended."))
    return done or render_template("accounts/password.html", form=form, errors=errors)


@bp.get("/me")
@login_required
def me():
    """The user's start page: the events they organise, the delegation they lead."""
    return render_template("accounts/me.html", events=organised_by(current_user), role_names=ROLE_NAMES,
                           delegation=led_by(current_user))
