"""Who is mentioned where: the actor lexicon and mention finding.

The lexicon (``data/actors.yaml``) maps literal surface forms ("Moscow",
"Kremlin", "Putin") to canonical actors ("Russia"). All terms are compiled into
ONE regular expression, longest term first, so a sentence is scanned once
whatever the size of the lexicon and "Russian Federation" wins over "Russian".
Matching is case-sensitive (every term is a proper noun; "US" must not match
"us") and bounded by non-word characters, so possessives ("Russia's",
"Russia’s") and hyphenated compounds ("Russian-Azerbaijani" mentions both
countries) are found. An actor's ``exclude`` patterns drop the uses of its names
that do not refer to the state ("Georgian Dream" party, "ethnic Armenians",
"Georgian farmland"): a mention inside a match of one of them is not reported.
An actor's ``places`` (its capital) are names that also denote a city: used as the
place ("a diplomat in Moscow", "flew to Baku") they are no mention of the state,
while "Moscow said", "officials in Yerevan" or "pressure from Moscow" still are
(see :func:`place_reading`).

Example:
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"],
    ...     "start": [10], "text": ["Moscow’s view of Russian-Azerbaijani ties."]})
    >>> find_mentions(sentences)[["actor", "surface", "start", "doc_start"]].values.tolist()
    [['Russia', 'Moscow', 0, 10], ['Russia', 'Russian', 17, 27], ['Azerbaijan', 'Azerbaijani', 25, 35]]
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import config
from analysis.io import read_yaml

__all__ = [
    "LEXICON_COLUMNS",
    "MENTION_COLUMNS",
    "IGNORED_KIND",
    "EXCLUDE_KIND",
    "PLACE_KIND",
    "load_lexicon",
    "compile_lexicon",
    "name_rows",
    "exclusions",
    "find_mentions",
    "place_reading",
    "resolve_target",
    "target_actor",
    "target_sentences",
]

#: Columns of the lexicon table.
LEXICON_COLUMNS: list[str] = ["actor", "kind", "term", "pattern"]
#: Columns of the mentions table (docs/ARCHITECTURE.md).
MENTION_COLUMNS: list[str] = [
    "doc_id", "sentence_id", "actor", "surface", "start", "end", "doc_start", "doc_end",
]
#: ``kind`` of lexicon rows from the ``ignore`` list: they claim a span but are no mention.
IGNORED_KIND: str = "ignore"
#: ``kind`` of lexicon rows from an actor's ``exclude`` list: ``term`` holds the regex as written.
EXCLUDE_KIND: str = "exclude"
#: ``kind`` of lexicon rows from an actor's ``places`` list: ``term`` is one of its terms that names a city.
PLACE_KIND: str = "place"


def _read_lexicon_file(path: Path) -> dict[str, Any]:
    """Read and validate one lexicon YAML file (see ``data/actors.yaml``)."""
    data = read_yaml(path, "actor lexicon")
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
        raise ValueError(f"{path}: expected a mapping with an `actors:` list (see data/actors.yaml).")
    for i, entry in enumerate(data.get("actors", [])):
        if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
            raise ValueError(f"{path}: actors[{i}] has no `name:`; every actor needs name and terms.")
        terms = entry.get("terms")
        if not isinstance(terms, list) or not terms or not all(
            isinstance(t, str) and t.strip() for t in terms
        ):
            raise ValueError(
                f"{path}: actor {entry['name']!r} (actors[{i}]) needs `terms:` as a non-empty "
                "list of strings."
            )
        exclude = entry.get("exclude", [])
        if not isinstance(exclude, list) or not all(isinstance(p, str) and p.strip() for p in exclude):
            raise ValueError(f"{path}: actor {entry['name']!r} (actors[{i}]): `exclude:` must be a list of "
                             "regex strings.")
        for p in exclude:
            try:
                re.compile(p)
            except re.error as err:
                raise ValueError(f"{path}: actor {entry['name']!r} (actors[{i}]): exclude {p!r} is not a "
                                 f"valid regex ({err}).") from err
        places = entry.get("places", [])
        if not isinstance(places, list) or not all(isinstance(p, str) and p.strip() for p in places):
            raise ValueError(f"{path}: actor {entry['name']!r} (actors[{i}]): `places:` must be a list of "
                             "strings.")
        not_terms = [p for p in places if p.strip() not in {t.strip() for t in terms}]
        if not_terms:
            raise ValueError(f"{path}: actor {entry['name']!r} (actors[{i}]): places {not_terms[0]!r} is not "
                             "one of its `terms:`; a place must also be listed as a term.")
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(t, str) and t.strip() for t in ignore):
        raise ValueError(f"{path}: `ignore:` must be a list of strings.")
    return data


def _term_pattern(term: str) -> str:
    # Lookarounds instead of \b so that terms ending in a dot ("U.S.") still work.
    return r"(?<!\w)" + re.escape(term) + r"(?!\w)"


def _exclude_pattern(pattern: str) -> str:
    # Case-insensitive: the name inside was already matched case-sensitively as a term;
    # "Ethnic Armenians" at a sentence start is the same use as "ethnic Armenians".
    return r"(?i:(?<!\w)(?:" + pattern + r")(?!\w))"


def load_lexicon(
    path: str | os.PathLike | None = None, extra: str | os.PathLike | None = None
) -> pd.DataFrame:
    """Load the actor lexicon as a table, optionally extended by a user file.

    Args:
        path: Lexicon YAML; defaults to ``config.ACTOR_LEXICON_PATH``.
        extra: Optional user YAML in the same format. New actors are added;
            terms of an actor that already exists are appended to it.

    Returns:
        One row per (actor, term), columns ``actor``, ``kind``, ``term``,
        ``pattern`` (the regex for the term), sorted by actor then term.
        ``ignore`` entries have ``kind == "ignore"`` and an empty actor; an
        actor's ``exclude`` patterns have ``kind == "exclude"``, the actor, the
        regex as written in ``term`` and its word-bounded form in ``pattern``;
        an actor's ``places`` have ``kind == "place"`` and the term.

    Raises:
        FileNotFoundError: If a file does not exist.
        ValueError: If a file is malformed (the message names the file and entry)
            or one term is given to two different actors.

    Example:
        >>> lexicon = load_lexicon()
        >>> lexicon.loc[lexicon.term == "Kremlin", "actor"].item()
        'Russia'
    """
    files = [Path(path) if path is not None else config.ACTOR_LEXICON_PATH]
    if extra is not None:
        files.append(Path(extra))
    kinds: dict[str, str] = {}
    owner: dict[str, tuple[str, Path]] = {}
    ignored: set[str] = set()
    excluded: dict[tuple[str, str], None] = {}  # (actor, regex), in file order without repeats
    places: dict[tuple[str, str], None] = {}  # (actor, term naming a city)
    for file in files:
        data = _read_lexicon_file(file)
        for entry in data.get("actors", []):
            name = str(entry["name"]).strip()
            kinds.setdefault(name, str(entry.get("kind", "")).strip())
            excluded.update(((name, p.strip()), None) for p in entry.get("exclude", []))
            places.update(((name, p.strip()), None) for p in entry.get("places", []))
            for term in entry["terms"]:
                term = term.strip()
                if term in owner and owner[term][0] != name:
                    raise ValueError(
                        f"{file}: term {term!r} is given to {name!r} but already belongs to "
                        f"{owner[term][0]!r} ({owner[term][1]}). A term can name one actor only."
                    )
                owner[term] = (name, file)
        ignored.update(t.strip() for t in data.get("ignore", []))
    rows = [
        {"actor": actor, "kind": kinds[actor], "term": term, "pattern": _term_pattern(term)}
        for term, (actor, _) in owner.items()
    ]
    rows += [
        {"actor": "", "kind": IGNORED_KIND, "term": t, "pattern": _term_pattern(t)}
        for t in ignored
        if t not in owner
    ]
    rows += [
        {"actor": actor, "kind": EXCLUDE_KIND, "term": p, "pattern": _exclude_pattern(p)}
        for actor, p in excluded
    ]
    rows += [
        {"actor": actor, "kind": PLACE_KIND, "term": p, "pattern": _term_pattern(p)}
        for actor, p in places
    ]
    table = pd.DataFrame(rows, columns=LEXICON_COLUMNS)
    return table.sort_values(["actor", "term"], ignore_index=True)


@functools.lru_cache(maxsize=8)
def _compile(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")


def name_rows(lexicon: pd.DataFrame) -> pd.DataFrame:
    """The rows that are names (terms and ignored words), without ``exclude`` patterns and ``places``."""
    return lexicon[~lexicon["kind"].isin([EXCLUDE_KIND, PLACE_KIND])]


def compile_lexicon(lexicon: pd.DataFrame) -> tuple[re.Pattern[str], dict[str, str]]:
    """Build the single combined regex and the surface -> actor map.

    Alternatives are ordered longest first (ties alphabetically) because Python's
    regex takes the first alternative that matches at a position: this is what
    makes the longest term win.

    Args:
        lexicon: A table from :func:`load_lexicon`.

    Returns:
        ``(regex, actor_of_term)``; ignored terms map to ``""``. ``exclude`` rows
        and ``place`` rows are not terms and are left out (:func:`find_mentions`
        applies them).

    Example:
        >>> regex, actor_of = compile_lexicon(load_lexicon())
        >>> m = regex.search("the Russian Federation said")
        >>> m.group(), actor_of[m.group()]
        ('Russian Federation', 'Russia')
    """
    names = name_rows(lexicon)
    terms = tuple(sorted(names["term"], key=lambda t: (-len(t), t)))
    actor_of = dict(zip(names["term"], names["actor"]))
    return _compile(terms), actor_of


@functools.lru_cache(maxsize=8)
def _compile_exclusions(patterns: tuple[tuple[str, str], ...]) -> dict[str, tuple[re.Pattern[str], ...]]:
    by_actor: dict[str, list[str]] = {}
    for actor, pattern in patterns:
        by_actor.setdefault(actor, []).append(pattern)
    # First all of them in one regex (a quick "none begins here"), then each on its own.
    return {actor: (re.compile("|".join(ps)), *(re.compile(p) for p in ps)) for actor, ps in by_actor.items()}


def exclusions(lexicon: pd.DataFrame) -> dict[str, tuple[re.Pattern[str], ...]]:
    """Actor -> its compiled ``exclude`` patterns, all of them in one regex first.

    Actors without any are absent.

    Args:
        lexicon: A table from :func:`load_lexicon`.

    Returns:
        The compiled patterns; a mention of the actor inside a match is no mention.

    Example:
        >>> any(p.search("the Georgian Dream party") for p in exclusions(load_lexicon())["Georgia"])
        True
    """
    rows = lexicon[lexicon["kind"] == EXCLUDE_KIND]
    return _compile_exclusions(tuple(zip(rows["actor"], rows["pattern"])))


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> pd.DataFrame:
    return load_lexicon()


#: How far before a mention an exclusion containing it may begin ("Republican Party of Armenia").
_EXCLUDE_REACH: int = 60
#: Where a phrase can begin: a word start.
_WORD_START = re.compile(r"(?<!\w)\w")


def _excluded(patterns: Sequence[re.Pattern[str]], text: str, start: int, end: int) -> bool:
    """Whether a match of one of ``patterns`` (from :func:`exclusions`) contains ``text[start:end]``.

    Each pattern is tried anchored at the word starts up to ``_EXCLUDE_REACH``
    characters before the mention, not searched through the sentence: that
    made mention finding four times slower.
    """
    combined, *each = patterns
    for s in (m.start() for m in _WORD_START.finditer(text, max(0, start - _EXCLUDE_REACH), start + 1)):
        found = combined.match(text, s)
        if found is None:  # nothing begins here (the usual case)
            continue
        # The first alternative that matched may stop short of the mention while another reaches past it.
        if found.end() >= end or any((one := p.match(text, s)) is not None and one.end() >= end for p in each):
            return True
    return False


# ---------------------------------------------------------------- a capital as the place
# "in Moscow", "flew to Baku", "from Yerevan and Tbilisi": a preposition before the name,
# optionally across one coordinated name ("to Tbilisi and Yerevan").
_PLACE_PREPOSITION = re.compile(
    r"(?<!\w)(?P<prep>(?i:in|near|outside|at|inside|around|across|throughout|to|into|from|via|through|out\s+of))"
    r"\s+(?:[A-Z][\w-]*\s+(?:and|or)\s+)?$"
)
# After these, "in/at <capital>" is the state: its people in power or what they do there
# ("officials in Yerevan", "the regime in Baku", "trust in Moscow", "decisions made in Moscow"),
# and its political class ("someone in Moscow reminds us of the bill", "few in Yerevan were fooled").
_STATE_BEFORE_IN = frozenset("""
    official officials government governments authorities leadership leaders regime power politicians
    policymakers policy-makers decision-makers establishment elite elites rulers friends partners allies
    patrons masters backers handlers trust confidence faith belief interest leverage influence sway clout
    made written decided drafted dictated hatched
    someone somebody anyone anybody nobody one everyone everybody some few many most several
