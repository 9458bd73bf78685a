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
document, ``he``/``she`` to the last person named outside quotation marks who is
not known to be of the other gender (registry ``gender`` or a title such as
``Ms``/``spokeswoman``), role nouns (``the MP``, ``the minister``, ``the publication``) to the last speaker
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
from analysis.scorers.base import majority_label
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
#: ``gender`` is optional in a table built by hand (missing or empty: not known).
REGISTRY_COLUMNS: list[str] = ["speaker", "variant", "type", "country", "role", "gender"]
#: Genders a registry entry may give (``gender:``, optional, persons only).
GENDERS: tuple[str, ...] = ("female", "male")
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
#: The gender a pronoun gives its antecedent (see :meth:`_Document.pronoun_speaker`).
_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
#: Titles and role nouns that give a person's gender when they stand right before the
#: name (``Ms Zakharova``, ``spokeswoman Maria Zakharova``) or end an appositive after
#: it (``Maria Zakharova, the Foreign Ministry spokeswoman``).
_GENDER_TITLES = {
    "mr": "male", "mrs": "female", "ms": "female", "miss": "female", "madam": "female",
    "spokesman": "male", "spokeswoman": "female", "chairman": "male", "chairwoman": "female",
    "congressman": "male", "congresswoman": "female", "businessman": "male", "businesswoman": "female",
}
_GENDER_TITLE_ALTERNATION = "|".join(sorted(_GENDER_TITLES, key=lambda t: (-len(t), t)))
_GENERIC_SUBJECTS = {
    "experts", "some", "they", "analysts", "observers", "officials", "many", "others",
    "critics", "sources", "diplomats",
}
#: Role nouns that can stand for a speaker ("the MP stressed", "notes the publication").
_SPEAKER_ROLE_NOUNS = {
    "mp", "minister", "ambassador", "former ambassador", "president", "publication",
    "document", "statement", "expert", "analyst", "political scientist", "scientist",
    "spokesperson", "spokesman", "spokeswoman", "official", "deputy", "chairman", "secretary", "agency",
    "diplomat", "general", "interviewee", "ministry", "former deputy", "former minister",
}
_FILLER_RE = re.compile(
    r"(?:\s+(?:also|actually|himself|herself|further|then|has|had|have|repeatedly|once again|"
    r"specifically|earlier|recently|previously|later|again|separately|subsequently|reportedly))+\s*$"
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
#: Head nouns that make a description a person or group of persons, a voice
#: (``according to Western diplomats``), unlike a channel or a text (``according to
#: TASS``, ``the law``, ``the agreement``).
_PERSON_NOUNS = set(
    "spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople official officials "
    "diplomat diplomats source sources analyst analysts expert experts observer observers "
    "critic critics politician politicians lawmaker lawmakers minister ministers aide aides "
    "envoy envoys ambassador ambassadors adviser advisers advisor advisors representative "
    "representatives commentator commentators journalist journalists scientist scientists "
    "researcher researchers leader leaders resident residents protester protesters member "
    "members deputy deputies negotiator negotiators insider insiders people".split()
)
#: Capitalised words of titles, places and organisations: never part of a person's name
#: (``Foreign Ministry``, ``South Caucasus``, ``Prime Minister``).
_NOT_PERSON_NAME_WORDS = set(
    "Ministry Minister Prime President Foreign Affairs Council Party Union Organization "
    "Organisation Treaty Committee Agency Office Department Embassy Foundation Institute Bank "
    "Pipeline Corridor Republic Federation Government Parliament Assembly Duma State States "
    "Kremlin News Press Service Forces Army Security Defence Defense Caucasus Sea North South "
    "East West Western Eastern Central International National General Secretary Spokesman "
    "Spokeswoman Deputy Ambassador Senator Gas Energy Dream Group Company Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday University Today Times Post Conference Forum Summit "
    "Congress Centre Center Wire Watch Rights Hall City Radio Liberty Free Europe Welle Neft "
    "Gazeta Pravda Commission Cross House Nations Lake Mount River Valley Square Street Avenue Airport "
    "Association Movement Front Court Tribunal Network Channel Television TV Broadcasting "
    "Magazine Journal Daily Herald Observer Guardian Monitor Review Airlines Railways".split()
)
#: Capitalised titles and descriptions that can stand before a name ("Analyst Tofig Zulfugarov").
_TITLE_WORDS = set(
    "Analyst Expert Professor Prof Dr Mr Mrs Ms Political Scientist Aide Envoy Chief Head Speaker "
    "Chairman Chairwoman Commander Colonel Lieutenant Major Captain Admiral Marshal Journalist Lawmaker "
    "MP Opposition Leader Former Acting Vice Mayor Governor Editor Director Researcher Observer".split()
)
#: Pattern lexicon tags that make a capitalised first word an ordinary word, not a given
#: name ("Human Rights Watch", "Red Cross", "United Nations", "Free Europe").
_NOT_GIVEN_NAME_TAGS = {"JJ", "JJR", "JJS", "VB", "VBN", "VBD", "VBG", "RB", "IN", "DT", "CD"}
#: Penn tags of finite verbs: past, present 3rd/non-3rd person, modal.
_FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_INTERVIEW_INTRO_RE = re.compile(
    r"\binterview(?:s|ed)?\b|\b(?:spoke|talked|talks|speaks)\b[^.?!]*\bwith\b", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")
#: A capitalised name right after a cue ("said Narek Mkrtchyan, a software engineer").
_NAME_AFTER_CUE_RE = re.compile(r"\s+((?:[A-Z][\w'\u2019-]+)(?:\s+[A-Z][\w'\u2019-]+){0,2})\b")
#: Two capitalised words in a row: the least of a person's name (``Maria Zakharova``).
_NAME_PAIR_RE = re.compile(r"(?<!\w)([A-Z][\w'\u2019.-]*)\s+(?=([A-Z][\w'\u2019-]*))")
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
        (``person`` | ``organisation``), ``country``, ``role``, ``gender``
        (``female`` | ``male`` | ``""`` when the entry gives none); the canonical
        name is always one of its variants. Sorted by speaker, variant.

    Raises:
        FileNotFoundError: If ``path`` does not exist.
        ValueError: If the file is not a ``speakers`` list, the list is empty,
            an entry lacks ``name``, ``country`` or ``role``, or its ``gender`` is
            not ``female``/``male`` or given for an organisation (the message
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
    rows: set[tuple[str, str, str, str, str, str]] = set()
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
        gender = entry.get("gender")
        gender = "" if gender is None else str(gender)
        if gender and gender not in GENDERS:
            raise ValueError(
                f"{file}: speakers entry {entry['name']!r}: gender must be female or male "
                f"(or left out), not {gender!r}"
            )
        if gender and kind != "person":
            raise ValueError(f"{file}: speakers entry {entry['name']!r}: only a person has a gender, not an {kind}")
        name = str(entry["name"])
        for variant in [name, *(entry.get("variants") or [])]:
            if not str(variant).strip():
                continue  # an empty variant would match between any two characters
            rows.add((name, str(variant), kind, str(entry["country"]), str(entry["role"]), gender))
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
        # gender is optional: a table built by hand before the field existed still works.
        missing = [c for c in REGISTRY_COLUMNS if c not in table.columns and c != "gender"]
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
        genders = info["gender"] if "gender" in info.columns else pd.Series("", index=info.index)
        self.gender: dict[str, str] = {
            speaker: str(value) for speaker, value in genders.items() if isinstance(value, str) and value in GENDERS
        }
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
        self._mention_by_end: dict[int, _Mention] = {}
        for mention in self.mentions:
            self._mention_by_end.setdefault(mention.end, mention)  # the first by start, as a scan would find
        # Outer double quotations do not overlap: sorted by start and by end alike.
        self.outer_starts = [s.start for s in self.outer]
        self.outer_ends = [s.end for s in self.outer]
        self.span_starts = [s.start for s in self.spans]
        self.longest_span = max((s.end - s.start for s in self.spans), default=0)
        self.sent_start = sentences["start"].tolist()
        self.sent_end = sentences["end"].tolist()
        self.sent_id = sentences["sentence_id"].tolist()
        self.sent_para = sentences["paragraph_id"].tolist()
        self.sent_quote = sentences["quote_id"].fillna("").tolist()
        self._subjects: dict[int, tuple[int, int] | None] = {}
        self._genders: dict[str, str] = {}

    # -- resolution -------------------------------------------------------
    def inside_quote(self, position: int) -> bool:
        index = bisect.bisect_left(self.outer_starts, position) - 1  # the last quotation opening before it
        return index >= 0 and position < self.outer[index].end

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
        found = self._last_speaker_mention(position, role_noun)
        return found[0] if found else ""

    def _last_speaker_mention(
        self, position: int, role_noun: str | None = None, gender: str = ""
    ) -> tuple[str, _Mention] | None:
        """:meth:`last_speaker_before` with its mention; with ``gender`` (of a pronoun) a
        person known to be of the other gender is skipped (:meth:`gender_of`)."""
        index = bisect.bisect_left(self.mention_starts, position)
        for mention in reversed(self.mentions[:index]):
            if self.inside_quote(mention.start):
                continue
            name = self.resolve(mention)
            if not name:
                continue
            if role_noun is None and self.registry.kind.get(name) == "person":
                if gender and self.gender_of(name, mention.surface) not in ("", gender):
                    continue  # "she" after Lavrov: not Lavrov
                return name, mention
            if role_noun is not None and self.registry.role_matches(name, role_noun):
                return name, mention
        return None

    def gender_of(self, name: str, surface: str = "") -> str:
        """A person's gender as far as it is known: ``female``, ``male`` or ``""``.

        A registered speaker's ``gender`` field decides; otherwise the document's
        titles next to the surname (last word of ``surface``, or of ``name``):
        ``Mr``/``Ms``/``Mrs``/``Miss`` or ``spokeswoman``/``spokesman`` (and
        ``chairwoman``, ``congressman`` ...) right before the name (``Ms Maria
        Zakharova``, ``spokeswoman Zakharova``), or closing an appositive after it
        (``Zakharova, the Foreign Ministry spokeswoman``). Titles of both genders,
        or none, give ``""``: no constraint, nothing is guessed (not from first names).

        Example:
            >>> t = "Maria Zakharova, the Foreign Ministry spokeswoman, spoke."
            >>> d = _Document("d", t, _default_registry(), split_sentences(pd.DataFrame({"doc_id": ["d"], "text": [t]})))
            >>> d.gender_of("unknown", "Maria Zakharova"), d.gender_of("Sergey Lavrov"), d.gender_of("unknown", "Ivanova")
            ('female', 'male', '')
        """
        registered = self.registry.gender.get(name, "")
        if registered:
            return registered
        words = (surface or (name if name != UNKNOWN_SPEAKER else "")).split()
        if not words:
            return ""
        surname = words[-1]
        if surname not in self._genders:
            self._genders[surname] = _title_gender(self.text, surname)
        return self._genders[surname]

    def pronoun_speaker(self, position: int, surface: str) -> _Speaker:
        """The speaker a ``he``/``she`` at ``position`` stands for.

        The last registered person named outside quotations, unless a person the
        registry does not know is the subject of a sentence after that mention and
        before the pronoun (``Nikol Pashinyan spoke first. Maria Zakharova, the
        spokeswoman, accused the West. "...," she said.``): then the pronoun is
        nearer to that person, so the speaker is ``unknown`` with the name as its
        surface; nothing is guessed. Places and organisations as subjects (``The
        Foreign Ministry was silent.``) are no such person, see :meth:`sentence_subject`.

        Example:
            >>> t = 'Nikol Pashinyan spoke first. Maria Zakharova accused the West. "No," she said.'
            >>> _Document("d", t, _default_registry(), split_sentences(pd.DataFrame(
            ...     {"doc_id": ["d"], "text": [t]}))).pronoun_speaker(t.index("she"), "she")
            _Speaker(name='unknown', surface='Maria Zakharova')
        """
        gender = _PRONOUN_GENDER.get(surface.lower(), "")
        found = self._last_speaker_mention(position, gender=gender)
        named = self._last_cued_name(found[1].end if found else 0, position, gender)
        first = self.sentence_index_at(named[1] if named else found[1].end if found else 0)
        last = self.sentence_index_at(position)
        for index in range(last, first - 1, -1):
            subject = self.sentence_subject(index)
            # A subject in the registered mention's own sentence blocks it too: there the
            # registered person is the object ("Zakharova responded to Pashinyan."). A cued
            # name blocks only subjects before it (the nearer person is the antecedent).
            if subject is None or subject[1] > position or (named and subject[0] <= named[1]):
                continue
            name = self.text[subject[0]:subject[1]]
            if gender and self.gender_of(UNKNOWN_SPEAKER, name) not in ("", gender):
                continue  # "Ms Olga Ivanova spoke. ... he said": not her
            return _Speaker(UNKNOWN_SPEAKER, name)
        if named is not None:
            return _Speaker(UNKNOWN_SPEAKER, named[0])
        return _Speaker(found[0] if found else UNKNOWN_SPEAKER, surface)

    def _last_cued_name(self, start: int, position: int, gender: str = "") -> tuple[str, int] | None:
        """The last unregistered name in ``text[start:position]`` that a speech cue makes a speaker.

        ``"...," said Narek Mkrtchyan, a software engineer. "..." He said ...`` and
        ``"...," Mnatsakanyan said. "..." He said ...``: the pronoun follows a speaker
        the registry does not know, even a bare surname, so it is not the registered
        person named before. Looks back at most 1,500 characters. With ``gender`` (of
        the pronoun) a name known to be of the other gender is skipped.

        Returns:
            ``(name, offset of the name)``, or None.
        """
        start = max(start, position - 1500)
        last: tuple[str, int] | None = None
        for cue in _CUE_RE.finditer(self.text, start, position):
            if self.inside_quote(cue.start()) or not cue.group()[0].islower() or cue.group().startswith("in "):
                continue
            closing = bisect.bisect_right(self.outer_ends, cue.start()) - 1  # words after a quotation's end
            line_start = max(self.text.rfind("\n", 0, cue.start()) + 1, cue.start() - 60, start,
                             self.outer[closing].end if closing >= 0 else 0)
            before = _trailing_name(self.text[line_start:self._end_before_filler(line_start, cue.start())],
                                    after_comma=False)
            after = None if cue.group() in _ADDRESSEE_CUES else (  # "told Turan": the addressee
                _NAME_AFTER_CUE_RE.match(self.text, cue.end(), min(position, cue.end() + 60)))
            for name, at in ((before, cue.start()), (after, cue.end())):
                surface = name.surface if isinstance(name, _Speaker) else (name.group(1) if name else "")
                if not surface or surface.split()[0].lower() in {"the", "a", "an"} \
                        or surface.endswith(("'s", "\u2019s")) \
                        or surface.lower() in _PRONOUNS or surface in _NOT_PERSON_NAME_WORDS \
                        or surface in _NOT_NAME_WORDS or surface in _lexicon_terms() \
                        or (" " not in surface and _common_word_tag(surface) not in {"", "NNP"}):  # "Experts"
                    continue
                where = self.text.rfind(surface, max(start, at - 80), at + 80)
                if where >= 0 and not self._in_mention(where, where + len(surface)) \
                        and (not gender or self.gender_of(UNKNOWN_SPEAKER, surface) in ("", gender)):
                    last = surface, where
        return last

    def _in_mention(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` overlaps a registry mention."""
        index = bisect.bisect_left(self.mention_starts, end)
        return any(m.end > start for m in self.mentions[max(index - 3, 0):index])

    def sentence_subject(self, index: int) -> tuple[int, int] | None:
        """Offsets of an unregistered person's name that is the subject of sentence ``index``.

        The subject is the words before the sentence's first verb (Pattern's
        tagger), without an appositive between commas; the name is its trailing
        run of at least two capitalised words (``Kremlin aide Yuri Ushakov`` ->
        ``Yuri Ushakov``) holding no title, place or organisation word and not
        opening with a one-word term of the actor lexicon (``The Foreign Ministry``,
        ``South Caucasus``, ``Georgian Dream`` are no person). A name the registry knows, a sentence
        opening with a quotation and a single surname (``Zakharova said``, as
        likely a place: ``Gyumri said``) give None. Cached per sentence.
        """
        if index in self._subjects:
            return self._subjects[index]
        self._subjects[index] = found = self._sentence_subject(index)
        return found

    def _sentence_subject(self, index: int) -> tuple[int, int] | None:
        if index >= len(self.sent_start):
            return None
        a, b = self.sent_start[index], self.sent_end[index]
        sentence = self.text[a:min(b, a + 160)]
        if not sentence.strip() or sentence.lstrip()[0] in "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb" or self.sent_quote[index]:
            return None
        # Tag only when two capitalised words that may be a name occur early on
        # (most sentences have none): the tagger is the costly part.
        candidates = [
            m for m in _NAME_PAIR_RE.finditer(sentence, 0, 100)
            if not ({m.group(1), m.group(2)} & (_NOT_PERSON_NAME_WORDS | _NOT_NAME_WORDS))
            and m.group(1).lower() not in _NOT_BEFORE_NAME_WORDS
            and not self._in_mention(a + m.start(1), a + m.end(1))
        ]
        if not candidates:
            return None
        sentence = sentence[:candidates[-1].end() + 40]
        subject: list[str] = []
        for token, tag in _tagger().tag(sentence):
            if tag.startswith("VB") or tag == "MD":
                break
            subject.append(token)
        else:
            return None
        groups: list[list[str]] = [[]]
        for token in subject:
            if token == ",":
                groups.append([])
            else:
                groups[-1].append(token)
        lexicon = _lexicon_terms()
        for group in groups:
            if not group or group[-1] in _NOT_NAME_WORDS:
                continue
            name: list[str] = []
            for token in reversed(group):
                if not (token[0].isupper() and _NAME_TOKEN_RE.fullmatch(token)) or token in _NOT_PERSON_NAME_WORDS \
                        or token in _NOT_NAME_WORDS or any(c.isdigit() for c in token):
                    break
                name.insert(0, token)
            while name and (name[0] in lexicon or name[0] in _TITLE_WORDS):
                name.pop(0)  # "Georgian", "Russian", "Ms": an adjective of place or a title before the name
            if name and _common_word_tag(name[0]) in _NOT_GIVEN_NAME_TAGS:
                continue  # "Human Rights Watch", "White House": an adjective opens no person's name
            if len(name) < 2 or len(name) < len(group) and group[len(group) - len(name) - 1].lower() in _NOT_BEFORE_NAME_WORDS:
                continue  # "the head of the Duma", one capitalised word: no person's name
            match = re.search(r"(?<!\w)" + r"\s+".join(re.escape(t) for t in name) + r"(?!\w)", sentence)
            if match is None:
                continue
            start, end = a + match.start(), a + match.end()
            if self._in_mention(start, end):
                return None  # a registered name (or part of one): the registry's speaker
            return start, end
        return None

    def mention_ending_at(self, position: int) -> _Mention | None:
        return self._mention_by_end.get(position)

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
        if len(attempts) == 3:
            # "Hikmat Hajiyev, an adviser to President Ilham Aliyev, said": a name before the
            # appositive is the speaker, even unregistered; the name inside it is not.
            before = self.text[start:attempts[2]]
            name = _trailing_name(before, after_comma=False)
            if self.mention_ending_at(attempts[2]) is None and name is not None and \
                    before.strip(_SURFACE_STRIP).endswith(name.surface) and \
                    len(before.strip(_SURFACE_STRIP).split()) <= len(name.surface.split()) + 4:
                return name
            # "The spokeswoman, Maria Zakharova, said": after a description the appositive is
            # the name (a registered one is found below, as the mention ending the appositive).
            between = self.text[attempts[2]:attempts[1]].strip(_SURFACE_STRIP)
            if self.mention_ending_at(attempts[1]) is None and _is_description(before) \
                    and _leading_name(between) == between and len(between.split()) >= 2:
                return _Speaker(UNKNOWN_SPEAKER, between)
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
            return self.pronoun_speaker(position - len(token), token)
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
            return self.pronoun_speaker(start, word.group(1))
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
        pronoun (``the talks were``, ``the day before he`` are no speaker). Without a
        determiner its head noun must name persons (``Analysts in Yerevan``,
        ``Western diplomats``; :data:`_PERSON_NOUNS`), so ``In 2020 the parties`` or
        ``Everyone in the room`` is none. The
        speaker is ``unknown`` with the description as surface; with ``the`` a
        description naming a role (``the Kremlin spokesman``) resolves like a role
        noun, to the last speaker whose registry role contains the whole
        description, so ``the senior spokesman`` is not guessed from ``spokesman``.
        """
        surface = self.text[start:self._end_before_filler(start, end)].strip(_SURFACE_STRIP)
        words = surface.split()
        if _DESCRIPTION_RE.fullmatch(surface) is None:
            # No determiner ("Analysts in Yerevan said", "Western diplomats said"):
            # a described speaker only if its head noun names persons.
            if words and _description_head(words) in _PERSON_NOUNS and len(words) <= 8 and "," not in surface \
                    and words[0].lower() not in _PHRASE_PREPOSITIONS \
                    and not any(w.lower() in _NOT_DESCRIPTION_WORDS for w in words):
                return _Speaker(UNKNOWN_SPEAKER, surface)
            return None
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
        start, end = self.sent_start[index], self.sent_end[index]
        # Spans are sorted by start: begin with the first that can reach the sentence.
        first = bisect.bisect_left(self.span_starts, start - self.longest_span)
        return not self.words_outside(start, end, self.spans, first)

    def words_outside(self, start: int, end: int, spans: list[QuoteSpan], first: int = 0) -> bool:
        """Whether ``text[start:end]`` has a word character outside ``spans[first:]`` (sorted by start)."""
        position = start
        for i in range(first, len(spans)):
            span = spans[i]
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
        # Sentences are sorted and do not overlap: start at the first one ending after `start`.
        ids = []
        for index in range(bisect.bisect_right(self.sent_end, start), len(self.sent_id)):
            if self.sent_start[index] >= end:
                break
            ids.append(self.sent_id[index])
        return "|".join(ids)


def _title_gender(text: str, surname: str) -> str:
    """The gender the titles around ``surname`` in ``text`` give (``""``: none, or both).

    Example:
        >>> _title_gender("Ms. Olga Ivanova spoke; Ivanova left.", "Ivanova"), _title_gender("Ivanova spoke.", "Ivanova")
        ('female', '')
    """
    name = re.escape(surname)
    titles = _GENDER_TITLE_ALTERNATION
    before = re.compile(rf"(?i:\b({titles}))\.?,?\s+(?:[A-Z][\w'\u2019-]*\s+){{0,2}}{name}(?!\w)")
    after = re.compile(rf"(?<!\w){name},\s+(?:[^\W\d_][\w'\u2019-]*\s+){{0,5}}?(?i:({titles}))\b")
    found = {_GENDER_TITLES[m.group(1).lower()] for pattern in (before, after) for m in pattern.finditer(text)}
    return found.pop() if len(found) == 1 else ""


def _description_head(words: list[str]) -> str:
    """The head noun of a description, lower-cased: its last word before a preposition.

    Example:
        >>> _description_head("a source close to the Russian defence ministry".split())
        'source'
    """
    head = ""
    for i, word in enumerate(words):
        if i and word.lower() in _DESCRIPTION_PREPOSITIONS:
            break
        head = word
    return head.lower().strip(_SURFACE_STRIP)


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
    name = tokens[len(tokens) - run:]
    # Titles and place adjectives before the name are no part of it ("Prime Minister
    # Irakli Kobakhidze", "Georgian Prime Minister ..."), as lower-case ones are not;
    # a run of titles only ("Prime Minister") stays as it is.
    first = 0
    while first < len(name) and (name[first] in _TITLE_WORDS or name[first] in _NOT_PERSON_NAME_WORDS
                                 or name[first] in _lexicon_terms()):
        first += 1
    return _Speaker(UNKNOWN_SPEAKER, " ".join(name[first:] if first < len(name) else name))


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
            # Without a comma after it the phrase runs to the end of the sentence
            # ("The ceasefire is fragile, according to Laurence Broers.").
            phrase_end = comma if comma >= 0 else start + len(text[start:end].rstrip(" \t\n.!?;:"))
            inner = text[cue.end():phrase_end].strip()
            if inner.lower() in {"him", "her"}:
                speaker = doc.pronoun_speaker(cue.start(), inner)
            else:
                mention = doc.first_mention_in(cue.end(), phrase_end)
                if mention is not None and comma < 0 and re.search(r"\b[a-z]", text[cue.end():mention.start]):
                    mention = None  # "according to the agreement signed by Putin": not Putin's words
                if mention is not None:
                    speaker = _Speaker(doc.resolve(mention) or UNKNOWN_SPEAKER, mention.surface)
                else:
                    # "according to a Kremlin spokesman / Western diplomats": a described voice;
                    # "according to TASS / the law / the agreement": a channel, not a voice;
                    # "according to Laurence Broers (of Chatham House)": a person the registry
                    # does not know (two name words at least: one is as likely an outlet).
                    speaker = doc.description_before(cue.end(), phrase_end)
                    if speaker is None or _description_head(speaker.surface.split()) not in _PERSON_NOUNS:
                        name = _leading_name(inner)
                        after_name = inner[len(name):].split() if name and inner.startswith(name) else []
                        if name is None or len(name.split()) < 2 or (
                                after_name and after_name[0] not in {"of", "at", "from", "with"}):
                            continue
                        speaker = _Speaker(UNKNOWN_SPEAKER, name)
            before_cue = text[start:cue.start()]
            if before_cue.rstrip().endswith(",") and re.search(r"\w", before_cue):
                after = text[comma + 1:end] if comma >= 0 else ""
                if _has_finite_verb(after):
                    # "Russia, according to Western diplomats, sees ...": the reported clause
                    # is the sentence around the parenthesis, not what follows it.
                    quote_start = start
                else:
                    # "The ceasefire is fragile, according to Laurence Broers(, an analyst).":
                    # the clause before the phrase, as with "..., Lavrov said."
                    quote_start, end = start, start + len(before_cue.rstrip().rstrip(","))
            elif comma < 0:
                continue  # "According to X the ..." without a comma: where the words begin is unclear
            else:
                quote_start = comma + 1
        elif word.startswith("in "):
            speaker = doc.pronoun_speaker(cue.start(), word.split()[1])
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
            if not introduces_quote:
                final = _cue_after_clause(doc, start, end, cue, min_words)
                if final is not None:
                    return final
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
        # The words follow the verb directly (no "that", no comma): its object.
        object_only = quote_start == cue.end() and (word in _PARTICIPLE_CUES or word in _CUE_WORDS)
        quote_start, quote_end = _trimmed(text, quote_start, end)
        if len(text[quote_start:quote_end].split()) < min_words:
            continue
        if not introduces_quote and not _is_clause(text[quote_start:quote_end]):
            continue  # "Lavrov said at a press conference in Moscow.": no words are reported
        if not introduces_quote and object_only and not _holds_a_verb(text[quote_start:quote_end]):
            # "Pashinyan announced the deployment on Facebook.", "Politicians warned against
            # dependence on Moscow.": an object or a phrase, no reported clause ("said Russia would").
            continue
        return speaker, word, quote_start, quote_end
    return None


#: Words opening a clause, not a subject, between a comma and a cue (", and Shoigu added").
_NOT_SUBJECT_OPENERS = {
    "as", "and", "but", "or", "while", "when", "if", "because", "although", "though", "so",
    "which", "who", "that", "where",
}


def _cue_after_clause(
    doc: _Document, start: int, end: int, cue: re.Match, min_words: int
) -> tuple[_Speaker, str, int, int] | None:
    """Reported speech whose cue follows the reported clause, without quotation marks.

    ``Russia will not leave the region, Lavrov said.`` and ``Russia uses energy
    as a weapon, a European diplomat in Tbilisi said, speaking on condition of
    anonymity.``: the subject is what lies between the last comma and the cue,
    the quote is the clause before that comma, and what follows the cue must be
    no clause and no object (nothing, ``, speaking on ...``, ``on Monday``, the
    addressee of ``told``); the sentence must not open with a conjunction
    (``As can be seen, ..., they think quite the opposite``). With a clause after
    it the cue is parenthetical (``Russian gas, he said, could be delivered by
    spring.``, ``Russia is a partner, he said, and will remain one.``) and the
    quote is the whole sentence, attribution included (a quote is one span of
    text). An opening phrase before the comma is no clause (``On Monday, Lavrov
    said ...``, ``As expected, Lavrov said, the talks failed.``): None, and the
    cue is read as usual.

    Example:
        >>> t = "Russia will not leave the region, Lavrov said."
        >>> d = _Document("d", t, _default_registry(), split_sentences(pd.DataFrame({"doc_id": ["d"], "text": [t]})))
        >>> speaker, cue, a, b = _cue_after_clause(d, 0, len(t), _CUE_RE.search(t), 3)
        >>> speaker.name, cue, t[a:b]
        ('Sergey Lavrov', 'said', 'Russia will not leave the region')
    """
    text = doc.text
    comma = text.rfind(",", start, cue.start())
    if comma <= start:
        return None
    segment = text[comma + 1:cue.start()].split()
    if not segment:
        return _speaker_after_final_cue(doc, start, end, cue, comma, min_words)
    if len(segment) > 8 or segment[0].lower() in _NOT_SUBJECT_OPENERS:
        return None
    tail = text[cue.end():end]
    rest = tail.strip(" \t\n.,;:!?")
    front = text[start:comma]
    # Cheap tests first: the tagger below is the costly part.
    opener = _WORD_AFTER_RE.match(text, start)
    if opener is None or opener.group(1).lower() in _NOT_SUBJECT_OPENERS:
        return None  # "As can be seen, in the U.S., they think ...": no reported clause before the comma
    first_rest = rest.split(None, 1)[0].lower() if rest else ""
    if rest and not tail.lstrip().startswith(",") and first_rest not in _PHRASE_PREPOSITIONS \
            and cue.group().lower() not in _ADDRESSEE_CUES:
        return None  # "..., Lavrov said Russia would stay", "..., they think quite the opposite"
    first = bisect.bisect_left(doc.outer_starts, start)
    if first < len(doc.outer) and doc.outer[first].start < comma:
        return None  # a quotation before the comma: its own attribution decides
    parenthetical = bool(rest) and tail.lstrip().startswith(",") and _has_finite_verb(rest)
    if rest and not parenthetical and _has_finite_verb(rest):
        return None  # "..., Lavrov said on Monday Russia would stay": the clause follows the cue
    if parenthetical:
        first = _tagger().tag(rest.split(None, 1)[0])
        opens_with_verb = bool(first) and (first[0][1].startswith("VB") or first[0][1] == "MD")
        if not (_has_finite_verb(front) or opens_with_verb):
            return None  # "As expected, Lavrov said, the talks failed.": an opening phrase
    elif len(front.split()) < max(min_words, 3) or not _has_finite_verb(front):
        return None
    speaker = doc.subject_before(comma + 1, cue.start()) or _unregistered_subject(doc, comma + 1, cue.start())
    if speaker is None:
        return None
    quote_start, quote_end = _trimmed(text, start, end if parenthetical else comma)
    return speaker, cue.group().lower(), quote_start, quote_end


def _speaker_after_final_cue(
    doc: _Document, start: int, end: int, cue: re.Match, comma: int, min_words: int
) -> tuple[_Speaker, str, int, int] | None:
    """Reported speech whose cue follows the clause and precedes the speaker.

    ``Russia is a reliable guarantor, said Sergey Markov, a political scientist.``:
    the comma closes the reported clause (it must hold a finite verb), and after the
    cue comes only the speaker (a registered name, an unregistered person's name, a
    role noun such as ``the minister``, or a pronoun), then at most a phrase of time
    or place and an appositive without a finite verb (``a teacher who returned ...``
    is a relative clause). Anything else after the name makes it no speaker
    (``..., said Lavrov and left``), and text before the comma that is no clause is
    a subject (``Its spokeswoman, Maria Zakharova, said Blinken should ...``): None.

    Example:
        >>> t = "Russia is a reliable guarantor, said Sergey Markov, a political scientist."
        >>> d = _Document("d", t, _default_registry(), split_sentences(pd.DataFrame({"doc_id": ["d"], "text": [t]})))
        >>> speaker, cue, a, b = _speaker_after_final_cue(d, 0, len(t), _CUE_RE.search(t), t.index(","), 3)
        >>> speaker.name, cue, t[a:b]
        ('Sergey Markov', 'said', 'Russia is a reliable guarantor')
    """
    text = doc.text
    word = cue.group().lower()
    if word in _ADDRESSEE_CUES or word in _REVERSE_CUES or word in _PARTICIPLE_CUES or not cue.group()[0].islower():
        return None
    opener = _WORD_AFTER_RE.match(text, start)
    if opener is None or opener.group(1).lower() in _NOT_SUBJECT_OPENERS:
        return None
    first = bisect.bisect_left(doc.outer_starts, start)
    if first < len(doc.outer) and doc.outer[first].start < comma:
        return None  # a quotation before the comma: its own attribution decides
    after_start = cue.end()
    while after_start < end and text[after_start].isspace():
        after_start += 1
    appositive = text.find(",", after_start, end)
    name_end = appositive if appositive >= 0 else end
    part = text[after_start:name_end].rstrip(" \t\n.!?;:")
    speaker: _Speaker | None = None
    rest = ""
    mention = doc.first_mention_in(after_start, after_start + len(part))
    role = _ROLE_NOUN_AFTER_RE.match(part)
    pronoun = _WORD_START_RE.match(part)
    if mention is not None and mention.start == after_start:
        speaker = _Speaker(doc.resolve(mention) or UNKNOWN_SPEAKER, mention.surface)
        rest = text[mention.end:after_start + len(part)]
    elif role:
        speaker = doc._role_speaker(role.group(1), role.group(0).strip(), cue.start())
        rest = part[role.end():]
    elif pronoun and pronoun.group(1).lower() in {"he", "she"}:
        speaker = doc.pronoun_speaker(after_start, pronoun.group(1))
        rest = part[pronoun.end():]
    else:
        name = _leading_name(part)
        if name is not None:
            speaker = _Speaker(UNKNOWN_SPEAKER, name)
            rest = part[part.index(name) + len(name):]
    if speaker is None:
        return None
    rest = rest.strip()
    if rest and (rest.split()[0].lower() not in _PHRASE_PREPOSITIONS or _has_finite_verb(rest)):
        return None  # "..., said Lavrov and left": more than the speaker follows the cue
    if appositive >= 0 and _has_finite_verb(text[appositive + 1:end]):
        return None  # "..., said Lavrov, and the talks ended": a clause follows the speaker
    front = text[start:comma]
    if len(front.split()) < max(min_words, 3) or not _has_finite_verb(front):
        return None
    quote_start, quote_end = _trimmed(text, start, comma)
    return speaker, word, quote_start, quote_end


def _leading_name(words: str) -> str | None:
    """An unregistered person's name opening ``words`` (``Maria Zakharova`` of ``Maria Zakharova of ...``).

    The opening run of capitalised name words (particles allowed inside), without
    titles and place adjectives before the name (``Foreign Minister Jeyhun Bayramov``
    -> ``Jeyhun Bayramov``). None when the run holds a word of an organisation or a
    place (``Chatham House``, ``Caucasus Monitor``), is a one-word term of the actor
    lexicon (``Moscow``), a pronoun or clause opener (``It``), or one common word
    (``Experts``).

    Example:
        >>> _leading_name("Laurence Broers of Chatham House"), _leading_name("Chatham House")
        ('Laurence Broers', None)
    """
    tokens = words.split()
    run: list[str] = []
    for token in tokens:
        if token in _NAME_PARTICLES and run:
            run.append(token)
            continue
        if not (token[0].isupper() and _NAME_TOKEN_RE.fullmatch(token)):
            break
        run.append(token)
    while run and run[-1] in _NAME_PARTICLES:
        run.pop()  # "Ivanov de": a particle does not close a name
    lexicon = _lexicon_terms()
    while len(run) > 1 and (run[0] in _TITLE_WORDS or run[0] in _NOT_PERSON_NAME_WORDS or run[0] in lexicon):
        run.pop(0)
    if not run:
        return None
    surface = " ".join(run)
    if any(t in _NOT_PERSON_NAME_WORDS or t in _TITLE_WORDS for t in run) or run[0] in _NOT_NAME_WORDS \
            or surface.lower() in _PRONOUNS or surface in lexicon or surface.endswith(("'s", "\u2019s")) \
            or (len(run) == 1 and _common_word_tag(surface) not in {"", "NNP"}) \
            or (len(run) > 1 and _common_word_tag(run[0]) in _NOT_GIVEN_NAME_TAGS):
        return None
    return surface


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Reported words' bounds without leading space and trailing space or colon."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n:":
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def _lexicon_terms() -> frozenset[str]:
    """One-word terms of the packaged actor lexicon (``Georgian``, ``Russia``, ``Kremlin``).

    Such a word opening a capitalised run is a place or its adjective, not a first
    name; the lexicon also lists surnames (``Zakharova``), so only the opening of a
    name is checked against it, see :meth:`_Document.sentence_subject`.
    """
    from analysis.actors import load_lexicon

    return frozenset(str(term) for term in load_lexicon()["term"] if " " not in str(term))


def _common_word_tag(word: str) -> str:
    """Pattern's lexicon tag of ``word`` in lower case ('' if unknown): 'JJ' for "human"."""
    from textblob.en import lexicon

    return lexicon.get(word.lower()) or ""


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
    return _has_finite_verb(words)


def _has_finite_verb(words: str) -> bool:
    """Whether ``words`` hold a finite verb outside a relative clause (which runs to the next comma).

    Example:
        >>> _has_finite_verb("reporters in a statement that was published"), _has_finite_verb("Russia uses gas")
        (False, True)
    """
    if not re.search(r"[^\W\d_]", words):
        return False
    relative = False
    for token, tag in _tagger().tag(words):
        if token == ",":
            relative = False
        elif token.lower() in _RELATIVE_PRONOUNS:
            relative = True
        elif tag in _FINITE_VERB_TAGS and not relative:
            return True
    return False


def _holds_a_verb(words: str) -> bool:
    """Whether the words after a speech verb hold a verb of their own: a reported clause,
    not the verb's object (``the deployment on Facebook``, ``the importance of dialogue``).

    Lenient where Pattern's tagger is unsure: a past participle counts (it tags
    ``Moscow supported the dialogue`` as VBN), and an opening ``that`` is a
    demonstrative (``that is unacceptable``), not a relative pronoun; verbs in a
    relative clause after it (``the deal that was signed``) do not count.

    Example:
        >>> _holds_a_verb("Moscow supported the dialogue."), _holds_a_verb("the deployment on Facebook.")
        (True, False)
    """
    relative = False
    for i, (token, tag) in enumerate(_tagger().tag(words)):
        if token == ",":
            relative = False
        elif i and token.lower() in _RELATIVE_PRONOUNS:
            relative = True
        elif (tag in _FINITE_VERB_TAGS or tag == "VBN") and not relative:
            return True
    return False


def _clause_begun(words: str) -> bool:
    """Whether the words after a cue already are the reported clause: a finite verb comes
    before any preposition or subordinator (``the government would not accept``).

    A verb after one belongs to a phrase or a subordinate clause that only says when,
    where or to whom (``in an interview he gave to TASS``, ``lawmakers as the session
    opened``), and the reported clause is still to come.

    Example:
        >>> _clause_begun("the government would not accept any deal"), _clause_begun("in an interview he gave to TASS")
        (True, False)
    """
    if not re.search(r"[^\W\d_]", words):
        return False
    for token, tag in _tagger().tag(words):
        if tag in {"IN", "WRB", "TO"} or token.lower() in _RELATIVE_PRONOUNS:
            return False
        if tag in _FINITE_VERB_TAGS:
            return True
    return False


def _unregistered_subject(doc: _Document, start: int, cue_start: int) -> _Speaker | None:
    """A subject of reported speech that is not in the registry: a name or a description.

    The subject is the whole of ``text[start:cue_start]`` or, after an opening
    phrase, the part after its last comma (``On Monday, a senior diplomat told
    Reuters that ...``). An unregistered name (``Analyst Tofig Zulfugarov said
    that ...``) keeps its surface, as in direct quotes; the speaker is ``unknown``.
    Description words before the name are left out of the surface, as in direct
    quotes (``Kremlin aide Yuri Ushakov told TASS that`` -> ``Yuri Ushakov``), if
    they are a few words without a verb (:func:`_describes`).
    """
    comma = doc.text.rfind(",", start, cue_start)
    begins = [start, comma + 1] if comma >= 0 else [start]
    opener = _WORD_AFTER_RE.match(doc.text, start, cue_start)
    if opener is not None and opener.group(1).lower() in _OPENING_CONJUNCTIONS:
        # "But Zakharova added that ...": the conjunction links sentences, the subject follows it.
        begins.insert(1, opener.end())
    for begin in begins:
        found = doc.description_before(begin, cue_start)
        if found is not None and found.name == UNKNOWN_SPEAKER:
            # "The spokeswoman Maria Zakharova said": a described name is the name, as in
            # direct quotes ("Foreign Ministry spokeswoman Maria Zakharova").
            name = _trailing_name(found.surface, after_comma=False)
            if name is not None and len(name.surface.split()) >= 2 and _leading_name(name.surface) == name.surface:
                found = name
        if found is None:
            left = doc.text[begin:doc._end_before_filler(begin, cue_start)].strip(_SURFACE_STRIP)
            name = _trailing_name(left, after_comma=False)
            if name is not None and (name.surface == left or _describes(left[:-len(name.surface)])):
                found = name
        if found is not None:
            return found
    return None


#: Words opening a sentence that link it to the one before, not part of its subject.
_OPENING_CONJUNCTIONS = {"but", "and", "yet", "so", "still", "also"}


def _is_description(words: str) -> bool:
    """Whether ``words`` describe a speaker without naming one: a determiner or a possessive
    and at most seven more words, no verb, pronoun or conjunction after it (``The
    spokeswoman``, ``Its spokeswoman``, ``Russia's envoy``).

    Example:
        >>> _is_description("Its spokeswoman"), _is_description("The talks were over"), _is_description("Zakharova")
        (True, False, False)
    """
    tokens = words.strip(_SURFACE_STRIP).split()
    if not tokens or len(tokens) > 8:
        return False
    first = tokens[0].lower()
    if first not in {"a", "an", "the", "its", "his", "her", "their", "our", "one"} and \
            not first.endswith(("'s", "\u2019s")):
        return False
    return not any(t.lower() in _NOT_DESCRIPTION_WORDS for t in tokens[1:]) and not _has_finite_verb(words)


def _describes(words: str) -> bool:
    """Whether ``words`` before a name are a short description (``Kremlin aide``), not a clause.

    Example:
        >>> _describes("Kremlin aide "), _describes("The talks failed and ")
        (True, False)
    """
    tokens = words.split()
    if not tokens or len(tokens) > 4:
        return False
    if any(t.lower() in _NOT_DESCRIPTION_WORDS or t.lower() in _NOT_BEFORE_NAME_WORDS for t in tokens):
        return False
    return not _has_finite_verb(words)


def _complement_that(text: str, start: int, end: int) -> re.Match | None:
    """The first ``that`` in ``text[start:end]`` that can open a reported clause.

    ``start`` is the end of the cue. A ``that`` followed by a time noun (``said
    that day``) or a finite verb (``in a statement that was published``: a
    relative clause) opens none and is skipped; the ``that`` after it may
    (``told reporters that day that ...``). Only an addressee, adverbial or
    prepositional phrase may stand between the cue and ``that``: after a finite
    verb that comes before any preposition or subordinator the reported clause
    has begun, and a ``that`` in it is a relative pronoun (``said the government
    would not accept any deal that threatened ...``), so there is none
    (:func:`_clause_begun`).

    Example:
        >>> t = "said in a statement that was published that day that talks went well"
        >>> m = _complement_that(t, 4, len(t))
        >>> t[m.end():]
        ' talks went well'
        >>> t = "said the government would not accept any deal that threatened it"
        >>> _complement_that(t, 4, len(t)) is None
        True
    """
    for that in _THAT_RE.finditer(text, start, end):
        if _clause_begun(text[start:that.start()]):
            return None  # the clause has begun: its "that" is a relative pronoun
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
    index = bisect.bisect_right(doc.outer_ends, cue_start) - 1  # the last quotation closing before the cue
    if index < 0:
        return None
    found = _cue_after_match(doc, doc.outer[index])
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
    previous_end = -1  # where the previous quotation and its attribution end
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
        if found is None and _continues(doc, span, previous, previous_end):
            found, quotation_id = previous, previous_quotation
        if found is None:
            if len(text[start:end].split()) < MIN_UNATTRIBUTED_WORDS:
                continue  # a scare quote or title, not somebody's words
            found = (_Speaker(UNKNOWN_SPEAKER, ""), "")
        attributed[j] = found
        previous, previous_quotation = found, quotation_id
        # The attribution after a quotation runs to the end of its sentence.
        previous_end = max(span.end, doc.sent_end[doc.sentence_index_at(span.end - 1)] if doc.sent_end else span.end)
        rows.append(_row(doc, quote_id, "direct", found[0], found[1], start, end, quotation_id))
    # Nested quotations with their own cue ("'...'- Putin remarked").
    for j, span in enumerate(doc.spans):
        if span.depth == 0:
            continue
        found = _cue_after(doc, span)
        if found is None or found[0].name == UNKNOWN_SPEAKER:
            continue
        outer = [attributed[i] for i in attributed if doc.spans[i].start <= span.start and span.end <= doc.spans[i].end]
        if any(_same_speaker(o[0], found[0]) for o in outer):
            continue  # '"We call it "a provocation"," Lavrov said': one quotation of Lavrov's, counted once
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
    direct_keys = sorted(attributed)
    direct = [doc.spans[j] for j in direct_keys]
    direct_starts = [span.start for span in direct]
    k = 0
    for index, (a, b) in enumerate(zip(doc.sent_start, doc.sent_end)):
        if doc.quoted_only(index) or doc.sent_para[index] in question_paragraphs:
            continue
        found = _reported_in(doc, a, b)
        if found is None:
            continue
        speaker, cue, start, end = found
        end = _before_other_voice(doc, speaker, start, end, attributed, direct_keys, direct_starts)
        if len(doc.text[start:end].split()) < MIN_EMBEDDED_WORDS:
            continue  # 'Pashinyan said nothing; "...," Aliyev told reporters.': the rest is Aliyev's
        if not doc.words_outside(start, end, direct, bisect.bisect_left(direct_starts, start - doc.longest_span)):
            continue  # 'Miller added, "..."': the words are a direct quotation, a row of its own
        rows.append(_row(doc, f"{doc.doc_id}:r{k:03d}", "reported", speaker, cue, start, end))
        k += 1
    return _without_double_counts(rows)


def _before_other_voice(
    doc: _Document, speaker: _Speaker, start: int, end: int, attributed: dict[int, tuple[_Speaker, str]],
    keys: list[int], starts: list[int],
) -> int:
    """``end`` moved before a direct quotation in ``text[start:end]`` that another speaker's cue attributes.

    ``Pashinyan said nothing; "...," Aliyev told reporters.``: Pashinyan's reported
    words end before Aliyev's quotation and its attribution. A quotation of the same
    speaker stays inside (``He said Armenia had "de facto frozen" its membership``).
    ``keys`` are the attributed spans' indices in text order, ``starts`` their starts.
    """
    for i in range(bisect.bisect_right(starts, start), len(keys)):
        j = keys[i]
        span = doc.spans[j]
        if span.start >= end:
            break
        if not _same_speaker(attributed[j][0], speaker):
            end = span.start
            while end > start and (doc.text[end - 1].isspace() or doc.text[end - 1] in ",;:-\u2013\u2014"):
                end -= 1
            break
    return end


def _same_speaker(a: _Speaker, b: _Speaker) -> bool:
    """One voice: the same registered speaker, or two unknown ones with the same surface."""
    return a.name == b.name and (a.name != UNKNOWN_SPEAKER or a.surface.lower() == b.surface.lower())


def _same_voice(a: dict, b: dict) -> bool:
    """:func:`_same_speaker` of two quote rows."""
    return _same_speaker(_Speaker(a["speaker"], a["speaker_surface"]), _Speaker(b["speaker"], b["speaker_surface"]))


def _without_double_counts(rows: list[dict]) -> list[dict]:
    """Drop a direct quotation lying inside a reported row of the same speaker.

    ``He said Armenia had "de facto frozen" its membership.`` is one quote: the
    reported row already holds the quoted words (its offsets cover them), so a
    second, direct row would count the speaker twice. A quotation of another
    speaker inside the clause (``Lavrov said Putin had called it "a mistake",
    Putin remarked``) stays.
    """
    reported = sorted((r for r in rows if r["kind"] == "reported"), key=lambda r: r["start"])
    if not reported:
        return rows
    starts = [r["start"] for r in reported]

    def inside_own_report(row: dict) -> bool:
        # Reported rows lie in their own sentences (no overlap): only the last one
        # starting before the quotation can hold it.
        index = bisect.bisect_right(starts, row["start"]) - 1
        return index >= 0 and row["end"] <= reported[index]["end"] and _same_voice(reported[index], row)

    return [r for r in rows if r["kind"] != "direct" or not inside_own_report(r)]


def _continues(doc: _Document, span: QuoteSpan, previous: tuple[_Speaker, str] | None, previous_end: int) -> bool:
    """Whether a quotation without a cue of its own continues the previous quotation.

    Journalistic convention: ``"...," he told journalists. "There is still no
    clarity."`` - a quotation opening the next sentence of the same paragraph,
    with nothing but the previous quotation's attribution between them, is the
    same speaker's. It must fill its sentence (text after it up to the sentence
    end is punctuation only), so a scare quote opening a sentence does not
    continue anything; an unattributed previous quotation passes nothing on.
    """
    if previous is None or previous_end < 0 or (previous[0].name == UNKNOWN_SPEAKER and not previous[0].surface):
        return False
    text = doc.text
    if previous_end > span.start or text[previous_end:span.start].strip():
        return False
    if doc.sent_para[doc.sentence_index_at(previous_end - 1)] != doc.sent_para[doc.sentence_index_at(span.start)]:
        return False
    last = doc.sentence_index_at(span.end - 1)
    return not re.search(r"\w", text[span.end:max(span.end, doc.sent_end[last])])


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


def attach_quote_stance(
    quotes: pd.DataFrame, sentences: pd.DataFrame, target_mentions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Add the target stance of each quote: only target mentions inside the quoted words count.

    A quote is about the target when a mention of the target lies inside the
    quoted words (``start`` .. ``end``), not merely in its sentence: in
    ``"We have made progress on transport links," Putin said.`` the sentence
    mentions Russia through "Putin", but the quote does not. The mentions are
    ``target_mentions`` (the mentions table's rows of the target actor, with
    ``doc_id``, ``sentence_id``, ``doc_start``, ``doc_end``; the pipeline passes them) or, without
    it, the sentences' ``target_surfaces`` found inside the quoted part of each
    sentence (needs ``start`` and ``text``). The quote's target sentences are the
    sentences holding such a mention.

    One rule labels a quote, so ``quotes.csv`` and ``sentences.csv`` never
    disagree: a quote with one target sentence takes that sentence's ``stance``
    label (the scorer's own label); with several, the most frequent of their
    labels, and ``neutral`` when two labels tie. ``stance_score`` is the mean
    score of the target sentences.

    Args:
        quotes: The quotes table (``doc_id``, ``start``, ``end``, ``sentence_ids``).
        sentences: Sentences after the stance stage (``sentence_id``,
            ``stance_score``, ``stance``; ``target_surfaces``, ``start`` and
            ``text`` unless ``target_mentions`` is given).
        target_mentions: Mentions of the target (``doc_id``, ``sentence_id``,
            ``doc_start``, ``doc_end``), or None.

    Returns:
        A copy of ``quotes`` with ``mentions_target`` (a target mention lies in
        the quoted words), ``stance_score`` (NaN when none) and ``stance`` (empty
        when none).

    Raises:
        KeyError: If ``sentences`` lacks a needed column.

    Example:
        >>> q = pd.DataFrame({"doc_id": ["d", "d"], "start": [1, 40], "end": [30, 70],
        ...     "sentence_ids": ["d:0000", "d:0001"]})
        >>> s = pd.DataFrame({"sentence_id": ["d:0000", "d:0001"], "start": [0, 40],
        ...     "text": ['"Transport links will open," Putin said.', "Russia is an unreliable partner."],
        ...     "target_surfaces": ["Putin", "Russia"], "stance_score": [0.1, -0.3], "stance": ["neutral", "critical"]})
        >>> attach_quote_stance(q, s)[["mentions_target", "stance", "stance_score"]].values.tolist()
        [[False, '', nan], [True, 'critical', -0.3]]
    """
    needed = ["sentence_id", "stance_score", "stance"]
    if target_mentions is None:
        needed += ["target_surfaces", "start", "text"]
    missing = [c for c in needed if c not in sentences.columns]
    if missing:
        raise KeyError(f"attach_quote_stance: sentences lack {missing}; run the stance stage first")
    scores = dict(zip(sentences["sentence_id"], sentences["stance_score"].astype(float)))
    labels = dict(zip(sentences["sentence_id"], sentences["stance"].astype(object).fillna("")))
    if target_mentions is not None:
        by_doc: dict[str, list[tuple[int, int, str]]] = {}
        for doc_id, sid, a, b in zip(target_mentions["doc_id"], target_mentions["sentence_id"],
                                     target_mentions["doc_start"], target_mentions["doc_end"]):
            by_doc.setdefault(str(doc_id), []).append((int(a), int(b), str(sid)))
    else:
        surfaces = dict(zip(sentences["sentence_id"], sentences["target_surfaces"].astype(object).fillna("")))
        starts = dict(zip(sentences["sentence_id"], sentences["start"].astype(int)))
        texts = dict(zip(sentences["sentence_id"], sentences["text"]))
    out = quotes.copy()
    flags: list[bool] = []
    means: list[float] = []
    stances: list[str] = []
    for doc_id, start, end, ids in zip(out["doc_id"], out["start"], out["end"], out["sentence_ids"]):
        start, end = int(start), int(end)
        if target_mentions is not None:
            inside = {sid for a, b, sid in by_doc.get(str(doc_id), []) if start <= a and b <= end}
            target_ids = [i for i in _split_ids(ids) if i in inside]
        else:
            target_ids = [i for i in _split_ids(ids) if _surface_inside(
                surfaces.get(i, ""), texts.get(i, ""), starts.get(i, 0), start, end)]
        values = [scores[i] for i in target_ids if not math.isnan(scores.get(i, math.nan))]
        flags.append(bool(target_ids))
        means.append(sum(values) / len(values) if values else math.nan)
        stances.append(majority_label([labels.get(i, "") for i in target_ids], tie="neutral") if values else "")
    out["mentions_target"] = flags
    out["stance_score"] = means
    out["stance"] = stances
    return out


def _surface_inside(surfaces: str, text: object, sentence_start: int, start: int, end: int) -> bool:
    """Whether one of a sentence's target surfaces occurs in its part inside ``start`` .. ``end``."""
    if not surfaces or not isinstance(text, str):
        return False
    a, b = max(start - sentence_start, 0), min(end - sentence_start, len(text))
    if a >= b:
        return False
    part = text[a:b]
    return any(re.search(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", part) for surface in surfaces.split("|") if surface)


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
            unique target-mentioning sentences of a speaker's quotes about the
            target. A quote is about the target by its own ``mentions_target``
            when it has one (:func:`attach_quote_stance`: a mention inside the
            quoted words), else when one of its sentences mentions the target.
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
    # After attach_quote_stance a quote says itself whether its words mention the
    # target; a mention only in the attribution ("Putin said") does not count.
    own_flag = "mentions_target" in quotes.columns
    rows: list[dict] = []
    for speaker, group in quotes.groupby("speaker", sort=True):
        quote_ids = [_split_ids(v) for v in group["sentence_ids"]]
        if own_flag:
            about = group["mentions_target"].astype(str).str.lower().isin(["true", "1"]).tolist()
        else:
            about = [any(mentions.get(i, False) for i in ids) for ids in quote_ids]
        target_sentences = sorted({i for ids, on in zip(quote_ids, about) if on for i in ids if mentions.get(i, False)})
        # One quotation may span several rows (paragraphs): count quotations, not rows.
        quotation = group["quotation_id"].tolist() if "quotation_id" in group else list(range(len(group)))
        n_quotations = len(set(quotation))
        n_target = len({q for q, on in zip(quotation, about) if on})
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
