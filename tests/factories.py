"""factory_boy factories for the domain models."""

from datetime import date

import factory

from agencies.models import Agency, User
from directives.models import Directive, TaskGroup
from tasks.models import Assignment, Task


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    kind = Agency.Kind.DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@dondoc.test")
    agency = factory.SubFactory(AgencyFactory)
    role = User.Role.STAFF
    password = factory.django.Password("dondoc-test")


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directive

    kind = Directive.Kind.CONCLUSION
    number = factory.Sequence(lambda n: f"{n}-KL/TU")
    issuer = "Ban Chấp hành Đảng bộ tỉnh"
    issued_on = date(2019, 9, 17)
    subject = "Về nhiệm vụ quốc phòng, an ninh"
    coordinating_agency = factory.SubFactory(AgencyFactory)


class TaskGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskGroup

    directive = factory.SubFactory(DirectiveFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Nhóm nhiệm vụ {n}")
    text = "Nội dung nhóm nhiệm vụ."


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    group = factory.SubFactory(TaskGroupFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Thực hiện nhiệm vụ số {n}.")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    task = factory.SubFactory(TaskFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Assignment.Role.LEAD
