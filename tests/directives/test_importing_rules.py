"""Tests for the directive text parser's rules: cited documents, item markers and tasks, agencies, errors (the
reference text: test_importing.py)."""

from datetime import date

import pytest
from django.utils import translation

from directives.importing import (
    AgencyName,
    CitedDocument,
    DirectiveImportError,
    detect_cited_documents,
    parse_directive_text,
)
from tests.directives.test_importing import AGENCIES, is_vietnamese

# ------------------------------------------------------------ cited documents


@pytest.mark.parametrize(
    ("text", "kind", "number", "issued_on"),
    [
        (
            "theo Kết luận số 249-KL/TU ngày 17/9/2019 của",
            "conclusion",
            "249-KL/TU",
            date(2019, 9, 17),
        ),
        (
            "Nghị quyết số 28-NQ/TW ngày 25/10/2013",
            "resolution",
            "28-NQ/TW",
            date(2013, 10, 25),
        ),
        ("theo Nghị định số 03/2019/NĐ-CP và", "decree", "03/2019/NĐ-CP", None),
        ("Nghị định số 133/2015/NĐ-CP của Chính phủ", "decree", "133/2015/NĐ-CP", None),
        (
            "thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
            "directive",
            "05-CT/TW",
            None,
        ),
        ("Đề án số 03-ĐA/TU của Ban Thường vụ", "scheme", "03-ĐA/TU", None),
        (
            "Chương trình hành động số 26-Ctr/TU ngày 20/6/2014",
            "action_program",
            "26-Ctr/TU",
            date(2014, 6, 20),
        ),
        (
            "Kế hoạch số 79/KH-UBND ngày 05/11/2014",
            "plan",
            "79/KH-UBND",
            date(2014, 11, 5),
        ),
        (
            "theo kế hoạch số 12/KH-UBND ngày 1/2/2020",
            "plan",
            "12/KH-UBND",
            date(2020, 2, 1),
        ),
        (
            "Quyết định số 1234/QĐ-UBND ngày 3 tháng 4 năm 2021",
            "decision",
            "1234/QĐ-UBND",
            date(2021, 4, 3),
        ),
        (
            "Công văn số 567/UBND-NC ngày 09/12/2019",
            "official_letter",
            "567/UBND-NC",
            date(2019, 12, 9),
        ),
        (
            "Nghị quyết 18-NQ/TW ngày 25/10/2017",
            "resolution",
            "18-NQ/TW",
            date(2017, 10, 25),
        ),
        # Legacy fonts type "Ð" (U+00D0) for "Đ"; the canonical number uses "Đ".
        ("Nghị định số 03/2019/NÐ-CP.", "decree", "03/2019/NĐ-CP", None),
        # An impossible date is dropped, not guessed.
        ("Kế hoạch số 5/KH-UBND ngày 31/2/2020", "plan", "5/KH-UBND", None),
    ],
)
def test_detect_cited_documents_table(text: str, kind: str, number: str, issued_on: date | None) -> None:
    [cited] = detect_cited_documents(text)
    assert (cited.kind, cited.number, cited.issued_on) == (kind, number, issued_on)


@pytest.mark.parametrize(
    "text",
    [
        "hoàn thành trong năm 2019.",
        "Nghị quyết Trung ương 8 khóa XI về Chiến lược bảo vệ Tổ quốc",
        "chương trình, kế hoạch huấn luyện; thường xuyên duy trì quân số",
        "Kế hoạch số 5 năm giai đoạn 2016 - 2020",
        "Đề án “Bảo đảm Quốc phòng” của tỉnh giai đoạn 2015 - 2020",
        "Chỉ thị số: 12",
    ],
)
def test_detect_cited_documents_false_positives(text: str) -> None:
    assert detect_cited_documents(text) == []


def test_detect_cited_documents_dedupes_and_keeps_first_date() -> None:
    text = (
        "Kết luận số 249-KL/TU về việc sơ kết. Kết luận số 249-KL/TU ngày 17/9/2019 "
        "của Tỉnh ủy. Kết luận số 249-KL/TU ngày 18/9/2019. Nghị quyết số 249-KL/TU."
    )
    assert detect_cited_documents(text) == [
        CitedDocument(
            "conclusion",
            "249-KL/TU",
            date(2019, 9, 17),
            "Kết luận số 249-KL/TU ngày 17/9/2019",
        ),
        CitedDocument("resolution", "249-KL/TU", None, "Nghị quyết số 249-KL/TU"),
    ]


def test_detect_cited_documents_does_not_cross_lines() -> None:
    assert detect_cited_documents("KẾ HOẠCH\nSố: 79/KH-UBND") == []


# ------------------------------------------------------------ markers & tasks


