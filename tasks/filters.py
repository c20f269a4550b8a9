"""Filters of the assignment lists (the agency's work and a directive's assignments), with django-filter."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency
from directives.models import Directive, TaskGroup

from .models import Assignment
from .selectors import assignment_search
from .timeliness import Status, Timeliness

# Every select's empty choice says what it means (django-filter's default is "---------"; its own
# choice filters take FILTERS_EMPTY_CHOICE_LABEL, set to the same words).
ALL = _("All")


class TaskGroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group: TaskGroup) -> str:
        return f"{group.directive.number} · {group.number}. {group.title}"[:120]


class TaskGroupFilter(django_filters.ModelChoiceFilter):
    field_class = TaskGroupChoiceField


class AssignmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    directive = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("document", "Directive"),
        field_name="task__group__directive",
        queryset=Directive.objects.none(),
        empty_label=ALL,
    )
    group = TaskGroupFilter(
        label=_("Task group"), field_name="task__group", queryset=TaskGroup.objects.none(), empty_label=ALL
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"), field_name="agency", queryset=Agency.objects.none(), empty_label=ALL
    )
    status = django_filters.ChoiceFilter(label=_("Workflow state"), choices=Status.choices)
    timeliness = django_filters.ChoiceFilter(
        label=_("Timeliness"), field_name="timeliness_code", choices=Timeliness.choices
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Assignment.Role.choices)

    class Meta:
        model = Assignment
        fields: list[str] = []

    def __init__(self, *args, directives: QuerySet, groups: QuerySet, agencies: QuerySet | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["directive"].queryset = directives
        self.filters["group"].queryset = groups
        if agencies is None:
            del self.filters["agency"]
        else:
            self.filters["agency"].queryset = agencies
        self.before_timeliness = None

    def filter_search(self, queryset, name, value):
        return assignment_search(queryset, query=value[:200])

    def filter_queryset(self, queryset):
        """Apply every filter but timeliness first, so the counts at the top can ignore the chosen one."""
        cleaned = dict(self.form.cleaned_data)
        timeliness = cleaned.pop("timeliness", None)
        for name, value in cleaned.items():
            queryset = self.filters[name].filter(queryset, value)
        self.before_timeliness = queryset
        return self.filters["timeliness"].filter(queryset, timeliness)
