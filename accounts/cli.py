"""`flask --app app create-organiser USERNAME`: the only way to make the first organiser."""
from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from accounts.services import create_user
from common.errors import Invalid


@click.command("create-organiser")
@click.argument("username")
@click.option("--display-name", default="", help="Name shown to others.")
@with_appcontext
def create_organiser(username: str, display_name: str) -> None:
    """Create an organiser account; asks for the password, or reads it from stdin when piped."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = create_user({"username": username, "password": password, "display_name": display_name},
                           ("organiser",))
    except Invalid as err:
        for field, messages in err.errors.items():
            click.echo(f"{field}: {'; '.join(m.render() for m in messages)}", err=True)
        sys.exit(1)
    click.echo(f"Organiser {user.username} created.")
