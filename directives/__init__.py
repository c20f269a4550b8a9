"""Directives, their task groups, the links between documents, and the working-day calendar."""
