"""Loads the seed data of DESIGN §7: Hòa Bình's agencies, Kết luận 249 and, for demos, users and states.

Every step is a get-or-create on a natural key, so loading twice adds nothing and keeps what users changed.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, User
from directives.models import Directive, DirectiveLink, TaskGroup
from tasks.models import Assignment, Evidence, ExtensionRequest, ProgressUpdate, Task
from tasks.seed.delegation import seed_delegation

SEED_DIR = Path(__file__).resolve().parent
AGENCIES_FILE = Path(settings.BASE_DIR) / "agencies" / "seed" / "hoa_binh_2019.json"
DIRECTIVE_FILE = SEED_DIR / "kl249.json"


@dataclass
class SeedResult:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, created: bool) -> None:
        self.created[kind] = self.created.get(kind, 0) + int(created)


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _expand(codes: list[str], agencies: dict[str, Agency]) -> list[Agency]:
    result: list[Agency] = []
    for code in codes:
        if code == "@all":
            # "Every Sở, Ban, Ngành, đoàn thể and UBND huyện": everyone but the People's Committee itself.
            result += [a for a in agencies.values() if a.kind != Agency.Kind.PEOPLES_COMMITTEE]
        elif code == "@districts":
            result += [a for a in agencies.values() if a.kind == Agency.Kind.DISTRICT]
        else:
            result.append(agencies[code])
    return list(dict.fromkeys(result))


def _directive(data: dict, result: SeedResult, **extra) -> Directive:
    directive, created = Directive.objects.get_or_create(
        kind=data["kind"],
        number=data["number"],
        issuer=data["issuer"],
        defaults={
            "issued_on": date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None,
            "subject": data.get("subject", ""),
            **extra,
        },
    )
    result.add("directives", created)
    return directive


@transaction.atomic
def seed(*, today: date, demo: bool) -> SeedResult:
    result = SeedResult()
    agencies: dict[str, Agency] = {}
    for row in _load(AGENCIES_FILE)["agencies"]:
        agency, created = Agency.objects.get_or_create(code=row["code"], defaults=row)
        agencies[agency.code] = agency
        result.add("agencies", created)

    data = _load(DIRECTIVE_FILE)
    spec = data["directive"]
    directive = _directive(
        spec,
        result,
        body=spec["body"],
        coordinating_agency=agencies[spec["coordinating_agency"]],
        is_tracked=True,
    )
    documents = {directive.number: directive}
    for linked in data["linked_documents"]:
        target = _directive(linked, result, is_tracked=False)
        documents[target.number] = target
        _, created = DirectiveLink.objects.get_or_create(
            source=directive, target=target, defaults={"relation": linked["relation"]}
        )
        result.add("links", created)
    for source, target, relation in data["document_links"]:
        _, created = DirectiveLink.objects.get_or_create(
            source=documents[source], target=documents[target], defaults={"relation": relation}
        )
        result.add("links", created)

    tasks: dict[str, Task] = {}
    for group_spec in data["groups"]:
        group, created = TaskGroup.objects.get_or_create(
            directive=directive,
            number=group_spec["number"],
            defaults={"title": group_spec["title"], "text": group_spec["text"]},
        )
        result.add("groups", created)
        for task_spec in group_spec["tasks"]:
            offset = task_spec["deadline_days"]
            deadline = today + timedelta(days=offset) if offset is not None else None
            task, created = Task.objects.get_or_create(
                group=group, number=task_spec["number"], defaults={"text": task_spec["text"], "deadline": deadline}
            )
            result.add("tasks", created)
            tasks[task.code] = task
            for role, codes in (
                (Assignment.Role.LEAD, task_spec["lead"]),
                (Assignment.Role.COOPERATING, task_spec["cooperating"]),
            ):
                for agency in _expand(codes, agencies):
                    _, created = Assignment.objects.get_or_create(
                        task=task, agency=agency, defaults={"role": role, "deadline": task.deadline}
                    )
                    result.add("assignments", created)

    if demo:
        _seed_demo(data, agencies, tasks, today, result)
    return result


def _seed_demo(data: dict, agencies: dict[str, Agency], tasks: dict[str, Task], today: date, result: SeedResult):
    for spec in data["users"]:
        user, created = User.objects.get_or_create(
            username=spec["username"],
            defaults={
                "full_name": spec["full_name"],
                "email": spec["email"],
                "agency": agencies[spec["agency"]],
                "role": spec["role"],
                "is_superuser": spec.get("superuser", False),
            },
        )
        if created:
            user.set_password(settings.DONDOC_DEMO_PASSWORD)
            user.save(update_fields=["password"])
        result.add("users", created)
    for spec in data["demo_states"]:
        assignment = Assignment.objects.get(task=tasks[spec["task"]], agency=agencies[spec["agency"]])
        # Only a fresh assignment gets its demo state: a second load must not undo what users did.
        if assignment.version != 1 or assignment.status != Assignment.Status.NOT_STARTED:
            continue
        assignment.status = spec["status"]
        assignment.percent = spec["percent"]
        assignment.status_note = spec.get("note", "")
        if "completed_days" in spec:
            assignment.completed_on = today + timedelta(days=spec["completed_days"])
        assignment.version += 1
        assignment.save()
        result.add("demo states", True)
    _seed_demo_updates(data, agencies, tasks, today, result)
    seed_delegation(today=today, result=result)


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _seed_demo_updates(data: dict, agencies: dict[str, Agency], tasks: dict[str, Task], today: date, result):
    """A few progress updates (one with a PDF) and a pending extension, only on assignments that have none yet."""
    users = {user.username: user for user in User.objects.all()}

    def assignment_of(spec: dict) -> Assignment:
        return Assignment.objects.get(task=tasks[spec["task"]], agency=agencies[spec["agency"]])

    fresh = {}
    for spec in data["demo_updates"]:
        assignment = assignment_of(spec)
        if assignment.pk not in fresh:
            fresh[assignment.pk] = not assignment.updates.exists()
        if not fresh[assignment.pk]:
            continue
        update = ProgressUpdate.objects.create(
            assignment=assignment,
            author=users[spec["author"]],
            created_at=_at(today - timedelta(days=spec["days_ago"])),
            percent=spec["percent"],
            results=spec["results"],
            difficulties=spec["difficulties"],
            proposals=spec["proposals"],
            declares_done=spec.get("declares_done", False),
        )
        result.add("progress updates", True)
        if "evidence" in spec:
            content = demo_pdf(f"{spec['task']} - {spec['agency']}")
            Evidence.objects.create(
                update=update,
                file=ContentFile(content, name="evidence.pdf"),
                original_name=spec["evidence"],
                content_type="application/pdf",
                size=len(content),
            )
            result.add("evidence files", True)
    for spec in data["demo_extensions"]:
        assignment = assignment_of(spec)
        if assignment.extension_requests.exists() or assignment.deadline is None:
            continue
        ExtensionRequest.objects.create(
            assignment=assignment,
            requested_by=users[spec["requested_by"]],
            requested_at=_at(today - timedelta(days=spec["days_ago"]), hour=15),
            current_deadline=assignment.deadline,
            new_deadline=assignment.deadline + timedelta(days=spec["extra_days"]),
            reason=spec["reason"],
        )
        result.add("extension requests", True)


def demo_pdf(title: str) -> bytes:
    """A one-page PDF with an ASCII title: enough for a demo evidence file without a PDF library."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 16 Tf 72 770 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
