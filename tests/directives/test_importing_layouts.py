"""The layouts issue 13 found mis-read: wraps before capitals, split parentheses and numbers, deadlines in items,
header blocks, cooperating agencies, collective phrases, the follow-up agency, agencies per task, outline levels."""

from datetime import date

import pytest

from directives.importing import AgencyName, detect_cited_documents, parse_directive_text
from directives.importing.deadlines import find_deadline

pytestmark = pytest.mark.django_db(databases=[])

AGENCIES = (
    AgencyName("Ủy ban nhân dân tỉnh", ("UBND tỉnh",), "peoples_committee"),
    AgencyName("Sở Nông nghiệp và Phát triển nông thôn", (), "department"),
    AgencyName("Sở Tài nguyên và Môi trường", (), "department"),
    AgencyName("Sở Nội vụ", (), "department"),
    AgencyName("Sở Y tế", (), "department"),
    AgencyName("Công an tỉnh", ("Công an",), "police"),
    AgencyName("Ủy ban nhân dân thành phố Hòa Bình", (), "district"),
    AgencyName("Ủy ban nhân dân huyện Mai Châu", (), "district"),
)

# A provincial directive as the issue describes it: header block, Roman parts, items and a), b) sub-items,
# lines wrapped at about 70 characters, deadlines inside items, a closing part naming the follow-up agency.
CHI_THI = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
-------
Số: 05/CT-UBND
Hòa Bình, ngày 10 tháng 3 năm 2020

CHỈ THỊ
VỀ VIỆC TĂNG CƯỜNG QUẢN LÝ ĐẤT ĐAI VÀ PHÒNG, CHỐNG
THIÊN TAI TRÊN ĐỊA BÀN TỈNH HÒA BÌNH

Thực hiện Kết luận số
249-KL/TU ngày 17/9/2019 của Ban Thường vụ Tỉnh ủy, Chủ tịch Ủy ban nhân dân
tỉnh yêu cầu:

I. NHIỆM VỤ CỤ THỂ
1. Rà soát hiện trạng sử dụng đất nông nghiệp, giao
Sở Nông nghiệp và Phát triển nông thôn.
2. Sở Tài nguyên và Môi trường chủ trì, phối hợp với Công an tỉnh kiểm tra
việc khai thác khoáng sản (trừ các mỏ đã được cấp
phép), hoàn thành trước ngày 30/5/2020.
3. Sở Y tế bảo đảm thuốc men cho vùng lũ trước ngày 15/6/2020.
4. Ủy ban nhân dân các huyện, thành phố tổ chức diễn tập trong quý II năm 2020.
5. Công an tỉnh bảo đảm an ninh trật tự thường xuyên.
II. TỔ CHỨC THỰC HIỆN
1. Các sở báo cáo kết quả hằng năm.
2. Giao Sở Nội vụ theo dõi, đôn đốc việc thực hiện Chỉ thị này, báo cáo
Chủ tịch Ủy ban nhân dân tỉnh./.
Nơi nhận:
- Như trên;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


@pytest.fixture(scope="module")
def chi_thi():
    return parse_directive_text(CHI_THI, agencies=AGENCIES, group_level=2)


def test_header_block_is_read_into_its_fields(chi_thi) -> None:
    assert (chi_thi.kind, chi_thi.number, chi_thi.issued_on) == ("directive", "05/CT-UBND", date(2020, 3, 10))
    assert chi_thi.issuer == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert chi_thi.place == "Hòa Bình"
    # The whole subject over its two lines, "Về việc" once, the province's name kept.
    assert chi_thi.subject == "Về việc tăng cường quản lý đất đai và phòng, chống thiên tai trên địa bàn tỉnh Hòa Bình"
    assert "CHỈ THỊ" not in chi_thi.preamble.split("\n\n")[-1]


def test_outline_is_a_tree_and_the_items_make_the_groups(chi_thi) -> None:
    assert [(node.label, [child.label for child in node.children]) for node in chi_thi.tree] == [
        ("I", ["1", "2", "3", "4", "5"]),
        ("II", ["1", "2"]),
    ]
    assert chi_thi.depth == 2
    assert [group.label for group in chi_thi.groups] == ["I.1", "I.2", "I.3", "I.4", "I.5", "II.1", "II.2"]
    assert [group.number for group in chi_thi.groups] == list(range(1, 8))


def test_wrapped_lines_are_joined_before_a_capital_and_across_a_parenthesis(chi_thi) -> None:
    first, second = chi_thi.groups[0], chi_thi.groups[1]
    assert first.tasks == ["Rà soát hiện trạng sử dụng đất nông nghiệp, giao Sở Nông nghiệp và Phát triển nông thôn."]
    assert second.tasks == [
        "Sở Tài nguyên và Môi trường chủ trì, phối hợp với Công an tỉnh kiểm tra việc khai thác khoáng sản "
        "(trừ các mỏ đã được cấp phép), hoàn thành trước ngày 30/5/2020."
    ]


