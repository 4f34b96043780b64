"""Every kind of input behind one reader: files, directories, stdin, feed files and URLs.

:class:`Sources` reads what the readers of :mod:`.files` read, plus feeds (RSS/Atom files
and URLs, see :mod:`.feeds`) and web pages, through one polite :class:`~.fetch.Fetcher`.
What it learns on the way — the validators of each URL, the feed items read, and in watch
mode the files read — is kept as *pending* until :meth:`Sources.commit`, which the caller
runs once the articles are stored: an interrupted run leaves the previous state, and the
next run fetches again what was not stored (the store's text hashes keep out duplicates).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..config import Settings
from ..errors import InputError
from .base import RawArticle, Skipped
from .feeds import FEED_SUFFIXES, Feed, iter_new, looks_like_feed, needs_page, parse_feed, read_item
from .fetch import Fetcher, FetchError, FetchState, Response
from .files import READERS, check_text, read_file, read_inputs, unsupported_reason, walk_files
from .formats import read_html
from .meta import TEXT_SUFFIXES, sidecar_of

logger = logging.getLogger(__name__)

URL_SCHEMES = ("http://", "https://")


def is_url(path: str) -> bool:
    return path.startswith(URL_SCHEMES)


class Sources:
    """Reads inputs of every kind, remembering what it fetched for the next run."""

    def __init__(
        self,
        settings: Settings,
        state: FetchState,
        *,
        fetcher: Fetcher | None = None,
        watch_files: bool = False,
    ) -> None:
        """
        Args:
            settings: ``max_bytes`` and the fetch settings.
            state: what earlier runs fetched (see :class:`FetchState`).
            fetcher: the HTTP client (default: a polite one built from ``settings``).
            watch_files: skip files whose size and modification time are those recorded
                when they were last read (``storyline watch``); plain ingest reads every
                file and lets the store report duplicates.
        """
        self.settings = settings
        self.state = state
        self.fetcher = fetcher or Fetcher(settings)
        self.watch_files = watch_files
        self._validators: dict[str, Response | None] = {}
        self._seen: dict[str, list[str]] = {}
        self._files: dict[str, list[int]] = {}

    def read(
        self, paths: Iterable[str], *, stdin: TextIO | None = None
    ) -> Iterator[RawArticle | Skipped]:
        """Every article of ``paths`` in order; what cannot be read comes as :class:`Skipped`.

        A URL is fetched and read as a feed when it parses as one, else as a web page. A
        file ending in .rss, .atom or .xml is read as a feed; anything else goes to the file
        readers (:func:`~.files.read_inputs`).
        """
        for path in paths:
            if is_url(path):
                yield from self._read_url(path)
            elif (
                path != "-" and Path(path).suffix.lower() in FEED_SUFFIXES and Path(path).is_file()
            ):
                yield from self._read_feed_file(Path(path))
            elif self.watch_files and path != "-":
                yield from self._read_changed(Path(path))
            else:
                yield from read_inputs([path], max_bytes=self.settings.max_bytes, stdin=stdin)

    def commit(self) -> None:
        """Record what this run read as done, and save the state file.

        Call it after the articles read are stored.

        Raises:
            InputError: the state file cannot be written.
        """
        for url, response in self._validators.items():
            if response is None:
                self.state.forget(url)
            else:
                self.state.remember(url, response)
        for feed, keys in self._seen.items():
            self.state.set_seen(feed, keys)
        for path, signature in self._files.items():
            self.state.set_file(path, signature)
        self._validators, self._seen, self._files = {}, {}, {}
        self.state.save()

    # -- URLs and feeds -------------------------------------------------------------------

    def _read_url(self, url: str) -> Iterator[RawArticle | Skipped]:
        try:
            response = self.fetcher.get(url, self.state.validators.get(url))
        except FetchError as e:
            yield Skipped(url, e.message)
            return
        if response.not_modified:
            logger.info("%s: not modified since the last run", url)
            return
        if looks_like_feed(response.body):
            try:
                feed = parse_feed(response.body, url)
            except InputError as e:
                yield Skipped(url, e.message)
                return
            yield from self._read_feed(feed, url, response)
        elif response.content_type in ("text/html", "application/xhtml+xml"):
            try:
                page = read_html(response.body.decode("utf-8", errors="replace"), url)
                yield check_text(_with_url(page, url))
            except InputError as e:
                yield Skipped(url, e.message)
            self._validators[url] = response
        else:
            # Not a feed, not a page: say what it was (feedparser's complaint, if any).
            try:
                parse_feed(response.body, url)
                reason = f"not an RSS or Atom feed nor an HTML page ({response.content_type})"
            except InputError as e:
                reason = e.message
            yield Skipped(url, reason)

    def _read_feed_file(self, path: Path) -> Iterator[RawArticle | Skipped]:
        source = str(path)
        try:
            data = path.read_bytes()
            if len(data) > self.settings.max_bytes:
                raise InputError(
                    f"file is over the {self.settings.max_bytes:,}-byte cap (setting max_bytes)",
                    source=source,
                )
            feed = parse_feed(data, source)
        except OSError as e:
            yield Skipped(source, f"cannot read file: {e.strerror or e}")
            return
        except InputError as e:
            yield Skipped(source, e.message)
            return
        yield from self._read_feed(feed, str(path.resolve()), None)

    def _read_feed(
        self, feed: Feed, key: str, response: Response | None
    ) -> Iterator[RawArticle | Skipped]:
        """The feed's new items; pending state says which ones are done after this run.

        An item whose page failed for a reason that may pass (a timeout, a 5xx) stays
        unseen, and the feed's validators are dropped so the next run's GET is not answered
        with a 304 that would hide the item.
        """
        seen = set(self.state.seen.get(key, []))
        retry = False
        for item in iter_new(feed, seen):
            page = None
            if needs_page(item) and item.link is not None:
                try:
                    page = self.fetcher.get(item.link).body
                except FetchError as e:
                    yield Skipped(item.link, e.message)
                    if e.transient:
                        retry = True
                    else:
                        seen.add(item.key)
                    continue
            try:
                yield check_text(read_item(item, feed, page))
            except InputError as e:
                yield Skipped(e.source or feed.source, e.message)
            seen.add(item.key)
        # Keep the keys the feed still lists: an item that left the feed will not be back.
        self._seen[key] = [item.key for item in feed.items if item.key in seen]
        if response is not None:
            self._validators[key] = None if retry else response

    # -- watched files --------------------------------------------------------------------

    def _read_changed(self, path: Path) -> Iterator[RawArticle | Skipped]:
        """Files under ``path`` that are new or changed since they were last read."""
        if path.is_dir():
            files: Iterable[Path | Skipped] = walk_files(path)
        elif path.exists():
            files = [path]
        else:
            yield Skipped(str(path), "no such file or directory")
            return
        for child in files:
            if isinstance(child, Skipped):
                yield child
                continue
            try:
                stat = child.stat()
            except OSError as e:
                yield Skipped(str(child), f"cannot read file: {e.strerror or e}")
                continue
            signature = [stat.st_size, stat.st_mtime_ns, *_sidecar_signature(child)]
            name = str(child.resolve())
            if self.state.files.get(name) == signature:
                continue
            suffix = child.suffix.lower()
            if suffix in FEED_SUFFIXES:
                yield from self._read_feed_file(child)
            elif suffix in READERS or child == path:
                yield from read_file(child, max_bytes=self.settings.max_bytes)
            else:
                yield Skipped(str(child), unsupported_reason(child))
            self._files[name] = signature


def _sidecar_signature(path: Path) -> list[int]:
    """Size and time of a text file's metadata sidecar: an edited sidecar is a change."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return []
    try:
        stat = sidecar_of(path).stat()
    except OSError:
        return []
    return [stat.st_size, stat.st_mtime_ns]


def _with_url(article: RawArticle, url: str) -> RawArticle:
    return RawArticle(
        source=url,
        text=article.text,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url or url,
    )
