"""A polite HTTP fetcher, and the state it keeps across runs.

Polite means: a user agent that names Storyline, a timeout on every request, a delay between
two requests to the same host (``fetch_delay``, or the host's robots.txt ``Crawl-delay`` when
that is longer), robots.txt honoured, and conditional GETs (``If-None-Match`` /
``If-Modified-Since``) so an unchanged feed costs the server a 304 and no body.

:class:`FetchState` is a small JSON file beside the database (``storyline.db.fetch.json``):
the validators of each feed, the feed items already stored and, for ``storyline watch``,
the size and modification time of each file already read. It is written atomically (a
temporary file renamed over the old one), so a killed run leaves the previous state whole.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ..config import Settings
from ..errors import InputError

logger = logging.getLogger(__name__)


def _version() -> str:
    try:
        return version("storyline")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "dev"


USER_AGENT = f"Storyline/{_version()} (news-record builder; honours robots.txt)"
# The token robots.txt rules are matched against (``User-agent: storyline``).
ROBOTS_AGENT = "storyline"

STATE_VERSION = 1


class FetchError(InputError):
    """Raised when a URL cannot be fetched: refused by robots.txt, an HTTP error, a timeout.

    ``transient`` is true for what may work on the next try (timeouts, refused connections,
    5xx answers): ``storyline watch`` tries those items again on its next round.
    """

    def __init__(self, message: str, *, source: str, transient: bool) -> None:
        super().__init__(message, source=source)
        self.transient = transient


@dataclass(frozen=True)
class Response:
    """One answer: ``status`` 200 with a body, or 304 (not modified) without one."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def ascii_url(url: str) -> str:
    """``url`` as HTTP sends it: the non-ASCII characters of its path, query and fragment
    percent-encoded as UTF-8 (feeds link to ``/nouvelles/négociations``, and http.client
    sends ASCII only). The host is left to the socket layer's IDNA encoding.

    Raises:
        ValueError: ``url`` cannot be split (an unclosed IPv6 host) or holds a lone surrogate.
    """
    if url.isascii():
        return url
    parts = urlsplit(url)
    safe = "/:@!$&'()*+,;=%~?[]"
    return urlunsplit(
        (
            parts.scheme,
            parts.netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe),
            quote(parts.fragment, safe=safe),
        )
    )


def state_path(db: str | Path) -> Path:
    """Where the fetch state of the database ``db`` lives: beside it."""
    return Path(f"{db}.fetch.json")


class FetchState:
    """What earlier runs fetched and read, loaded from and saved to one JSON file.

    Three maps: ``validators`` (URL → ETag / Last-Modified), ``seen`` (feed URL → keys of
    the items already stored) and ``files`` (path → ``[size, mtime_ns]`` when read, then
    its metadata sidecar's, if it has one).
    """

    def __init__(self, path: Path | None) -> None:
        """Load the state at ``path``; ``None`` keeps it in memory only.

        An unreadable or foreign state file is logged and ignored: the cost is one run
        that fetches everything again, and the store's text hashes still keep duplicates out.
        """
        self.path = path
        self.validators: dict[str, dict[str, str]] = {}
        self.seen: dict[str, list[str]] = {}
        self.files: dict[str, list[int]] = {}
        self._dirty = False
        if path is None or not path.exists():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
                raise ValueError(f"not a version-{STATE_VERSION} fetch state")
            self.validators = dict(data.get("validators", {}))
            self.seen = dict(data.get("seen", {}))
            self.files = dict(data.get("files", {}))
        except (OSError, ValueError) as e:
            logger.warning("%s: ignoring unreadable fetch state (%s)", path, e)

    def remember(self, url: str, response: Response) -> None:
        """Keep the validators of a 200 answer for the next conditional GET."""
        kept = {
            k: v
            for k, v in (("etag", response.etag), ("last_modified", response.last_modified))
            if v
        }
        if self.validators.get(url) != kept:
            self.validators[url] = kept
            self._dirty = True

    def forget(self, url: str) -> None:
        """Drop a URL's validators, so that the next GET fetches the whole body."""
        if self.validators.pop(url, None) is not None:
            self._dirty = True

    def set_seen(self, feed: str, keys: list[str]) -> None:
        if self.seen.get(feed) != keys:
            self.seen[feed] = keys
            self._dirty = True

    def set_file(self, path: str, signature: list[int]) -> None:
        if self.files.get(path) != signature:
            self.files[path] = signature
            self._dirty = True

    def save(self) -> None:
        """Write the state if anything changed (atomically).

        Raises:
            InputError: the file cannot be written.
        """
        if not self._dirty or self.path is None:
            return
        data = {
            "version": STATE_VERSION,
            "validators": self.validators,
            "seen": self.seen,
            "files": self.files,
        }
        # A temporary name of this process's own: two ingests of the same database may
        # save their state at the same moment, and neither may write into the other's file.
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise InputError(
                f"cannot write fetch state: {e.strerror or e}", source=str(self.path)
            ) from e
        self._dirty = False


