"""manage.py seed [--demo]: Hòa Bình's agencies, Kết luận 249 and its reporting schedule; with --demo, users,
states and a past reporting period with agency reports too."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from reports.seed import seed_reports
from tasks.seed.loader import seed


class Command(BaseCommand):
    help = "Load the seed directive, agencies and reporting periods (idempotent); --demo adds demo users and states."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also create the demo users and demo states.")

    @transaction.atomic
    def handle(self, *args, demo: bool, **options):
        today = timezone.localdate()
        result = seed(today=today, demo=demo)
        for kind, count in seed_reports(today=today, demo=demo).items():
            result.created[kind] = result.created.get(kind, 0) + count
        created = ", ".join(f"{kind}: {count}" for kind, count in result.created.items())
        self.stdout.write(self.style.SUCCESS(f"Seed loaded ({created or 'nothing new'})."))
