"""Backup and restore of a whole Đôn đốc instance: every row and every uploaded file, in one .tar archive.

The rows go through Django's serialiser (`dumpdata`, natural foreign keys), so an archive made on SQLite restores
on PostgreSQL and the other way round; the uploaded files (evidence, report PDFs) go beside them under `media/`.
A manifest records the count of every table and the SHA-256 of every file, and a restore is checked against it
before it commits: a restore that does not give back the same rows and the same files leaves nothing behind.

The archive holds password hashes and every report: keep it where the database itself would be kept.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "dondoc-backup/2"
DATA = "data.fulljson.gz"  # agencies/backup_format.py: JSON with times to the microsecond
MANIFEST = "manifest.json"
MEDIA = "media"
# Rebuilt by `migrate` on the new database (content types, permissions) or not worth keeping (sessions).
EXCLUDED_APPS = {"contenttypes", "sessions"}
EXCLUDED_MODELS = {"auth.permission"}


class BackupError(Exception):
    """A backup or restore refused, with the reason in the user's language."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    counts: dict[str, int]
    files: dict[str, str]

    def as_json(self) -> bytes:
        data = {"format": FORMAT, "created_at": self.created_at, "counts": self.counts, "files": self.files}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()


def _kept_models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label not in EXCLUDED_APPS and label not in EXCLUDED_MODELS:
            yield label, model


def table_counts() -> dict[str, int]:
    return {label: model._default_manager.count() for label, model in _kept_models()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path | None = None) -> dict[str, str]:
    """Every uploaded file under MEDIA_ROOT, by its path relative to it, with its SHA-256."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {path.relative_to(root).as_posix(): _sha256(path) for path in sorted(root.rglob("*")) if path.is_file()}


def backup(archive: Path) -> Manifest:
    """Write the archive: the rows of one consistent snapshot, then the files (which are saved before their rows)."""
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / DATA
        # One snapshot for every table (inside an outer transaction, that transaction's own view is the snapshot).
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command(
                "dumpdata",
                natural_foreign=True,
                format="fulljson",
                exclude=[*EXCLUDED_APPS, *EXCLUDED_MODELS],
                output=str(data),
                verbosity=0,
            )
            counts = table_counts()
        files = media_files()
        manifest = Manifest(created_at=timezone.now().isoformat(), counts=counts, files=files)
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "w") as tar:
            info = tarfile.TarInfo(MANIFEST)
            payload = manifest.as_json()
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
            tar.add(data, arcname=DATA)
            for name in files:
                tar.add(Path(settings.MEDIA_ROOT) / name, arcname=f"{MEDIA}/{name}")
    return manifest


def _read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        raw = json.loads(tar.extractfile(MANIFEST).read())
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError(_("This file is not a Đôn đốc backup (no readable manifest).")) from error
    if raw.get("format") != FORMAT:
        raise BackupError(_("This backup's format (%(format)s) is not one this version reads.") % raw)
    return Manifest(created_at=raw["created_at"], counts=raw["counts"], files=raw["files"])


def _unpack(archive: Path, into: Path) -> Manifest:
    try:
        with tarfile.open(archive) as tar:
            manifest = _read_manifest(tar)
            # The "data" filter refuses absolute paths, "..", links out of the folder and device files.
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(_("The backup cannot be read: %(error)s") % {"error": error}) from error
    for name, digest in manifest.files.items():
        path = into / MEDIA / PurePosixPath(name)
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(_("The file %(name)s in the backup is missing or damaged.") % {"name": name})
    if not (into / DATA).is_file():
        raise BackupError(_("The backup has no data."))
    return manifest


def _check_empty() -> None:
    filled = [label for label, count in table_counts().items() if count and not label.startswith("auth.")]
    if filled:
        raise BackupError(
            _("The database is not empty (%(tables)s): restore into a new database.")
            % {"tables": ", ".join(filled[:5])}
        )


def restore(archive: Path) -> Manifest:
    """Load the archive into an empty, migrated database and put its files back; all or nothing."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        manifest = _unpack(archive, work)
        _check_empty()
        media_root = Path(settings.MEDIA_ROOT)
        clashes = [name for name in manifest.files if (media_root / name).exists()]
        if clashes:
            raise BackupError(
                _("The media folder already holds %(name)s: restore into an empty one.") % {"name": clashes[0]}
            )
        copied: list[Path] = []
        try:
            with transaction.atomic():
                call_command("loaddata", str(work / DATA), verbosity=0)
                counts = table_counts()
                if counts != manifest.counts:
                    wrong = sorted(label for label in manifest.counts if counts.get(label) != manifest.counts[label])
                    raise BackupError(
                        _("The restored rows differ from the backup in: %(tables)s") % {"tables": ", ".join(wrong)}
                    )
                for name in manifest.files:
                    target = media_root / PurePosixPath(name)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(work / MEDIA / PurePosixPath(name), target)
                    copied.append(target)
        except BaseException:
            for path in copied:
                path.unlink(missing_ok=True)
            raise
    return manifest
