"""The directive import: paste or upload a text (`forms`), review what the parser read (`review`), confirm it
(`confirm`); `views` serves the two-step page at /directives/import/."""
