"""Reporting periods, agency and consolidated reports, dashboards and exports."""
