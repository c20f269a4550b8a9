"""The assignment's life: the transition table (`table`) and the services that follow it (`services`, `extensions`).

Import from here: `from tasks.workflow import assignment_confirm, Action`.
"""

from .deadlines import assignment_change_deadline
from .extensions import extension_request_create, extension_request_decide
from .services import (
    COMMENT_REQUIRED,
    PERCENT_RANGE,
    REASON_REQUIRED,
    STALE_VERSION,
    assignment_cancel,
    assignment_confirm,
    assignment_declare_done,
    assignment_finish,
    assignment_pause,
    assignment_reopen,
    assignment_resume,
    assignment_return,
    progress_update_check,
    progress_update_create,
)
from .table import ACTORS, PAGE_ACTIONS, REMINDED_STATUSES, TRANSITIONS, Action, Actor, Need, Transition, transition

__all__ = [
    "ACTORS",
    "COMMENT_REQUIRED",
    "PAGE_ACTIONS",
    "PERCENT_RANGE",
    "REASON_REQUIRED",
    "REMINDED_STATUSES",
    "STALE_VERSION",
    "TRANSITIONS",
    "Action",
    "Actor",
    "Need",
    "Transition",
    "assignment_cancel",
    "assignment_change_deadline",
    "assignment_confirm",
    "assignment_declare_done",
    "assignment_finish",
    "assignment_pause",
    "assignment_reopen",
    "assignment_resume",
    "assignment_return",
    "extension_request_create",
    "extension_request_decide",
    "progress_update_check",
    "progress_update_create",
    "transition",
]
