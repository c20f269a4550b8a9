"""The directive import with input it must refuse or repair: empty, huge, not a directive, odd numbering, Word files."""

import io
import unicodedata

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directives.importing import MAX_DOCX_BYTES, MAX_TEXT_CHARS
from tasks.importing.review import guess_issuer, propose_title

# The helpers of the import's main tests (the fixtures admin_client and reference_text are in conftest).
from .test_directive_import import (
    URL,
    agency,
    as_uploaded_docx,
    counts,
    form_data,
    one,
    propose,
    review,
)

# ------------------------------------------------------------------------ bad input


@pytest.mark.parametrize("text", ["", "   \n\n\t  "])
def test_empty_input_asks_for_text_or_file(admin_client, text):
    response = propose(admin_client, text=text)
    assert response.status_code == 200
    assert "Hãy dán nội dung văn bản chỉ đạo hoặc chọn tệp .docx của văn bản." in response.content.decode()


def test_text_that_is_not_a_directive_is_refused_and_kept(admin_client, seeded):
    text = "Hôm nay trời đẹp, cả phòng đi họp giao ban lúc 8 giờ."
    response = propose(admin_client, text=text)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không tìm thấy mục đánh số nào" in html
    assert one(form_data(html), "text") == text


def test_huge_text_is_refused_and_kept(admin_client, seeded):
    text = "Yêu cầu:\n1. " + "Làm việc. " * (MAX_TEXT_CHARS // 10 + 1)
    before = counts()
    response = propose(admin_client, text=text)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Văn bản quá dài" in html
    assert one(form_data(html), "text") == text
    assert counts() == before


def test_decomposed_unicode_and_windows_line_endings_give_the_same_proposal(admin_client, reference_text):
    expected = review(admin_client, reference_text)
    for variant in (unicodedata.normalize("NFD", reference_text), reference_text.replace("\n", "\r\n")):
        assert variant != reference_text
        data = review(admin_client, variant)
        for name in ("groups-TOTAL_FORMS", "coordinating_agency", "issuer", "issued_on", "citations-TOTAL_FORMS"):
            assert data[name] == expected[name]
        for index in range(7):
            for field in ("text", "tasks", "title", "agencies"):
                assert data[f"groups-{index}-{field}"] == expected[f"groups-{index}-{field}"]


@pytest.mark.parametrize(
    "text",
    [
        "Chủ tịch UBND tỉnh yêu cầu:\n1) Sở Ngoại vụ làm việc A.\n2) Công an tỉnh làm việc B./.",
        "KẾ HOẠCH\n\nVề việc diễn tập\n\nI. Sở Ngoại vụ làm việc A.\n\nII. Công an tỉnh làm việc B./.",
    ],
)
def test_parenthesis_and_roman_numbering(admin_client, seeded, text):
    data = review(admin_client, text)
    assert one(data, "groups-INITIAL_FORMS") == "2"
    assert [one(data, "groups-0-number"), one(data, "groups-1-number")] == ["1", "2"]
    assert one(data, "groups-0-text") == "Sở Ngoại vụ làm việc A."
    assert data["groups-0-agencies"] == [str(agency("so-ngoai-vu").pk)]
    assert data["groups-1-agencies"] == [str(agency("cong-an").pk)]


def test_docx_with_word_list_numbering_is_proposed(admin_client, seeded):
    document = docx.Document()
    document.add_paragraph("CHỈ THỊ")
    document.add_paragraph("Về việc tăng cường công tác quốc phòng")
    document.add_paragraph("Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:")
    # "List Number" numbers the paragraphs through Word's list feature: no digit is typed.
    document.add_paragraph("Các ngành Quân sự, Công an phối hợp chặt chẽ.", style="List Number")
    document.add_paragraph("Sở Ngoại vụ tăng cường công tác đối ngoại.", style="List Number")
    document.add_paragraph("Giao Bộ CHQS tỉnh chủ trì, theo dõi, tổng hợp báo cáo./.", style="List Number")
    response = admin_client.post(URL, {"step": "parse", "text": "", "file": as_uploaded_docx(document)})
    assert response.status_code == 200
    data = form_data(response.content.decode())
    assert one(data, "groups-INITIAL_FORMS") == "3"
    assert one(data, "kind") == "directive"
    assert one(data, "subject") == "Về việc tăng cường công tác quốc phòng"
    assert one(data, "groups-1-text") == "Sở Ngoại vụ tăng cường công tác đối ngoại."
    assert set(data["groups-0-agencies"]) == {str(agency("bchqs").pk), str(agency("cong-an").pk)}
    assert one(data, "coordinating_agency") == str(agency("bchqs").pk)


def test_reference_as_docx_gives_seven_groups(admin_client, reference_text):
    document = docx.Document()
    for paragraph in reference_text.split("\n\n"):
        document.add_paragraph(paragraph)
    response = admin_client.post(URL, {"step": "parse", "file": as_uploaded_docx(document, "KL249.DOCX")})
    data = form_data(response.content.decode())
    assert one(data, "groups-INITIAL_FORMS") == "7"
    assert one(data, "coordinating_agency") == str(agency("bchqs").pk)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("1. Làm việc A./.")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hong.docx", docx_bytes()[:2000], "Tệp không phải định dạng Word .docx hợp lệ"),
        ("doi-ten.docx", "1. Làm việc A./.".encode() * 100, "Tệp không phải định dạng Word .docx hợp lệ"),
        ("cu.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "Chỉ nhập được tệp Word .docx"),
        ("chi-thi.pdf", b"%PDF-1.4 ...", "Tệp không phải tệp PDF đọc được"),
        ("qua-lon.docx", b"\0" * (MAX_DOCX_BYTES + 1), "Tệp .docx quá lớn"),
        ("rong.docx", b"", "Tập tin được gửi là rỗng"),
    ],
)
def test_bad_files_get_a_clear_error(admin_client, seeded, name, content, message):
    before = counts()
    response = admin_client.post(URL, {"step": "parse", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "is-invalid" in html
    assert counts() == before


def test_docx_without_numbered_items_shows_its_text_for_correction(admin_client, seeded):
    document = docx.Document()
    document.add_paragraph("Thông báo lịch họp giao ban tuần.")
    response = admin_client.post(URL, {"step": "parse", "file": as_uploaded_docx(document)})
    html = response.content.decode()
    assert "Không tìm thấy mục đánh số nào" in html
    assert "Nội dung đọc được từ tệp được hiển thị bên dưới" in html
    assert one(form_data(html), "text") == "Thông báo lịch họp giao ban tuần."


def test_text_and_file_together_are_refused(admin_client, seeded):
    document = docx.Document()
    document.add_paragraph("1. Làm việc A./.")
    response = admin_client.post(URL, {"step": "parse", "text": "1. B./.", "file": as_uploaded_docx(document)})
    html = response.content.decode()
    assert "Hãy dán nội dung hoặc chọn tệp, không chọn cả hai." in html
    assert one(form_data(html), "text") == "1. B./."


# -------------------------------------------------------------------- small helpers


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Công tác đối ngoại.", "Công tác đối ngoại"),
        ("MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao năng lực.", "Mục đích, yêu cầu"),
        (
            "Giao Bộ Chỉ huy quân sự tỉnh chủ trì, đôn đốc, theo dõi, triển khai thực hiện; tổng hợp.",
            "Giao Bộ Chỉ huy quân sự tỉnh chủ trì, đôn đốc, theo dõi, triển khai thực hiện",
        ),
        (
            "Tiếp tục quan tâm và làm tốt công tác đối ngoại nhân dân, giữ vững môi trường ổn định về an ninh.",
            "Tiếp tục quan tâm và làm tốt công tác đối ngoại nhân dân…",
        ),
        ("Làm việc A; làm việc B.", "Làm việc A"),
        ("", ""),
    ],
)
def test_propose_title(text, title):
    assert propose_title(text) == title


