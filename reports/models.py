"""Reporting periods and reports (built in the periodic reports issue)."""
