"""Domain errors raised by the pure core and the services, mapped to HTTP by the faces.

Messages are English msgids marked with ``N_`` so Babel extracts them; the faces translate
them with the parameters at display time, in the user's language. No Flask import here.
"""
from __future__ import annotations

from dataclasses import dataclass, field


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it (translated later by the faces)."""
    return msgid


@dataclass(frozen=True)
class Message:
    """A translatable message: an English msgid and the values of its placeholders."""

    msgid: str
    params: dict = field(default_factory=dict)

    def render(self, gettext=None) -> str:
        """The message in the language of ``gettext`` (English when none is given); a parameter that is
        itself a Message is rendered in the same language."""
        text = gettext(self.msgid) if gettext else self.msgid
        if not self.params:
            return text
        return text % {k: v.render(gettext) if isinstance(v, Message) else v for k, v in self.params.items()}


def msg(msgid: str, **params) -> Message:
    """Build a Message."""
    return Message(msgid, params)


class DomainError(Exception):
    """Base of the errors a use case can end with; ``status`` is the HTTP status it maps to."""

    status = 400
    title = N_("Bad request")

    def __init__(self, message: Message | str | None = None, **params):
        if isinstance(message, str):
            message = Message(message, params)
        self.message = message or Message(self.title)
        super().__init__(self.message.render())


class NotFound(DomainError):
    status = 404
    title = N_("Not found")


class Forbidden(DomainError):
    status = 403
    title = N_("Forbidden")


class Unauthorized(DomainError):
    status = 401
    title = N_("Authentication required")


class Conflict(DomainError):
    status = 409
    title = N_("Conflict with the current state")


class TooManyRequests(DomainError):
    status = 429
    title = N_("Too many requests")


class Invalid(DomainError):
    """Values that break a rule: ``errors`` maps a field path (``members.3.gender``) to messages."""

    status = 422
    title = N_("Invalid values")

    def __init__(self, errors: dict[str, list[Message]] | None = None, message: Message | None = None):
        self.errors = {k: list(v) for k, v in (errors or {}).items()}
        first = next(iter(self.errors.items()), None)
        if message is None and first:
            message = Message(N_("%(field)s: %(problem)s"), {"field": first[0], "problem": first[1][0].render()})
        super().__init__(message or Message(self.title))

    @classmethod
    def one(cls, field_path: str, msgid: str, **params) -> "Invalid":
        """An Invalid error with a single message on one field."""
        return cls({field_path: [Message(msgid, params)]})


class ErrorBag:
    """Collects field errors while validating, then raises them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[Message]] = {}

    def add(self, field_path: str, msgid: str, **params) -> None:
        self.errors.setdefault(field_path, []).append(Message(msgid, params))

    def merge(self, err: Invalid, prefix: str = "") -> None:
        for key, messages in err.errors.items():
            self.errors.setdefault(prefix + key, []).extend(messages)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise Invalid(self.errors)
