"""Loads the seed data of DESIGN §7: Hòa Bình's agencies, Kết luận 249 and, for demos, users and states.

Every step is a get-or-create on a natural key, so loading twice adds nothing and keeps what users changed.
"""

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction

from agencies.models import Agency, User
from directives.models import Directive, DirectiveLink, TaskGroup
from tasks.models import Assignment, Task

from .delegation import seed_delegation
from .story import StoryPlayer, backdate_registration, load_story, story_users

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


def _seed_tasks(data: dict, directive: Directive, agencies: dict[str, Agency], today: date, result: SeedResult):
    """The directive's groups, tasks and assignments; returns the tasks by code and the assignments made now."""
    tasks: dict[str, Task] = {}
    fresh: list[int] = []
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
                    assignment, created = Assignment.objects.get_or_create(
                        task=task, agency=agency, defaults={"role": role, "deadline": task.deadline}
                    )
                    result.add("assignments", created)
                    if created:
                        fresh.append(assignment.pk)
    return tasks, fresh


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

    tasks, fresh = _seed_tasks(data, directive, agencies, today, result)

    if demo:
        _seed_demo(data, agencies, tasks, today, result, fresh=fresh)
    return result


def _seed_demo(
    data: dict, agencies: dict[str, Agency], tasks: dict[str, Task], today: date, result: SeedResult, *, fresh
):
    for spec in [*data["users"], *story_users(agencies)]:
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
    backdate_registration(Assignment.objects.filter(pk__in=fresh), today)
    played = StoryPlayer(today=today, tasks=tasks, agencies=agencies).play(load_story(), fresh=set(fresh))
    result.created["demo assignments"] = result.created.get("demo assignments", 0) + played
    seed_delegation(today=today, result=result)
