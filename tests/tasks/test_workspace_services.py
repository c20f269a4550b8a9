"""Services of the workspace: progress updates, declare done, confirm/return, extensions, pause and cancel."""

import unicodedata
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import Notification
from tasks import workflow as services
from tasks.models import Assignment, ExtensionRequest, ProgressUpdate
from tasks.timeliness import Status, Timeliness
from tests.factories import UserFactory

from .conftest import TODAY, pdf_upload


def set_state(assignment: Assignment, status: str, **fields) -> Assignment:
    Assignment.objects.filter(pk=assignment.pk).update(status=status, **fields)
    assignment.refresh_from_db()
    return assignment


def messages_of(error: ValidationError) -> str:
    return " ".join(error.value.messages)


class TestProgressUpdate:
    def test_first_update_starts_the_work_and_records_who(self, world):
        staff = world.users["staff"]
        update = services.progress_update_create(
            assignment=world.assignment, author=staff, percent=30, results="Đã ban hành kế hoạch"
        )
        assignment = world.refresh()
        assert assignment.status == Status.IN_PROGRESS
        assert assignment.percent == 30
        assert assignment.version == 2
        assert update.author == staff
        last = assignment.history.order_by("-history_date", "-history_id").first()
        assert last.history_user == staff
        assert last.percent == 30

    def test_evidence_is_stored_under_a_generated_name(self, world):
        update = services.progress_update_create(
            assignment=world.assignment,
            author=world.users["staff"],
            percent=10,
            files=[pdf_upload("Kế hoạch số 12.pdf")],
        )
        evidence = update.evidence.get()
        assert evidence.original_name == "Kế hoạch số 12.pdf"
        assert evidence.content_type == "application/pdf"
        assert evidence.size > 0
        assert "Kế hoạch" not in evidence.file.name
        assert evidence.file.name.startswith("evidence/")

    @pytest.mark.parametrize("percent", [-1, 101, 1000, True, "50"])
    def test_percent_out_of_range_is_refused(self, world, percent):
        with pytest.raises(ValidationError) as error:
            services.progress_update_create(
                assignment=world.assignment, author=world.users["staff"], percent=percent, results="x"
            )
        assert "percent" in error.value.message_dict
        assert not ProgressUpdate.objects.exists()

    def test_an_empty_update_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            services.progress_update_create(
                assignment=world.assignment, author=world.users["staff"], percent=10, results="   "
            )
        assert error.value.code == "empty"
        assert "Vui lòng nhập kết quả" in messages_of(error)

    def test_text_is_stored_nfc_and_as_typed(self, world):
        typed = unicodedata.normalize("NFD", "Khó khăn <script>alert('x')</script> về đất đai")
        update = services.progress_update_create(
            assignment=world.assignment, author=world.users["staff"], percent=10, difficulties=typed
        )
        update.refresh_from_db()
        assert update.difficulties == unicodedata.normalize("NFC", typed)
        assert "<script>" in update.difficulties

    @pytest.mark.parametrize("status", [Status.DONE, Status.PAUSED, Status.CANCELLED])
    def test_closed_work_takes_no_update(self, world, status):
        set_state(world.assignment, status)
        with pytest.raises(ValidationError):
            services.progress_update_create(
                assignment=world.assignment, author=world.users["staff"], percent=10, results="x"
            )

    def test_declared_done_work_keeps_100_percent(self, world):
        set_state(world.assignment, Status.AWAITING_CONFIRMATION, percent=100, completed_on=TODAY)
        services.progress_update_create(
            assignment=world.assignment, author=world.users["staff"], percent=60, results="Bổ sung minh chứng"
        )
        assignment = world.refresh()
        assert assignment.percent == 100
        assert assignment.status == Status.AWAITING_CONFIRMATION

    def test_two_updates_from_the_same_stale_page_are_both_kept(self, world):
        stale = Assignment.objects.get(pk=world.assignment.pk)
        services.progress_update_create(assignment=stale, author=world.users["staff"], percent=20, results="A")
        services.progress_update_create(assignment=stale, author=world.users["manager"], percent=40, results="B")
        assert world.assignment.updates.count() == 2
        assert world.refresh().version == 3
        assert world.assignment.percent == 40


