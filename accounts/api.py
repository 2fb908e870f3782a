"""API: tokens (log in for the API, revoke) and the current user."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, jsonify, request

from accounts import services
from web.api import api_time, bp, created, current_user_or_401, json_body


def user_json(user) -> dict:
    """The public shape of a user."""
    return {"id": user.id, "username": user.username, "display_name": user.display_name, "roles": user.roles}


@bp.post("/tokens")
def create_token():
    """Exchange a username and password for a bearer token."""
    data = json_body()
    cfg = current_app.config
    token, row, user = services.issue_token(
        data.get("username"), data.get("password"), request.remote_addr or "", cfg["TOKEN_HOURS"],
        cfg["LOGIN_FAILURE_LIMIT"], timedelta(minutes=cfg["LOGIN_FAILURE_WINDOW_MINUTES"]))
    return created({"token": token, "expires_at": api_time(row.expires_at), "user": user_json(user)})


@bp.delete("/tokens/current")
def delete_token():
    """Revoke the token this request was made with."""
    current_user_or_401()
    services.revoke_token(g.api_token)
    return "", 204


@bp.get("/me")
def me():
    """The user of the token."""
    return jsonify(user_json(current_user_or_401()))
