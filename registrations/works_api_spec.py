"""The OpenAPI description of the API's photography works; merged by web.openapi."""
from __future__ import annotations

SCHEMAS: dict = {}
PATHS: dict = {}
