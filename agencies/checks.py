"""System checks of the set-up: the trimmed stylesheet every page links must have been built."""

from django.conf import settings
from django.core.checks import Error, register

TRIMMED_CSS = settings.BASE_DIR / "build" / "bootstrap" / "bootstrap.min.css"


@register()
def trimmed_stylesheet_built(app_configs, **kwargs):
    if TRIMMED_CSS.exists():
        return []
    return [
        Error(
            f"{TRIMMED_CSS} is missing: every page links it.",
            hint="Run `make setup`, or `node_modules/.bin/purgecss --config purgecss.config.cjs` after `npm ci`.",
            id="dondoc.E001",
        )
    ]
