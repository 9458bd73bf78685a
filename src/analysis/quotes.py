"""Quotations and voices: who is quoted, with which words, and how they speak of the target.

Three kinds of quote are extracted, each with its evidence offsets:

* ``direct``: words in quotation marks, attributed by the cue next to them
  (``"...," said Markov``; ``Mammadov believes that ...: "..."``;
  ``"...'- Putin remarked``; ``..., the state agency AZERTAG quotes Vladimir Putin``).
  A quotation nested in another (``'...'`` inside ``"..."``) gets its own row for
  the inner speaker when it has its own cue.
* ``reported``: ``X said that``, ``according to X``, ``X believes``, ``in his
  opinion``, ``X told Turan that`` ... The quote is the reported clause.
* ``interview``: in question-and-answer articles (an introduction such as
  "Oxu.Az interviews ... Sergey Mikheev" and paragraphs ending in "?"), the
  answer paragraphs belong to the interviewee; the questions are nobody's quote.

Speakers come from the registry (``data/speakers.yaml``). Short references are
followed back: a bare surname to the last full name with that surname in the
document, ``he``/``she`` to the last person named outside quotation marks, role
nouns (``the MP``, ``the minister``, ``the publication``) to the last speaker
whose registry role contains the noun. Speakers that cannot be resolved stay
``unknown``; nothing is guessed.

Example:
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": [
    ...     '"Russia is a partner," said Sergey Shoigu. He added that talks went well.']})
    >>> q = extract_quotes(docs, None)
    >>> q[["kind", "speaker", "cue", "quote"]].values.tolist()
    [['direct', 'Sergey Shoigu', 'said', 'Russia is a partner,'], \
['reported', 'Sergey Shoigu', 'added', 'talks went well.']]
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from analysis.config import SPEAKER_REGISTRY_PATH
from analysis.io import read_yaml
from analysis.scorers.base import label_for_score
from analysis.text import QuoteSpan, scan_quotes, split_paragraphs, split_sentences

__all__ = [
    "QUOTE_COLUMNS",
    "VOICE_COLUMNS",
    "REGISTRY_COLUMNS",
    "UNKNOWN_SPEAKER",
    "load_speaker_registry",
    "extract_quotes",
    "attach_quote_stance",
    "speaker_voices",
]

#: Column contract of the quotes table (docs/ARCHITECTURE.md).
QUOTE_COLUMNS: list[str] = [
    "doc_id", "quote_id", "quotation_id", "kind", "speaker", "speaker_surface", "speaker_country",
    "speaker_role", "cue", "quote", "start", "end", "sentence_ids",
]
#: Column contract of the voices table.
VOICE_COLUMNS: list[str] = [
    "speaker", "speaker_country", "speaker_role", "n_quotes", "n_target_quotes",
    "mean_stance", "n_favourable", "n_neutral", "n_critical", "frames",
]
#: Columns of the table returned by :func:`load_speaker_registry` (one row per variant).
REGISTRY_COLUMNS: list[str] = ["speaker", "variant", "type", "country", "role"]
UNKNOWN_SPEAKER: str = "unknown"

# Speech verbs; "quotes"/"quoted" name the speaker after the verb (AZERTAG quotes Putin).
_CUE_WORDS = (
    "said says say stated states noted notes believes believe believed thinks think "
    "thought emphasized emphasizes emphasised emphasises stressed stresses added adds "
    "explained explains told tells wrote writes remarked remarks quotes quoted considers "
    "argued argues claimed claims insisted insists warned warns declared declares "
    "announced announces continued concluded saying stating"
).split()
_CUE_RE = re.compile(
    r"\b(?:(?i:according to|in (?:his|her) opinion)|" + "|".join(_CUE_WORDS) + r")\b"
)
_PARTICIPLE_CUES = {"saying", "stating"}
_REVERSE_CUES = {"quotes", "quoted"}
#: Cues whose object is the addressee ("told reporters", "tells Turan"), never the speaker;
#: they report speech only with a clause after the addressee ("told Turan that ...").
_ADDRESSEE_CUES = {"told", "tells"}
_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person"}
_GENERIC_SUBJECTS = {
    "experts", "some", "they", "analysts", "observers", "officials", "many", "others",
    "critics", "sources", "diplomats",
}
#: Role nouns that can stand for a speaker ("the MP stressed", "notes the publication").
_SPEAKER_ROLE_NOUNS = {
    "mp", "minister", "ambassador", "former ambassador", "president", "publication",
    "document", "statement", "expert", "analyst", "political scientist", "scientist",
    "spokesperson", "spokesman", "official", "deputy", "chairman", "secretary", "agency",
    "diplomat", "general", "interviewee", "ministry", "former deputy", "former minister",
}
_FILLER_RE = re.compile(
    r"(?:\s+(?:also|actually|himself|herself|further|then|has|had|have|repeatedly|once again|"
    r"specifically|earlier|recently|previously))+\s*$"
)
_ROLE_NOUN_RE = re.compile(r"\b[Tt]he\s+((?:former\s+)?[A-Za-z][\w-]*(?:\s+scientist)?)\s*$")
_ROLE_NOUN_AFTER_RE = re.compile(r"^\s*[Tt]he\s+((?:former\s+)?[A-Za-z][\w-]*(?:\s+scientist)?)")
_WORD_END_RE = re.compile(r"([A-Za-z]+)\s*$")
_WORD_START_RE = re.compile(r"^\s*([A-Za-z]+)")
#: Capitalised words that open a clause but are no name ("I told him", "It was said").
_NOT_NAME_WORDS = {"I", "We", "You", "It", "This", "That", "These", "Those", "There", "One", "As", "And", "But"}
#: Lower-case particles allowed inside a name ("Ursula von der Leyen").
_NAME_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "al", "bin", "ibn", "ter", "le", "la"}
_NAME_TOKEN_RE = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_THAT_RE = re.compile(r"\bthat\b")
_SURFACE_STRIP = " \t\n,;:-\u2013\u2014\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a"
_WORD_CHAR_RE = re.compile(r"\w")
#: Words right before a capitalised run that make it part of a phrase, not a name
#: ("the head of the Duma", "an envoy to the OSCE", "Lavrov and John Doe").
_NOT_BEFORE_NAME_WORDS = {
    "the", "a", "an", "of", "to", "in", "at", "on", "for", "from", "by", "with", "about",
    "including", "and", "or", "than", "as", "near",
}
#: A described speaker: a determiner and up to seven words ("a source in the ministry",
#: "one diplomat", "a source close to the Russian defence ministry").
_DESCRIPTION_RE = re.compile(
    r"(?i:an?|the|one|two|three|four|five|several|some|many|another|other)"
    r"(?:\s+[^\W\d_][\w'\u2019-]*){1,%d}" % 7
)
#: Words between a quotation and its cue beyond which the cue is not the quotation's,
#: unless they are one described speaker ('"...," a source close to the minister said').
MAX_WORDS_BEFORE_CUE = 5
_DESCRIPTION_PREPOSITIONS = {"of", "in", "at", "for", "from", "to", "with", "close", "near", "on"}
#: Words that make the text before a cue a clause, not a described speaker.
_NOT_DESCRIPTION_WORDS = {
    "is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "will",
    "would", "could", "can", "may", "might", "should", "must", "do", "does", "did", "not",
    "he", "she", "it", "they", "we", "i", "you", "him", "them", "his", "its", "their", "our",
    "that", "which", "who", "whom", "whose", "and", "or", "but", "if", "when", "while",
    "because", "than", "then", "before", "after", "later", "ago",
}
#: Words after which ``that`` opens no reported clause: a time noun (``said that day``)
#: or a finite verb (``a statement that was published``, a relative clause).
_NOT_AFTER_COMPLEMENT_THAT = {
    "day", "week", "month", "year", "morning", "afternoon", "evening", "night", "time", "weekend",
    "is", "was", "were", "are", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "does", "did",
}
_WORD_AFTER_RE = re.compile(r"\s*([^\W\d_]+)")
#: Prepositions that open a phrase of place, time or occasion after a speech verb.
_PHRASE_PREPOSITIONS = {
    "in", "at", "on", "during", "after", "before", "with", "from", "to", "for", "by", "about",
    "over", "amid", "following", "ahead", "upon", "via", "through", "outside", "inside", "behind",
}
_RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose", "where", "when"}
#: Penn tags of finite verbs: past, present 3rd/non-3rd person, modal.
_FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_INTERVIEW_INTRO_RE = re.compile(
    r"\binterview(?:s|ed)?\b|\b(?:spoke|talked|talks|speaks)\b[^.?!]*\bwith\b", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")
#: Quotations shorter than this (in words) without an attribution are scare quotes
#: or titles ("ideological cohesion", "Europe's Future"), not quotes.
MIN_UNATTRIBUTED_WORDS = 8
MIN_EMBEDDED_WORDS = 3


def load_speaker_registry(path: str | Path | None = None) -> pd.DataFrame:
    """Load the speaker registry (one row per name variant).

    Args:
        path: A YAML file with a ``speakers`` list (see ``data/speakers.yaml``);
            defaults to :data:`analysis.config.SPEAKER_REGISTRY_PATH`.

    Returns:
        A table with columns ``speaker`` (canonical name), ``variant``, ``type``
        (``person`` | ``organisation``), ``country``, ``role``; the canonical
        name is always one of its variants. Sorted by speaker, variant.

    Raises:
        FileNotFoundError: If ``path`` does not exist.
        ValueError: If the file is not a ``speakers`` list, the list is empty,
            or an entry lacks ``name``, ``country`` or ``role`` (the message
            names the file and the entry).

    Example:
        >>> reg = load_speaker_registry()
        >>> sorted(reg.loc[reg.variant == "Mammadov", "speaker"])
        ['Arif Mammadov', 'Hikmat Mammadov']
    """
    file = Path(path) if path is not None else SPEAKER_REGISTRY_PATH
    data = read_yaml(file, "speaker registry")
    entries = data.get("speakers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{file}: expected a top-level 'speakers:' list of entries")
    if not entries:
        raise ValueError(
            f"{file}: no speakers; add at least one entry (see the packaged speakers.yaml: "
            f"{SPEAKER_REGISTRY_PATH})"
        )
    rows: set[tuple[str, str, str, str, str]] = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ValueError(f"{file}: speakers entry #{index + 1} is not a mapping")
        missing = [k for k in ("name", "country", "role") if not entry.get(k)]
        if missing:
            raise ValueError(
                f"{file}: speakers entry #{index + 1} ({entry.get('name', '?')!r}) lacks {missing}; "
                "every speaker needs name, country and role"
            )
        kind = str(entry.get("type", "person"))
        if kind not in {"person", "organisation"}:
            raise ValueError(
                f"{file}: speakers entry {entry['name']!r}: type must be person or organisation, "
                f"not {kind!r}"
            )
        name = str(entry["name"])
        for variant in [name, *(entry.get("variants") or [])]:
            if not str(variant).strip():
                continue  # an empty variant would match between any two characters
            rows.add((name, str(variant), kind, str(entry["country"]), str(entry["role"])))
    table = pd.DataFrame(sorted(rows), columns=REGISTRY_COLUMNS)
    return table.reset_index(drop=True)


@dataclass(frozen=True)
class _Speaker:
    """A resolved speaker: canonical name and how the text referred to them."""

    name: str
    surface: str


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]


class _Registry:
    """Registry lookups shared by all documents: one precompiled variant pattern."""

    def __init__(self, table: pd.DataFrame) -> None:
        missing = [c for c in REGISTRY_COLUMNS if c not in table.columns]
        if missing:
            raise ValueError(
                f"speaker registry table lacks {missing}; build it with load_speaker_registry()"
            )
        self.candidates: dict[str, tuple[str, ...]] = {
            variant: tuple(sorted(group["speaker"].unique()))
            for variant, group in table.groupby("variant", sort=True)
        }
        info = table.drop_duplicates("speaker").set_index("speaker")
        self.country: dict[str, str] = info["country"].to_dict()
        self.role: dict[str, str] = info["role"].to_dict()
        self.kind: dict[str, str] = info["type"].to_dict()
        variants = sorted((v for v in self.candidates if v.strip()), key=lambda v: (-len(v), v))
        # No names (an empty table passed directly): a pattern that never matches; an
        # empty alternation would match the empty string everywhere.
        self.pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(v) for v in variants) + r")(?!\w)" if variants else r"(?!)"
        )

    def role_matches(self, speaker: str, noun: str) -> bool:
        return re.search(rf"\b{re.escape(noun)}\b", self.role.get(speaker, ""), re.IGNORECASE) is not None


class _Document:
    """Per-document state: mentions, quotation spans, sentences, resolution."""

    def __init__(self, doc_id: str, text: str, registry: _Registry, sentences: pd.DataFrame) -> None:
        self.doc_id = doc_id
        self.text = text
        self.registry = registry
        self.spans: list[QuoteSpan] = scan_quotes(text)
        self.outer = [s for s in self.spans if s.depth == 0 and s.mark == "double"]
        self.mentions = [
            _Mention(m.start(), m.end(), m.group(), registry.candidates[m.group()])
            for m in registry.pattern.finditer(text)
        ]
        self.mention_starts = [m.start for m in self.mentions]
        self.sent_start = sentences["start"].tolist()
        self.sent_end = sentences["end"].tolist()
        self.sent_id = sentences["sentence_id"].tolist()
        self.sent_para = sentences["paragraph_id"].tolist()
        self.sent_quote = sentences["quote_id"].fillna("").tolist()

    # -- resolution -------------------------------------------------------
    def inside_quote(self, position: int) -> bool:
        return any(s.start < position < s.end for s in self.outer)

    def resolve(self, mention: _Mention) -> str:
        """Canonical name of a mention; a shared variant takes the last full name before it."""
        if len(mention.candidates) == 1:
            return mention.candidates[0]
        index = bisect.bisect_left(self.mention_starts, mention.start)
        for previous in reversed(self.mentions[:index]):
            if len(previous.candidates) == 1 and previous.candidates[0] in mention.candidates:
                return previous.candidates[0]
        return ""

    def last_speaker_before(self, position: int, role_noun: str | None = None) -> str:
        """The last registry speaker named outside quotations before ``position``.

        With ``role_noun`` only speakers whose role contains it qualify; without,
        only persons (the antecedent of he/she).
        """
        index = bisect.bisect_left(self.mention_starts, position)
        for mention in reversed(self.mentions[:index]):
            if self.inside_quote(mention.start):
                continue
            name = self.resolve(mention)
            if not name:
                continue
            if role_noun is None and self.registry.kind.get(name) == "person":
                return name
            if role_noun is not None and self.registry.role_matches(name, role_noun):
                return name
        return ""

    def mention_ending_at(self, position: int) -> _Mention | None:
        for mention in self.mentions:
            if mention.end == position:
                return mention
            if mention.start > position:
                break
        return None

    def first_mention_in(self, start: int, end: int) -> _Mention | None:
        index = bisect.bisect_left(self.mention_starts, start)
        for mention in self.mentions[index:]:
            if mention.start >= end:
                break
            return mention
        return None

    def _end_before_filler(self, start: int, end: int) -> int:
        """``end`` moved before trailing fillers of ``text[start:end]`` (``Lavrov also said``)."""
        filler = _FILLER_RE.search(self.text, start, end)
        return end - len(filler.group()) if filler else end

    def subject_before(self, start: int, end: int) -> _Speaker | None:
        """The speaker named immediately before ``end`` (the subject of a cue verb).

        Returns None when the words before the cue are not a speaker at all (``it
        was said``, ``I think``), so no quote is made; an unresolvable speaker
        (``Experts think``) gives ``unknown``.
        """
        end = self._end_before_filler(start, end)
        left = self.text[start:end]
        stripped_end = start + len(left.rstrip())
        attempts = [stripped_end]
        if self.text[start:stripped_end].endswith(","):
            # "Arif Mammadov, Azerbaijan's former ambassador ..., said": skip the appositive.
            attempts.append(stripped_end - 1)
            inner = self.text[start:stripped_end - 1].rfind(",")
            if inner >= 0:
                attempts.append(start + len(self.text[start:start + inner].rstrip()))
        for position in attempts:
            found = self._speaker_ending_at(start, position)
            if found is not None:
                return found
        return None

    def _speaker_ending_at(self, start: int, position: int) -> _Speaker | None:
        mention = self.mention_ending_at(position)
        if mention is not None and mention.start >= start:
            name = self.resolve(mention)
            return _Speaker(name or UNKNOWN_SPEAKER, mention.surface)
        left = self.text[start:position]
        role = _ROLE_NOUN_RE.search(left)
        if role:
            before_role = _WORD_END_RE.search(left[:role.start()])
            if before_role and before_role.group(1).lower() in _DESCRIPTION_PREPOSITIONS:
                return None  # "a source in the ministry said": the ministry is not the speaker
            return self._role_speaker(role.group(1), role.group(0).strip(), position)
        word = _WORD_END_RE.search(left)
        if word is None:
            return None
        token = word.group(1)
        if token.lower() in _PRONOUNS:
            name = self.last_speaker_before(position - len(token))
            return _Speaker(name or UNKNOWN_SPEAKER, token)
        if token.lower() in _GENERIC_SUBJECTS:
            # "several Western diplomats said": the whole description is the surface.
            described = self.description_before(start, position)
            return _Speaker(UNKNOWN_SPEAKER, described.surface if described else token)
        return None

    def _role_speaker(self, noun: str, surface: str, position: int) -> _Speaker | None:
        noun_l = noun.lower()
        if noun_l not in _SPEAKER_ROLE_NOUNS and noun_l not in _GENERIC_SUBJECTS:
            return None  # "anyone else in the republic said": not a speaker
        if noun_l in _GENERIC_SUBJECTS:
            return _Speaker(UNKNOWN_SPEAKER, surface)
        name = self.last_speaker_before(position, role_noun=noun_l)
        if not name and noun_l.startswith("former "):
            name = self.last_speaker_before(position, role_noun=noun_l.split()[-1])
        return _Speaker(name or UNKNOWN_SPEAKER, surface)

    def speaker_after(self, start: int, end: int) -> _Speaker | None:
        """The speaker named right after a cue (``said Markov``, ``notes the publication``)."""
        window = self.text[start:end]
        # Stop at "in his article", "in his interview": what follows is not the speaker.
        stop = re.search(r"\s(?:in|at|on|during|to)\s+(?:his|her|an?|the)\b", window)
        if stop:
            end = start + stop.start()
            window = self.text[start:end]
        mention = self.first_mention_in(start, end)
        if mention is not None:
            return _Speaker(self.resolve(mention) or UNKNOWN_SPEAKER, mention.surface)
        role = _ROLE_NOUN_AFTER_RE.search(window)
        if role:
            return self._role_speaker(role.group(1), role.group(0).strip(), start)
        word = _WORD_START_RE.search(window)
        if word and word.group(1).lower() in _PRONOUNS:
            name = self.last_speaker_before(start)
            return _Speaker(name or UNKNOWN_SPEAKER, word.group(1))
        if window.strip():
            return _Speaker(UNKNOWN_SPEAKER, window.strip(" ,.;:"))
        return None

    def name_before(self, start: int, end: int) -> _Speaker | None:
        """An unregistered name ending ``text[start:end]`` (``"...," Nikol Pashinyan said``).

        The speaker stays ``unknown`` (nothing is guessed); the name is kept as the
        surface, as :meth:`speaker_after` does for ``said John Smith``. The name is
        the trailing run of capitalised name words before the verb (after fillers
        such as ``also``), so a description before it is left out (``analyst Tofig
        Zulfugarov``, ``Foreign Ministry spokeswoman Maria Zakharova``). Between
        commas, the name is the appositive (``the spokeswoman, Maria Zakharova,
        said``) or stands before it (``Zulfugarov, an analyst, said``), as in
        :meth:`subject_before`. Returns None when there is no such run
        (``"...," I told him``, ``it was said`` name nobody), see :func:`_trailing_name`.
        """
        left = self.text[start:self._end_before_filler(start, end)].rstrip()
        if not left.endswith(","):
            return _trailing_name(left, after_comma=False)
        found = _trailing_name(left[:-1], after_comma=True)
        inner = left[:-1].rfind(",")
        if found is None and inner >= 0:
            found = _trailing_name(left[:inner], after_comma=False)
        return found

    def description_before(self, start: int, end: int) -> _Speaker | None:
        """A speaker described, not named, filling ``text[start:end]`` (``"...," a senior diplomat said``).

        The description must open with a determiner (``a``, ``the``, ``one``,
        ``two``, ``several`` ...), run to at most seven more words and hold no verb or
        pronoun (``the talks were``, ``the day before he`` are no speaker). The
        speaker is ``unknown`` with the description as surface; with ``the`` a
        description naming a role (``the Kremlin spokesman``) resolves like a role
        noun, to the last speaker whose registry role contains the whole
        description, so ``the senior spokesman`` is not guessed from ``spokesman``.
        """
        surface = self.text[start:self._end_before_filler(start, end)].strip(_SURFACE_STRIP)
        match = _DESCRIPTION_RE.fullmatch(surface)
        if match is None:
            return None
        words = surface.split()
        if any(w.lower() in _NOT_DESCRIPTION_WORDS for w in words[1:]):
            return None
        name = ""
        if words[0].lower() == "the":
            # The role part ends before a preposition: "the spokesman for the ministry".
            role_words: list[str] = []
            for word in words[1:]:
                if word.lower() in _DESCRIPTION_PREPOSITIONS:
                    break
                role_words.append(word)
            head = role_words[-1].lower() if role_words else ""
            head2 = " ".join(role_words[-2:]).lower()
            if head in _SPEAKER_ROLE_NOUNS or head2 in _SPEAKER_ROLE_NOUNS:
                name = self.last_speaker_before(start, role_noun=" ".join(role_words).lower())
        return _Speaker(name or UNKNOWN_SPEAKER, surface)

    # -- sentences --------------------------------------------------------
    def quoted_only(self, index: int) -> bool:
        """Whether sentence ``index`` has no words outside quotation marks.

        A sentence linked to a quotation (``quote_id``) may hold narration too:
        in ``Yes," Lavrov said, adding that ...`` (the end of a quotation of
        several sentences) the words after the mark are reported speech to read.
        """
        if not self.sent_quote[index]:
            return False
        return not self.words_outside(self.sent_start[index], self.sent_end[index], self.spans)

    def words_outside(self, start: int, end: int, spans: list[QuoteSpan]) -> bool:
        """Whether ``text[start:end]`` has a word character outside ``spans`` (sorted by start)."""
        position = start
        for span in spans:
            if span.start >= end:
                break
            if span.end <= position:
                continue
            if _WORD_CHAR_RE.search(self.text, position, span.start):
                return True
            position = max(position, span.end)
        return position < end and _WORD_CHAR_RE.search(self.text, position, end) is not None

    def sentence_index_at(self, position: int) -> int:
        index = bisect.bisect_right(self.sent_start, position) - 1
        return max(index, 0)

    def sentence_ids_overlapping(self, start: int, end: int) -> str:
        ids = [
            sid for sid, a, b in zip(self.sent_id, self.sent_start, self.sent_end)
            if a < end and b > start
        ]
        return "|".join(ids)


def _trailing_name(left: str, after_comma: bool) -> _Speaker | None:
    """The trailing run of capitalised name words of ``left``, as an unknown speaker's surface.

    None when there is none, when it opens with ``I``/``It``..., or when the word
    before it ties it into a phrase (``the head of the Duma``, ``Lavrov and John
    Doe``) or ends a clause (``in Georgia, Kobakhidze``); with ``after_comma`` the
    run may follow a comma (``the spokeswoman, Maria Zakharova``).

    Example:
        >>> _trailing_name("analyst Tofig Zulfugarov", after_comma=False).surface
        'Tofig Zulfugarov'
        >>> _trailing_name("the head of the Duma", after_comma=False) is None
        True
    """
    tokens = left.strip(_SURFACE_STRIP).split()
    run = 0
    while run < len(tokens):
        token = tokens[len(tokens) - 1 - run]
        if token in _NAME_PARTICLES and run > 0:
            run += 1
            continue
        if not (token[0].isupper() and _NAME_TOKEN_RE.fullmatch(token)):
            break
        run += 1
    while run and tokens[len(tokens) - run] in _NAME_PARTICLES:
        run -= 1  # "... of the van Dijk": a particle does not open the name
    if not run or tokens[len(tokens) - run] in _NOT_NAME_WORDS:
        return None
    if run < len(tokens):
        previous = tokens[len(tokens) - run - 1]
        if after_comma and previous.endswith(","):
            previous = previous[:-1]
        if not _NAME_TOKEN_RE.fullmatch(previous) or previous.lower() in _NOT_BEFORE_NAME_WORDS:
            return None  # "the head of the Duma", "in Georgia, Kobakhidze": not a name
    return _Speaker(UNKNOWN_SPEAKER, " ".join(tokens[len(tokens) - run:]))


def _reported_in(
    doc: _Document, start: int, end: int, min_words: int = MIN_EMBEDDED_WORDS,
    introduces_quote: bool = False,
) -> tuple[_Speaker, str, int, int] | None:
    """Find reported speech in ``text[start:end]`` (one sentence or clause).

    ``told``/``tells`` report speech only with a ``that`` clause after the
    addressee (``told Turan that ...``); ``"...," Lavrov told reporters on
    Monday`` reports nothing. With ``introduces_quote`` the clause introduces a
    quotation (``Lavrov told reporters: "..."``) and needs no ``that``.

    Likewise a cue that already attributes the direct quotation before it
    (``"...," Lavrov said at a press conference``, ``"...," said Lavrov``)
    reports further speech only with a ``that`` clause after it (``"...,"
    Lavrov said, adding that ...``); its speaker is the quotation's.

    Returns:
        ``(speaker, cue, quote_start, quote_end)`` for the first cue with a speaker, else None.
    """
    text = doc.text
    for cue in _CUE_RE.finditer(text, start, end):
        if doc.inside_quote(cue.start()):
            continue
        word = cue.group().lower()
        speaker: _Speaker | None = None
        quote_start = cue.end()
        post_quote = None if introduces_quote else _post_quote_speaker(doc, cue.start())
        if post_quote is not None:
            that = _that_clause_after(doc, cue.end(), end)
            if that is None:
                continue  # '"...," Lavrov said at a press conference': nothing more is reported
            speaker, quote_start = post_quote, that.end()
        elif word == "according to":
            comma = text.find(",", cue.end(), end)
            if comma < 0:
                continue
            inner = text[cue.end():comma].strip()
            if inner.lower() in {"him", "her"}:
                name = doc.last_speaker_before(cue.start())
                speaker = _Speaker(name or UNKNOWN_SPEAKER, inner)
            else:
                mention = doc.first_mention_in(cue.end(), comma)
                if mention is None:
                    continue  # according to TASS / the law / the press: a channel, not a voice
                speaker = _Speaker(doc.resolve(mention) or UNKNOWN_SPEAKER, mention.surface)
            quote_start = comma + 1
        elif word.startswith("in "):
            name = doc.last_speaker_before(cue.start())
            speaker = _Speaker(name or UNKNOWN_SPEAKER, word.split()[1])
            quote_start = cue.end() + 1 if text[cue.end():cue.end() + 1] == "," else cue.end()
        elif word in _PARTICIPLE_CUES:
            # "Serzh Sargsyan ..., saying that": the subject opens the sentence.
            mention = doc.first_mention_in(start, start + 40)
            if mention is None or mention.start != start:
                continue
            speaker = _Speaker(doc.resolve(mention) or UNKNOWN_SPEAKER, mention.surface)
        elif word in _REVERSE_CUES:
            continue  # handled for direct quotes only
        else:
            speaker = doc.subject_before(start, cue.start()) or _unregistered_subject(doc, start, cue.start())
            if speaker is None:
                continue
            if word in _ADDRESSEE_CUES and not introduces_quote:
                that = _that_clause_after(doc, cue.end(), end)
                if that is None or not re.search(r"\w", text[cue.end():that.start()]):
                    continue  # no addressee and clause: "told reporters on Monday" is no quote
                quote_start = that.end()
            elif text[cue.end():cue.end() + 1] == ",":
                quote_start = cue.end() + 1  # "as Lavrov said, the rule of ..."
        # "stated during a hearing ... that his country ...": the clause starts after "that".
        that = _complement_that(text, quote_start, min(end, quote_start + 60))
        if that and quote_start == cue.end() and not doc.inside_quote(that.start()):
            quote_start = that.end()
        quote_end = end
        while quote_start < quote_end and text[quote_start].isspace():
            quote_start += 1
        while quote_end > quote_start and text[quote_end - 1] in " \t\n:":
            quote_end -= 1
        if len(text[quote_start:quote_end].split()) < min_words:
            continue
        if not introduces_quote and not _is_clause(text[quote_start:quote_end]):
            continue  # "Lavrov said at a press conference in Moscow.": no words are reported
        return speaker, word, quote_start, quote_end
    return None


@lru_cache(maxsize=1)
def _tagger():
    # Pattern's tagger ships with TextBlob and needs no NLTK data (TextBlob's .tags does).
    from textblob.en.taggers import PatternTagger

    return PatternTagger()


def _is_clause(words: str) -> bool:
    """Whether reported words are a clause, not a phrase saying where or when something was said.

    Words opening with a preposition must hold a finite verb outside a relative
    clause: ``on Monday the talks were over`` is a clause; ``in a statement that was
    published`` and ``at a press conference in Moscow`` are phrases that only say
    where something was said. A relative clause (after ``that``/``which``/``who``)
    runs to the next comma. Other words count as a clause as they are. The check
    uses Pattern's part-of-speech tagger, so a verb it tags as a noun makes such
    a clause look like a phrase.

    Example:
        >>> _is_clause("on Monday the talks were over."), _is_clause("in a statement that was published.")
        (True, False)
    """
    first = _WORD_AFTER_RE.match(words)
    if first is None or first.group(1).lower() not in _PHRASE_PREPOSITIONS:
        return True  # only words opening with a preposition can be a mere place or occasion
    relative = False
    for token, tag in _tagger().tag(words):
        if token == ",":
            relative = False
        elif token.lower() in _RELATIVE_PRONOUNS:
            relative = True
        elif tag in _FINITE_VERB_TAGS and not relative:
            return True
    return False


def _unregistered_subject(doc: _Document, start: int, cue_start: int) -> _Speaker | None:
    """A subject of reported speech that is not in the registry: a name or a description.

    The subject is the whole of ``text[start:cue_start]`` or, after an opening
    phrase, the part after its last comma (``On Monday, a senior diplomat told
    Reuters that ...``). An unregistered name (``Analyst Tofig Zulfugarov said
    that ...``) keeps its surface, as in direct quotes; the speaker is ``unknown``.
    """
    comma = doc.text.rfind(",", start, cue_start)
    for begin in (start, comma + 1) if comma >= 0 else (start,):
        found = doc.description_before(begin, cue_start)
        if found is None:
            left = doc.text[begin:doc._end_before_filler(begin, cue_start)].strip(_SURFACE_STRIP)
            name = _trailing_name(left, after_comma=False)
            found = name if name is not None and name.surface == left else None
        if found is not None:
            return found
    return None


def _complement_that(text: str, start: int, end: int) -> re.Match | None:
    """The first ``that`` in ``text[start:end]`` that can open a reported clause.

    A ``that`` followed by a time noun (``said that day``) or a finite verb
    (``in a statement that was published``: a relative clause) opens none and
    is skipped; the ``that`` after it may (``told reporters that day that ...``).
    Only the word after ``that`` is looked at, not the rest of the sentence.

    Example:
        >>> t = "said in a statement that was published that day that talks went well"
        >>> m = _complement_that(t, 0, len(t))
        >>> t[m.end():]
        ' talks went well'
    """
    for that in _THAT_RE.finditer(text, start, end):
        word = _WORD_AFTER_RE.match(text, that.end())
        if word is None or word.group(1).lower() not in _NOT_AFTER_COMPLEMENT_THAT:
            return that
    return None


def _that_clause_after(doc: _Document, cue_end: int, end: int) -> re.Match | None:
    """The ``that`` opening the cue's reported clause, within 60 characters of the cue.

    None when it is quoted or another speaker's cue comes first (``"...," Lavrov
    said, and Shoigu added that ...``: the clause is Shoigu's); a participle
    (``stressing``/``saying that``) continues the same speaker. A relative
    ``that`` or ``that day`` is no clause (:func:`_complement_that`).
    """
    that = _complement_that(doc.text, cue_end, min(end, cue_end + 60))
    if that is None or doc.inside_quote(that.start()):
        return None
    for other in _CUE_RE.finditer(doc.text, cue_end, that.start()):
        if other.group().lower() not in _PARTICIPLE_CUES:
            return None
    return that


def _content_bounds(doc: _Document, span: QuoteSpan) -> tuple[int, int]:
    """Offsets of a quotation without its marks and surrounding spaces."""
    start, end = span.start, span.end
    if doc.text[start] in "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a" and not span.continued:
        start += 1
    if span.closed and end > start:
        end -= 1
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return start, end


def _cue_after(doc: _Document, span: QuoteSpan) -> tuple[_Speaker, str] | None:
    """Attribution right after a quotation: ``," said X``, ``" he said``, ``'- Putin remarked``."""
    found = _cue_after_match(doc, span)
    return None if found is None else (found[0], found[1])