""".split())
# Power seated in the capital is the state ("the real landlord sits in Moscow", "real power lies in
# Moscow"): one of these words shortly before a verb of being or sitting right before "in". A person
# who lives or stays there ("the landlord lives in Moscow", "her brother is in Moscow") is the place.
_SEATED_POWER = frozenset("""
    landlord landlords owner owners master masters boss bosses keys power decisions decision strings
    puppeteer puppeteers puppet-master
""".split())
_SEATED = frozenset("is are was were sits sit sat lies lie lay rests rest resides reside remain remains remained".split())
# Diplomacy in the capital is the host state's role ("a ceasefire brokered in Moscow", "the talks in
# Moscow", "the summit held in Yerevan"): one of these up to two words before "in".
_DIPLOMACY = frozenset("""
    brokered mediated negotiated hosted signed agreed concluded reached talks negotiations summit summits
    agreement agreements ceasefire truce deal declaration accord accords treaty meeting meetings
""".split())
# "to/from <capital>" is the place only after travel or origin ("flew to Baku", "flights to
# Tbilisi", "originally from Baku", "kilometres from Tbilisi"); otherwise it is the state
# addressed or acting ("turned to Moscow", "pressure from Moscow", "a drift away from Moscow").
_TRAVEL = frozenset("""
    fly flies flew flown flying flight flights travel travels travelled traveled travelling traveling trip trips
    visit visits visited visiting move moves moved moving return returns returned returning arrive arrives arrived
    arriving come comes came coming go goes went going drive drives drove driving fled flee flees fleeing
    relocate relocated relocating emigrate emigrated emigrating deported evacuated commute commuted road roads
    route routes highway railway train trains bus buses kilometres kilometers km miles born originally hails
    journey ride bound headed heading exodus routed shipped
