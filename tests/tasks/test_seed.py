"""The seed of DESIGN §7: idempotent, seven groups, corrected Vietnamese, agencies and demo users."""

import unicodedata

import pytest
from django.core.management import call_command

from agencies.models import Agency, User
from directives.models import Directive, DirectiveLink, TaskGroup
from tasks.models import Assignment, Task
from tasks.seed.story import load_story
from tests.conftest import DELEGATION_USERNAMES, DEMO_USERNAMES, STORY_USERNAMES

STORY = load_story()

SCANNING_TYPOS = [
    "Ban Chp hành",
    "Đng bộ",
    "T quốc",
    "củng cổ",
    "tố chức",
    "phát triến",
    "quyêt",
    "vững chăc",
    "đời sông",
    "đầy mạnh",
    "thể trận",
    "trật tư,",
    "vê an ninh",
    " v Chiến lược",
    "năm hiện Chương",
]


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Agency, User, Directive, DirectiveLink, TaskGroup, Task, Assignment)
    }


@pytest.mark.django_db
def test_seed_loads_twice_without_duplicates(seed_today):
    call_command("seed", "--demo")
    first = counts()
    call_command("seed", "--demo")
    assert counts() == first
    assert first["TaskGroup"] == 7
    assert first["User"] == len(DEMO_USERNAMES) + len(STORY_USERNAMES) + len(DELEGATION_USERNAMES)


@pytest.mark.django_db
def test_seed_without_demo_creates_no_user():
    call_command("seed")
    assert User.objects.count() == 0
    assert TaskGroup.objects.count() == 7


