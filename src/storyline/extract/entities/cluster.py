"""Within one article: which name candidates name the same actor, its type and full name.

A person's later "Varga" or "Minister Varga" joins the fullest form the article
gives ("Ilsa Varga"); an acronym joins the name it abbreviates; countries, their
aliases and demonyms join one place under the lexicon's name. Each cluster's type is the
majority over its mentions' votes (the model's labels plus context and titles), which
outvotes the small model's habit of calling a surname a place.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

import numpy
from spacy.attrs import ENT_TYPE, IS_LOWER, LOWER, ORTH, TAG

from ...matching.lexicon import Lexicon
from ...matching.names import initials, is_acronym, is_demonym_of, same_given_name
from ..common.columns import Array
from .columns import Columns
from .names import Candidate, Cluster, top_label

# A capital city is a place whatever the model says, unless the article's votes are lopsided
# the other way ("Sofia" as a first name); it outweighs one mislabel (a label is 2 votes).
CAPITAL_VOTE = 4
# Entity labels under which a token is not a name (a stray PRODUCT may be one).
_NOT_NAMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# A word the article also uses as a demonym ("Ostrivian" beside "Ostrivia") is a place.
DEMONYM_VOTE = 6


# Arabic article particles vary within one text ("al-Rashad", "Rashad").
_PARTICLES = frozenset({"-", ".", "al", "el"})


def _words(key: tuple[str, ...]) -> tuple[str, ...]:
    if _PARTICLES.isdisjoint(key):  # most names: no copy
        return key
    return tuple(w for w in key if w not in _PARTICLES)


def _nearest(
    candidate: Candidate,
    options: list[Cluster],
    lex: Lexicon | None = None,
    starts: _Starts | None = None,
) -> Cluster:
    """The option with the closest mention before ``candidate``, else the first one after.

    A role the candidate carries ("Kell, the minister,") first narrows the options to the
    namesake holding it. ``starts`` keeps the options' member starts sorted between calls.
    """
    if lex is not None and candidate.role_class and len(options) > 1:
        holders = [
            o
            for o in options
            if any(
                lex.roles_match(candidate.role_class, m.role_class)
                for m in o.members
                if m.role_class and m is not candidate
            )
        ]
        if len(holders) == 1:
            return holders[0]
    best: Cluster | None = None
    best_at = -1
    for option in options:
        ordered = starts.of(option) if starts is not None else _sorted_starts(option)
        k = bisect.bisect_left(ordered, candidate.start)
        if k and ordered[k - 1] > best_at:
            best, best_at = option, ordered[k - 1]
    if best is not None:
        return best
    return min(options, key=lambda o: o.first())


def _add(cluster: Cluster, candidate: Candidate) -> None:
    cluster.members.append(candidate)
    candidate.cluster = cluster


def _sorted_starts(cluster: Cluster) -> list[int]:
    return sorted(m.start for m in cluster.members)


class _Starts:
    """The sorted member starts of clusters, kept up to date as members join.

    Sorting a cluster's members for every new mention made a name said thousands of
    times in one text (a long single-paragraph dump) quadratic.
    """

    def __init__(self) -> None:
        self._lists: dict[int, list[int]] = {}

    def of(self, cluster: Cluster) -> list[int]:
        found = self._lists.get(id(cluster))
        if found is None:
            found = self._lists[id(cluster)] = _sorted_starts(cluster)
        return found

    def add(self, cluster: Cluster, candidate: Candidate) -> None:
        _add(cluster, candidate)
        found = self._lists.get(id(cluster))
        if found is not None:
            bisect.insort(found, candidate.start)


class _Persons:
    """The person clusters of an article, indexed by the words their longer forms end and
    begin with.

    Finding the owners of a short form ("Varga") by reading every member of every person
    cluster cost mentions × forms, which is quadratic in a long text; the index answers the
    same questions, with the owners in the order the clusters were made.
    """

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.starts = _Starts()
        self._at: dict[int, int] = {}
        self._ends: dict[tuple[str, ...], set[int]] = {}
        self._firsts: dict[str, set[int]] = {}

    def new(self, candidate: Candidate) -> Cluster:
        """A new person cluster holding ``candidate``."""
        cluster = Cluster(members=[])
        self._at[id(cluster)] = len(self.clusters)
        self.clusters.append(cluster)
        self.add(cluster, candidate)
        return cluster

    def add(self, cluster: Cluster, candidate: Candidate) -> None:
        """Put ``candidate`` in the person cluster ``cluster``."""
        self.starts.add(cluster, candidate)
        at = self._at[id(cluster)]
        full = _words(candidate.key)
        for n in range(1, len(full)):
            self._ends.setdefault(full[-n:], set()).add(at)
        if len(full) >= 2:
            self._firsts.setdefault(full[0], set()).add(at)

    def ending(self, words: tuple[str, ...]) -> list[Cluster]:
        """The clusters with a longer form whose last words are ``words`` ("Ilsa Varga" for
        ``("Varga",)``), in the order they were made."""
        return [self.clusters[i] for i in sorted(self._ends.get(words, ()))]

    def starting(self, word: str) -> list[Cluster]:
        """The clusters with a form of two words or more that begins with ``word``."""
        return [self.clusters[i] for i in sorted(self._firsts.get(word, ()))]


def build_clusters(names: list[Candidate], lex: Lexicon) -> list[Cluster]:
    """Group the name candidates of one article into clusters, typed and named.

    Args:
        names: candidates from :func:`collect_names`, in text order.
        lex: the lexicons.

    Returns:
        The clusters in order of first mention; every candidate's ``cluster`` is set.
    """
    forms: dict[tuple[str, ...], list[Candidate]] = {}
    for candidate in names:
        if candidate.alias_of is None:
            forms.setdefault(candidate.key, []).append(candidate)
    clusters: list[Cluster] = []
    persons = _person_clusters(forms, lex, clusters)
    fixed: dict[str, Cluster] = {}
    pending: list[tuple[tuple[str, ...], list[Candidate]]] = []
    for key, members in forms.items():
        if members[0].cluster is not None:
            continue
        # The same for every member: a member joining a person adds no form longer than
        # its own key, so the owners of this key do not change inside the loop.
        ending = persons.ending(_words(key))
        for candidate in members:
            owners = ending
            if not owners and len(key) == 1 and candidate.label() == "PERSON":
                # A first name alone ("Dana" in a headline) for the one person it begins.
                owners = persons.starting(key[0])
                owners = owners if len(owners) == 1 else []
            if owners and lex.country(key) is None:
                persons.add(_nearest(candidate, owners, lex, persons.starts), candidate)
        members = [m for m in members if m.cluster is None]
        if members:
            pending.append((key, members))
    acronyms: list[tuple[tuple[str, ...], list[Candidate]]] = []  # after the names they stand for
    for key, members in pending:
        if (
            is_acronym(members[0].text)
            and lex.organizations.get(key) is None
            and lex.country(key) is None
        ):
            acronyms.append((key, members))
            continue
        cluster = _lexicon_cluster(key, members, lex, fixed)
        if cluster is None:
            cluster = Cluster(members=[])
            clusters.append(cluster)
        elif cluster not in clusters:
            clusters.append(cluster)
        for member in members:
            _add(cluster, member)
    for _, members in acronyms:
        cluster = _expansion(members[0].text, clusters) or Cluster(members=[])
        if cluster not in clusters:
            clusters.append(cluster)
        for member in members:
            _add(cluster, member)
    for candidate in names:
        if candidate.alias_of is not None:
            owner = candidate.alias_of.cluster
            if owner is None:
                owner = Cluster(members=[])
                clusters.append(owner)
            _add(owner, candidate)
    clusters = _merge_org_short_forms(_link_demonyms(clusters), lex)
    _vote_facility_places(clusters)
    for cluster in clusters:
        _finish(cluster, lex)
    clusters.sort(key=lambda c: c.first())
    return clusters


def _vote_facility_places(clusters: list[Cluster]) -> None:
    """A one-word name that also begins a facility's name ("Tolva" and "the Tolva
    crossing") is the place the facility is named after."""
    firsts = {m.key[0] for c in clusters for m in c.members if m.kind == "facility"}
    for cluster in clusters:
        member = cluster.members[0]
        if (
            not cluster.fixed
            and len(member.key) == 1
            and member.key[0] in firsts
            and not any(m.role for m in cluster.members)
        ):
            member.votes["GPE"] += DEMONYM_VOTE


