"""The interface is Vietnamese first: every message of the code has its Vietnamese translation, none left fuzzy."""

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_vietnamese_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if not entry.obsolete and "fuzzy" in entry.flags]
    assert missing == []
    assert fuzzy == []