class TestDeclareConfirmReturn:
    def test_declare_done_waits_for_confirmation_dated_today(self, world):
        assignment = services.assignment_declare_done(
            assignment=world.assignment, user=world.users["staff"], expected_version=1, note="Xong", today=TODAY
        )
        assert assignment.status == Status.AWAITING_CONFIRMATION
        assert assignment.completed_on == TODAY
        assert assignment.percent == 100
        update = assignment.updates.get()
        assert update.declares_done
        assert update.results == "Xong"

    def test_declare_done_twice_is_refused(self, world):
        services.assignment_declare_done(
            assignment=world.assignment, user=world.users["staff"], expected_version=1, today=TODAY
        )
        with pytest.raises(ValidationError):
            services.assignment_declare_done(
                assignment=world.assignment, user=world.users["staff"], expected_version=2, today=TODAY
            )

    @pytest.mark.parametrize(
        ("declared_offset", "expected"), [(-1, Timeliness.DONE_ON_TIME), (3, Timeliness.DONE_LATE)]
    )
    def test_confirm_is_on_time_or_late_from_the_declared_date(self, world, declared_offset, expected):
        deadline = world.assignment.deadline
        set_state(
            world.assignment, Status.AWAITING_CONFIRMATION, completed_on=deadline + timedelta(days=declared_offset)
        )
        assignment = services.assignment_confirm(
            assignment=world.assignment, user=world.users["coordinator"], expected_version=1
        )
        assert assignment.status == Status.DONE
        assert assignment.timeliness(today=deadline + timedelta(days=30)) == expected

    def test_confirm_needs_declared_done_work(self, world):
        with pytest.raises(ValidationError) as error:
            services.assignment_confirm(
                assignment=world.assignment, user=world.users["coordinator"], expected_version=1
            )
        assert error.value.code == "state"

    def test_return_needs_a_comment(self, world):
        set_state(world.assignment, Status.AWAITING_CONFIRMATION, completed_on=TODAY)
        with pytest.raises(ValidationError) as error:
            services.assignment_return(
                assignment=world.assignment, user=world.users["coordinator"], expected_version=1, comment="  "
            )
        assert "comment" in error.value.message_dict

    def test_return_reopens_the_work_and_tells_the_agency(self, world, django_capture_on_commit_callbacks):
        inactive = UserFactory(agency=world.agency, is_active=False)
        set_state(world.assignment, Status.AWAITING_CONFIRMATION, completed_on=TODAY, percent=100)
        with django_capture_on_commit_callbacks(execute=True):
            assignment = services.assignment_return(
                assignment=world.assignment,
                user=world.users["coordinator"],
                expected_version=1,
                comment="Bổ sung số liệu quý IV",
            )
        assert assignment.status == Status.IN_PROGRESS
        assert assignment.completed_on is None
        assert assignment.status_note == "Bổ sung số liệu quý IV"
        notified = set(Notification.objects.values_list("user__username", flat=True))
        assert notified == {"staff", "manager"}
        assert inactive.username not in notified
        assert len(mail.outbox) == 2
        assert "thực hiện lại" in mail.outbox[0].subject
        last = assignment.history.order_by("-history_date", "-history_id").first()
        assert last.history_user == world.users["coordinator"]
        assert last.history_change_reason == "Bổ sung số liệu quý IV"