def _post_quote_speaker(doc: _Document, cue_start: int) -> _Speaker | None:
    """The speaker if the cue at ``cue_start`` attributes the direct quotation before it.

    Only the last quotation closing before the cue can own it: the search for a
    post-quote cue stops at the next quotation mark.
    """
    before = [s for s in doc.outer if s.end <= cue_start]
    if not before:
        return None
    found = _cue_after_match(doc, max(before, key=lambda s: s.end))
    return found[0] if found is not None and found[2] == cue_start else None


def _cue_after_match(doc: _Document, span: QuoteSpan) -> tuple[_Speaker, str, int] | None:
    """:func:`_cue_after` with the offset of the cue: ``(speaker, cue, cue_start)``."""
    text = doc.text
    sentence = doc.sentence_index_at(span.end - 1)
    limit = max(doc.sent_end[sentence], span.end)
    tail_end = _SENTENCE_END_RE.search(text, span.end, limit)
    tail_end_pos = tail_end.start() if tail_end else limit
    next_quote = re.search("[\"\u201c\u00ab]", text[span.end:tail_end_pos])
    if next_quote:
        tail_end_pos = span.end + next_quote.start()
    cue = _CUE_RE.search(text, span.end, tail_end_pos)
    if cue is None or cue.group() in {"according to"} or cue.group().startswith("in "):
        return None
    before = text[span.end:cue.start()]
    if re.search(r"[.!?]", before.strip(" ,-\u2013\u2014\"'\u201d\u2019\u00bb\u203a")):
        return None
    word = cue.group()
    if len(re.findall(r"[A-Za-z]+", before)) > MAX_WORDS_BEFORE_CUE:
        if word in _REVERSE_CUES:
            return None
        speaker = doc.description_before(span.end, cue.start())
        return None if speaker is None else (speaker, word, cue.start())
    if word not in _REVERSE_CUES and re.search(r"[A-Za-z]", before):
        # The speaker is named between the quotation and the cue; an unregistered
        # name there is still the speaker (unknown), never the cue's object.
        speaker = doc.subject_before(span.end, cue.start())
        if speaker is None:
            speaker = doc.name_before(span.end, cue.start())
        if speaker is None:
            # '"...," a senior diplomat told Reuters': an attributed quotation whose
            # speaker is described, not named (kept, unlike an unattributed scare quote).
            speaker = doc.description_before(span.end, cue.start())
        if speaker is not None:
            return speaker, word, cue.start()
    if word in _ADDRESSEE_CUES:
        return None  # "told parliament": the addressee, not the speaker
    speaker = doc.speaker_after(cue.end(), tail_end_pos)
    return (speaker, word, cue.start()) if speaker is not None else None