def _link_demonyms(clusters: list[Cluster]) -> list[Cluster]:
    """Fold "Ostrivian" into "Ostrivia" when both are in the article (the lexicon only
    knows real countries); the place gains votes as a place, a plural stays a group."""
    singles = [c for c in clusters if not c.fixed and len(c.members[0].key) == 1]
    places = {c.members[0].text: c for c in singles}
    # A demonym begins with its place's first three letters (a place has four or more),
    # so only the places sharing them are tried, in the same order.
    by_prefix: dict[str, list[tuple[str, Cluster]]] = {}
    for text, named in places.items():
        by_prefix.setdefault(text.lower()[:3], []).append((text, named))
    single = set(singles)
    out: list[Cluster] = []
    for cluster in clusters:
        word = cluster.members[0].text
        place = None
        if cluster in single and not any(m.role for m in cluster.members):
            place = next(
                (
                    c
                    for t, c in by_prefix.get(word.lower()[:3], ())
                    if c is not cluster and is_demonym_of(word, t)
                ),
                None,
            )
        if place is None:
            out.append(cluster)
            continue
        if word.endswith("s") and not place.members[0].text.endswith("s"):
            cluster.type, cluster.fixed = "NORP", True
            cluster.affiliation = place.members[0].text
            out.append(cluster)
            continue
        for member in cluster.members:
            member.votes = Counter({"GPE": DEMONYM_VOTE})
            member.kind = "demonym"
            _add(place, member)
    return out


