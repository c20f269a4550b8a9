"""The Django admin speaks Vietnamese too: the strings Django's own vi catalog lacks come from the project's."""

import os

import django
import polib
from django.utils import translation

from config.admin_strings import ADMIN_PLURAL_MSGIDS, ADMIN_STRINGS
from tests.factories import UserFactory


def _admin_msgids_without_vietnamese() -> set[str]:
    base = os.path.join(os.path.dirname(django.__file__), "contrib", "admin", "locale")
    english = polib.pofile(os.path.join(base, "en", "LC_MESSAGES", "django.po"))
    vietnamese = polib.mofile(os.path.join(base, "vi", "LC_MESSAGES", "django.mo"))
    have = {entry.msgid for entry in vietnamese if entry.msgstr or entry.msgstr_plural}
    return {entry.msgid for entry in english if entry.msgid not in have}


def test_every_admin_string_django_leaves_untranslated_is_listed():
    assert _admin_msgids_without_vietnamese() <= {*ADMIN_STRINGS, *ADMIN_PLURAL_MSGIDS}


def test_the_admin_skip_link_is_in_vietnamese(client, db):
    client.force_login(UserFactory(username="root", agency=None, role="admin"))
    with translation.override("vi"):
        html = client.get("/admin/").content.decode()
    assert "Skip to main content" not in html
    assert "Chuyển đến nội dung chính" in html
