"""Tasks, assignments to agencies and everything that happens to them."""