def _merge_org_short_forms(clusters: list[Cluster], lex: Lexicon) -> list[Cluster]:
    """A generic organization word that ends exactly one longer name ("the Front" after
    "the Sable Front") is that organization. A distinctive one-word name is not: "Sable"
    is not "Sable Front"."""
    long_orgs: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        if top_label(cluster.votes()) != "ORG":
            continue
        for member in cluster.members:
            words = _words(member.key)
            if len(words) >= 2:
                long_orgs.setdefault(words[-1], []).append(cluster)
    out: list[Cluster] = []
    for cluster in clusters:
        keys = {_words(m.key) for m in cluster.members}
        word = next(iter(keys))[0] if len(keys) == 1 and next(iter(keys)) else ""
        owners = set(long_orgs.get(word, ())) if word in lex.org_words else set()
        if (
            len(keys) == 1
            and len(next(iter(keys))) == 1
            and not cluster.fixed
            and len(owners) == 1
            and cluster not in owners
            and top_label(cluster.votes()) == "ORG"
        ):
            owner = owners.pop()
            for member in cluster.members:
                _add(owner, member)
            continue
        out.append(cluster)
    return out


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _nickname_of(cluster: Cluster, key: tuple[str, ...]) -> bool:
    """Whether ``key`` is a person's name under another form of the first name or
    without a middle initial: "Joe Varga" for "Thomas R. Varga", "Bill Smith" for
    "William Smith", "Tomas Varga" for "Tomas R. Varga" (not for "Tomas K. Varga" when
    both carry an initial and they differ: those are two people)."""
    words = _words(key)
    middle = {w for w in words[1:-1] if _initial(w)}
    for member in cluster.members:
        full = _words(member.key)
        if (
            len(full) >= 2
            and full[-1] == words[-1]
            and full != words
            and same_given_name(full[0], words[0])
            and not _initial(words[0])
            and not _initial(full[0])
        ):
            held = {w for w in full[1:-1] if _initial(w)}
            if not (middle and held and middle != held):
                return True
    return False


def _person_clusters(
    forms: dict[tuple[str, ...], list[Candidate]], lex: Lexicon, clusters: list[Cluster]
) -> _Persons:
    """Clusters for the multi-word person names, a shorter form joining a longer one.

    A form joins the person whose longer form ends with it ("Varga" → "Ilsa Varga"), else
    the one it names under another first name (:func:`_nickname_of`).
    """
    families = _Families(forms)
    full = [
        key
        for key in forms
        if len(_words(key)) >= 2
        and lex.country(key) is None
        and key not in lex.organizations
        and (top_label(families.votes(key)) == "PERSON" or _reads_as_person(forms[key]))
    ]
    full.sort(key=lambda k: -len(_words(k)))
    persons = _Persons()
    for key in full:
        words = _words(key)
        # A nickname's person has a longer form with the same last word.
        owners = persons.ending(words) or [
            p for p in persons.ending(words[-1:]) if _nickname_of(p, key)
        ]
        for candidate in forms[key]:
            if owners:
                persons.add(_nearest(candidate, owners, lex, persons.starts), candidate)
            else:
                cluster = persons.new(candidate)
                clusters.append(cluster)
                owners = [cluster]
    return persons