def _cue_before(doc: _Document, span: QuoteSpan) -> tuple[_Speaker, str] | None:
    """Attribution before a quotation: intro clause ending in ``:`` or ``,``, or a
    reported-speech clause the quotation is embedded in."""
    index = doc.sentence_index_at(span.start)
    start = doc.sent_start[index]
    if start >= span.start:
        # The quotation opens a sentence: the intro is the previous sentence if it
        # ends with a colon (possibly in the previous paragraph).
        if index == 0 or not doc.text[doc.sent_start[index - 1]:doc.sent_end[index - 1]].endswith(":"):
            return None
        start, end = doc.sent_start[index - 1], doc.sent_end[index - 1]
    else:
        end = span.start
    found = _reported_in(doc, start, end, min_words=0, introduces_quote=True)
    if found is None:
        return None
    return found[0], found[1]


def _interview(doc: _Document) -> tuple[_Speaker, list[tuple[int, int]]] | None:
    """Detect a question-and-answer article; return the interviewee and answer blocks."""
    paragraphs = split_paragraphs(doc.text)
    questions = [i for i, (a, b) in enumerate(paragraphs) if doc.text[a:b].rstrip().endswith("?")]
    if len(questions) < 2:
        return None
    interviewee: _Speaker | None = None
    for a, b in paragraphs[:questions[0]]:
        if _INTERVIEW_INTRO_RE.search(doc.text, a, b):
            persons = [
                m for m in doc.mentions
                if a <= m.start < b and doc.registry.kind.get(doc.resolve(m)) == "person"
            ]
            if persons:
                interviewee = _Speaker(doc.resolve(persons[-1]), persons[-1].surface)
    if interviewee is None:
        return None
    blocks: list[tuple[int, int]] = []
    current: list[int] | None = None
    for i in range(questions[0] + 1, len(paragraphs)):
        a, b = paragraphs[i]
        is_answer = i not in questions and _SENTENCE_END_RE.search(doc.text, a, b) is not None
        if is_answer:
            if doc.text.startswith("- ", a):
                a += 2  # dash-led answers: the dash is layout, not speech
            if current is None:
                current = [a, b]
            else:
                current[1] = b
        elif current is not None:
            blocks.append((current[0], current[1]))
            current = None
    if current is not None:
        blocks.append((current[0], current[1]))
    return interviewee, blocks


