"""Directive import over HTTP: paste or upload, review on one page, confirm; only admins; nothing saved before."""

import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import Agency
from directives.models import Directive, DirectiveLink, TaskGroup
from tasks.models import Assignment, Task

URL = "/directives/import/"
REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "kl249.vi.txt"
DESIGN_CITED = ["26-Ctr/TU", "79/KH-UBND", "28-NQ/TW", "18-NQ/TW", "03/2019/NĐ-CP", "133/2015/NĐ-CP", "05-CT/TW"]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# ------------------------------------------------------------------------- helpers


class _FormFields(HTMLParser):
    """What a browser would post from the page's multipart form: inputs, textareas, selects."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []

    def _add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        name = attr.get("name")
        if tag == "input" and name:
            kind = attr.get("type", "text")
            if kind in ("checkbox", "radio"):
                self.fields.setdefault(name, [])
                if "checked" in attr:
                    self._add(name, attr.get("value") or "on")
            elif kind not in ("file", "submit", "button"):
                self._add(name, attr.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in attr), []
        elif tag == "option" and self._select:
            self._options.append((attr.get("value", ""), "selected" in attr))

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows <textarea>.
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields[name] = chosen
            self._select = None


def form_data(html: str) -> dict[str, list[str]]:
    start = re.search(
        r'<form method="post" enctype="(multipart/form-data|application/x-www-form-urlencoded)"', html
    ).start()
    parser = _FormFields()
    parser.feed(html[start : html.index("</form>", start)])
    return parser.fields


def one(data: dict[str, list[str]], name: str) -> str:
    [value] = data[name]
    return value


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Directive, DirectiveLink, TaskGroup, Task, Assignment)}


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


def propose(client, **data):
    return client.post(URL, {"step": "parse", **data})


def review(client, text: str) -> dict[str, list[str]]:
    response = propose(client, text=text)
    assert response.status_code == 200
    assert "Xem lại văn bản chỉ đạo được nhập" in response.content.decode()
    return form_data(response.content.decode())


def cited_rows(data: dict[str, list[str]]) -> list[tuple[str, str, bool]]:
    total = int(one(data, "citations-TOTAL_FORMS"))
    rows = []
    for index in range(total):
        number = one(data, f"citations-{index}-number")
        if number:
            rows.append((one(data, f"citations-{index}-kind"), number, data[f"citations-{index}-include"] == ["on"]))
    return rows


def as_uploaded_docx(document, name: str = "chi-thi.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=DOCX_TYPE)


# ----------------------------------------------------------------------- the reference


def test_reference_text_is_proposed_for_review_and_nothing_is_saved(admin_client, reference_text):
    before = counts()
    data = review(admin_client, reference_text)
    assert counts() == before

    assert one(data, "groups-INITIAL_FORMS") == "7"
    assert [one(data, f"groups-{i}-number") for i in range(7)] == ["1", "2", "3", "4", "5", "6", "7"]
    texts = [one(data, f"groups-{i}-text") for i in range(7)]
    assert texts[0].startswith("Quán triệt và thực hiện nghiêm Kết luận số 249-KL/TU")
    assert texts[1].startswith("Tập trung xây dựng tổ chức bộ máy")
    # Item 5 keeps its two unnumbered continuation paragraphs; item 6 starts where it should.
    assert len(texts[4].split("\n\n")) == 3
    assert "Xây dựng lực lượng vũ trang tỉnh trong sạch" in texts[4]
    assert texts[5].startswith("Các cấp, các ngành và các địa phương")
    assert "Xây dựng lực lượng vũ trang" not in texts[5]
    assert texts[6] == (
        "Giao Bộ Chỉ huy quân sự tỉnh chủ trì, đôn đốc, theo dõi, triển khai thực hiện; tổng hợp kết quả "
        "định kỳ báo cáo ủy ban nhân dân tỉnh theo quy định."
    )
    assert len(one(data, "groups-4-tasks").splitlines()) == 13
    assert one(data, "groups-0-title") == "Quán triệt và thực hiện nghiêm Kết luận số 249-KL/TU ngày 17/9/2019…"

    # Item 7 makes the provincial Military Command the coordinator; agencies come from the seeded list.
    bchqs, police, mttq = agency("bchqs"), agency("cong-an"), agency("mttq")
    assert one(data, "coordinating_agency") == str(bchqs.pk)
    assert data["groups-6-agencies"] == [str(bchqs.pk)]
    assert set(data["groups-4-agencies"]) == {str(bchqs.pk), str(police.pk)}
    assert data["groups-3-agencies"] == [str(mttq.pk)]
    assert data["groups-1-agencies"] == []  # "bí mật quân sự" is not the military command
    assert one(data, "issuer") == "Ủy ban nhân dân tỉnh"
    assert one(data, "issued_on") == "17/09/2019"


def test_reference_citations_are_matched_to_records_without_duplicates(admin_client, reference_text):
    response = propose(admin_client, text=reference_text)
    html = response.content.decode()
    rows = cited_rows(form_data(html))
    numbers = [number for _, number, _ in rows]
    assert len(numbers) == len(set(numbers))
    assert set(DESIGN_CITED) | {"249-KL/TU", "03-ĐA/TU"} == set(numbers)
    assert all(include for *_, include in rows)
    for number in [*DESIGN_CITED, "249-KL/TU"]:
        record = Directive.objects.get(number=number)
        assert f'href="{record.get_absolute_url()}"' in html
    assert html.count("đã có trong hệ thống") == 8
    assert html.count("sẽ được ghi nhận là văn bản chỉ được viện dẫn") == 1
    data = form_data(html)
    scheme = next(i for i, row in enumerate(rows) if row[1] == "03-ĐA/TU")
    assert one(data, f"citations-{scheme}-issuer") == "Tỉnh ủy"


def test_importing_the_reference_as_kl249_again_is_refused(admin_client, reference_text):
    data = review(admin_client, reference_text)
    data.update(kind=["conclusion"], number=["249-KL/TU"], issuer=["Ban Chấp hành Đảng bộ tỉnh Hòa Bình khóa XVI"])
    before = counts()
    response = admin_client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "đã có trong hệ thống; hãy mở văn bản từ danh sách" in html
    assert counts() == before
    # What the admin typed is still on the page.
    assert form_data(html)["issuer"] == ["Ban Chấp hành Đảng bộ tỉnh Hòa Bình khóa XVI"]
    assert one(form_data(html), "groups-4-text") == one(data, "groups-4-text")


def test_confirm_saves_the_reviewed_directive_with_the_admins_edits(admin_client, reference_text):
    data = review(admin_client, reference_text)
    before = counts()
    ngoai_vu, noi_vu, bchqs = agency("so-ngoai-vu"), agency("so-noi-vu"), agency("bchqs")
    data.update(
        {
            "kind": ["plan"],
            "number": ["150/KH-UBND"],
            "issuer": ["Ủy ban nhân dân tỉnh Hòa Bình"],
            "subject": ["Thực hiện Kết luận số 249-KL/TU của Ban Chấp hành Đảng bộ tỉnh"],
            "groups-0-all_agencies": ["on"],
            "groups-1-text": ["Xây dựng hệ thống chính trị ở cơ sở vững mạnh."],
            "groups-1-tasks": ["Xây dựng hệ thống chính trị ở cơ sở vững mạnh.\nĐổi mới công tác cán bộ."],
            "groups-1-agencies": [str(noi_vu.pk)],
            "groups-2-deadline": ["31/12/2026"],
            "groups-2-agencies": [str(agency("so-kh-dt").pk)],
            "groups-4-agencies": [str(ngoai_vu.pk)],
            "groups-5-DELETE": ["on"],
            # The spare item at the end: a new item 8 split off by the admin.
            "groups-7-number": ["8"],
            "groups-7-title": [""],
            "groups-7-text": ["Sở Ngoại vụ tổng hợp tình hình đối ngoại, báo cáo hằng quý."],
            "groups-7-tasks": ["Tổng hợp tình hình đối ngoại.\nBáo cáo hằng quý."],
            "groups-7-agencies": [str(ngoai_vu.pk)],
        }
    )
    response = admin_client.post(URL, data, follow=True)
    directive = Directive.objects.get(kind="plan", number="150/KH-UBND")
    assert response.redirect_chain == [(directive.get_absolute_url(), 302)]
    html = response.content.decode()
    assert "đã được nhập cùng các mục, nhiệm vụ và cơ quan chủ trì" in html

    assert directive.is_tracked
    assert directive.issuer == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert directive.issued_on == date(2019, 9, 17)
    assert directive.coordinating_agency == bchqs
    assert directive.body.startswith("Chỉ đạo, điều hành")
    groups = {group.number: group for group in directive.groups.all()}
    assert sorted(groups) == [1, 2, 3, 4, 5, 7, 8]
    assert groups[2].text == "Xây dựng hệ thống chính trị ở cơ sở vững mạnh."
    assert groups[8].title == "Sở Ngoại vụ tổng hợp tình hình đối ngoại, báo cáo hằng quý"
    assert groups[1].title.startswith("Quán triệt và thực hiện nghiêm")

    def tasks_of(number):
        return list(Task.objects.filter(group=groups[number]).order_by("number"))

    assert [task.text for task in tasks_of(2)] == [
        "Xây dựng hệ thống chính trị ở cơ sở vững mạnh.",
        "Đổi mới công tác cán bộ.",
    ]
    assert len(tasks_of(5)) == 13
    assert {task.deadline for task in tasks_of(3)} == {date(2026, 12, 31)}
    assert {task.deadline for task in tasks_of(4)} == {None}

    def leads(number):
        found = Assignment.objects.filter(task__group=groups[number])
        assert set(found.values_list("role", flat=True)) <= {Assignment.Role.LEAD}
        return found

    everyone = Agency.objects.filter(is_active=True).exclude(kind=Agency.Kind.PEOPLES_COMMITTEE).count()
    assert leads(1).count() == 2 * everyone
    assert set(leads(2).values_list("agency__code", flat=True)) == {"so-noi-vu"}
    assert set(leads(5).values_list("agency__code", flat=True)) == {"so-ngoai-vu"}
    assert leads(5).count() == 13
    assert set(leads(7).values_list("agency__code", flat=True)) == {"bchqs"}
    assert set(leads(8).values_list("agency__code", flat=True)) == {"so-ngoai-vu"}
    assert {a.deadline for a in leads(3)} == {date(2026, 12, 31)}
    assert leads(3).count() == 5
    assert leads(4).count() == 4  # the parser's proposal (Mặt trận Tổ quốc), left as it was

    links = DirectiveLink.objects.filter(source=directive)
    assert set(links.values_list("relation", flat=True)) == {"cites"}
    assert set(links.values_list("target__number", flat=True)) == {*DESIGN_CITED, "249-KL/TU", "03-ĐA/TU"}
    for number in [*DESIGN_CITED, "249-KL/TU"]:
        assert Directive.objects.filter(number=number).count() == 1
    scheme = Directive.objects.get(number="03-ĐA/TU")
    assert (scheme.kind, scheme.issuer, scheme.is_tracked) == ("scheme", "Tỉnh ủy", False)

    after = counts()
    assert after["Directive"] == before["Directive"] + 2
    assert after["TaskGroup"] == before["TaskGroup"] + 7

    # The same confirmation posted again (a double click, the back button) creates nothing.
    again = admin_client.post(URL, data)
    assert again.status_code == 200
    assert "đã có trong hệ thống" in again.content.decode()
    assert counts() == after


def test_unticked_citation_is_not_linked_or_created(admin_client, reference_text):
    data = review(admin_client, reference_text)
    rows = cited_rows(data)
    scheme = next(i for i, row in enumerate(rows) if row[1] == "03-ĐA/TU")
    data.update({"kind": ["directive"], "number": ["7/CT-UBND"], f"citations-{scheme}-include": []})
    response = admin_client.post(URL, data)
    assert response.status_code == 302
    assert not Directive.objects.filter(number="03-ĐA/TU").exists()
    directive = Directive.objects.get(number="7/CT-UBND")
    assert directive.outgoing_links.count() == 8


def test_importing_a_cited_only_document_makes_it_tracked(admin_client, reference_text):
    plan = Directive.objects.get(number="79/KH-UBND")
    assert not plan.is_tracked
    data = review(admin_client, reference_text)
    data.update(kind=["plan"], number=["79/KH-UBND"], issuer=[plan.issuer])
    before = counts()
    response = admin_client.post(URL, data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_tracked
    assert plan.groups.count() == 7
    assert counts()["Directive"] == before["Directive"] + 1  # only the new cited-only 03-ĐA/TU
    assert not plan.outgoing_links.filter(target=plan).exists()
