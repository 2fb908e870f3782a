"""The subject and body of a notification e-mail: Chinese (the app's default language), then English. Pure.

A mail is composed when the notification is made, outside any request, so it cannot follow the
reader's language choice; both languages are written, Chinese first, and the link (a path inside
the app) comes last on a line of its own so the mailer can put the site's address in front of it.
"""
from __future__ import annotations

from functools import lru_cache

from babel.support import NullTranslations, Translations

from common.errors import N_, Message
from config import ROOT

MAIL_LOCALE = "zh_CN"
#: the subject line of each kind of notification (unknown kinds get the generic one)
KIND_TITLES = {
    "reminder": N_("Registration deadline reminder"),
    "closed": N_("Registration closed"),
    "approved": N_("Entry approved"),
    "rejected": N_("Entry rejected"),
    "promoted": N_("Entry moved up from the waiting list"),
}
GENERIC_TITLE = N_("Notification")
APP_NAME = N_("Podium")


@lru_cache(maxsize=4)
def _catalog(locale: str) -> NullTranslations:
    return Translations.load(str(ROOT / "translations"), [locale], domain="messages")


def _both(msgid: str, params: dict | None = None) -> tuple[str, str]:
    """The message in Chinese and in English."""
    message = Message(msgid, params or {})
    return message.render(_catalog(MAIL_LOCALE).gettext), message.render()


def compose(kind: str, msgid: str, params: dict | None, link: str = "") -> tuple[str, str]:
    """(subject, body) of the mail for one notification; KeyError/TypeError if params do not fit msgid."""
    title_zh, title_en = _both(KIND_TITLES.get(kind, GENERIC_TITLE))
    subject = f"[{_both(APP_NAME)[0]}] {title_zh} / {title_en}"
    text_zh, text_en = _both(msgid, params)
    body = f"{text_zh}\n\n{text_en}\n"
    if link:
        body += f"\n{link}\n"
    return subject[:200], body


def with_base_url(body: str, base_url: str) -> str:
    """The body with ``base_url`` put in front of its closing link line (a path starting with /)."""
    if not base_url:
        return body
    head, sep, last = body.rstrip("\n").rpartition("\n")
    if sep and last.startswith("/") and not last.startswith("//"):
        return f"{head}\n{base_url.rstrip('/')}{last}\n"
    return body