def _row(
    doc: _Document, quote_id: str, kind: str, speaker: _Speaker, cue: str, start: int, end: int,
    quotation_id: str | None = None,
) -> dict:
    name = speaker.name
    return {
        "doc_id": doc.doc_id,
        "quote_id": quote_id,
        "quotation_id": quotation_id or quote_id,
        "kind": kind,
        "speaker": name,
        "speaker_surface": speaker.surface,
        "speaker_country": doc.registry.country.get(name, ""),
        "speaker_role": doc.registry.role.get(name, ""),
        "cue": cue,
        "quote": doc.text[start:end],
        "start": start,
        "end": end,
        "sentence_ids": doc.sentence_ids_overlapping(start, end),
    }


def _document_quotes(doc: _Document) -> list[dict]:
    rows: list[dict] = []
    text = doc.text
    attributed: dict[int, tuple[_Speaker, str]] = {}
    # Direct quotations (outer), in order, so a continuation can inherit its speaker.
    previous: tuple[_Speaker, str] | None = None
    previous_quotation = ""
    for j, span in enumerate(doc.spans):
        if span.depth != 0 or span.mark != "double":
            continue
        start, end = _content_bounds(doc, span)
        if end <= start:
            continue
        found = None
        quote_id = f"{doc.doc_id}:q{j:03d}"
        # A quotation running over several paragraphs reopens its mark in each one:
        # each paragraph is a row (its sentences link to it), all one quotation.
        quotation_id = quote_id
        if span.continued and previous is not None:
            own = _cue_after(doc, span)
            if own is not None and own[0].name not in (UNKNOWN_SPEAKER, previous[0].name):
                found = own  # another speaker is named: a new quotation, not a continuation
            else:
                found, quotation_id = previous, previous_quotation
        if found is None:
            found = _cue_after(doc, span)
        if found is None:
            found = _cue_before(doc, span)
            n_words = len(text[start:end].split())
            sentence_start = doc.sent_start[doc.sentence_index_at(span.start)]
            embedded = sentence_start < span.start and not text[sentence_start:span.start].rstrip().endswith((":", ","))
            if found is not None and embedded and n_words < MIN_EMBEDDED_WORDS:
                found = None
        if found is None:
            if len(text[start:end].split()) < MIN_UNATTRIBUTED_WORDS:
                continue  # a scare quote or title, not somebody's words
            found = (_Speaker(UNKNOWN_SPEAKER, ""), "")
        attributed[j] = found
        previous, previous_quotation = found, quotation_id
        rows.append(_row(doc, quote_id, "direct", found[0], found[1], start, end, quotation_id))
    # Nested quotations with their own cue ("'...'- Putin remarked").
    for j, span in enumerate(doc.spans):
        if span.depth == 0:
            continue
        found = _cue_after(doc, span)
        if found is None or found[0].name == UNKNOWN_SPEAKER:
            continue
        start, end = _content_bounds(doc, span)
        rows.append(_row(doc, f"{doc.doc_id}:q{j:03d}", "direct", found[0], found[1], start, end))
    # Interview answers.
    interview = _interview(doc)
    question_paragraphs: set[int] = set()
    if interview is not None:
        interviewee, blocks = interview
        for k, (a, b) in enumerate(blocks):
            rows.append(_row(doc, f"{doc.doc_id}:a{k:03d}", "interview", interviewee, "interview", a, b))
        paragraphs = split_paragraphs(text)
        question_paragraphs = {i for i, (a, b) in enumerate(paragraphs) if text[a:b].rstrip().endswith("?")}
    # Reported speech, sentence by sentence, outside quotations and questions (a
    # sentence holding a quotation's end and its attribution is read: cues inside
    # the quotation are skipped by _reported_in).
    direct = [doc.spans[j] for j in sorted(attributed)]
    k = 0
    for index, (a, b) in enumerate(zip(doc.sent_start, doc.sent_end)):
        if doc.quoted_only(index) or doc.sent_para[index] in question_paragraphs:
            continue
        found = _reported_in(doc, a, b)
        if found is None:
            continue
        speaker, cue, start, end = found
        if not doc.words_outside(start, end, direct):
            continue  # 'Miller added, "..."': the words are a direct quotation, a row of its own
        rows.append(_row(doc, f"{doc.doc_id}:r{k:03d}", "reported", speaker, cue, start, end))
        k += 1
    return rows