STATE_CHANGES = {
    "declare_done": (Status.IN_PROGRESS, lambda w, v: services.assignment_declare_done(
        assignment=w.assignment, user=w.users["staff"], expected_version=v, today=TODAY)),
    "confirm": (Status.AWAITING_CONFIRMATION, lambda w, v: services.assignment_confirm(
        assignment=w.assignment, user=w.users["coordinator"], expected_version=v)),
    "return": (Status.AWAITING_CONFIRMATION, lambda w, v: services.assignment_return(
        assignment=w.assignment, user=w.users["coordinator"], expected_version=v, comment="Làm lại")),
    "extension": (Status.IN_PROGRESS, lambda w, v: services.extension_request_create(
        assignment=w.assignment, user=w.users["staff"], expected_version=v,
        new_deadline=w.assignment.deadline + timedelta(days=5), reason="Cần thêm thời gian", today=TODAY)),
    "pause": (Status.IN_PROGRESS, lambda w, v: services.assignment_pause(
        assignment=w.assignment, user=w.users["leader"], expected_version=v, reason="Chờ")),
    "resume": (Status.PAUSED, lambda w, v: services.assignment_resume(
        assignment=w.assignment, user=w.users["leader"], expected_version=v)),
    "cancel": (Status.IN_PROGRESS, lambda w, v: services.assignment_cancel(
        assignment=w.assignment, user=w.users["leader"], expected_version=v, reason="Hủy")),
}  # fmt: skip


@pytest.mark.parametrize("change", list(STATE_CHANGES))
def test_a_stale_page_is_refused_and_changes_nothing(world, change):
    start, perform = STATE_CHANGES[change]
    set_state(world.assignment, start, completed_on=TODAY if start == Status.AWAITING_CONFIRMATION else None)
    Assignment.objects.filter(pk=world.assignment.pk).update(version=5)
    with pytest.raises(ValidationError) as error:
        perform(world, 4)
    assert error.value.code == "stale"
    assert "đã được người khác thay đổi" in messages_of(error)
    assignment = world.refresh()
    assert assignment.status == start
    assert assignment.version == 5
    assert not ExtensionRequest.objects.exists()
    perform(world, 5)


class TestExtensions:
    def request(self, world, **kwargs):
        deadline = world.assignment.deadline or TODAY
        values = {
            "assignment": world.assignment,
            "user": world.users["staff"],
            "expected_version": world.assignment.version,
            "new_deadline": deadline + timedelta(days=30),
            "reason": "Cần thêm thời gian lấy ý kiến",
            "today": TODAY,
        }
        values.update(kwargs)
        return services.extension_request_create(**values)

    def test_request_records_the_current_deadline(self, world):
        request = self.request(world)
        assert request.decision == ExtensionRequest.Decision.PENDING
        assert request.current_deadline == world.assignment.deadline

    @pytest.mark.parametrize("offset_from_today", [-1, -30])
    def test_a_date_in_the_past_is_refused(self, world, offset_from_today):
        Assignment.objects.filter(pk=world.assignment.pk).update(deadline=TODAY - timedelta(days=40))
        world.refresh()
        with pytest.raises(ValidationError) as error:
            self.request(world, new_deadline=TODAY + timedelta(days=offset_from_today))
        assert "new_deadline" in error.value.message_dict

    def test_a_date_not_after_the_deadline_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            self.request(world, new_deadline=world.assignment.deadline)
        assert "new_deadline" in error.value.message_dict

    def test_standing_work_has_nothing_to_extend(self, world):
        Assignment.objects.filter(pk=world.assignment.pk).update(deadline=None)
        world.refresh()
        with pytest.raises(ValidationError) as error:
            self.request(world, new_deadline=TODAY + timedelta(days=5))
        assert error.value.code == "standing"

    def test_one_pending_request_at_a_time(self, world):
        self.request(world)
        with pytest.raises(ValidationError) as error:
            self.request(world)
        assert error.value.code == "pending"

    def test_reason_is_required(self, world):
        with pytest.raises(ValidationError) as error:
            self.request(world, reason=" ")
        assert "reason" in error.value.message_dict

    def test_approval_moves_the_deadline_and_keeps_the_old_one(self, world, django_capture_on_commit_callbacks):
        old_deadline = world.assignment.deadline
        request = self.request(world)
        with django_capture_on_commit_callbacks(execute=True):
            services.extension_request_decide(
                extension_request=request, user=world.users["leader"], approve=True, expected_version=1
            )
        request.refresh_from_db()
        assignment = world.refresh()
        assert request.decision == ExtensionRequest.Decision.APPROVED
        assert request.decided_by == world.users["leader"]
        assert assignment.deadline == request.new_deadline
        deadlines = list(assignment.history.order_by("history_date", "history_id").values_list("deadline", flat=True))
        assert deadlines == [old_deadline, request.new_deadline]
        notice = Notification.objects.get()
        assert notice.user == world.users["staff"]
        assert "Đồng ý gia hạn" in notice.title

    def test_refusal_needs_a_reason_and_keeps_the_deadline(self, world):
        request = self.request(world)
        with pytest.raises(ValidationError) as error:
            services.extension_request_decide(
                extension_request=request, user=world.users["leader"], approve=False, expected_version=1
            )
        assert "note" in error.value.message_dict
        services.extension_request_decide(
            extension_request=request,
            user=world.users["admin"],
            approve=False,
            note="Không có căn cứ",
            expected_version=1,
        )
        request.refresh_from_db()
        assert request.decision == ExtensionRequest.Decision.REFUSED
        assert request.decision_note == "Không có căn cứ"
        assert world.refresh().deadline == request.current_deadline
        assert world.assignment.version == 1

    def test_a_request_is_decided_once(self, world):
        request = self.request(world)
        services.extension_request_decide(
            extension_request=request, user=world.users["leader"], approve=False, note="Không", expected_version=1
        )
        with pytest.raises(ValidationError):
            services.extension_request_decide(
                extension_request=request, user=world.users["admin"], approve=True, expected_version=1
            )