def test_every_task_keeps_its_own_agencies_and_roles(chi_thi) -> None:
    details = [group.details[0] for group in chi_thi.groups]
    assert [(d.lead, d.cooperating) for d in details[:3]] == [
        (["Sở Nông nghiệp và Phát triển nông thôn"], []),
        (["Sở Tài nguyên và Môi trường"], ["Công an tỉnh"]),
        (["Sở Y tế"], []),
    ]
    # "Ủy ban nhân dân các huyện, thành phố" means every district committee, and says so.
    assert details[3].lead == ["Ủy ban nhân dân thành phố Hòa Bình", "Ủy ban nhân dân huyện Mai Châu"]
    assert details[3].collectives[0].phrase == "Ủy ban nhân dân các huyện, thành phố"
    assert details[5].lead == [
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Tài nguyên và Môi trường",
        "Sở Nội vụ",
        "Sở Y tế",
    ]
    # The agency a task reports to does not carry it out.
    assert details[6].lead == ["Sở Nội vụ"]


def test_deadlines_written_in_the_items_are_proposed_per_task(chi_thi) -> None:
    deadlines = [group.details[0].deadline for group in chi_thi.groups]
    assert [(d.kind, d.on) if d else None for d in deadlines] == [
        None,
        ("date", date(2020, 5, 30)),
        ("date", date(2020, 6, 15)),
        ("date", date(2020, 6, 30)),
        ("standing", None),
        ("yearly", None),
        None,
    ]


def test_follow_up_agency_is_the_coordinator_and_trailers_are_left_out(chi_thi) -> None:
    assert chi_thi.coordinator == "Sở Nội vụ"
    assert all("Nơi nhận" not in group.text and "CHỦ TỊCH" not in group.text for group in chi_thi.groups)


def test_cited_document_split_over_a_line_break_is_found(chi_thi) -> None:
    assert [(c.kind, c.number, c.issued_on) for c in chi_thi.cited] == [("conclusion", "249-KL/TU", date(2019, 9, 17))]


def test_parts_make_the_groups_at_the_first_level() -> None:
    proposal = parse_directive_text(CHI_THI, agencies=AGENCIES)
    assert [(g.number, g.label, len(g.tasks)) for g in proposal.groups] == [(1, "I", 5), (2, "II", 2)]
    assert [d.lead for d in proposal.groups[0].details][:2] == [
        ["Sở Nông nghiệp và Phát triển nông thôn"],
        ["Sở Tài nguyên và Môi trường"],
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Báo cáo kết quả, hoàn thành trước ngày 30/5/2020.", ("date", date(2020, 5, 30))),
        ("Gửi Sở Nội vụ chậm nhất ngày 05 tháng 7 năm 2021.", ("date", date(2021, 7, 5))),
        ("Triển khai trong quý IV năm 2020.", ("date", date(2020, 12, 31))),
        ("Hoàn thành trong tháng 2/2024.", ("date", date(2024, 2, 29))),
        ("Sơ kết hàng năm.", ("yearly", None)),
        ("Kiểm tra thường xuyên.", ("standing", None)),
        ("Quyết định có hiệu lực kể từ ngày 01 tháng 7 năm 2017.", None),
        ("Báo cáo trước ngày 31/2/2020.", None),
    ],
)
def test_deadline_phrases(sentence: str, expected) -> None:
    found = find_deadline(sentence)
    assert ((found.kind, found.on) if found else None) == expected


def test_wrapped_heading_and_table_borders_of_a_web_copy() -> None:
    text = (
        "ỦY\nBAN NHÂN DÂN\nTỈNH TIỀN GIANG\n-------\n|\nSố:\n33/2009/QĐ-UBND\n|\nMỹ\nTho, ngày 24 tháng 12 năm 2009\n"
        "|\nQUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ\nMẠNG TIN HỌC\nỦY BAN NHÂN DÂN TỈNH TIỀN GIANG\n"
        "QUYẾT ĐỊNH:\nĐiều 1.\nBan hành kèm theo Quyết định này Quy định.\nĐiều 2.\nGiao Sở Y tế\nchủ trì./."
    )
    proposal = parse_directive_text(text, agencies=AGENCIES)
    assert proposal.issuer == "Ủy ban nhân dân tỉnh Tiền Giang"
    assert (proposal.number, proposal.place, proposal.kind) == ("33/2009/QĐ-UBND", "Mỹ Tho", "decision")
    assert proposal.subject == "Ban hành quy định về quản lý mạng tin học"
    assert [(g.label, g.tasks) for g in proposal.groups] == [("Điều 1", []), ("Điều 2", ["Giao Sở Y tế chủ trì."])]


def test_detect_cited_documents_joins_a_number_put_on_the_next_line() -> None:
    cited = detect_cited_documents("Thực hiện Kết luận số\n249-KL/TU ngày 17/9/2019 của Tỉnh ủy.")
    assert [(c.number, c.issued_on) for c in cited] == [("249-KL/TU", date(2019, 9, 17))]
