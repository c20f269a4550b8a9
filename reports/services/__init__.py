"""Writes of the reports app, one module per workflow: keyword-only, atomic, side effects on commit."""