def extract_quotes(
    documents: pd.DataFrame,
    sentences: pd.DataFrame | None,
    registry: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Extract direct quotes, reported speech and interview answers with their speakers.

    Args:
        documents: The documents table (``doc_id``, ``text``).
        sentences: The sentences table of the same documents
            (:func:`analysis.text.split_sentences`); computed when None.
        registry: A speaker registry (:func:`load_speaker_registry`); the shipped
            one when None.

    Returns:
        The quotes table (``QUOTE_COLUMNS``): ``quote`` is ``text[start:end]`` of
        the document, without quotation marks; ``quote_id`` is
        ``"{doc_id}:q{j:03d}"`` for quotations (the ``quote_id`` of their
        sentences), ``:r{k:03d}`` for reported speech and ``:a{k:03d}`` for
        interview answers; ``quotation_id`` is the ``quote_id`` of the first
        paragraph of a quotation that runs over several paragraphs (each
        paragraph is a row), else the row's own ``quote_id``, so
        ``quotation_id.nunique()`` counts quotations; ``sentence_ids`` are the
        overlapping sentences. Rows
        are in document order, then by start offset.

    Raises:
        KeyError: If ``documents`` lacks ``doc_id`` or ``text``.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["d"], "text": [
        ...     "Experts think that Moscow will act. \\"Talks are over,\\" he said."]})
        >>> extract_quotes(docs, None)[["kind", "speaker", "speaker_surface"]].values.tolist()
        [['reported', 'unknown', 'Experts'], ['direct', 'unknown', 'he']]
    """
    missing = [c for c in ("doc_id", "text") if c not in documents.columns]
    if missing:
        raise KeyError(
            f"extract_quotes: documents table lacks {missing}; pass analysis.corpus.load_corpus output"
        )
    if sentences is None:
        sentences = split_sentences(documents)
    lookup = _Registry(registry) if registry is not None else _default_registry()
    by_doc = {doc_id: group for doc_id, group in sentences.groupby("doc_id", sort=False)}
    empty = pd.DataFrame(columns=["start", "end", "sentence_id", "paragraph_id", "quote_id"])
    rows: list[dict] = []
    for doc_id, text in zip(documents["doc_id"].astype(str), documents["text"]):
        if not isinstance(text, str) or not text:
            continue
        doc_sentences = by_doc.get(doc_id, empty).sort_values("start", kind="stable")
        doc = _Document(doc_id, text, lookup, doc_sentences)
        doc_rows = _document_quotes(doc)
        doc_rows.sort(key=lambda r: (r["start"], r["quote_id"]))
        rows.extend(doc_rows)
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return table.astype({"start": "int64", "end": "int64"}).reset_index(drop=True)


@lru_cache(maxsize=1)
def _default_registry() -> _Registry:
    """The shipped registry, parsed once per process (YAML parsing dominates small batches)."""
    return _Registry(load_speaker_registry())


def _split_ids(value: object) -> list[str]:
    return [s for s in str(value).split("|") if s] if isinstance(value, str) else []


def attach_quote_stance(quotes: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add the target stance of each quote from its sentences.

    Args:
        quotes: The quotes table.
        sentences: Sentences with ``mentions_target`` and ``stance_score``
            (the stance stage's output).

    Returns:
        A copy of ``quotes`` with ``mentions_target`` (any sentence of the quote
        mentions the target), ``stance_score`` (mean over those sentences; NaN
        when none) and ``stance`` (its label, empty when NaN).

    Raises:
        KeyError: If ``sentences`` lacks ``sentence_id``, ``mentions_target`` or
            ``stance_score``.

    Example:
        >>> q = pd.DataFrame({"sentence_ids": ["d:0000|d:0001", "d:0002"]})
        >>> s = pd.DataFrame({"sentence_id": ["d:0000", "d:0001", "d:0002"],
        ...     "mentions_target": [True, False, False], "stance_score": [-0.5, float("nan"), float("nan")]})
        >>> attach_quote_stance(q, s)[["mentions_target", "stance", "stance_score"]].values.tolist()
        [[True, 'critical', -0.5], [False, '', nan]]
    """
    missing = [c for c in ("sentence_id", "mentions_target", "stance_score") if c not in sentences.columns]
    if missing:
        raise KeyError(f"attach_quote_stance: sentences lack {missing}; run the stance stage first")
    mentions = dict(zip(sentences["sentence_id"], sentences["mentions_target"].fillna(False).astype(bool)))
    scores = dict(zip(sentences["sentence_id"], sentences["stance_score"].astype(float)))
    out = quotes.copy()
    flags: list[bool] = []
    means: list[float] = []
    for ids in out["sentence_ids"]:
        target_ids = [i for i in _split_ids(ids) if mentions.get(i, False)]
        values = [scores[i] for i in target_ids if not math.isnan(scores.get(i, math.nan))]
        flags.append(bool(target_ids))
        means.append(sum(values) / len(values) if values else math.nan)
    out["mentions_target"] = flags
    out["stance_score"] = means
    out["stance"] = ["" if math.isnan(m) else label_for_score(m) for m in means]
    return out


