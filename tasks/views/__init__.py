"""Pages of the tasks app, one module per workflow."""