def test_parenthesis_markers() -> None:
    text = "Yêu cầu các cơ quan:\n1) Làm việc A. Báo cáo kết quả.\n2) Làm việc B./."
    result = parse_directive_text(text)
    assert [(g.number, g.text) for g in result.groups] == [
        (1, "Làm việc A. Báo cáo kết quả."),
        (2, "Làm việc B."),
    ]
    assert result.groups[0].tasks == ["Làm việc A.", "Báo cáo kết quả."]
    assert result.preamble == "Yêu cầu các cơ quan:"


def test_roman_markers_with_arabic_sub_items() -> None:
    text = (
        "KẾ HOẠCH\n\nVề việc tổ chức diễn tập\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao năng lực chỉ huy.\n\n2. Bảo đảm an toàn.\n\n"
        "II. NHIỆM VỤ\n\n1. Công an tỉnh bảo đảm an ninh trật tự.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\nBộ CHQS tỉnh chủ trì, theo dõi, tổng hợp báo cáo./."
    )
    result = parse_directive_text(text, agencies=AGENCIES)
    assert [g.number for g in result.groups] == [1, 2, 3]
    assert result.groups[0].text.startswith("MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao")
    # The all-caps section title is not itself a task.
    assert result.groups[0].tasks == ["Nâng cao năng lực chỉ huy.", "Bảo đảm an toàn."]
    assert result.groups[1].agencies == ["Công an tỉnh"]
    assert result.coordinator == "Bộ Chỉ huy quân sự tỉnh"
    assert result.kind == "plan"
    assert result.subject == "Về việc tổ chức diễn tập"


def test_years_decimals_and_out_of_order_numbers_are_not_markers() -> None:
    text = (
        "Yêu cầu:\n\n1. Hoàn thành chỉ tiêu\n\n2019. Không phải là mục\n\n"
        "1.5 tỷ đồng được bố trí\n\n3. Mục đánh số sai\n\n2. Mục hai./."
    )
    result = parse_directive_text(text)
    assert [g.number for g in result.groups] == [1, 2]
    assert result.groups[0].text.split("\n\n") == [
        "Hoàn thành chỉ tiêu",
        "2019. Không phải là mục",
        "1.5 tỷ đồng được bố trí",
        "3. Mục đánh số sai",
    ]
    assert any("không đúng thứ tự" in w for w in result.warnings)
    assert result.groups[0].tasks[0] == "Hoàn thành chỉ tiêu."


def test_sentence_split_on_vietnamese_uppercase_and_not_inside_quotes() -> None:
    text = (
        "1. Làm việc A. Đẩy mạnh việc B. Ưu tiên việc C. Ổn định việc D. "
        "Thực hiện cuộc vận động “Toàn dân đoàn kết. Xây dựng đời sống văn hóa”. "
        "Áp dụng Nghị định số 03/2019/NĐ-CP. Ở TP. Hòa Bình làm tốt việc E; Sở X làm việc F; "
        "theo dõi. Tiếp tục báo cáo:"
    )
    assert parse_directive_text(text).groups[0].tasks == [
        "Làm việc A.",
        "Đẩy mạnh việc B.",
        "Ưu tiên việc C.",
        "Ổn định việc D.",
        "Thực hiện cuộc vận động “Toàn dân đoàn kết. Xây dựng đời sống văn hóa”.",
        "Áp dụng Nghị định số 03/2019/NĐ-CP.",
        "Ở TP. Hòa Bình làm tốt việc E; Sở X làm việc F; theo dõi.",
        "Tiếp tục báo cáo.",
    ]


def test_hard_wrapped_lines_are_joined_but_blank_lines_split() -> None:
    text = "Yêu cầu:\n1. Tăng cường công tác\ntuyên truyền trong nhân dân.\nTiếp tục kiểm tra.\n\n2. Báo cáo./."
    result = parse_directive_text(text)
    assert result.groups[0].text == "Tăng cường công tác tuyên truyền trong nhân dân.\n\nTiếp tục kiểm tra."
    assert result.groups[0].tasks == [
        "Tăng cường công tác tuyên truyền trong nhân dân.",
        "Tiếp tục kiểm tra.",
    ]


def test_signature_block_ends_last_item_without_terminator() -> None:
    text = "Yêu cầu:\n\n1. Làm việc A.\n\n2. Làm việc B.\n\nNơi nhận:\n\n- Như trên;\n\nKT. CHỦ TỊCH"
    result = parse_directive_text(text)
    assert result.groups[-1].text == "Làm việc B."
    assert any("Nơi nhận" in w for w in result.warnings)


