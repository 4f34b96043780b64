"""Numbers that are not figures: dates, times, years, codes and names, list markers.

Each test looks at the lexical tokens around a number (``numbers.lex``) and, where the
text alone cannot tell, at the spaCy parse. The rules come from the numbers the NewsQuant
and seeds gold never annotate: years ("in 2031", "the 2030 budget"), dates ("March 3",
"3 March"), clock times ("10:15 PM", "0600 GMT"), numbers inside names ("Route 9",
"Resolution 2817", "F-16", "COVID-19"), scores ("3-1"), and a number standing in for a
noun said before ("after the two spoke").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..common.numbers import Number, Tok, int_of

MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
    "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
    "nov", "november", "dec", "december",
}  # fmt: skip
_CLOCK_WORDS = {
    "am", "pm", "gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "bst", "cet", "cest",
    "et", "pt", "ct", "hrs", "o'clock",
}  # fmt: skip
# Before a four-digit number under 1900, only these make it a year: "a total of
# 1700" is a quantity, "in 1848" a year.
_YEAR_PREPOSITIONS = {
    "in",
    "since",
    "until",
    "till",
    "circa",
    "during",
    "early",
    "late",
    "mid",
    "c",
}
_ERAS = {"ad", "bc", "bce", "ce"}
_NAME_ENTS = {"ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PERSON", "GPE", "LOC"}
_ANAPHORA_DETERMINERS = {"the", "these", "those", "all", "both", "its", "their", "our"}
# "one of them", "one of which": one of a set already named, not a count.
_PRONOUNS = {
    "which", "whom", "them", "us", "you", "these", "those", "it", "whose", "theirs", "ours",
}  # fmt: skip
_ONE_IDIOMS_BEFORE = {"no", "any", "every", "each", "someone", "anyone", "which"}
_ONE_IDIOMS_AFTER = {"another", "by", "day", "way", "thing", "too"}
# Words before a number that make it a label, not a quantity: "section 12", "page 5",
# "Route 9", "phase 2", "Stat. 100" (the legal citations of official texts).
_REFERENCE_WORDS = {
    "section", "sections", "§", "paragraph", "paragraphs", "subparagraph", "clause",
    "subsection", "chapter", "title", "article", "articles", "heading", "subheading",
    "headings", "note", "rule", "resolution", "resolutions", "proclamation", "law", "item",
    "page", "pages", "volume", "annex", "schedule", "part", "footnote", "table", "figure",
    "exhibit", "amendment", "route", "highway", "interstate", "flight", "room", "suite",
    "gate", "platform", "docket", "bill", "line", "episode", "phase", "stage", "round",
    "level", "tier", "grade", "number", "model", "version", "channel",
}  # fmt: skip
# The same, abbreviated with a dot: "sec. 3", "ch. 40", "Stat. 100", "p. 12".
_REFERENCE_ABBREVIATIONS = {"sec", "secs", "ch", "chap", "stat", "p", "pp", "vol", "art", "para"}
# Citation marks after a number: "7 U.S.C.", "88 Stat.", "40 CFR".
_CITATION_AFTER = re.compile(r"\s*(?:U\.\s?S\.\s?C\.|Stat\.|C\.\s?F\.\s?R\.|CFR|F\.R\.)")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+")
_URL_MARKS = ("http", "www.", "@", "#")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of URLs, e-mail addresses, @handles and #hashtags."""
    # Each form needs one of these marks; most texts have none, and the scan for
    # "\S+@" backtracks at every word.
    if not any(mark in text for mark in _URL_MARKS):
        return []
    return [m.span() for m in _URL.finditer(text)]


def _tok(toks: list[Tok], i: int) -> Tok | None:
    return toks[i] if 0 <= i < len(toks) else None


def _lower(toks: list[Tok], i: int) -> str:
    tok = _tok(toks, i)
    return tok.lower if tok else ""


def _glued(toks: list[Tok], i: int) -> bool:
    """Token ``i`` exists and touches the one before it."""
    tok = _tok(toks, i)
    return tok is not None and not tok.space


def _is_int(tok: Tok) -> bool:
    return int_of(tok.text) is not None


def is_clock_time(toks: list[Tok], number: Number) -> bool:
    """ "10:15", "6am", "9.30pm", "11:05 a.m.", "0600 GMT"."""
    first, last = number.first, number.last
    if _lower(toks, last + 1) == ":" and _glued(toks, last + 1) and _glued(toks, last + 2):
        return True
    if _lower(toks, first - 1) == ":" and not toks[first].space:
        return True
    nxt = _lower(toks, last + 1)
    if nxt in _CLOCK_WORDS:
        return True
    if nxt == "o" and _lower(toks, last + 2) in ("'", "’") and _lower(toks, last + 3) == "clock":
        return True
    # "a.m." and "p.m." lex as "a . m ."
    return nxt in ("a", "p") and _lower(toks, last + 2) == "." and _lower(toks, last + 3) == "m"


