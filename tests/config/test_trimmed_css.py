"""Bootstrap's stylesheet is trimmed at set-up to the classes the site uses (purgecss.config.cjs, `make setup`): every
Bootstrap class that a rendered page or the site's JavaScript puts on an element is still in the trimmed file, and
the file is the one the pages link."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from agencies import checks
from tasks.models import Assignment

FULL = settings.BASE_DIR / "node_modules" / "bootstrap" / "dist" / "css" / "bootstrap.min.css"
TRIMMED = checks.TRIMMED_CSS
USERS = ("chuyenvien.snv", "quanly.lacson", "chuyenvien.annghia", "bchqs", "lanhdao", "admin")


def css_classes(path) -> set[str]:
    assert path.exists(), f"{path} is missing: `make setup` builds it"
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", path.read_text()))


def used_classes(html: str) -> set[str]:
    return {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split()}


def input_types(path) -> set[str]:
    """The input types the stylesheet styles by attribute ([type=radio] rounds a radio button)."""
    return set(re.findall(r"\[type=([a-z]+)\]", path.read_text()))


def pages_of(client, user) -> list[str]:
    """The user's main pages, an assignment page with a refused form (its error styles) and the directive page."""
    urls = ["/", reverse("tasks:work"), reverse("reports:period_list"), reverse("agencies:notification_list")]
    urls += [reverse("directives:list"), reverse("reports:dashboard"), reverse("tasks:extension_list")]
    pages = [response.content.decode() for url in urls if (response := client.get(url)).status_code == 200]
    assignment = Assignment.objects.filter(agency=user.agency).order_by("pk").first() if user.agency else None
    if assignment is not None:
        pages.append(client.get(assignment.get_absolute_url()).content.decode())
        refused = client.post(reverse("tasks:assignment_update", args=[assignment.pk]), {"update-version": "0"})
        pages.append(refused.content.decode())
        pages.append(
            client.get(reverse("tasks:directive_detail", args=[assignment.task.group.directive_id])).content.decode()
        )
    return pages


@pytest.mark.django_db
def test_every_bootstrap_class_the_pages_use_is_kept(client, demo_user):
    full, trimmed = css_classes(FULL), css_classes(TRIMMED)
    assert len(trimmed) < len(full) / 2  # it is trimmed
    used, types = set(), set()
    for username in USERS:
        user = demo_user(username)
        client.force_login(user)
        for html in pages_of(client, user):
            used |= used_classes(html)
            types |= set(re.findall(r'<input type="([a-z]+)"', html))
    scripts = " ".join(path.read_text() for path in (settings.BASE_DIR / "static" / "js").glob("*.js"))
    used |= {name for value in re.findall(r'className = "([^"]*)"', scripts) for name in value.split()}
    assert {"text-bg-danger", "is-invalid", "navbar-toggler"} <= used  # the pages above show them
    assert sorted(name for name in used & full if name not in trimmed) == []
    assert {"radio", "checkbox"} <= types
    assert sorted(types & input_types(FULL) - input_types(TRIMMED)) == []


def test_the_pages_link_the_trimmed_stylesheet(client):
    html = client.get(reverse("login")).content.decode()
    assert "vendor/bootstrap-trimmed/bootstrap.min.css" in html
    assert "vendor/bootstrap/css/bootstrap.min.css" not in html


def test_the_check_fails_without_the_trimmed_stylesheet(monkeypatch, tmp_path):
    assert checks.trimmed_stylesheet_built(None) == []
    monkeypatch.setattr(checks, "TRIMMED_CSS", tmp_path / "missing.css")
    assert [error.id for error in checks.trimmed_stylesheet_built(None)] == ["dondoc.E001"]
