"""Webhooks: a real HTTP server on loopback (127.0.0.1) receives signed events; a failing receiver is retried and
then logged failed; nothing is sent twice after success; bad addresses are refused."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from api.jobs import deliver_webhook
from api.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from api.webhooks import webhook_endpoint_create

SECRET = "bi-mat-cua-he-thong-nhan"


class Receiver:
    """An HTTP server on 127.0.0.1 that records each POST and answers with the next of `answers` (then 200)."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.received: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                code = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def loopback_allowed(settings, on_today):
    settings.DONDOC_WEBHOOK_ALLOW_INTERNAL = True
    settings.DONDOC_WEBHOOK_BACKOFF_SECONDS = 0
    settings.DONDOC_WEBHOOK_ATTEMPTS = 3
    settings.DONDOC_WEBHOOK_TIMEOUT = 5


def register(url: str, events=(WebhookEvent.PROGRESS_UPDATE_ADDED, WebhookEvent.ASSIGNMENT_STATUS_CHANGED)):
    return webhook_endpoint_create(name="Cổng tỉnh", url=url, secret=SECRET, events=list(events))


def report(api_as, world, percent=30):
    response = api_as("staff").post(
        f"/api/v1/assignments/{world.assignment.pk}/updates/", {"percent": percent, "results": "x"}, format="json"
    )
    assert response.status_code == 201


def test_each_event_arrives_signed_with_hmac_sha256_of_its_body(api_as, world, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        register(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            report(api_as, world)
    events = {headers["X-Dondoc-Event"]: (headers, body) for headers, body in receiver.received}
    assert set(events) == {"progress_update.added", "assignment.status_changed"}
    headers, body = events["progress_update.added"]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Dondoc-Signature"] == expected
    payload = json.loads(body)
    assert payload["event"] == "progress_update.added"
    assert payload["data"]["assignment"] == world.assignment.pk
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {WebhookDelivery.Status.DELIVERED}


def test_a_failing_receiver_is_retried_then_logged_failed(api_as, world, django_capture_on_commit_callbacks):
    with Receiver(answers=[500, 503, 502, 500]) as receiver:
        register(receiver.url, events=[WebhookEvent.PROGRESS_UPDATE_ADDED])
        with django_capture_on_commit_callbacks(execute=True):
            report(api_as, world)
    delivery = WebhookDelivery.objects.get()
    assert len(receiver.received) == 3
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (WebhookDelivery.Status.FAILED, 3, 502)


def test_a_receiver_that_recovers_gets_it_once_and_a_rerun_sends_nothing(
    api_as, world, django_capture_on_commit_callbacks
):
    with Receiver(answers=[500]) as receiver:
        register(receiver.url, events=[WebhookEvent.PROGRESS_UPDATE_ADDED])
        with django_capture_on_commit_callbacks(execute=True):
            report(api_as, world)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 2)
        deliver_webhook(delivery.pk)  # the broker delivers the job again: nothing is sent twice
        deliver_webhook.delay(delivery.pk)
    assert len(receiver.received) == 2


def test_a_failed_delivery_can_be_replayed(api_as, world, django_capture_on_commit_callbacks):
    with Receiver(answers=[500, 500, 500]) as receiver:
        endpoint = register(receiver.url, events=[WebhookEvent.PROGRESS_UPDATE_ADDED])
        with django_capture_on_commit_callbacks(execute=True):
            report(api_as, world)
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == WebhookDelivery.Status.FAILED
        admin = api_as("admin")
        log = admin.get(f"/api/v1/webhooks/{endpoint.pk}/deliveries/").json()["results"]
        assert [row["status"] for row in log] == ["failed"]
        with django_capture_on_commit_callbacks(execute=True):
            assert admin.post(f"/api/v1/webhook-deliveries/{delivery.pk}/replay/").status_code == 202
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert len(receiver.received) == 4


def test_events_nobody_subscribed_to_make_no_delivery(api_as, world, django_capture_on_commit_callbacks):
    register("http://127.0.0.1:9/never", events=[WebhookEvent.CONSOLIDATED_REPORT_ISSUED])
    with django_capture_on_commit_callbacks(execute=True):
        report(api_as, world)
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://example.org/hook", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("http://127.0.0.1:8000/api/v1/", "self"),
        ("http://localhost:8000/hook", "self"),
    ],
)
def test_an_address_outside_http_or_at_this_server_is_a_problem(api_as, world, url, code):
    body = {"name": "x", "url": url, "secret": SECRET, "events": ["progress_update.added"]}
    with override_settings(SITE_URL="http://127.0.0.1:8000"):
        response = api_as("admin").post("/api/v1/webhooks/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["title"] == "Yêu cầu không hợp lệ."
    assert not WebhookEndpoint.objects.exists()


def test_loopback_is_refused_unless_the_province_allows_it(api_as, world, settings):
    settings.DONDOC_WEBHOOK_ALLOW_INTERNAL = False
    body = {"name": "x", "url": "http://127.0.0.1:9999/hook", "secret": SECRET, "events": ["progress_update.added"]}
    assert api_as("admin").post("/api/v1/webhooks/", body, format="json").json()["code"] == "internal"


def test_only_administrators_register_webhooks(api_as, world):
    body = {"name": "x", "url": "https://example.org/hook", "secret": SECRET, "events": ["progress_update.added"]}
    assert api_as("leader").post("/api/v1/webhooks/", body, format="json").status_code == 403
    made = api_as("admin").post("/api/v1/webhooks/", body, format="json")
    assert made.status_code == 201
    assert "secret" not in made.json()
    assert api_as("admin").get("/api/v1/webhooks/").json()["results"][0]["url"] == "https://example.org/hook"
