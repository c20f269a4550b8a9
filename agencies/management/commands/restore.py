"""manage.py restore ARCHIVE.tar: load a backup into an empty database and put its files back (agencies/backup.py).

Migrates first, so a new, empty database is all it needs. Refuses a database or a media folder that holds data.
"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from agencies.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and media folder, checked against its manifest."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        call_command("migrate", verbosity=0)
        try:
            manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows and {len(manifest.files)} files from the backup of {manifest.created_at}."
            )
        )
