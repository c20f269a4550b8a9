"""manage.py seed [--demo]: load Hòa Bình's agencies and Kết luận 249; with --demo, users and states too."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from tasks.seed.loader import seed


class Command(BaseCommand):
    help = "Load the seed directive and agencies (idempotent); --demo adds one demo user per role."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also create the demo users and demo states.")

    def handle(self, *args, demo: bool, **options):
        result = seed(today=timezone.localdate(), demo=demo)
        created = ", ".join(f"{kind}: {count}" for kind, count in result.created.items())
        self.stdout.write(self.style.SUCCESS(f"Seed loaded ({created or 'nothing new'})."))
