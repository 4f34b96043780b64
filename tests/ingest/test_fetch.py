"""The polite fetcher: user agent, robots.txt, per-host delay, timeouts, conditional GET."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.ingest.fetch import USER_AGENT, Fetcher, FetchError, FetchState, state_path

from .site import Page, Site

ETAG = '"v1-harbor"'
LAST_MODIFIED = "Mon, 02 Jun 2025 09:00:00 GMT"


def test_requests_name_the_project(site: Site, settings: Settings) -> None:
    site.routes["/a"] = Page("<p>hello</p>")
    answer = Fetcher(settings).get(site.url("/a"))
    assert answer.status == 200 and answer.body == b"<p>hello</p>"
    assert answer.content_type == "text/html"
    assert {h["User-Agent"] for _, h in site.requests} == {USER_AGENT}
    assert USER_AGENT.startswith("Storyline/")


def test_robots_txt_is_read_once_and_honoured(site: Site, settings: Settings) -> None:
    site.routes["/robots.txt"] = Page("User-agent: storyline\nDisallow: /private/\n", "text/plain")
    site.routes["/open"] = Page("open")
    site.routes["/private/notes"] = Page("secret")
    fetcher = Fetcher(settings)
    assert fetcher.get(site.url("/open")).body == b"open"
    with pytest.raises(FetchError, match=r"robots\.txt of 127\.0\.0\.1:\d+ disallows") as raised:
        fetcher.get(site.url("/private/notes"))
    assert not raised.value.transient
    assert [p for p, _ in site.requests] == ["/robots.txt", "/open"]


def test_robots_txt_that_fails_with_a_server_error_means_wait(
    site: Site, settings: Settings
) -> None:
    site.routes["/robots.txt"] = Page("down", "text/plain", status=503)
    site.routes["/open"] = Page("open")
    with pytest.raises(FetchError, match="disallows"):
        Fetcher(settings).get(site.url("/open"))


def test_no_robots_txt_means_no_rules(site: Site, settings: Settings) -> None:
    site.routes["/open"] = Page("open")
    assert Fetcher(settings).get(site.url("/open")).status == 200


def test_conditional_get_answers_304(site: Site, settings: Settings) -> None:
    site.routes["/feed"] = Page("<rss/>", "application/rss+xml", etag=ETAG)
    site.routes["/dated"] = Page("<rss/>", "application/rss+xml", last_modified=LAST_MODIFIED)
    fetcher = Fetcher(settings)
    first = fetcher.get(site.url("/feed"))
    assert (first.status, first.etag) == (200, ETAG)
    again = fetcher.get(site.url("/feed"), {"etag": ETAG})
    assert again.not_modified and again.body == b""
    assert site.requests[-1][1]["If-None-Match"] == ETAG
    dated = fetcher.get(site.url("/dated"))
    assert dated.last_modified == LAST_MODIFIED
    assert fetcher.get(site.url("/dated"), {"last_modified": LAST_MODIFIED}).not_modified


def test_the_same_host_waits_its_delay() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    fetcher = Fetcher(Settings(fetch_delay=2.0), clock=lambda: now[0], sleep=sleep)
    fetcher._last["news.example:80"] = 99.5  # a request half a second ago
    fetcher._wait_turn("news.example:80", 2.0)
    fetcher._wait_turn("other.example:80", 2.0)
    assert slept == [pytest.approx(1.5)]


def test_two_requests_to_the_local_site_are_spaced(site: Site, settings: Settings) -> None:
    site.routes["/a"] = Page("a")
    slept: list[float] = []
    fetcher = Fetcher(dataclasses.replace(settings, fetch_delay=0.5), sleep=slept.append)
    fetcher.get(site.url("/a"))  # robots.txt, then /a: the second waited
    fetcher.get(site.url("/a"))
    assert len(slept) == 2 and all(0 < s <= 0.5 for s in slept)


def test_a_slow_server_times_out(site: Site, settings: Settings) -> None:
    site.routes["/slow"] = Page("late", delay=1.5)
    fast = dataclasses.replace(settings, fetch_timeout=0.3)
    with pytest.raises(FetchError, match="cannot fetch") as raised:
        Fetcher(fast).get(site.url("/slow"))
    assert raised.value.transient


@pytest.mark.parametrize(("status", "transient"), [(404, False), (410, False), (503, True)])
def test_http_errors(site: Site, settings: Settings, status: int, transient: bool) -> None:
    site.routes["/x"] = Page("no", "text/plain", status=status)
    with pytest.raises(FetchError, match=f"HTTP {status}") as raised:
        Fetcher(settings).get(site.url("/x"))
    assert raised.value.transient is transient
    assert raised.value.source == site.url("/x")


def test_an_answer_over_the_size_cap(site: Site, settings: Settings) -> None:
    site.routes["/big"] = Page("x" * 5000)
    with pytest.raises(FetchError, match="byte cap"):
        Fetcher(dataclasses.replace(settings, max_bytes=1000)).get(site.url("/big"))


def test_not_http() -> None:
    with pytest.raises(FetchError, match="not an http"):
        Fetcher(Settings()).get("ftp://files.example/feed")


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/feed",  # urlsplit: an IPv6 host never closed
        "http://kestrel example/feed",  # http.client: a space in the host
        "http://kestrel.test/a\x00b",  # http.client: a control character
        "http://kestrel.test/\ud800",  # no encoding holds a lone surrogate
        "http://" + "a" * 70 + ".test/",  # IDNA: a label over 63 characters
        "http://a..b/",  # IDNA: an empty label
    ],
)
def test_links_no_request_can_be_made_for(url: str) -> None:
    # Each fails before any connection: these run without a network.
    with pytest.raises(FetchError) as raised:
        Fetcher(Settings(fetch_delay=0.0)).get(url)
    assert raised.value.transient is False and raised.value.source == url


def test_a_link_with_non_ascii_characters_is_fetched_percent_encoded(
    site: Site, settings: Settings
) -> None:
    site.routes["/n%C3%A9gociations?q=%C3%A9"] = Page("<p>ok</p>")
    response = Fetcher(settings).get(site.url("/négociations?q=é"))
    assert response.status == 200 and site.paths() == ["/n%C3%A9gociations?q=%C3%A9"]


def test_state_survives_a_restart(tmp_path: Path) -> None:
    from storyline.ingest.fetch import Response

    path = state_path(tmp_path / "s.db")
    assert path.name == "s.db.fetch.json"
    state = FetchState(path)
    state.remember("http://a/feed", Response("http://a/feed", 200, etag=ETAG))
    state.set_seen("http://a/feed", ["k1", "k2"])
    state.set_file("/data/a.txt", [10, 123])
    state.save()
    again = FetchState(path)
    assert again.validators == {"http://a/feed": {"etag": ETAG}}
    assert again.seen == {"http://a/feed": ["k1", "k2"]}
    assert again.files == {"/data/a.txt": [10, 123]}
    assert not path.with_name(path.name + ".tmp").exists()


def test_an_unreadable_state_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "s.db.fetch.json"
    path.write_text("{broken", encoding="utf-8")
    assert FetchState(path).validators == {}
    path.write_text(json.dumps({"version": 99}), encoding="utf-8")
    assert FetchState(path).seen == {}
    assert "ignoring unreadable fetch state" in caplog.text


def test_nothing_is_written_when_nothing_changed(tmp_path: Path) -> None:
    path = tmp_path / "s.db.fetch.json"
    FetchState(path).save()
    assert not path.exists()
