"""The web app manifest: what a phone needs to install the site, with icons that exist and are the
sizes they claim."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

REQUIRED = ["name", "short_name", "start_url", "display", "theme_color", "icons"]


def site_css_colour(name: str) -> str:
    css = Path(finders.find("thanthien/site.css")).read_text()
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", css).group(1).lower()


@pytest.mark.django_db
def test_it_is_a_valid_manifest():
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content.decode("utf-8"))
    assert all(manifest.get(field) for field in REQUIRED)
    assert manifest["name"] == settings.SITE_NAME == "Thân Thiện"
    assert len(manifest["short_name"]) <= 12  # what a home screen shows without cutting it
    assert (manifest["start_url"], manifest["display"]) == ("/", "standalone")
    assert manifest["theme_color"] == site_css_colour("brand")
    assert manifest["background_color"] == site_css_colour("bg")


@pytest.mark.django_db
def test_its_icons_exist_and_are_the_sizes_they_claim():
    manifest = json.loads(Client().get("/manifest.webmanifest").content)
    assert sorted(icon["sizes"] for icon in manifest["icons"]) == ["192x192", "512x512"]
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        assert icon["src"].startswith(settings.STATIC_URL)
        path = finders.find(icon["src"].removeprefix(settings.STATIC_URL))
        assert path, icon["src"]
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert "{}x{}".format(*image.size) == icon["sizes"]


@pytest.mark.django_db
def test_every_page_links_it():
    page = Client().get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