def speaker_voices(
    quotes: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    frames: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Summarise each speaker's voice: how often quoted, about the target, with what stance and frames.

    Args:
        quotes: The quotes table.
        sentences: Optional sentences with ``mentions_target`` and, after the
            stance stage, ``stance_score``/``stance``; stance counts use the
            unique target-mentioning sentences of a speaker's quotes.
        frames: Optional frames table (``sentence_id``, ``frame``).

    Returns:
        The voices table (``VOICE_COLUMNS``), one row per speaker (``unknown``
        included), sorted by ``n_quotes`` descending then speaker. ``n_quotes``
        and ``n_target_quotes`` count quotations (``quotation_id``; a quotation
        over several paragraphs once), not rows.
        ``n_target_quotes`` is missing (``<NA>``) and ``mean_stance`` NaN when the
        sentences carry no target/stance columns; ``frames`` is ``|``-joined,
        most frequent first.

    Example:
        >>> q = pd.DataFrame({"speaker": ["A", "A", "B"], "speaker_country": ["X", "X", ""],
        ...     "speaker_role": ["r", "r", ""], "sentence_ids": ["s1", "s2", "s3"]})
        >>> s = pd.DataFrame({"sentence_id": ["s1", "s2", "s3"], "mentions_target": [True, False, True],
        ...     "stance_score": [0.5, float("nan"), -0.4], "stance": ["favourable", "", "critical"]})
        >>> speaker_voices(q, s)[["speaker", "n_quotes", "n_target_quotes", "mean_stance", "n_critical"]].values.tolist()
        [['A', 2, 1, 0.5, 0], ['B', 1, 1, -0.4, 1]]
    """
    sentences = sentences if sentences is not None else pd.DataFrame(columns=["sentence_id"])
    has_target = "mentions_target" in sentences.columns
    has_stance = has_target and "stance_score" in sentences.columns
    mentions = (
        dict(zip(sentences["sentence_id"], sentences["mentions_target"].fillna(False).astype(bool)))
        if has_target else {}
    )
    scores = dict(zip(sentences["sentence_id"], sentences["stance_score"].astype(float))) if has_stance else {}
    labels = dict(zip(sentences["sentence_id"], sentences["stance"].fillna(""))) if (
        has_stance and "stance" in sentences.columns) else {}
    frames_of: dict[str, list[str]] = {}
    if frames is not None and len(frames):
        for sid, frame in zip(frames["sentence_id"], frames["frame"]):
            frames_of.setdefault(sid, []).append(str(frame))
    rows: list[dict] = []
    for speaker, group in quotes.groupby("speaker", sort=True):
        quote_ids = [_split_ids(v) for v in group["sentence_ids"]]
        target_sentences = sorted({i for ids in quote_ids for i in ids if mentions.get(i, False)})
        # One quotation may span several rows (paragraphs): count quotations, not rows.
        quotation = group["quotation_id"].tolist() if "quotation_id" in group else list(range(len(group)))
        n_quotations = len(set(quotation))
        n_target = len({q for q, ids in zip(quotation, quote_ids) if any(mentions.get(i, False) for i in ids)})
        values = [scores[i] for i in target_sentences if not math.isnan(scores.get(i, math.nan))]
        label_counts = Counter(labels.get(i, "") for i in target_sentences)
        frame_counts = Counter(f for ids in quote_ids for i in sorted(set(ids)) for f in frames_of.get(i, []))
        rows.append({
            "speaker": speaker,
            # fillna: quotes read back from CSV carry NaN for empty fields, not "".
            "speaker_country": str(group["speaker_country"].astype(object).fillna("").iloc[0]) if "speaker_country" in group else "",
            "speaker_role": str(group["speaker_role"].astype(object).fillna("").iloc[0]) if "speaker_role" in group else "",
            "n_quotes": n_quotations,
            "n_target_quotes": n_target if has_target else pd.NA,
            "mean_stance": sum(values) / len(values) if values else math.nan,
            "n_favourable": label_counts.get("favourable", 0),
            "n_neutral": label_counts.get("neutral", 0),
            "n_critical": label_counts.get("critical", 0),
            "frames": "|".join(f for f, _ in sorted(frame_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        })
    table = pd.DataFrame(rows, columns=VOICE_COLUMNS)
    table["n_target_quotes"] = table["n_target_quotes"].astype("Int64")
    table = table.sort_values(["n_quotes", "speaker"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)