def is_date(toks: list[Tok], number: Number) -> bool:
    """A day of the month ("Oct. 7", "October 7", "7 October", "9 May") or "May 2024"."""
    before = number.first - 1
    if _lower(toks, before) == ".":
        before -= 1
    prev = _tok(toks, before)
    if prev is not None and prev.lower in MONTHS and prev.text[0].isupper():
        return True
    after = number.last + 1
    if _lower(toks, after) == "of":
        after += 1
    nxt = _tok(toks, after)
    return nxt is not None and nxt.lower in MONTHS and nxt.text[0].isupper()


def _in_date_entity(token: Token | None) -> bool:
    return token is not None and token.ent_type_ in ("DATE", "TIME")


def is_year(toks: list[Tok], number: Number, token: Token | None) -> bool:
    """A year ("in 2031", "the 2030 budget", "1998 accord") or a decade ("1990s")."""
    tok = toks[number.first]
    if number.first != number.last or not _is_int(tok) or len(tok.text) != 4:
        return False
    value = int(tok.text)
    if not 1000 <= value <= 2200:
        return False
    if value >= 1900:
        # "2,000 troops" carries a comma; "2000 troops" is rare, so a bare four-digit
        # number in this range is a count only when a plural noun follows outside any
        # date the parser saw.
        nxt = token.nbor(1) if token is not None and token.i + 1 < len(token.doc) else None
        plural = nxt is not None and nxt.tag_ == "NNS" and nxt.text.islower()
        return _in_date_entity(token) or not plural
    prev = _lower(toks, number.first - 1)
    return (
        _in_date_entity(token)
        or prev in _YEAR_PREPOSITIONS
        or _lower(toks, number.last + 1) in _ERAS
        or prev in _ERAS
    )


def is_decade_or_season(toks: list[Tok], number: Number) -> bool:
    """ "1990s", "'90s", "his 60s", "2030-31" and the "31" of it."""
    nxt = _tok(toks, number.last + 1)
    if nxt is not None and nxt.text == "s" and not nxt.space:
        return True
    if _lower(toks, number.first - 1) in ("'", "’") and not toks[number.first].space:
        return True
    tok = toks[number.first]
    if _lower(toks, number.last + 1) == "-" and _glued(toks, number.last + 1):
        after = _tok(toks, number.last + 2)
        if after is not None and not after.space and _is_int(after) and len(after.text) == 2:
            return len(tok.text) == 4 and tok.text.isdigit()
    prev2 = _tok(toks, number.first - 2)
    return (
        _lower(toks, number.first - 1) == "-"
        and not tok.space
        and prev2 is not None
        and _is_int(prev2)
        and len(prev2.text) == 4
        and len(tok.text) == 2
        and 1900 <= int(prev2.text) <= 2100
    )


def is_code(toks: list[Tok], number: Number, has_unit: bool, has_prefix: bool) -> bool:
    """A code or model: "G7", "F-16", "COVID-19", "4G", "3D", "24/7", "No. 1", "0600"."""
    first, last = number.first, number.last
    tok = toks[first]
    prev = _tok(toks, first - 1)
    if prev is not None and not tok.space and not has_prefix:
        if prev.text[0].isalpha() and prev.lower != "minus":
            return True
        if prev.text in ("-", "‑") and first >= 2:
            word = toks[first - 2]
            if not prev.space and word.text[0].isalpha() and word.text != word.lower:
                return True
        if prev.text in ("#", "/", "№"):
            return True
        # "v.2", "Mk.4": a version glued to letters by a dot.
        if prev.text == "." and first >= 2 and not prev.space and toks[first - 2].text.isalpha():
            return True
    # "MK -4": a dash after a name in capitals is no minus sign.
    if (
        tok.text in ("-", "‑", "−")
        and prev is not None
        and prev.text.isupper()
        and prev.text.isalpha()
    ):
        return True
    nxt = _tok(toks, last + 1)
    if nxt is not None and not nxt.space and nxt.text[0].isalpha() and not has_unit:
        return True
    if nxt is not None and nxt.text == "/" and not nxt.space and _glued(toks, last + 2):
        after = toks[last + 2]
        if after.text[0].isdigit():
            return True
    if _lower(toks, first - 1) == "." and _lower(toks, first - 2) == "no":
        return True
    if _lower(toks, first - 1) in ("no", "number", "nos") and toks[first - 1].text[0].isupper():
        return True
    # Zero-padded digits are identifiers or clock times, not quantities.
    return len(tok.text) > 1 and tok.text[0] == "0" and tok.text.isdigit()


def _chain(toks: list[Tok], i: int, step: int) -> bool:
    """Whether a separator and a digit run touch token ``i`` on side ``step`` (±1)."""
    sep, run = _tok(toks, i + step), _tok(toks, i + 2 * step)
    if sep is None or run is None or sep.text not in ("-", "/", "."):
        return False
    glued = not toks[i].space and not sep.space if step < 0 else not sep.space and not run.space
    return glued and run.text.isdigit()


def is_digit_chain(toks: list[Tok], number: Number) -> bool:
    """Part of "2031-02-11", "11/7/2030" or "555-123-4567": three digit runs in a row."""
    first, last = number.first, number.last
    if first != last or not toks[first].text.isdigit():
        return False
    before = _chain(toks, first, -1) and _chain(toks, first - 2, -1)
    after = _chain(toks, last, 1) and _chain(toks, last + 2, 1)
    around = _chain(toks, first, -1) and _chain(toks, last, 1)
    return before or after or around


