"""Hypothesis strategies for hostile news: invented reports laced with what breaks parsers.

Every sentence here is invented (a conflict between Tarvenia and the Veyra Front, talks in
Lirevia brokered by Corvania, outlets that do not exist). The hostile parts are the ones the
issue lists: NUL, lone surrogates, direction and zero-width marks, combining characters,
digits of other scripts, quotation marks in any count and nesting, and numbers at the edge
of what a float or an int holds.
"""

from __future__ import annotations

import json
import os
import re
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The profile `make fuzz` selects; the counts of the tests below are the CI counts.
FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"


def examples(ci: int, fuzz: int) -> int:
    """Examples for one test: a few for CI (seconds), many under `make fuzz`."""
    return fuzz if FUZZ else ci


settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
if FUZZ:
    settings.load_profile("fuzz")

SENTENCES = (
    "Envoys of the Veyra Front met officials from Tarvenia in Lirevia on Monday.",
    "“We will not withdraw from the valley,” said Mara Oskel, a spokeswoman for the Tarvenian defence ministry.",
    "At least 1,204 people were killed and 3.5 million displaced, the Lirevia Health Office said on Tuesday.",
    "The proposal, put forward by Corvania, would begin with a 42-day ceasefire in its first phase.",
    "Tarvenia rejected the plan on 4 March 2025, the Kestrel Ledger reported.",
    "The Veyra Front said it would release 33 hostages in exchange for 1,000 prisoners.",
    "“They are lying,” Commander Iden Varo told the Harrow Dispatch. “Nothing has changed.”",
    "Corvanian mediators expect an answer by next week, according to two officials.",
    "Aid convoys of 200 trucks a day entered the north, the Morrow Post said.",
    "Foreign Minister Talia Brenn accused the Front of shelling Port Aster overnight.",
    "More than 60 percent of the city's 2.1 million residents have fled since October.",
    "« Nous refusons », a déclaré le porte-parole, selon l'agence Corvane.",
    "The second phase would see troops pull back 5 km from the border within 14 days.",
    "She said that the talks had stalled and that Tarvenia wanted guarantees first.",
)

# One character or a short run of each kind the issue names.
HOSTILE = (
    "\x00",
    "\ud800",
    "\udfff",
    "\ud83d",
    "\u202e",
    "\u202d",
    "\u200f",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\x85",
    "\r",
    "\t",
    "\x0b",
    "\x1b[31m",
    "e\u0301\u0301\u0301\u0301",
    "\u0336T\u0336a\u0336r\u0336",
    "\u0301",
    "١٢٣",
    "٣٫٥",
    "١٬٢٠٤",
    "۱۲۳",
    "１２３",
    "１，２０４",
    "①②",
    "Ⅻ",
    "²³",
    "½",
    "¾ million",
    "1e308",
    "1e309",
    "-1e308",
    "1E-400",
    "9" * 400,
    "0." + "0" * 400 + "1",
    "1,2,3,4",
    "1,,000",
    "1.2.3",
    "-0",
    "−5",
    "0x1F",
    "NaN",
    "inf",
    "∞",
    "10 000 000",
    "3 million million",
    "a trillion trillion",
    "1/0",
    "$",
    "%",
    "£1bn",
    "99999999999999999999 killed",
    "killed 1e308 people",
    "2025-13-45",
    "31 February 2025",
    "on 9999-99-99",
    "in the year 0",
    "🇹🇻",
    "👨‍👩‍👧",
    "ﷺ",
    "𝐓𝐚𝐫𝐯𝐞𝐧𝐢𝐚",
    "ｓａｉｄ",
    "5 x 10^999",
    "10^²",
    "Phase ²",
    "999999999 days ago",
    "9999 years ago",
    "http://[::1",
    "https://kestrel.test/négociations/١٢٣",
    "&#xd800;",
    "&#" + "9" * 5_000 + ";",
    "&amp;#x110000;",
)

QUOTE_MARKS = (
    "“",
    "”",
    "«",
    "»",
    "‹",
    "›",
    "'",
    '"',
    "‘",
    "’",
    "„",
    "‚",
    "「",
    "」",
    "`",
    "''",
    "``",
)

WORDS = (
    "said", "told", "according", "to", "Tarvenia", "Veyra", "Front", "Lirevia", "Corvania",
    "ceasefire", "killed", "hostages", "proposal", "phase", "rejected", "accepted", "the",
    "a", "of", "Mr.", "Ms.", "she", "he", "they", "would", "not", "on", "Monday", "March",
    "percent", "million", "dozens", "at", "least", "more", "than", "withdraw", "released",
    "said:", "added", "—", "-", ",", ".", ";", ":", "(", ")", "[", "]", "…", "!", "?",
)  # fmt: skip

sentences = st.sampled_from(SENTENCES)
hostile = st.sampled_from(HOSTILE)
quote_marks = st.sampled_from(QUOTE_MARKS)
words = st.sampled_from(WORDS)
# Any code point, surrogates and control characters included.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)


