"""Stories: syndicated copies counted once, related reports grouped, strangers alone."""

from __future__ import annotations

from storyline.models import Article, Entity
from storyline.resolve.stories import build_stories, find_copies

TALKS = (
    "Mediators in Portvale said the Veyra Front had answered a three-phase truce proposal "
    "and that envoys of Tarvenia would study the reply. The first phase would free twelve "
    "detainees held since the spring offensive, and a corridor for food convoys would open "
    "at the Keld crossing. Tarvenian officials said the withdrawal terms were unacceptable.",
    "Envoys of Tarvenia met mediators in Portvale again on Thursday to discuss the truce "
    "proposal. The Veyra Front wants a full withdrawal before the detainees go free, a "
    "spokesman said, while Tarvenia insists on a phased release and a corridor at Keld.",
    "The truce talks in Portvale stalled after the Veyra Front rejected a counterproposal "
    "from Tarvenia on the release of detainees. Mediators said the corridor at the Keld "
    "crossing would stay closed until both sides agreed on the withdrawal schedule.",
)
WEATHER = (
    "A late frost damaged orchards across the northern valleys, growers reported on Monday. "
    "Apple and pear blossoms froze overnight, and the agriculture board expects smaller "
    "harvests and higher fruit prices at markets this autumn."
)


def _article(i: str, text: str, day: str, outlet: str = "Ledger") -> Article:
    return Article(id=i, text=text, title=None, outlet=outlet, published=day)


def _entities() -> list[Entity]:
    return [
        Entity(id="e1", name="Veyra Front", type="ORG", mentions=4, articles=("a", "b", "c")),
        Entity(id="e2", name="Tarvenia", type="GPE", mentions=5, articles=("a", "b", "c", "d")),
        Entity(id="e3", name="Portvale", type="GPE", mentions=3, articles=("a", "b", "c")),
    ]


def test_a_reprint_is_a_copy_of_the_earliest() -> None:
    original = _article("a", TALKS[0], "2025-03-10")
    reprint = _article("d", "PORTVALE (Wire) — " + TALKS[0] + " Reporting by staff.", "2025-03-11")
    other = _article("b", TALKS[1], "2025-03-12")
    assert find_copies([reprint, other, original]) == {"d": "a"}


def test_related_reports_form_one_story_and_a_stranger_stays_alone() -> None:
    articles = [
        _article("a", TALKS[0], "2025-03-10"),
        _article("b", TALKS[1], "2025-03-13", "Kestrel"),
        _article("c", TALKS[2], "2025-03-20", "Bluewater"),
        _article("d", "PORTVALE (Wire) — " + TALKS[0], "2025-03-10", "Wire"),
        _article("w", WEATHER, "2025-03-12"),
    ]
    stories = build_stories(articles, _entities())
    assert [sorted(s.articles) for s in stories] == [["a", "b", "c", "d"], ["w"]]
    talks = stories[0]
    assert talks.copies == {"d": "a"}
    assert (talks.first, talks.last) == ("2025-03-10", "2025-03-20")
    assert talks.top_entities[:3] == ("Tarvenia", "Veyra Front", "Portvale")
    assert "Tarvenia" in talks.label
    assert talks.id.startswith("s-") and talks.to_dict()["articles"][0] == "a"


def test_reports_far_apart_in_time_are_not_linked_directly() -> None:
    articles = [_article("a", TALKS[0], "2025-01-01"), _article("b", TALKS[1], "2025-09-01")]
    assert len(build_stories(articles, _entities())) == 2


def test_no_articles_no_stories() -> None:
    assert build_stories([], []) == []
