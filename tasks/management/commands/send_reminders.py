"""Run the daily reminder job now, or with --dry-run print what it would send without writing anything."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.formats import date_format

from agencies.models import User
from tasks.jobs import reminder_daily_run
from tasks.reminders.scan import reminder_scan_run


class Command(BaseCommand):
    help = "Send today's reminders (the job beat runs daily); --dry-run only prints what would be sent."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; write nothing.")
        parser.add_argument("--date", help="Run as if today were this day (dd/mm/yyyy); default: today.")

    def handle(self, *args, dry_run: bool, date: str | None, **options):
        if date:
            try:
                today = datetime.strptime(date, "%d/%m/%Y").date()  # noqa: DTZ007  (a calendar date, no time)
            except ValueError as error:
                raise CommandError(f"--date: expected dd/mm/yyyy, got {date!r}") from error
        else:
            today = timezone.localdate()
        day = date_format(today, "d/m/Y")
        if not dry_run:
            summary = reminder_daily_run(today=today)
            self.stdout.write(
                f"{day}: {summary['reminders']} reminders, {summary['notifications']} notifications, "
                f"{summary['digests']} digest e-mails queued for the worker."
            )
            return
        scan = reminder_scan_run(today=today, dry_run=True)
        users = User.objects.in_bulk(list(scan.preview))
        self.stdout.write(f"Dry run for {day}: nothing is written.")
        for user_id, notices in sorted(scan.preview.items(), key=lambda item: users[item[0]].username):
            user = users[user_id]
            digest = "digest on" if user.receives_daily_digest else "digest off: e-mailed overdue items only"
            self.stdout.write(f"{user.username} <{user.email or '-'}> ({digest}): {len(notices)}")
            for notice in notices:
                self.stdout.write(f"  - [{notice.kind}] {notice.title} {notice.url}")
        self.stdout.write(
            f"{scan.reminders} reminders would be sent, as {scan.notifications} notifications "
            f"to {len(scan.preview)} users."
        )
