"""`flask --app app load-demo`: load the demo event when the database is empty, print its accounts."""
from __future__ import annotations

import os

import click
from flask import current_app
from flask.cli import with_appcontext

from demo.loader import database_is_empty, load_demo


@click.command("load-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when an event exists already.")
@with_appcontext
def load_demo_command(if_empty: bool) -> None:
    """Load the Jilin Provincial Workers' Games demo and print its accounts and passwords."""
    if not database_is_empty():
        if if_empty:
            click.echo("The database already holds events; demo not loaded.")
            return
        raise click.ClickException("The database already holds events; load the demo into an empty one.")
    accounts = load_demo()
    click.echo("Demo event loaded. Accounts (passwords are random, shown only now):")
    for username, password, role in accounts:
        click.echo(f"  {role:<10} {username:<14} {password}")
    click.echo("Keep them: they are also written to instance/demo-accounts.txt")
    _write_accounts(accounts)


def _write_accounts(accounts) -> None:
    os.makedirs(current_app.instance_path, exist_ok=True)
    path = os.path.join(current_app.instance_path, "demo-accounts.txt")
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as fh:
        for username, password, role in accounts:
            fh.write(f"{role}\t{username}\t{password}\n")
