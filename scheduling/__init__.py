"""Draws, competition formats, timetable and the background scheduler."""
