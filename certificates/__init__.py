"""Certificates and printed artefacts: fonts, layouts as data, rendering with ReportLab."""
