"""In-app notifications and their e-mail delivery."""

import pytest
from django.core import mail

from agencies.models import Notification
from agencies.services import notification_create
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_notification_is_stored_and_emailed_once_to_active_users():
    active = UserFactory(email="a@dondoc.test")
    inactive = UserFactory(email="b@dondoc.test", is_active=False)
    notification_create(
        users=[active, inactive, active],
        kind=Notification.Kind.URGE,
        title="Đề nghị khẩn trương báo cáo",
        body="Nội dung đôn đốc",
        url="/directives/1/",
        email_now=True,
    )
    assert list(Notification.objects.values_list("user_id", flat=True)) == [active.pk]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Đôn đốc] Đề nghị khẩn trương báo cáo"
    assert "http://127.0.0.1:8000/directives/1/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert Notification.objects.get().emailed_at is not None


@pytest.mark.django_db
def test_notification_without_email_sends_nothing():
    notification_create(users=[UserFactory()], kind=Notification.Kind.REMINDER, title="Nhắc việc")
    assert Notification.objects.count() == 1
    assert not mail.outbox