@pytest.mark.parametrize(
    ("number", "issuer"),
    [
        ("03/2019/NĐ-CP", "Chính phủ"),
        ("05-CT/TW", "Bộ Chính trị"),
        ("28-NQ/TW", "Ban Chấp hành Trung ương Đảng"),
        ("26-Ctr/TU", "Tỉnh ủy"),
        ("79/KH-UBND", "Ủy ban nhân dân tỉnh"),
        ("12/CT-TTg", "Thủ tướng Chính phủ"),
        ("15/2020/NQ-HĐND", "Hội đồng nhân dân tỉnh"),
        ("7/HD-BTG", ""),
    ],
)
def test_guess_issuer(number, issuer):
    assert guess_issuer(number) == issuer


def test_text_beyond_the_request_size_limit_gets_a_vietnamese_page(admin_client, seeded):
    # Over the 5 MB limit on form data (DATA_UPLOAD_MAX_MEMORY_SIZE), the request is refused before the view reads it.
    before = counts()
    response = propose(admin_client, text="1. Làm việc ệ. " * 400_000)
    assert response.status_code == 400
    assert "hãy tải lên tệp .docx" in response.content.decode()
    assert counts() == before


def test_a_deleted_item_with_errors_does_not_hide_repeated_numbers(admin_client):
    data = review(admin_client, "Yêu cầu:\n1. Làm việc A.\n2. Làm việc B.\n3. Làm việc C./.")
    data.update(
        {
            "kind": ["plan"],
            "number": ["157/KH-UBND"],
            "groups-1-number": ["1"],
            "groups-2-text": [""],
            "groups-2-DELETE": ["on"],
        }
    )
    before = counts()
    html = admin_client.post(URL, data).content.decode()
    assert "Các số mục phải khác nhau; bị trùng: 1." in html
    assert counts() == before
