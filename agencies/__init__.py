"""Agencies, the user model (agency + role) and who-may-do-what helpers."""
