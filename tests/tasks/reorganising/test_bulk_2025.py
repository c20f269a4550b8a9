"""The full 2025 mapping of the seed province: every 2019 district-level committee goes to a commune or ward."""

import csv
import json
from pathlib import Path

from agencies.models import Agency, AgencyChange
from tasks.models import Assignment

from .conftest import counts
from .test_bulk import SAMPLE, run

SEED = Path(__file__).resolve().parents[3] / "agencies" / "seed" / "hoa_binh_2019.json"
OPEN = Assignment.objects.exclude(status__in=[Assignment.Status.DONE, Assignment.Status.CANCELLED])


def seed_districts() -> set[str]:
    agencies = json.loads(SEED.read_text(encoding="utf-8"))["agencies"]
    return {agency["code"] for agency in agencies if agency["kind"] == Agency.Kind.DISTRICT}


def mapping() -> dict[str, str]:
    with SAMPLE.open(encoding="utf-8") as file:
        return {row["old_code"]: row["new_agency"] for row in csv.DictReader(file)}


def test_the_file_names_every_district_of_the_2019_seed():
    assert len(seed_districts()) == 11
    assert seed_districts() <= set(mapping())
    assert all(
        name.startswith(("Ủy ban nhân dân xã ", "Ủy ban nhân dân phường "))
        for code, name in mapping().items()
        if code in seed_districts()
    )


def test_the_full_file_dry_run_lists_every_district_and_writes_nothing(seeded):
    before = counts()

    output = run(SAMPLE, "--dry-run")

    assert "Chạy thử, không ghi gì: 12 thay đổi." in output
    for code in seed_districts():
        name = Agency.objects.get(code=code).name
        assert f"{name} → {mapping()[code]}" in output
    assert counts() == before
    assert not Agency.objects.filter(name="Ủy ban nhân dân xã Mai Châu").exists()


def test_the_full_file_leaves_no_district_with_open_work_and_every_one_with_its_commune(seeded):
    districts = Agency.objects.filter(code__in=seed_districts())
    moving = {code: set(OPEN.filter(agency__code=code).values_list("pk", flat=True)) for code in seed_districts()}
    assert any(moving.values())

    run(SAMPLE)

    for district in districts:
        district.refresh_from_db()
        assert district.is_dissolved, district.code
        change = AgencyChange.objects.get(predecessors=district)
        successor = change.successors.get()
        assert successor.name == mapping()[district.code]
        assert successor.kind in (Agency.Kind.COMMUNE, Agency.Kind.WARD)
        assert (change.decision_number, f"{change.effective_on:%d/%m/%Y}") == ("1676/NQ-UBTVQH15", "01/07/2025")
        assert moving[district.code] <= set(Assignment.objects.filter(agency=successor).values_list("pk", flat=True))
    assert not OPEN.filter(agency__valid_to__isnull=False).exists()
    assert Agency.objects.get(name="Ủy ban nhân dân phường Kỳ Sơn").kind == Agency.Kind.WARD
    assert Agency.objects.get(code="ubnd-tinh").is_dissolved