class Fetcher:
    """GETs URLs politely; one instance per run, sharing robots.txt and per-host timing."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.timeout = settings.fetch_timeout
        self.delay = settings.fetch_delay
        self.max_bytes = settings.max_bytes
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    def get(self, url: str, validators: dict[str, str] | None = None) -> Response:
        """Fetch ``url``; with ``validators`` (from a 200 answer) the GET is conditional.

        Raises:
            FetchError: robots.txt disallows the URL, the server answers an error, the
                answer is larger than ``max_bytes``, or the host cannot be reached in time.
        """
        try:
            parts = urlsplit(url)
            address = ascii_url(url)
        except ValueError as e:  # "http://[x": an IPv6 host never closed; a lone surrogate
            raise FetchError(f"not a valid URL ({e})", source=url, transient=False) from e
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("not an http(s) URL", source=url, transient=False)
        robots = self._robots_for(parts.scheme, parts.netloc)
        if robots is not None and not robots.can_fetch(ROBOTS_AGENT, address):
            raise FetchError(
                f"robots.txt of {parts.netloc} disallows this URL for {ROBOTS_AGENT}",
                source=url,
                transient=False,
            )
        headers = {"User-Agent": USER_AGENT}
        if validators:
            if validators.get("etag"):
                headers["If-None-Match"] = validators["etag"]
            if validators.get("last_modified"):
                headers["If-Modified-Since"] = validators["last_modified"]
        return self._request(address, parts.netloc, headers, self._crawl_delay(robots))

    def _crawl_delay(self, robots: RobotFileParser | None) -> float:
        asked = robots.crawl_delay(ROBOTS_AGENT) if robots is not None else None
        return max(self.delay, float(asked or 0))

    def _wait_turn(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _request(self, url: str, host: str, headers: dict[str, str], delay: float) -> Response:
        self._wait_turn(host, delay)
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                body = answer.read(self.max_bytes + 1)
                final = answer.geturl()
                info = answer.headers
        except urllib.error.HTTPError as e:
            if e.code == 304:
                return Response(url, 304)
            raise FetchError(
                f"HTTP {e.code} {e.reason}", source=url, transient=e.code >= 500 or e.code == 429
            ) from e
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            reason = getattr(e, "reason", None) or e
            raise FetchError(f"cannot fetch: {reason}", source=url, transient=True) from e
        except (ValueError, http.client.InvalidURL) as e:
            # A link no request can be made for: control characters or spaces in it, a host
            # name that is not one (IDNA refuses an empty or 64-character label).
            raise FetchError(f"not a valid URL ({e})", source=url, transient=False) from e
        finally:
            self._last[host] = self._clock()
        if len(body) > self.max_bytes:
            raise FetchError(
                f"answer is over the {self.max_bytes:,}-byte cap (setting max_bytes)",
                source=url,
                transient=False,
            )
        return Response(
            url=final,
            status=200,
            body=body,
            content_type=info.get_content_type(),
            etag=info.get("ETag"),
            last_modified=info.get("Last-Modified"),
        )

    def _robots_for(self, scheme: str, host: str) -> RobotFileParser | None:
        """The host's robots.txt rules, fetched once per run; None when there are none.

        Follows RFC 9309: a 4xx answer means no rules; 401/403 and 5xx mean "disallow
        everything" (a server that fails its robots.txt may be failing under load).
        """
        if host in self._robots:
            return self._robots[host]
        url = f"{scheme}://{host}/robots.txt"
        rules = RobotFileParser(url)
        robots: RobotFileParser | None = rules
        try:
            answer = self._request(url, host, {"User-Agent": USER_AGENT}, self.delay)
            rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        except FetchError as e:
            cause = e.__cause__
            code = cause.code if isinstance(cause, urllib.error.HTTPError) else None
            if code in (401, 403) or (code is not None and code >= 500):
                rules.parse(["User-agent: *", "Disallow: /"])
            elif code is None:
                # Unreachable: the page request will fail with the real reason.
                robots = None
            else:
                rules.parse([])
        self._robots[host] = robots
        return robots