def test_kl249_has_its_seven_groups_and_coordinator(seeded):
    directive = Directive.objects.get(number="249-KL/TU")
    assert directive.issuer == "Ban Chấp hành Đảng bộ tỉnh Hòa Bình khóa XVI"
    assert directive.issued_on.isoformat() == "2019-09-17"
    assert directive.coordinating_agency.name == "Bộ Chỉ huy quân sự tỉnh"
    assert list(directive.groups.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert directive.groups.get(number=7).text.startswith("Giao Bộ Chỉ huy quân sự tỉnh chủ trì, đôn đốc")


def test_kl249_links_every_cited_document(seeded):
    directive = Directive.objects.get(number="249-KL/TU")
    linked = set(directive.outgoing_links.values_list("target__number", flat=True))
    assert linked == {
        "26-Ctr/TU",
        "79/KH-UBND",
        "28-NQ/TW",
        "18-NQ/TW",
        "03/2019/NĐ-CP",
        "133/2015/NĐ-CP",
        "05-CT/TW",
    }


def test_seed_text_is_corrected_and_nfc(seeded):
    texts = [directive.body + directive.subject for directive in Directive.objects.all()]
    texts += [group.text + group.title for group in TaskGroup.objects.all()]
    texts += list(Task.objects.values_list("text", flat=True))
    for text in texts:
        assert unicodedata.is_normalized("NFC", text)
        for typo in SCANNING_TYPOS:
            assert typo not in text
    assert "Ban Chấp hành Đảng bộ tỉnh" in Directive.objects.get(number="249-KL/TU").body


def test_seed_agencies_of_hoa_binh_2019(seeded):
    districts = set(Agency.objects.filter(kind=Agency.Kind.DISTRICT).values_list("name", flat=True))
    assert "Ủy ban nhân dân thành phố Hòa Bình" in districts
    for name in [
        "Cao Phong",
        "Đà Bắc",
        "Kim Bôi",
        "Kỳ Sơn",
        "Lạc Sơn",
        "Lạc Thủy",
        "Lương Sơn",
        "Mai Châu",
        "Tân Lạc",
        "Yên Thủy",
    ]:
        assert f"Ủy ban nhân dân huyện {name}" in districts
    for name in ["Bộ Chỉ huy quân sự tỉnh", "Công an tỉnh", "Ủy ban nhân dân tỉnh Hòa Bình", "Sở Ngoại vụ"]:
        assert Agency.objects.filter(name=name).exists()


def test_assignments_follow_the_text(seeded):
    directive = Directive.objects.get(number="249-KL/TU")

    def leads(group_number):
        return set(
            Assignment.objects.filter(
                task__group__directive=directive, task__group__number=group_number, role=Assignment.Role.LEAD
            ).values_list("agency__name", flat=True)
        )

    # The demo's communes hold only the share Lạc Sơn passed down to them (tasks/seed/delegation.py).
    provincial = Agency.objects.exclude(kind=Agency.Kind.PEOPLES_COMMITTEE).filter(superior_links__isnull=True)
    everyone_but_ubnd = set(provincial.values_list("name", flat=True))
    assert leads(1) == everyone_but_ubnd
    assert {"Bộ Chỉ huy quân sự tỉnh", "Công an tỉnh"} <= leads(5)
    assert leads(6) == {"Sở Ngoại vụ"}
    assert leads(7) == {"Bộ Chỉ huy quân sự tỉnh"}


def test_demo_covers_every_timeliness(seeded, seed_today):
    from tasks.selectors import with_timeliness
    from tasks.timeliness import Timeliness

    shown = set(with_timeliness(Assignment.objects.all(), today=seed_today).values_list("timeliness_code", flat=True))
    assert shown == set(Timeliness.values)


def test_demo_users_have_their_roles(seeded):
    roles = {user.username: (user.role, user.agency.code) for user in User.objects.select_related("agency")}
    assert roles == {
        "admin": ("admin", "vp-ubnd"),
        "lanhdao": ("leader", "ubnd-tinh"),
        "bchqs": ("manager", "bchqs"),
        "quanly.snv": ("manager", "so-noi-vu"),
        "chuyenvien.snv": ("staff", "so-noi-vu"),
        "chuyenvien.cat": ("staff", "cong-an"),
        "chuyenvien.mttq": ("staff", "mttq"),
        "chuyenvien.skhdt": ("staff", "so-kh-dt"),
        "chuyenvien.sngv": ("staff", "so-ngoai-vu"),
        "chuyenvien.stnmt": ("staff", "so-tn-mt"),
        "chuyenvien.sldtbxh": ("staff", "so-ld-tbxh"),
        "quanly.lacson": ("manager", "ubnd-lac-son"),
        "chuyenvien.annghia": ("staff", "ubnd-xa-an-nghia"),
    }
    assert User.objects.get(username="admin").is_staff
    assert not User.objects.get(username="lanhdao").is_staff


def test_demo_adds_updates_evidence_and_extensions_pending_and_decided(seeded, seed_today):
    from tasks.models import Evidence, ExtensionRequest, ProgressUpdate

    story = STORY["assignments"]
    assert (
        ProgressUpdate.objects.count()
        == sum(1 for spec in story for e in spec["events"] if "report" in e or "done" in e) + 1
    )  # and Ân Nghĩa's report on the share Lạc Sơn passed down to it (tasks/seed/delegation.py)
    assert Evidence.objects.count() == sum(1 for spec in story for e in spec["events"] if "evidence" in e)
    evidence = Evidence.objects.get(original_name="Kế hoạch tuyên truyền KL 249.pdf")
    with evidence.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    pending = ExtensionRequest.objects.get(decision=ExtensionRequest.Decision.PENDING)
    assert pending.requested_by.username == "chuyenvien.snv"
    assert pending.new_deadline > pending.current_deadline == pending.assignment.deadline
    approved = ExtensionRequest.objects.get(decision=ExtensionRequest.Decision.APPROVED)
    assert approved.decided_by.username == "lanhdao"
    assert approved.assignment.deadline == approved.new_deadline
    assert approved.requested_at < approved.decided_at < ProgressUpdate.objects.latest("created_at").created_at


@pytest.mark.django_db
def test_demo_story_is_played_once(seed_today):
    from tasks.models import Evidence, ExtensionRequest, ProgressUpdate
    from tasks.seed.loader import seed

    seed(today=seed_today, demo=True)
    first = (ProgressUpdate.objects.count(), Evidence.objects.count(), ExtensionRequest.objects.count())
    history = Assignment.history.count()
    result = seed(today=seed_today, demo=True)
    assert (ProgressUpdate.objects.count(), Evidence.objects.count(), ExtensionRequest.objects.count()) == first
    assert Assignment.history.count() == history
    assert result.created.get("demo assignments", 0) == 0


def test_demo_has_one_delegated_share_lac_son_to_two_communes(seeded, seed_today):
    from tasks.delegation import delegable_units

    parent = Assignment.objects.get(children__agency__code="ubnd-xa-an-nghia")
    assert parent.task.code == "4.4"
    shares = list(parent.children.order_by("agency__sort_order").select_related("agency"))
    assert [share.agency.short_name for share in shares] == ["UBND xã Ân Nghĩa", "UBND xã Nhân Nghĩa"]
    assert all(share.deadline <= parent.deadline and share.deadline >= seed_today for share in shares)
    assert [share.percent for share in shares] == [60, 0]
    assert parent.percent == 30  # rolled up
    assert set(delegable_units(parent.agency)) == {share.agency for share in shares}
    # The only delegated share of the demo, and a second load adds nothing.
    assert Assignment.objects.filter(parent__isnull=False).count() == 2
    from tasks.seed.loader import seed

    result = seed(today=seed_today, demo=True)
    assert (result.created["units"], result.created.get("delegated shares", 0), result.created["users"]) == (0, 0, 0)
    assert Assignment.objects.filter(parent__isnull=False).count() == 2
