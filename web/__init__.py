"""Faces' shared plumbing: languages, the API blueprint and problem+json, error pages, form helpers."""
