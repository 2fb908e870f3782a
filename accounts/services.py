"""Account use cases: create users, log in and out, API tokens, password change."""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from sqlalchemy import delete, func, select, update

from accounts.models import ROLES, ApiToken, LoginFailure, User, UserRole, UserSession
from accounts.passwords import DUMMY_HASH, check_strength, hash_password, verify_password
from common import fields
from common.db import db, utcnow
from common.errors import N_, Conflict, ErrorBag, Invalid, TooManyRequests, Unauthorized
from common.transaction import use_case

_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def digest(secret: str) -> str:
    """SHA-256 hex of a session key or token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def clean_new_user(bag: ErrorBag, data: dict, prefix: str = "") -> dict:
    """Validate username, password and display name of a new account (adds errors to ``bag``)."""
    username = fields.text(bag, data, "username", 64, prefix=prefix)
    if username and not _USERNAME.match(username):
        bag.add(prefix + "username", N_("2-64 letters, digits, '.', '-' or '_', starting with a letter or digit."))
    password = check_strength(bag, data.get("password") if isinstance(data, dict) else None, prefix + "password")
    display = fields.text(bag, data, "display_name", 100, required=False, prefix=prefix)
    email = fields.text(bag, data, "email", 200, required=False, prefix=prefix)
    if email and not _EMAIL.match(email):
        bag.add(prefix + "email", N_("Not an e-mail address."))
    return {"username": username.lower(), "password": password, "display_name": display or username, "email": email}


def add_user(username: str, password: str, display_name: str, roles: tuple[str, ...], path: str = "username",
             email: str = "") -> User:
    """Add a user to the session (the caller's use case commits); Invalid if the name is taken."""
    if db.session.scalar(select(User.id).where(User.username == username.lower())):
        raise Invalid.one(path, N_("This username is already taken."))
    user = User(username=username.lower(), display_name=display_name, password_hash=hash_password(password),
                email=email)
    user.role_rows = [UserRole(role=r) for r in roles if r in ROLES]
    db.session.add(user)
    return user


@use_case
def create_user(data: dict, roles: tuple[str, ...]) -> User:
    """Create an account with the given roles (used by the CLI and the demo)."""
    bag = ErrorBag()
    clean = clean_new_user(bag, data)
    bag.raise_if_any()
    return add_user(clean["username"], clean["password"], clean["display_name"], roles)


def _check_not_limited(username: str, address: str, limit: int, window: timedelta) -> None:
    since = utcnow() - window
    count = db.session.scalar(select(func.count(LoginFailure.id)).where(
        LoginFailure.username == username, LoginFailure.address == address, LoginFailure.at >= since))
    if count >= limit:
        raise TooManyRequests(N_("Too many failed logins. Try again in %(minutes)s minutes."),
                              minutes=int(window.total_seconds() // 60))


def _authenticate(username: object, password: object, address: str, limit: int, window: timedelta) -> User:
    name = username.strip().lower()[:64] if isinstance(username, str) else ""
    _check_not_limited(name, address, limit, window)
    user = db.session.scalar(select(User).where(User.username == name)) if name else None
    ok = verify_password(user.password_hash if user else DUMMY_HASH, password if isinstance(password, str) else "")
    if not (user and ok and user.active):
        db.session.add(LoginFailure(username=name, address=address))
        db.session.commit()
        raise Unauthorized(N_("Wrong username or password."))
    db.session.execute(delete(LoginFailure).where(LoginFailure.username == name, LoginFailure.address == address))
    return user


@use_case
def log_in(username: object, password: object, address: str, hours: int, limit: int, window: timedelta) -> User:
    """Check the credentials (at most ``limit`` failures per account and address) and open a session."""
    user = _authenticate(username, password, address, limit, window)
    key = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, key_hash=digest(key), address=address[:64],
                               expires_at=utcnow() + timedelta(hours=hours)))
    user.session_key = key
    return user


def user_for_session(key: str) -> User | None:
    """The user of a live (not revoked, not expired) session key, or None."""
    row = db.session.execute(select(User, UserSession.id).join(UserSession, UserSession.user_id == User.id).where(
        UserSession.key_hash == digest(key), UserSession.revoked_at.is_(None),
        UserSession.expires_at > utcnow(), User.active.is_(True))).first()
    if row is None:
        return None
    row[0].session_key = key
    return row[0]


@use_case
def log_out(user: User) -> None:
    """End every web session of the user (this one included)."""
    _revoke_sessions(user.id, keep_key=None)


def _revoke_sessions(user_id: int, keep_key: str | None) -> None:
    stmt = update(UserSession).where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
    if keep_key:
        stmt = stmt.where(UserSession.key_hash != digest(keep_key))
    db.session.execute(stmt.values(revoked_at=utcnow()))


@use_case
def change_password(user: User, current: object, new: object) -> None:
    """Change the password; the user's other sessions and all API tokens end."""
    bag = ErrorBag()
    if not isinstance(current, str) or not verify_password(user.password_hash, current):
        bag.add("current_password", N_("The current password is wrong."))
    check_strength(bag, new, "new_password")
    if isinstance(new, str) and isinstance(current, str) and new == current:
        bag.add("new_password", N_("Choose a password different from the current one."))
    bag.raise_if_any()
    user.password_hash = hash_password(new)
    user.version += 1
    _revoke_sessions(user.id, keep_key=user.session_key)
    db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=utcnow()))


@use_case
def issue_token(username: object, password: object, address: str, hours: int, limit: int,
                window: timedelta) -> tuple[str, ApiToken, User]:
    """Check the credentials like a login and issue an API token; returns the token once, in clear."""
    user = _authenticate(username, password, address, limit, window)
    token = secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=digest(token), expires_at=utcnow() + timedelta(hours=hours))
    db.session.add(row)
    return token, row, user


def user_for_token(token: str) -> tuple[User, ApiToken] | None:
    """The user and token row of a live bearer token, or None."""
    row = db.session.execute(select(User, ApiToken).join(ApiToken, ApiToken.user_id == User.id).where(
        ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None), ApiToken.expires_at > utcnow(),
        User.active.is_(True))).first()
    return (row[0], row[1]) if row else None


@use_case
def revoke_token(token_row: ApiToken) -> None:
    """Revoke an API token."""
    if token_row.revoked_at is not None:
        raise Conflict(N_("This token is already revoked."))
    token_row.revoked_at = utcnow()