def is_reference(text: str, toks: list[Tok], number: Number) -> bool:
    """A label or citation: "section 12", "Stat. 100", "7 U.S.C. 1501", "(2)"."""
    first, last = number.first, number.last
    prev = _tok(toks, first - 1)
    if prev is not None and prev.lower in _REFERENCE_WORDS:
        return True
    if (
        prev is not None
        and prev.text == "."
        and _lower(toks, first - 2) in _REFERENCE_ABBREVIATIONS
    ):
        return True
    if _CITATION_AFTER.match(text, toks[last].end) is not None:
        return True
    citation = _tok(toks, first - 1)
    if citation is not None and citation.text == ".":
        before = text[max(0, citation.end - 8) : citation.end]
        if re.search(r"U\.\s?S\.\s?C\.$|C\.F\.R\.$", before):
            return True
    # "(2)": an enumerator in parentheses.
    return (
        _lower(toks, first - 1) == "("
        and _lower(toks, last + 1) == ")"
        and number.form == "digits"
        and toks[first].text.isdigit()
    )


def is_score(toks: list[Tok], number: Number) -> tuple[bool, int]:
    """ "3-1", "4-0", "1-1": a score; (is it, index of its second number)."""
    tok = toks[number.last]
    if not _is_int(tok) or _lower(toks, number.last + 1) not in ("-", "–"):
        return False, -1
    if not (_glued(toks, number.last + 1) and _glued(toks, number.last + 2)):
        return False, -1
    other = toks[number.last + 2]
    if not _is_int(other) or _lower(toks, number.last + 3) in ("%",):
        return False, -1
    a, b = int(tok.text), int(other.text)
    return (a < 100 and b <= a), number.last + 2


def is_list_marker(text: str, toks: list[Tok], number: Number) -> bool:
    """ "1." or "2)" opening a line."""
    start = toks[number.first].start
    line_start = start == 0 or text[start - 1] == "\n"
    return line_start and _lower(toks, number.last + 1) in (".", ")") and number.form == "digits"


def _is_headline(token: Token) -> bool:
    """Whether the sentence is in title case (most words capitalized)."""
    sent = token.sent if token.doc.has_annotation("SENT_START") else token.doc[:]
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) > 0.6 * len(words)


def is_in_name(toks: list[Tok], number: Number, token: Token | None) -> bool:
    """A number inside a name: "Route 9", "Resolution 2817", "Falcon 3", "Lucky Seven"."""
    if token is None:
        return False
    if token.ent_type_ in _NAME_ENTS:
        return True
    word = toks[number.first].text
    # A spelled number is part of a name only when capitalized mid-sentence ("Lucky Seven").
    if token.i == 0 or (word[0].isalpha() and (not word[0].isupper() or token.is_sent_start)):
        return False
    prev = token.doc[token.i - 1]
    if prev.pos_ != "PROPN" or prev.text == prev.lower_:
        return False
    # "Ostrivia 300 killed" never occurs in prose; "Marta Vell 61 has spent" is an age the
    # gold sometimes annotates and sometimes not, so a number right after a name is skipped.
    return prev.lower_ not in MONTHS and not _is_headline(token)


def is_age_apposition(toks: list[Tok], number: Number, token: Token | None) -> bool:
    """ "Tomas Brel, 52, said": an age in apposition, which the gold rarely annotates."""
    if token is None or token.i < 2 or number.form != "digits":
        return False
    value = number.value or 0
    if not (1 <= value <= 120 and _lower(toks, number.first - 1) == ","):
        return False
    nxt = _tok(toks, number.last + 1)
    if nxt is None or nxt.text[0].isalnum():
        return False
    return token.doc[token.i - 2].pos_ == "PROPN"


def is_anaphoric(toks: list[Tok], number: Number, token: Token | None) -> bool:
    """A word number standing for a noun said before ("after the two spoke", "one of them")."""
    if token is None or number.form != "words" or number.value is None:
        return False
    if _tok(toks, number.last + 1) is not None and toks[number.last + 1].text[0].isdigit():
        # "just one 80,000-tonne freighter": the count is the other number's noun.
        return number.value == 1
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    nxt_lower = nxt.lower_ if nxt is not None else ""
    prev = _lower(toks, number.first - 1)
    followed_by_noun = nxt is not None and (
        nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or nxt_lower == "of"
    )
    if prev in _ANAPHORA_DETERMINERS and number.value <= 10 and not followed_by_noun:
        return True
    if number.value != 1 or toks[number.first].lower != "one":
        return False
    if prev in _ONE_IDIOMS_BEFORE or nxt_lower in _ONE_IDIOMS_AFTER:
        return True
    if nxt_lower == "of":
        after = doc[token.i + 2] if token.i + 2 < len(doc) else None
        return after is None or after.lower_ in _PRONOUNS
    if nxt_lower in ("-", "‑"):
        return False
    return not followed_by_noun
