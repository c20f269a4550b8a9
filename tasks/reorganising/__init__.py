"""Reorganising agencies (DESIGN §12): merge, split, rename or dissolve under a decision, moving the open work.

Open assignments (with their pending extension requests) move to the successor, each with a history row that
says who moved it under which decision; closed work stays with the agency as it was then; users move or are
deactivated; apps to the right (reports) move what they own through a registered hook. One transaction.
"""

from .hooks import register_reorganisation_hook
from .plan import Plan, Reorganisation, reorganisation_plan
from .services import agencies_reorganise

__all__ = ["Plan", "Reorganisation", "agencies_reorganise", "register_reorganisation_hook", "reorganisation_plan"]
