"""Housekeeping of credentials, run by the scheduler."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from accounts.models import ApiToken, LoginFailure, UserSession
from common.db import db, utcnow
from common.transaction import use_case


@use_case
def purge_expired_credentials(keep: timedelta) -> None:
    """Delete sessions and tokens expired longer than ``keep`` ago, and login failures older than a day."""
    cutoff = utcnow() - keep
    db.session.execute(delete(UserSession).where(UserSession.expires_at < cutoff))
    db.session.execute(delete(ApiToken).where(ApiToken.expires_at < cutoff))
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < utcnow() - timedelta(days=1)))