""".split())
_TO_FROM = frozenset({"to", "into", "from", "via", "through", "out of"})
# Particles allowed between the travel word and the preposition ("flown in from", "moved back to").
_TRAVEL_PARTICLES = frozenset({"in", "back", "out", "over", "up", "down", "off", "directly", "straight", "home"})
# "Tbilisi's Sololaki district", "Yerevan's Republic Square": a possessive capital naming a part of the city.
_CITY_PART = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,2}?(?i:squares?|streets?|districts?|airport|metro|suburbs?|outskirts|cent(?:re|er)"
    r"|mayor|city\s+hall|residents|avenues?|boulevards?|old\s+town|neighbou?rhoods?|parks?)(?!\w)"
)
_WORD = re.compile(r"[\w-]+")


def place_reading(text: str, start: int, end: int) -> bool:
    """Whether the capital at ``text[start:end]`` is used as the place, not the state.

    The place: after a locative preposition ("a diplomat in Moscow", "lives in
    Yerevan", "near Tbilisi"), after "to"/"from" that follow travel or origin
    ("flew to Baku", "flights to Tbilisi", "originally from Baku"), or naming a
    part of the city ("Tbilisi's Sololaki district"). The state: the subject or
    object of a verb ("Moscow said", "accused Moscow"), a possessive ("in
    Moscow's view"), "in" after the people in power or a word that takes it as
    an argument ("officials in Yerevan", "trust in Moscow"), the capital's political
    class ("someone in Moscow", "few in Yerevan"), power seated there ("the real
    landlord sits in Moscow", "power lies in Moscow"), the venue of diplomacy ("a
    ceasefire brokered in Moscow", "the talks in Moscow"), "to"/"from" without
    travel ("turned to Moscow", "pressure from Moscow"), and the opening "In
    Moscow, ..." of a wire report, which introduces the state's reaction.

    Args:
        text: The sentence.
        start: Start of the capital's name.
        end: Its end.

    Returns:
        True for the place reading.

    Example:
        >>> place_reading("a diplomat in Moscow", 14, 20), place_reading("officials in Moscow said", 13, 19)
        (True, False)
    """
    if _CITY_PART.match(text, end):
        return True
    if text[end:end + 2] in ("'s", "’s"):
        return False
    found = _PLACE_PREPOSITION.search(text, max(0, start - 60), start)
    if found is None:
        return False
    prep = " ".join(found.group("prep").lower().split())
    before = [w.lower() for w in _WORD.findall(text, max(0, found.start() - 40), found.start())]
    if prep in _TO_FROM:
        # a travel word right before, or before one particle: "flights to", "flown in from", "moved back to"
        # (not "moving closer to Moscow": the travel is political there)
        if before and before[-1] in _TRAVEL_PARTICLES:
            before = before[:-1]
        return bool(before) and before[-1] in _TRAVEL
    if not before:  # "In Moscow, the Foreign Ministry rejected ...": the wire report's state reaction
        return False
    if before[-1] in _SEATED and any(w in _SEATED_POWER for w in before[-6:-1]):
        return False
    return before[-1] not in _STATE_BEFORE_IN and not any(w in _DIPLOMACY for w in before[-2:])


def find_mentions(sentences: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find every actor mention in every sentence.

    Args:
        sentences: Sentences table (needs ``doc_id``, ``sentence_id``, ``text``;
            ``start`` is used for document offsets, 0 if absent).
        lexicon: Table from :func:`load_lexicon`; the packaged lexicon if None.

    Returns:
        The mentions table (``MENTION_COLUMNS``), in sentence order then by
        offset. ``start``/``end`` index the sentence text, ``doc_start``/
        ``doc_end`` the document text.

    Raises:
        KeyError: If ``sentences`` lacks a required column.

    Example:
        >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"],
        ...                   "text": ["All-Russian Azerbaijani Congress in Latin America"]})
        >>> find_mentions(s)[["actor", "surface"]].values.tolist()
        [['All-Russian Azerbaijani Congress', 'All-Russian Azerbaijani Congress']]
    """
    missing = {"doc_id", "sentence_id", "text"} - set(sentences.columns)
    if missing:
        raise KeyError(f"find_mentions: sentences table lacks columns {sorted(missing)}; "
                       "build it with analysis.text.split_sentences.")
    lexicon = _default_lexicon() if lexicon is None else lexicon
    regex, actor_of = compile_lexicon(lexicon)
    excluded = exclusions(lexicon)
    places = set(zip(*(lexicon.loc[lexicon["kind"] == PLACE_KIND, c] for c in ("actor", "term"))))
    offsets = sentences["start"] if "start" in sentences.columns else [0] * len(sentences)
    rows: list[tuple] = []
    for doc_id, sentence_id, text, offset in zip(
        sentences["doc_id"], sentences["sentence_id"], sentences["text"], offsets
    ):
        if not isinstance(text, str):
            continue
        offset = int(offset)
        for match in regex.finditer(text):
            actor = actor_of[match.group()]
            if actor:
                a, b = match.span()
                if actor in excluded and _excluded(excluded[actor], text, a, b):
                    continue
                if (actor, match.group()) in places and place_reading(text, a, b):
                    continue
                rows.append((doc_id, sentence_id, actor, match.group(), a, b, offset + a, offset + b))
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for col in ("start", "end", "doc_start", "doc_end"):
        mentions[col] = mentions[col].astype("int64")
    return mentions


def resolve_target(name: str, lexicon: pd.DataFrame | None = None) -> str:
    """Return the canonical actor for a user-given target name.

    Accepts a canonical name in any case ("russia") or any lexicon term
    ("Kremlin").

    Args:
        name: Target as typed by the user.
        lexicon: Table from :func:`load_lexicon`; the packaged lexicon if None.

    Returns:
        The canonical actor name.

    Raises:
        ValueError: If nothing matches; the message lists the available actors.

    Example:
        >>> resolve_target("russia"), resolve_target("Kremlin")
        ('Russia', 'Russia')
    """
    lexicon = _default_lexicon() if lexicon is None else lexicon
    lexicon = name_rows(lexicon)
    actors = sorted(a for a in lexicon["actor"].unique() if a)
    by_lower = {a.lower(): a for a in actors}
    wanted = str(name).strip()
    if wanted.lower() in by_lower:
        return by_lower[wanted.lower()]
    hits = lexicon.loc[(lexicon["term"] == wanted) & (lexicon["actor"] != ""), "actor"]
    if len(hits):
        return str(hits.iloc[0])
    raise ValueError(
        f"Unknown target {name!r}. Available actors: {', '.join(actors)}. "
        "To analyse another actor, copy src/analysis/data/actors.yaml, add it with its names, and pass the copy "
        "(`analysis report --lexicon FILE`, `-p lexicon=FILE`, or load_lexicon(extra=FILE) in Python)."
    )


def target_sentences(
    sentences: pd.DataFrame, mentions: pd.DataFrame, target: str = config.DEFAULT_TARGET
) -> pd.DataFrame:
    """Keep the sentences that mention ``target``.

    Args:
        sentences: Sentences table.
        mentions: Mentions table from :func:`find_mentions`.
        target: Actor name or term (resolved with :func:`resolve_target`).

    Returns:
        The matching rows of ``sentences`` (original order and columns).

    Raises:
        ValueError: If ``target`` is unknown.

    Example:
        >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": ["d:0000", "d:0001"],
        ...                   "text": ["Baku agreed.", "The Kremlin agreed."]})
        >>> target_sentences(s, find_mentions(s), "Russia").text.tolist()
        ['The Kremlin agreed.']
    """
    actor = target_actor(target, mentions)
    ids = set(mentions.loc[mentions["actor"] == actor, "sentence_id"])
    return sentences[sentences["sentence_id"].isin(ids)]


def target_actor(target: str, mentions: pd.DataFrame) -> str:
    """The canonical actor that ``target`` names, given a mentions table.

    A user lexicon may define actors the packaged one lacks, so an actor present in
    ``mentions`` is taken as it is; anything else goes through :func:`resolve_target`.

    Args:
        target: Actor name or lexicon term.
        mentions: Mentions table (``actor`` column).

    Returns:
        The canonical actor name.

    Raises:
        ValueError: If the target is unknown (lists the available actors).
    """
    if target in set(mentions["actor"]):
        return target
    return resolve_target(target)
