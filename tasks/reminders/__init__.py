"""Reminders: the rules (`rules`: dates in, reminders out, and the registry of sources), the assignments' source
(`assignments`), the daily scan (`scan`), the daily digest e-mail (`digest`) and the coordinator's urge (`urge`).
The Celery jobs that run them are in tasks/jobs.py.

The rules and the registry are re-exported here, for the sources other apps register.
"""

from .rules import (
    ASSIGNED,
    ASSIGNED_NOTICE_DAYS,
    BEFORE,
    DEFAULT_POLICY,
    DUE_DAY,
    ESCALATION,
    OVERDUE,
    Candidate,
    Due,
    Notice,
    Policy,
    ReminderKind,
    ReminderSource,
    latest_deadline_reminder,
    policy_from_settings,
    register_reminder_source,
    reminder_sources,
    reminders_due,
)

__all__ = [
    "ASSIGNED",
    "ASSIGNED_NOTICE_DAYS",
    "BEFORE",
    "DEFAULT_POLICY",
    "DUE_DAY",
    "ESCALATION",
    "OVERDUE",
    "Candidate",
    "Due",
    "Notice",
    "Policy",
    "ReminderKind",
    "ReminderSource",
    "latest_deadline_reminder",
    "policy_from_settings",
    "register_reminder_source",
    "reminder_sources",
    "reminders_due",
]
