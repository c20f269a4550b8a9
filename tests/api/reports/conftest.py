"""The reports' world (tests/reports/conftest.py) in place of the workspace's, for the report endpoints."""

from tests.reports.conftest import after_cutoff, world
from tests.reports.test_access import submitted

__all__ = ["after_cutoff", "submitted", "world"]
