"""Reorganising from a CSV mapping: the shipped sample, the dry run, and a bad line stopping the whole file."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency, AgencyChange
from tasks.models import Assignment

from .conftest import counts

SAMPLE = Path(__file__).resolve().parents[3] / "agencies" / "seed" / "reorganisation-2025" / "hoa_binh_2025.csv"
HEADER = "old_code,new_agency,kind,decision_number,decision_date,issuer,effective_on\n"


def run(path, *args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("reorganise_agencies", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_sample_dry_run_prints_what_would_move_and_writes_nothing(seeded):
    before = counts()

    output = run(SAMPLE, "--dry-run")

    assert "Dòng 2: Giải thể Ủy ban nhân dân thành phố Hòa Bình → Ủy ban nhân dân phường Hòa Bình" in output
    assert "Chạy thử, không ghi gì: 12 thay đổi." in output
    assert counts() == before
    assert not Agency.objects.filter(name="Ủy ban nhân dân phường Hòa Bình").exists()


def test_the_sample_moves_the_districts_open_work_to_the_communes(seeded):
    open_before = Assignment.objects.filter(agency__code="ubnd-tan-lac").exclude(status__in=["done", "cancelled"])
    moving = set(open_before.values_list("pk", flat=True))
    assert moving

    run(SAMPLE)

    commune = Agency.objects.get(name="Ủy ban nhân dân xã Tân Lạc")
    assert commune.kind == Agency.Kind.COMMUNE
    assert set(Assignment.objects.filter(agency=commune).values_list("pk", flat=True)) == moving
    assert Agency.objects.get(code="ubnd-tan-lac").is_dissolved
    change = AgencyChange.objects.get(predecessors__code="ubnd-tan-lac")
    assert (change.decision_number, f"{change.decision_date:%d/%m/%Y}") == ("1676/NQ-UBTVQH15", "16/06/2025")
    assert AgencyChange.objects.count() == 12


def test_a_bad_line_stops_the_whole_file_with_its_line_number(province, tmp_path):
    path = tmp_path / "mapping.csv"
    path.write_text(
        HEADER
        + "ubnd-ky-son,ubnd-xa-luong-son,merge,1/NQ,16/06/2025,UBTVQH,01/07/2025\n"
        + "ubnd-khong-co,ubnd-xa-luong-son,merge,2/NQ,16/06/2025,UBTVQH,01/07/2025\n",
        encoding="utf-8",
    )
    before = counts()

    with pytest.raises(CommandError) as refused:
        run(path)

    assert str(refused.value) == "Dòng 3: không có cơ quan nào có mã “ubnd-khong-co”."
    assert counts() == before


def test_a_change_the_service_refuses_names_its_line_and_nothing_is_written(province, tmp_path):
    path = tmp_path / "mapping.csv"
    path.write_text(
        HEADER
        + "ubnd-ky-son,ubnd-xa-luong-son,merge,1/NQ,16/06/2025,UBTVQH,01/07/2025\n"
        + "ubnd-luong-son,ubnd-ky-son,merge,2/NQ,16/06/2025,UBTVQH,01/07/2025\n",
        encoding="utf-8",
    )
    before = counts()

    with pytest.raises(CommandError) as refused:
        run(path)

    assert str(refused.value).startswith("Dòng 3: UBND huyện Kỳ Sơn đã giải thể")
    assert counts() == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("ubnd-ky-son,ubnd-xa-luong-son,absorb,1/NQ,16/06/2025,UBTVQH,01/07/2025", "không rõ hình thức sắp xếp"),
        ("ubnd-ky-son,ubnd-xa-luong-son,merge,1/NQ,31/06/2025,UBTVQH,01/07/2025", "không phải là ngày"),
        ("ubnd-ky-son,ubnd-xa-luong-son,merge,,16/06/2025,UBTVQH,01/07/2025", "cột decision_number để trống"),
    ],
)
def test_bad_values_name_the_line(province, tmp_path, line, message):
    path = tmp_path / "mapping.csv"
    path.write_text(HEADER + line + "\n", encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        run(path, "--dry-run")

    assert str(refused.value).startswith("Dòng 2: ")
    assert message in str(refused.value)


def test_a_file_without_the_header_is_refused(province, tmp_path):
    path = tmp_path / "mapping.csv"
    path.write_text("a,b,c\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Dòng đầu tiên phải ghi tên các cột"):
        run(path)
