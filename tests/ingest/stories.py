"""Invented reports for the feed tests: a dispute over the Orlen Strait between Maravia
and the Kessel Union, covered by three invented outlets. Written for these tests."""

from __future__ import annotations

import datetime as dt
from html import escape

STORIES = [
    (
        "Ferry talks open in Sallow Point",
        "2025-06-02",
        [
            "Negotiators from Maravia and the Kessel Union met in Sallow Point on Monday to "
            "discuss the reopening of the Orlen Strait ferry lanes.",
            "“We came to listen, and we expect to be listened to,” said Ilse Varga, the "
            "Maravian delegate, as the first session ended.",
            "Harbour officials said about 40 cargo ships were waiting at anchor outside the "
            "strait.",
        ],
    ),
    (
        "Kessel Union proposes a joint patrol",
        "2025-06-04",
        [
            "The Kessel Union proposed a joint coast guard patrol of the Orlen Strait for "
            "ninety days.",
            "Maravia rejected the plan on Wednesday, saying the patrol would give the Union "
            "a say over Maravian waters.",
            "“A patrol is not a treaty,” Foreign Secretary Tomas Reil told reporters in Lund.",
        ],
    ),
    (
        "Fishermen protest the closure of the lanes",
        "2025-06-05",
        [
            "Hundreds of fishermen protested in the port of Caddow on Thursday against the "
            "closure of the ferry lanes.",
            "Organisers said more than 1,200 boats had stayed in harbour since the dispute "
            "began in May.",
            "The mayor of Caddow, Petra Oland, asked both governments to reopen the lanes "
            "before the herring season.",
        ],
    ),
    (
        "Mediators float a phased reopening",
        "2025-06-09",
        [
            "Mediators from Estavia proposed on Monday a phased reopening of the Orlen "
            "Strait, starting with ferries that carry food and medicine.",
            "The first phase would last 30 days, officials familiar with the draft said.",
            "“Both sides have the text now,” said the Estavian envoy, Marek Dunn.",
        ],
    ),
]


def text_of(index: int) -> str:
    return "\n\n".join(STORIES[index][2])


def rss_date(iso: str) -> str:

    day = dt.date.fromisoformat(iso)
    return day.strftime("%a, %d %b %Y 09:00:00 +0000")


def rss(base: str, indexes: list[int], *, full_text: bool, title: str = "Harbor Dispatch") -> str:
    """An RSS 2.0 feed; with ``full_text`` each item has content:encoded, else a teaser."""
    items = []
    for i in indexes:
        headline, day, paragraphs = STORIES[i]
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        content = f"<content:encoded><![CDATA[{body}]]></content:encoded>" if full_text else ""
        items.append(
            f"<item><title>{escape(headline)}</title><link>{base}/story/{i}</link>"
            f"<guid>{base}/story/{i}</guid><pubDate>{rss_date(day)}</pubDate>"
            f"<description>{escape(paragraphs[0][:60])}…</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>{base}/</link>"
        f"<description>News from the strait</description>{''.join(items)}</channel></rss>"
    )


def atom(base: str, indexes: list[int]) -> str:
    """An Atom feed with the full text of each entry as HTML content."""
    entries = []
    for i in indexes:
        headline, day, paragraphs = STORIES[i]
        body = escape("".join(f"<p>{p}</p>" for p in paragraphs))
        entries.append(
            f"<entry><title>{escape(headline)}</title><id>urn:northline:{i}</id>"
            f'<link rel="alternate" href="{base}/north/{i}"/>'
            f"<updated>{day}T08:00:00Z</updated><published>{day}T08:00:00Z</published>"
            f'<summary>{escape(paragraphs[0][:50])}</summary><content type="html">{body}</content>'
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Northline Monitor</title>'
        f"<id>urn:northline</id><updated>2025-06-10T00:00:00Z</updated>{''.join(entries)}</feed>"
    )


def page(index: int) -> str:
    """The web page of a story, with navigation around the article as real pages have."""
    headline, day, paragraphs = STORIES[index]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(headline)} | Quay Street Journal</title>"
        f"<meta property='og:site_name' content='Quay Street Journal'>"
        f"<meta name='date' content='{day}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(headline)}</h1>{body}</article>"
        "<footer>Quay Street Journal, all rights reserved.</footer></body></html>"
    )