def _reads_as_person(members: list[Candidate]) -> bool:
    """Whether a full form is a person whatever its surname's own labels: it reads as a
    full name (given name first) and its own votes say person. The small model calls a
    lone "Varga" an organization or a place as often as not; those labels do not outvote
    "Ilsa Varga", they join her."""
    votes: Counter[str] = Counter()
    for member in members:
        votes.update(member.votes)
    return any(m.given for m in members) and top_label(votes) == "PERSON"


class _Families:
    """The forms of an article indexed by their words without particles, to sum a form's
    votes with those of its shorter final forms without reading every form each time."""

    def __init__(self, forms: dict[tuple[str, ...], list[Candidate]]) -> None:
        self._votes: dict[tuple[str, ...], Counter[str]] = {}
        for other, members in forms.items():
            short = _words(other)
            if short:
                total = self._votes.setdefault(short, Counter())
                for member in members:
                    total.update(member.votes)

    def votes(self, key: tuple[str, ...]) -> Counter[str]:
        """Votes of a multi-word form and of its shorter final forms ("Mara Sten" and
        "Sten"): the model may call the full name an organization once and the surname
        a person three times."""
        words = _words(key)
        total: Counter[str] = Counter()
        for n in range(1, len(words) + 1):
            total.update(self._votes.get(words[-n:], ()))
        return total


def _lexicon_cluster(
    key: tuple[str, ...], members: list[Candidate], lex: Lexicon, fixed: dict[str, Cluster]
) -> Cluster | None:
    """The shared cluster of a country (by any alias or demonym) or a listed organization."""
    country = lex.country(key)
    if country is not None and key in lex.plural_demonyms and members[0].label() != "PERSON":
        group = fixed.setdefault(f"NORP:{' '.join(key)}", Cluster(members=[], type="NORP"))
        group.fixed, group.affiliation = True, country
        return group
    if country is not None:
        place = fixed.setdefault(f"GPE:{country}", Cluster(members=[], name=country, type="GPE"))
        place.fixed = True
        return place
    org = lex.organizations.get(key)
    if org is not None:
        found = fixed.setdefault(f"ORG:{org}", Cluster(members=[], name=org, type="ORG"))
        found.fixed = True
        return found
    if key in lex.capitals:
        for member in members:
            member.votes["GPE"] += CAPITAL_VOTE
    return None


def _expansion(acronym: str, clusters: Iterable[Cluster]) -> Cluster | None:
    """The non-person cluster whose multi-word name the acronym abbreviates."""
    letters = acronym.replace(".", "")
    for cluster in clusters:
        for member in cluster.members:
            if (
                len(member.key) >= 2
                and initials(member.text) == letters
                and top_label(cluster.votes()) != "PERSON"
            ):
                return cluster
    return None


def _finish(cluster: Cluster, lex: Lexicon) -> None:
    """Type, canonical name, roles of a cluster from its members."""
    if not cluster.fixed:
        full = [m for m in cluster.members if m.given]
        cluster.type = "PERSON" if full and _reads_as_person(full) else top_label(cluster.votes())
    if not cluster.name:
        cluster.name = _canonical(cluster)
        if cluster.type == "GPE" and cluster.name.isupper() and len(cluster.name) > 4:
            cluster.name = cluster.name.title()  # a dateline's "MERRIN" with no other form
    for member in cluster.members:
        if member.role_class:
            cluster.classes.add(member.role_class)
        if member.role:
            cluster.roles.add(member.role)
            if cluster.role is None:
                cluster.role, cluster.role_class = member.role, member.role_class


def _canonical(cluster: Cluster) -> str:
    """The fullest form, from the body when it has a full name (a headline's "Crooked Dana
    Voss Says" is no name), then
    the most frequent, then the first; acronyms and demonyms only when nothing else; as
    written in mixed case where the article has it so ("Vantis" over a dateline "VANTIS")."""
    named = [m for m in cluster.members if m.kind != "demonym"] or cluster.members
    members = [m for m in named if not m.headline]
    if not any(len(_words(m.key)) >= 2 for m in members):
        members = named  # the headline's "Dana Voss" when the body only says "Voss"
    counts = Counter(m.key for m in members)
    first_text: dict[tuple[str, ...], str] = {}
    for member in sorted(members, key=lambda m: (m.text.isupper(), m.start)):
        first_text.setdefault(member.key, member.text)
    best = max(
        counts,
        key=lambda k: (
            not is_acronym(first_text[k]),
            not first_text[k].isupper(),
            len(_words(k)),
            counts[k],
            -min(m.start for m in members if m.key == k),
        ),
    )
    return first_text[best].replace("’", "'")


