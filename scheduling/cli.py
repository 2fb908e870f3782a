"""`flask --app app scheduler`: run the background scheduler as its own process."""
from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from scheduling.scheduler import start_scheduler


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the one scheduler of a deployment in the foreground (Ctrl-C stops it)."""
    scheduler = start_scheduler(current_app._get_current_object())
    if scheduler is None:
        raise click.ClickException("Another process holds the scheduler lock.")
    click.echo("Scheduler running; Ctrl-C stops it.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        # not wait=True: APScheduler would hold its job-store lock while waiting for a running round, and a
        # round that is bringing the deadline jobs in line needs that lock (a deadlock seen in CI); the
        # round still finishes before the process exits (its worker thread is joined at exit)
        scheduler.shutdown(wait=False)
