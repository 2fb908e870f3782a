"""The OpenAPI description of the API's entries (and photo works); merged by web.openapi."""
from __future__ import annotations

SCHEMAS: dict = {}
PATHS: dict = {}
