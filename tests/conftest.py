"""Fixtures in the flaskr style: ``app``, ``client``, ``runner``, with a clean database per test.

The schema is built once per run by the real migrations, on SQLite by default or on PostgreSQL
when TEST_DATABASE_URL is set; after each test every table is emptied.
"""
from __future__ import annotations

import os
import tempfile

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from common.db import db

TEST_DB = os.environ.get("TEST_DATABASE_URL")


def _url(tmpdir: str) -> str:
    return TEST_DB or f"sqlite:///{os.path.join(tmpdir, 'test.db')}"


@pytest.fixture(scope="session")
def _schema(tmp_path_factory):
    url = _url(str(tmp_path_factory.mktemp("db")))
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test"})
    with app.app_context():
        if url.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture
def app(_schema):
    """The app on the test database (CSRF checks off; ``csrf_client`` has them on)."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _schema, "SECRET_KEY": "test",
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture
def server(app):
    """A second app on the same database, serving the test client's requests.

    The test body works in ``app``'s context (factories, checks); each request to ``server`` gets
    its own app context, session and ``g``, as in production where they are separate processes.
    """
    server = create_app(dict(app.config))
    yield server
    with server.app_context():
        db.engine.dispose()


@pytest.fixture
def client(server):
    return server.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def csrf_client(app):
    """A client of an app with CSRF protection on, as in production."""
    server = create_app({**app.config, "WTF_CSRF_ENABLED": True})
    yield server.test_client()
    with server.app_context():
        db.engine.dispose()


pytest_plugins = ["tests.factories"]