@st.composite
def quoted(draw: st.DrawFn) -> str:
    """Words inside quotation marks of any count, kind and nesting, balanced or not."""
    depth = draw(st.integers(0, 4))
    inner = " ".join(draw(st.lists(words | hostile, min_size=0, max_size=8)))
    for _ in range(depth):
        left = "".join(draw(st.lists(quote_marks, min_size=0, max_size=3)))
        right = "".join(draw(st.lists(quote_marks, min_size=0, max_size=3)))
        inner = f"{left}{inner}{right}"
    cue = draw(
        st.sampled_from(("", " said Mara Oskel.", ", he said", " — ", " according to the Front"))
    )
    return inner + cue


@st.composite
def sentence_of_words(draw: st.DrawFn) -> str:
    """A made-up sentence: news words, hostile tokens and quotes, maybe without a full stop."""
    parts = draw(st.lists(words | hostile | quoted() | any_text, min_size=1, max_size=25))
    return " ".join(parts)


fragments = sentences | sentence_of_words() | quoted() | hostile | any_text
separators = st.sampled_from((" ", "", "\n", "\n\n", "  ", "\n \n", "\r\n", "\u2029"))


@st.composite
def news_text(draw: st.DrawFn, max_parts: int = 30) -> str:
    """A report's worth of text: invented news with hostile characters mixed in."""
    parts = draw(st.lists(fragments, min_size=1, max_size=max_parts))
    seps = draw(st.lists(separators, min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


def valid_unicode(text: str) -> str:
    """``text`` with its lone surrogates replaced: what a file on disk can hold as UTF-8."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# -- HTML -------------------------------------------------------------------------------

TAGS = ("div", "p", "span", "b", "article", "section", "main", "li", "ul", "table", "td", "a", "script", "style", "br", "img", "h1", "blockquote", "q", "!--", "![CDATA[")  # fmt: skip


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """An HTML page: a shell, paragraphs of hostile news, stray and nested tags, bad refs."""
    paragraphs = draw(st.lists(news_text(max_parts=6), min_size=0, max_size=8))
    body = []
    for paragraph in paragraphs:
        tag = draw(st.sampled_from(TAGS))
        escaped = escape(paragraph) if draw(st.booleans()) else paragraph
        if tag in ("!--", "![CDATA["):
            body.append(f"<{tag}{escaped}")
        elif draw(st.booleans()):
            body.append(f"<{tag}>{escaped}</{tag}>")
        else:
            body.append(f"<{tag} class='x' data-x=\"{escaped[:20]}\">{escaped}")
    refs = draw(
        st.lists(
            st.sampled_from(
                ("&#xd800;", "&#0;", "&#x110000;", "&#55296;", "&#x202e;", "&amp;", "&nbsp;", "&bogus;", "&#", "&#x;", "&#99999999999999999999;", "&#" + "9" * 5_000 + ";", "&amp;#xd800;", "&#38;#xdfff;")
            ),
            max_size=4,
        )
    )  # fmt: skip
    body.extend(refs)
    depth = draw(st.sampled_from((0, 0, 0, 3, 100, 300, 1000)))
    nest = draw(st.sampled_from(("div", "span", "b", "p", "table", "ul")))
    inner = "".join(body)
    if depth:
        inner = f"<{nest}>" * depth + inner + f"</{nest}>" * draw(st.sampled_from((0, depth)))
    title = escape(draw(news_text(max_parts=2)))
    shell = draw(st.booleans())
    if shell:
        return (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='og:site_name' content='Kestrel Ledger'>"
            f"<meta name='date' content='{escape(draw(hostile))}'></head>"
            f"<body><article>{inner}</article></body></html>"
        )
    return inner


# -- JSON -------------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | news_text(max_parts=4)
    | hostile
)
json_values = st.recursive(
    json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8
)  # fmt: skip
FIELDS = ("id", "text", "html", "title", "outlet", "published", "date", "url")


@st.composite
def json_record(draw: st.DrawFn) -> dict[str, object]:
    """A record with the known keys holding anything (usually the right kind of thing)."""
    record: dict[str, object] = {}
    for key in draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=len(FIELDS))):
        if key == "text":
            record[key] = draw(news_text() | json_values)
        elif key == "html":
            record[key] = draw(html_page() | json_values)
        elif key in ("published", "date"):
            record[key] = draw(
                st.sampled_from(("2025-03-04", "4 March 2025", "yesterday", "0000-00-00"))
                | json_values
            )
        else:
            record[key] = draw(json_values)
    return record


_SURROGATE = re.compile("[\ud800-\udfff]")


def dump_json(value: object, *, ascii_only: bool = False) -> str:
    """JSON as a writer escapes it: lone surrogates as ``\\ud800`` escapes, NaN as is."""
    text = json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)
    # json.dumps leaves a lone surrogate raw when not escaping; only in strings, so an
    # escape is what another writer would have put there.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@st.composite
def json_document(draw: st.DrawFn) -> str:
    """A .json file: a record, a list or a wrapper of records, or something broken."""
    records = draw(st.lists(json_record(), min_size=1, max_size=4))
    shape = draw(st.sampled_from(("one", "list", "documents", "articles", "scalar", "any")))
    value: object = {
        "one": records[0],
        "list": records,
        "documents": {"documents": records},
        "articles": {"articles": records},
        "scalar": draw(json_scalars),
        "any": draw(json_values),
    }[shape]
    text = dump_json(value, ascii_only=draw(st.booleans()))
    return draw(mangled(text))


@st.composite
def mangled(draw: st.DrawFn, text: str) -> str:
    """``text`` as written, or cut short, or with hostile JSON spliced into it."""
    how = draw(st.sampled_from(("as is", "as is", "cut", "splice", "deep", "big number")))
    if how == "cut" and text:
        return text[: draw(st.integers(0, len(text) - 1))]
    if how == "splice":
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(('"\\ud800"', '"\\udfff\\ud800"', "\\u0000", "NaN", "1e999", "-", "\x00", '"', "[", "{")))  # fmt: skip
        return text[:at] + piece + text[at:]
    if how == "deep":
        depth = draw(st.sampled_from((100, 1000, 10_000, 100_000)))
        return "[" * depth + text + "]" * depth
    if how == "big number":
        digits = draw(st.sampled_from((400, 4300, 4301, 10_000)))
        return '{"text": "Tarvenia said 5.", "published": ' + "9" * digits + "}"
    return text


@st.composite
def jsonl_document(draw: st.DrawFn) -> str:
    """A .jsonl file: one record a line, some lines broken."""
    lines = [draw(mangled(dump_json(r))) for r in draw(st.lists(json_record(), max_size=5))]
    lines += draw(st.lists(st.sampled_from(("", "   ", "{oops", "[]", "null", '"\\ud800"')), max_size=2))  # fmt: skip
    return "\n".join(draw(st.permutations(lines)))


# -- text and Markdown with front matter -------------------------------------------------

FRONT_VALUES = (
    "2025-03-04", "4 March 2025", "1e308", "9" * 400, "-0", ".inf", ".nan", "~", "[1, 2]",
    "{a: 1}", "!!binary aGk=", "&a [1]", "*a", "'\\ud800'", '"\\ud800"', '"\\x00"', "١٢٣",
    "2025-13-45", "2025-02-30", "yesterday", "!!python/object:os.system", "|\n  block",
    "[" * 200, "[" * 2_000, "0x" + "f" * 5_000, "!!timestamp x", "!!float x", "!!binary '!'",
    "&a [x, x]", "[*a, *a]",
)  # fmt: skip
FRONT_KEYS = ("title", "published", "date", "outlet", "url", "id", "source", "pubished", "1", "? [x]", "<<")  # fmt: skip


@st.composite
def front_matter_text(draw: st.DrawFn) -> str:
    """A text with YAML front matter (valid or not), or a first ``---`` line of its own."""
    body = draw(news_text())
    if not draw(st.booleans()):
        return body
    lines = [
        f"{draw(st.sampled_from(FRONT_KEYS))}: {draw(st.sampled_from(FRONT_VALUES) | hostile | news_text(max_parts=2))}"
        for _ in range(draw(st.integers(0, 4)))
    ]
    close = draw(st.sampled_from(("---", "...", "", "--- trailing")))
    return "---\n" + "\n".join(lines) + f"\n{close}\n" + body


# -- feeds ------------------------------------------------------------------------------


@st.composite
def feed_document(draw: st.DrawFn) -> str:
    """An RSS 2.0 or Atom feed whose items hold hostile text, escaped or raw."""

    def field() -> str:
        value = draw(news_text(max_parts=4) | hostile | html_page())
        return escape(value) if draw(st.booleans()) else value

    items = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(0, 3))):
        date = draw(st.sampled_from(("Mon, 03 Mar 2025 10:00:00 GMT", "2025-03-04T10:00:00Z", "99999-01-01T00:00:00Z", "Mon, 99 Foo 99999", "")))  # fmt: skip
        content = f"<content type='html'>{field()}</content>" if draw(st.booleans()) else ""
        if atom:
            items.append(
                f"<entry><title>{field()}</title><id>{field()}</id><updated>{date}</updated>"
                f"<summary>{field()}</summary>{content}</entry>"
            )
        else:
            encoded = (
                f"<content:encoded><![CDATA[{field()}]]></content:encoded>"
                if draw(st.booleans())
                else ""
            )
            link = draw(st.sampled_from(("", "<link>http://kestrel.test/a</link>", "<link>http://[::1</link>", "<link>https://kestrel.test/négociations</link>", f"<link>{field()}</link>")))  # fmt: skip
            items.append(
                f"<item><title>{field()}</title>{link}<pubDate>{date}</pubDate>"
                f"<description>{field()}</description>{encoded}</item>"
            )
    title = field()
    if atom:
        doc = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>{title}</title>{''.join(items)}</feed>"
    else:
        doc = (
            "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
            f"<channel><title>{title}</title>{''.join(items)}</channel></rss>"
        )
    prolog = draw(st.sampled_from(("", "<?xml version='1.0' encoding='utf-8'?>", "<?xml version='1.0' encoding='latin-1'?>", "\ufeff")))  # fmt: skip
    return draw(mangled(prolog + doc))
