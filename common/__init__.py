"""Pieces shared by every package: errors, parameter specs, database and extensions."""
