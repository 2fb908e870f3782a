"""The OpenAPI description of the API's notifications and the outbox; merged by web.openapi."""
from __future__ import annotations

SCHEMAS: dict = {}
PATHS: dict = {}
