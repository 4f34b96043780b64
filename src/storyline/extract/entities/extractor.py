"""The ``entities`` extractor: every name and descriptor, with its article-level entity.

One :class:`~storyline.models.Mention` per mention, carrying the canonical name of the
actor it belongs to in this article (a person's fullest form: "Ilsa Varga" for a
later "Varga", "Minister Varga" or "Varga's"), the type settled by majority over
the article's mentions and the lexicons, and the role and affiliation its titles and
appositions give. The steps live in their own modules:

- :mod:`.entities_names` — names from ``doc.ents``, cleaned, with titles and type votes;
- :mod:`.entities_cluster` — names that belong together, their type and full name;
- :mod:`.entities_descriptors` — "the prime minister", "an Ostrivian official", "Calderan
  officials", "Tarn's office".

Other extractors look mentions up by position with
:class:`~storyline.extract.mentions.MentionIndex`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...matching.lexicon import load_lexicon
from ...models import Mention
from ..common.authors import TitleName, read_authors, titled_people
from ..registry import Context, register
from .cluster import affiliation_name, build_clusters, recover_missed, resolve_affiliations
from .columns import Columns
from .descriptors import TitleVoices, find_descriptors
from .names import Candidate, collect_names


@register("entities", version=5)
def extract_entities(doc: Doc, context: Context) -> list[Mention]:
    """The article's mentions of people, organizations and places, in text order."""
    lex = load_lexicon()
    text = context.article.text  # the same as doc.text, which spaCy rebuilds on each access
    cols = Columns(doc, text)
    names, taken = collect_names(cols, lex, outlet=context.article.outlet)
    clusters = build_clusters(names, lex)
    names.extend(recover_missed(cols, clusters, names, taken, lex.org_words))
    resolve_affiliations(clusters, cols, lex)
    # An official statement's or readout's title names who speaks: its "the President".
    known = [TitleName(c.name, c.type) for c in clusters]
    speakers = read_authors(context.article.title, known)
    principal = next((a.name for a in speakers.authors if a.type == "PERSON"), None)
    offices = {k: v.name for k, v in titled_people(context.article.title, known).items()}
    voices = TitleVoices(principal, offices)
    descriptors = find_descriptors(cols, names, clusters, taken, lex, voices)
    mentions = [_mention(cols, context.article.id, c) for c in (*names, *descriptors)]
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _mention(cols: Columns, article_id: str, candidate: Candidate) -> Mention:
    start = cols.starts[candidate.start]
    end = cols.ends[candidate.end - 1]
    cluster = candidate.cluster
    if candidate.kind == "descriptor":
        name = candidate.name or candidate.text
        kind = candidate.type or "OTHER"
        role = candidate.role
        affiliation = affiliation_name(candidate.affiliation)
        if cluster is not None:
            affiliation = cluster.affiliation or affiliation
    elif cluster is not None:
        name, kind, role, affiliation = (
            cluster.name,
            cluster.type,
            cluster.role,
            cluster.affiliation,
        )
    else:
        name, kind, role, affiliation = candidate.text, candidate.label(), candidate.role, None
    return Mention(
        article=article_id,
        start=start,
        end=end,
        text=cols.text[start:end],
        name=name,
        type=kind,
        role=role,
        affiliation=affiliation,
    )