def test_formal_header_metadata_and_own_number_not_cited() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\n"
        "Số: 12/CT-UBND\n"
        "Hòa Bình, ngày 05 tháng 11 năm 2019\n\n"
        "CHỈ THỊ\n"
        "Về việc tăng cường công tác quốc phòng, an ninh\n\n"
        "Thực hiện Kết luận số 249-KL/TU ngày 17/9/2019; nhắc lại Chỉ thị số 12/CT-UBND.\n\n"
        "1. Giao Công an tỉnh chủ trì, theo dõi, tổng hợp báo cáo Ủy ban nhân dân tỉnh./.\n"
    )
    result = parse_directive_text(text, agencies=AGENCIES)
    assert result.kind == "directive"
    assert result.number == "12/CT-UBND"
    assert result.issuer == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert result.issued_on == date(2019, 11, 5)
    assert result.subject == "Về việc tăng cường công tác quốc phòng, an ninh"
    assert [c.number for c in result.cited] == ["249-KL/TU"]
    assert result.coordinator == "Công an tỉnh"
    assert result.warnings == []


def test_official_letter_subject_and_kind_from_number() -> None:
    text = "Số: 45/KH-UBND\nV/v triển khai diễn tập\n\n1. Tổ chức diễn tập./."
    result = parse_directive_text(text)
    assert result.kind == "plan"
    assert result.subject == "Về việc triển khai diễn tập"


# ------------------------------------------------------------------ agencies


def test_agency_matching_is_case_and_diacritics_insensitive() -> None:
    # Beyond the capital initial that a capitalised alias requires (test_alias_case_rule).
    text = "1. Giao BO CHQS TINH chủ trì, đôn đốc; Cong an phối hợp; MẶT TRẬN tổ quốc giám sát./."
    result = parse_directive_text(text, agencies=AGENCIES)
    assert result.groups[0].agencies == [
        "Bộ Chỉ huy quân sự tỉnh",
        "Công an tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    ]
    assert result.coordinator == "Bộ Chỉ huy quân sự tỉnh"


def test_agency_matching_respects_word_boundaries_and_prefers_longest() -> None:
    agencies = (
        AgencyName("Sở Y tế", ("Y tế",)),
        AgencyName("Ủy ban nhân dân tỉnh", ("UBND tỉnh",)),
        AgencyName("Chủ tịch Ủy ban nhân dân tỉnh"),
    )
    text = "1. Quy tế hóa việc A; báo cáo Chủ tịch Ủy ban nhân dân tỉnh./."
    assert parse_directive_text(text, agencies=agencies).groups[0].agencies == ["Chủ tịch Ủy ban nhân dân tỉnh"]


def test_coordinator_is_the_agency_before_chu_tri_not_the_report_recipient() -> None:
    agencies = (*AGENCIES, AgencyName("Ủy ban nhân dân tỉnh"))
    text = (
        "1. Ủy ban nhân dân tỉnh yêu cầu các ngành làm tốt.\n\n"
        "2. Giao Bộ CHQS tỉnh chủ trì, đôn đốc; tổng hợp báo cáo Ủy ban nhân dân tỉnh./."
    )
    result = parse_directive_text(text, agencies=agencies)
    assert result.coordinator == "Bộ Chỉ huy quân sự tỉnh"
    assert result.groups[1].agencies == [
        "Bộ Chỉ huy quân sự tỉnh",
        "Ủy ban nhân dân tỉnh",
    ]


# -------------------------------------------------------------------- errors


@pytest.mark.parametrize("text", ["", "   \n\r\n\ufeff  "])
def test_empty_text_raises_in_vietnamese(text: str) -> None:
    with pytest.raises(DirectiveImportError) as excinfo:
        parse_directive_text(text)
    assert is_vietnamese(str(excinfo.value))


def test_text_without_numbered_items_raises() -> None:
    with pytest.raises(DirectiveImportError, match="Không tìm thấy mục đánh số nào"):
        parse_directive_text("Đây là một bài báo.\n\nKhông có mục nào được đánh số trong năm 2019.")


def test_too_long_text_raises() -> None:
    with pytest.raises(DirectiveImportError, match="quá dài") as excinfo:
        parse_directive_text("1. Làm việc A.\n" + "x" * 500_000)
    assert "500.000" in str(excinfo.value)


def test_import_error_is_a_value_error() -> None:
    assert issubclass(DirectiveImportError, ValueError)


def test_messages_are_translated_into_the_active_language() -> None:
    # Vietnamese is the default; the English source strings show only when English is active.
    text = "1. Làm việc A.\n\n3. Làm việc C."
    with translation.override("en"):
        english = parse_directive_text(text, agencies=AGENCIES).warnings
        with pytest.raises(DirectiveImportError, match="The text is empty"):
            parse_directive_text("")
    vietnamese = parse_directive_text(text, agencies=AGENCIES).warnings
    assert len(english) == len(vietnamese)
    assert "The date of issue was not found; the reviewer must fill it in." in english
    assert "Không tìm thấy ngày ban hành; người duyệt cần điền." in vietnamese
