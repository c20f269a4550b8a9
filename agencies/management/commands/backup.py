"""manage.py backup ARCHIVE.tar: every row and every uploaded file of this instance in one archive.

See agencies/backup.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup archive (.tar) of the whole database and the uploaded files, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        if archive.exists():
            raise CommandError(f"{archive} exists already; choose another name.")
        try:
            manifest = backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.counts.values())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}: {rows} rows, {len(manifest.files)} files."))
