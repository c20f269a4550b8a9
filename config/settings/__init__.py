"""Settings per environment: base, local (embedded default), test, production."""
