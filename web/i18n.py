"""Language choice (Simplified Chinese by default, English on request) and message translation."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_babel import get_locale, gettext

from common.errors import Message

bp = Blueprint("i18n", __name__)

SHORT = {"zh": "zh_CN", "zh_CN": "zh_CN", "zh-CN": "zh_CN", "en": "en"}


def select_locale() -> str:
    """?lang=, then the API's Accept-Language, then the session's choice, then Chinese."""
    asked = request.args.get("lang")
    if asked in SHORT:
        return SHORT[asked]
    if request.path.startswith("/api/"):
        best = request.accept_languages.best_match(["zh-CN", "zh", "en"])
        return SHORT.get(best or "zh", "zh_CN")
    return session.get("lang", current_app.config["BABEL_DEFAULT_LOCALE"])


def translate(message: Message) -> str:
    """A domain message in the current language."""
    return message.render(gettext)


def html_lang() -> str:
    """The lang attribute of pages: zh-CN or en."""
    return "en" if str(get_locale()) == "en" else "zh-CN"


@bp.get("/lang/<code>")
def set_language(code: str):
    """Remember the chosen language and go back where the user was."""
    if code in SHORT:
        session["lang"] = SHORT[code]
    target = request.args.get("next") or url_for("competitions.home")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("competitions.home")
    return redirect(target)


#: the names China's time zone goes by (the offset alone is shown for any other)
BEIJING = ("Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC")


def zone_label(tz: str) -> str:
    """An event's time zone as readers know it: 北京时间 (UTC+8), or Asia/Urumqi (UTC+6)."""
    offset = datetime.now(ZoneInfo(tz)).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    utc = f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    name = gettext("Beijing time") if tz in BEIJING else tz
    return f"{name} ({utc})"


def localtime(value, tz: str) -> str:
    """A stored UTC time shown in the event's time zone, as 2025-06-18 09:00."""
    return value.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M") if value else ""
