"""Pages of the reports app, one module per workflow: periods, agency reports, consolidated report, dashboard."""
