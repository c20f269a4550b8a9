"""manage.py reorganise_agencies <file.csv> [--dry-run] [--user USERNAME]: a CSV mapping, every row or none."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from agencies.models import User
from tasks.reorganising.bulk import NOT_UTF8, agencies_reorganise_from_csv


class Command(BaseCommand):
    help = "Merge, split, rename or dissolve agencies from a CSV mapping (see tasks/reorganising/bulk.py)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Print what would move and write nothing.")
        parser.add_argument("--user", help="The administrator recorded as having performed the changes.")

    def handle(self, *args, file: Path, dry_run: bool, user: str | None, **options):
        performer = None
        if user:
            performer = User.objects.filter(username=user).first()
            if performer is None:
                raise CommandError(f"No user {user}.")
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(str(NOT_UTF8)) from error
        except OSError as error:
            raise CommandError(str(error)) from error
        try:
            result = agencies_reorganise_from_csv(text=text, user=performer, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line in result.lines:
            self.stdout.write(f"{_('Line')} {line}")
        verdict = _("Dry run, nothing written") if dry_run else _("Done")
        self.stdout.write(_("%(verdict)s: %(count)s change(s).") % {"verdict": verdict, "count": result.changes})
