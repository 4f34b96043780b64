"""Markup planted in a record is shown as text on every page, never run or parsed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ..api.support import HOSTILE_ID

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "storyline" / "web" / "templates"
PAGES = (
    "/",
    f"/articles/{HOSTILE_ID.replace('<', '%3C').replace('>', '%3E').replace('/', '%2F')}",
    "/entities",
    "/entities/e-mallory",
    "/timeline",
    "/quotes",
    "/figures",
    "/proposals",
    "/network",
    "/articles",
    "/search?q=script",
    "/search?q=%3Cscript%3E",
    "/quotes?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
)


@pytest.mark.parametrize("url", PAGES)
def test_no_planted_markup_survives(hostile: TestClient, url: str) -> None:
    response = hostile.get(url)
    assert response.status_code == 200, response.text[:300]
    html = response.text
    assert "<script>" not in html
    assert re.search(r"<img[^>]*onerror", html, re.IGNORECASE) is None
    assert 'href="javascript:' not in html.lower()
    assert "<u>x</u>" not in html


def test_the_planted_text_is_shown_escaped(hostile: TestClient) -> None:
    html = hostile.get("/articles/h-%3Cu%3Ex%3C%2Fu%3E").text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert "Wire &lt;img src=x onerror=" in html
    assert "javascript:" not in html  # an unsafe original link is not linked at all


def test_no_template_marks_data_safe() -> None:
    for template in TEMPLATES.glob("*.html"):
        assert "|safe" not in template.read_text().replace(" ", ""), template.name
        assert "autoescape false" not in template.read_text(), template.name


def test_error_page_escapes_the_path(hostile: TestClient) -> None:
    response = hostile.get(
        "/articles/%3Cscript%3Ex%3C%2Fscript%3E", headers={"accept": "text/html"}
    )
    assert response.status_code == 404
    assert "<script>x" not in response.text and "&lt;script&gt;x" in response.text


def test_csp_on_pages_and_static(hostile: TestClient) -> None:
    for url in ("/", "/static/app.js", "/nope"):
        response = hostile.get(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
