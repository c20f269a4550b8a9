"""Backup and restore (issue 15): `manage.py backup` then `manage.py restore` into a fresh database gives back the
same rows and the same files; a damaged or hostile archive, or a database that is not empty, is refused with a
Vietnamese message and nothing changed."""

import io
import shutil
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.backup import MANIFEST, media_files, table_counts
from agencies.models import Agency, User
from directives.models import Directive
from reports.models import ConsolidatedReport
from tasks.models import Assignment, Evidence
from tests.conftest import travel_to


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def instance(transactional_db, media, seed_today):
    """The whole demo, with its evidence files on disk, committed (backup and restore run their own transactions)."""
    with travel_to(seed_today):
        call_command("seed", "--demo", verbosity=0)
    assert Evidence.objects.exists()
    return media


def samples() -> dict:
    """Rows whose every field must come back: history, files, frozen report figures, a password hash."""
    return {
        "history": list(
            Assignment.history.order_by("history_id").values_list("history_id", "history_date", "status", "percent")
        ),
        "evidence": list(Evidence.objects.order_by("pk").values_list("pk", "file", "original_name", "size")),
        "statistics": list(ConsolidatedReport.objects.order_by("pk").values_list("number", "statistics")),
        "body": Directive.objects.get(number="249-KL/TU").body,
        "password": User.objects.get(username="bchqs").password,
    }


def test_backup_then_restore_into_a_fresh_database_gives_the_same_rows_and_files(instance, tmp_path):
    archive = tmp_path / "dondoc.tar"
    counts, files, before = table_counts(), media_files(), samples()
    assert files and sum(counts.values()) > 1000
    call_command("backup", str(archive), verbosity=0)

    # A fresh database and an empty media folder.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(instance)
    assert Agency.objects.count() == 0 and media_files() == {}

    call_command("restore", str(archive), verbosity=0)
    assert table_counts() == counts
    assert media_files() == files
    assert samples() == before
    assert User.objects.get(username="bchqs").check_password("dondoc-demo")
    evidence = Evidence.objects.first()
    with evidence.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_restore_refuses_a_database_that_holds_data(instance, tmp_path):
    archive = tmp_path / "dondoc.tar"
    call_command("backup", str(archive), verbosity=0)
    counts = table_counts()
    with pytest.raises(CommandError, match="Cơ sở dữ liệu không trống"):
        call_command("restore", str(archive), verbosity=0)
    assert table_counts() == counts


def rewrite(archive, target, change):
    """Copy the archive member by member, letting `change(name, data)` alter or drop each one."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else b""
            result = change(member.name, data)
            if result is None:
                continue
            name, data = result
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda name, data: (name, data + b"x") if name.startswith("media/") else (name, data), "bị thiếu hoặc hỏng"),
        (lambda name, data: None if name == MANIFEST else (name, data), "không phải bản sao lưu"),
        (lambda name, data: ("../evil.txt" if name.startswith("media/") else name, data), "Không đọc được bản sao lưu"),
    ],
    ids=["a file altered", "no manifest", "a path out of the folder"],
)
def test_restore_refuses_a_damaged_or_hostile_archive_and_changes_nothing(instance, tmp_path, change, message):
    archive, bad = tmp_path / "dondoc.tar", tmp_path / "bad.tar"
    call_command("backup", str(archive), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(instance)
    rewrite(archive, bad, change)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(bad), verbosity=0)
    assert Agency.objects.count() == 0
    assert media_files() == {}
    assert not (tmp_path / "evil.txt").exists()


def test_backup_refuses_to_overwrite_an_archive(instance, tmp_path):
    archive = tmp_path / "dondoc.tar"
    archive.write_bytes(b"keep me")
    with pytest.raises(CommandError):
        call_command("backup", str(archive), verbosity=0)
    assert archive.read_bytes() == b"keep me"
