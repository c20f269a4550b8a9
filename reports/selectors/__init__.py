"""Reads of the reports app, one module per workflow; each selector does its own joins, so a page costs a fixed
number of queries."""
