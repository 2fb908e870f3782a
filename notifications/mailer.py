"""SMTP delivery with smtplib: one connection per round, one result per mail. No Flask, no database."""
from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Iterable, Mapping

from notifications.mail_text import with_base_url

TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class Mail:
    """What the mailer needs of an outbox row."""

    id: int
    to_address: str
    subject: str
    body: str


def configured(settings: Mapping) -> bool:
    """Whether an SMTP server is configured (MAIL_SERVER set)."""
    return bool(settings.get("MAIL_SERVER"))


def _message(settings: Mapping, mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.get("MAIL_SENDER") or "podium@localhost"
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="podium")
    message.set_content(with_base_url(mail.body, settings.get("MAIL_BASE_URL", "")))
    return message


def _connect(settings: Mapping) -> smtplib.SMTP:
    server = smtplib.SMTP(settings["MAIL_SERVER"], int(settings.get("MAIL_PORT") or 25), timeout=TIMEOUT_SECONDS)
    try:
        if settings.get("MAIL_USE_TLS"):
            server.starttls()
        if settings.get("MAIL_USERNAME"):
            server.login(settings["MAIL_USERNAME"], settings.get("MAIL_PASSWORD", ""))
    except BaseException:
        server.close()
        raise
    return server


def deliver(settings: Mapping, mails: Iterable[Mail]) -> Iterable[tuple[int, str]]:
    """Send ``mails`` over one connection, yielding (mail id, error or "") as each one is done.

    When the server cannot be reached or refuses the login, the first mail gets that error and the
    round stops (the rest are tried again next round).
    """
    mails = list(mails)
    if not mails:
        return
    try:
        server = _connect(settings)
    except (OSError, smtplib.SMTPException) as err:
        yield mails[0].id, f"{type(err).__name__}: {err}"[:1000]
        return
    try:
        for mail in mails:
            try:
                server.send_message(_message(settings, mail))
                yield mail.id, ""
            except smtplib.SMTPServerDisconnected as err:
                yield mail.id, f"{type(err).__name__}: {err}"[:1000]
                return
            except (OSError, smtplib.SMTPException, ValueError) as err:
                yield mail.id, f"{type(err).__name__}: {err}"[:1000]
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
