"""The OpenAPI description of the API's draws, matches, results, standings and ranking; merged by web.openapi."""
from __future__ import annotations

SCHEMAS: dict = {}
PATHS: dict = {}