def resolve_affiliations(clusters: list[Cluster], cols: Columns, lex: Lexicon) -> None:
    """Each cluster's affiliation: from its members' titles, else a demonym before its name.

    Runs once every cluster is named, since an affiliation may be another cluster.
    """
    for cluster in clusters:
        if cluster.affiliation is not None or cluster.type == "GPE":
            continue
        for member in sorted(cluster.members, key=lambda m: m.start):
            found = affiliation_name(member.affiliation)
            if found is None and cluster.type == "ORG" and member.start > 0:
                # "Lebanese Khaled militia": a demonym right before an organization's name.
                found = lex.demonyms.get(cols.span_key(member.start - 1, member.start))
            if found:
                cluster.affiliation = found
                break


def affiliation_name(value: Candidate | str | None) -> str | None:
    """A candidate's affiliation as a name: its cluster's name, or the string itself."""
    if isinstance(value, Candidate):
        if value.cluster is not None and value.cluster.type == "NORP":
            return value.cluster.affiliation or value.cluster.name
        return value.cluster.name if value.cluster is not None else value.text
    return value


def _surname_words(cols: Columns, clusters: list[Cluster]) -> Array:
    """Tokens spelling the surname of a person named in full, whatever their tag: the
    tagger often reads a surname opening a sentence ("Varga said") as a verb or a common
    noun. Not a word the article also writes in lower case ("Young", "Fields")."""
    surnames = {
        c.name.split()[-1]
        for c in clusters
        if c.type == "PERSON" and any(m.given for m in c.members)
    }
    if not surnames:
        return numpy.zeros(cols.size, dtype=bool)
    names, inverse = cols.named(LOWER)
    lowered = numpy.unique(inverse[cols.array(IS_LOWER) != 0]).tolist()
    common = {names[k] for k in lowered}
    return cols.test(ORTH, lambda text: text in surnames and text.lower() not in common)


def recover_missed(
    cols: Columns,
    clusters: list[Cluster],
    names: list[Candidate],
    taken: set[int],
    org_words: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Single-word names the model missed elsewhere: another "Varga", a later "CRC".

    A proper noun that spells a one-word form of a person or organization cluster (or a
    person's surname) joins that cluster; a surname two people share goes to the nearer.

    Returns:
        The new candidates, already added to their clusters.
    """
    surfaces: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        if cluster.type not in ("PERSON", "ORG"):
            continue
        texts = {m.text for m in cluster.members if len(m.key) == 1}
        if cluster.type == "PERSON":
            texts.add(cluster.name.split()[-1])
        elif cluster.name.split()[-1].lower() in org_words:
            # "the Forum" after "the Captives' Families Forum"
            texts.add("the " + cluster.name.split()[-1])
        for text in texts:
            if len(text) >= 2 and text.removeprefix("the ")[:1].isupper():
                surfaces.setdefault(text, []).append(cluster)
    if not surfaces:
        return []
    covered = set(taken)
    for candidate in names:
        covered.update(range(candidate.start, candidate.end))
    found: list[Candidate] = []
    starts = _Starts()
    # The tests on the token's own columns first, in numpy over the whole text.
    proper = cols.test(TAG, lambda tag: tag.startswith("NNP")) | _surname_words(cols, clusters)
    proper &= ~cols.isin(ENT_TYPE, _NOT_NAMES)
    for i in numpy.flatnonzero(proper).tolist():
        if i in covered:
            continue
        text = cols.token_text(i)
        owners = surfaces.get(text)
        if owners is None and i > 0 and cols.lower[i - 1] == "the":
            owners = surfaces.get("the " + text)
        if owners is None:
            continue
        candidate = Candidate(i, i + 1, text, cols.span_key(i, i + 1))
        starts.add(_nearest(candidate, owners, starts=starts), candidate)
        found.append(candidate)
    return found
