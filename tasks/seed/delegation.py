"""The demo's delegated share (issue 17): UBND huyện Lạc Sơn passes its part of task 4.4 (Quy chế dân chủ ở cơ sở)
down to two of its communes, Ân Nghĩa and Nhân Nghĩa, through the same service the page uses; Ân Nghĩa has reported
60 %, so the district shows 30 %. Idempotent: a second load creates nothing and undoes nothing.

The communes are kind "other" until agencies carry commune kinds and a parent (issue 17's reorganisation); which
agencies are a district's units is tasks.Subordinate, read only by tasks.delegation.delegable_units.
"""

from datetime import date, timedelta

from django.conf import settings

from agencies.models import Agency, User
from tasks.models import Assignment, ProgressUpdate, Subordinate, Task
from tasks.workflow import progress_update_create
from tasks.workflow.delegation import assignment_delegate

DISTRICT = "ubnd-lac-son"
TASK = (4, 4)  # group, number
COMMUNES = [
    {
        "code": "ubnd-xa-an-nghia",
        "name": "Ủy ban nhân dân xã Ân Nghĩa",
        "short_name": "UBND xã Ân Nghĩa",
        "parent_body": "UBND HUYỆN LẠC SƠN",
        "sort_order": 381,
    },
    {
        "code": "ubnd-xa-nhan-nghia",
        "name": "Ủy ban nhân dân xã Nhân Nghĩa",
        "short_name": "UBND xã Nhân Nghĩa",
        "parent_body": "UBND HUYỆN LẠC SƠN",
        "sort_order": 382,
    },
]
USERS = [
    {"username": "quanly.lacson", "full_name": "Lãnh đạo UBND huyện Lạc Sơn", "agency": DISTRICT, "role": "manager"},
    {"username": "chuyenvien.annghia", "full_name": "Công chức UBND xã Ân Nghĩa", "agency": "ubnd-xa-an-nghia"},
]
DAYS_BEFORE_PARENT = 10
NOTE = "Đề nghị UBND xã tổ chức thực hiện Quy chế dân chủ ở cơ sở và báo cáo kết quả về UBND huyện."


def _communes(district: Agency, result) -> list[Agency]:
    communes = []
    for row in COMMUNES:
        commune, created = Agency.objects.get_or_create(
            code=row["code"], defaults={**row, "kind": Agency.Kind.OTHER, "document_code": "UBND"}
        )
        result.add("agencies", created)
        _, created = Subordinate.objects.get_or_create(agency=district, unit=commune)
        result.add("units", created)
        communes.append(commune)
    return communes


def _users(result) -> dict[str, User]:
    users = {}
    for spec in USERS:
        user, created = User.objects.get_or_create(
            username=spec["username"],
            defaults={
                "full_name": spec["full_name"],
                "email": f"{spec['username']}@hoabinh.dondoc.test",
                "agency": Agency.objects.get(code=spec["agency"]),
                "role": spec.get("role", User.Role.STAFF),
            },
        )
        if created:
            user.set_password(settings.DONDOC_DEMO_PASSWORD)
            user.save(update_fields=["password"])
        result.add("users", created)
        users[spec["username"]] = user
    return users


def seed_delegation(*, today: date, result) -> None:
    """The two communes, their users and the district's share passed down to them (once, while it is open)."""
    district = Agency.objects.get(code=DISTRICT)
    communes = _communes(district, result)
    users = _users(result)
    task = Task.objects.get(group__directive__is_tracked=True, group__number=TASK[0], number=TASK[1])
    parent = Assignment.objects.get(task=task, agency=district)
    deadline = parent.deadline - timedelta(days=DAYS_BEFORE_PARENT) if parent.deadline else None
    fresh = not parent.children.exists() and parent.status == Assignment.Status.NOT_STARTED
    # Loaded again weeks later, the share would be due in the past: the demo then keeps what it has.
    if not fresh or (deadline is not None and deadline < today):
        return
    shares = assignment_delegate(
        assignment=parent,
        user=users["quanly.lacson"],
        units=communes,
        deadline=deadline,
        note=NOTE,
        expected_version=parent.version,
        today=today,
    )
    result.add("delegated shares", True)
    update = progress_update_create(
        assignment=shares[0],
        author=users["chuyenvien.annghia"],
        percent=60,
        results="Đã tổ chức hội nghị triển khai tại 8/10 xóm; niêm yết công khai các nội dung theo quy định.",
        difficulties="Hai xóm vùng cao đi lại khó khăn, chưa tổ chức được hội nghị.",
    )
    # The update and the history row it wrote at one moment, as the demo's story records its own.
    recorded = shares[0].history.order_by("-history_date", "-history_id").values_list("history_date", flat=True)[0]
    ProgressUpdate.objects.filter(pk=update.pk).update(created_at=recorded)