class TestPauseResumeCancel:
    def test_pause_needs_a_reason(self, world):
        with pytest.raises(ValidationError) as error:
            services.assignment_pause(
                assignment=world.assignment, user=world.users["leader"], expected_version=1, reason=""
            )
        assert "reason" in error.value.message_dict

    @pytest.mark.parametrize("start", [Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING_CONFIRMATION])
    def test_resume_returns_to_the_state_it_was_paused_from(self, world, start):
        services.assignment_pause(
            assignment=world.assignment, user=world.users["leader"], expected_version=1, reason="x"
        )
        # The history row written before the pause holds the start state.
        Assignment.history.filter(id=world.assignment.pk, status=Status.NOT_STARTED).update(status=start)
        assignment = services.assignment_resume(
            assignment=world.assignment, user=world.users["admin"], expected_version=2
        )
        assert assignment.status == start

    def test_resume_of_work_with_progress_is_in_progress(self, world):
        Assignment.objects.filter(pk=world.assignment.pk).update(percent=20)
        services.assignment_pause(
            assignment=world.assignment, user=world.users["leader"], expected_version=1, reason="x"
        )
        assignment = services.assignment_resume(
            assignment=world.assignment, user=world.users["leader"], expected_version=2
        )
        assert assignment.status == Status.IN_PROGRESS

    def test_cancel_withdraws_a_pending_extension(self, world):
        TestExtensions().request(world)
        assignment = services.assignment_cancel(
            assignment=world.assignment, user=world.users["leader"], expected_version=1, reason="Lồng ghép"
        )
        assert assignment.status == Status.CANCELLED
        assert assignment.status_note == "Lồng ghép"
        assert world.assignment.extension_requests.get().decision == ExtensionRequest.Decision.WITHDRAWN

    @pytest.mark.parametrize("status", [Status.DONE, Status.CANCELLED])
    def test_finished_work_cannot_be_cancelled_or_paused(self, world, status):
        set_state(world.assignment, status)
        with pytest.raises(ValidationError):
            services.assignment_cancel(
                assignment=world.assignment, user=world.users["leader"], expected_version=1, reason="x"
            )
        with pytest.raises(ValidationError):
            services.assignment_pause(
                assignment=world.assignment, user=world.users["leader"], expected_version=1, reason="x"
            )


def test_files_are_checked_in_the_service_too(world):
    disguised = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.progress_update_create(
            assignment=world.assignment, author=world.users["staff"], percent=10, files=[disguised]
        )
    assert "files" in error.value.message_dict
    assert not ProgressUpdate.objects.exists()
