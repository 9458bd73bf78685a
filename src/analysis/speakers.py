"""Speakers: the speaker registry and who a quotation's words belong to.

The registry (``data/speakers.yaml``, :func:`load_speaker_registry`) names the
people and organisations quoted in the corpus, with their name variants,
country, role and (optionally) gender. Resolution follows short references
back: a bare surname to the last full name with that surname in the document,
``he``/``she`` to the last person named outside quotation marks who is not known
to be of the other gender (registry ``gender`` or a title such as
``Ms``/``spokeswoman``), or to that person's sentence's subject when the person is
named there only in a side phrase (``with Putin seated across the table``), role
nouns (``the MP``, ``the minister``, ``the publication``) to the last speaker whose
registry role contains the noun; a person the registry does not know keeps the
name as the surface of an ``unknown`` speaker. Nothing is guessed.

Quote detection (which words are quoted, with which cue) is
:mod:`analysis.quotes`; it extends :class:`SpeakerDocument` and calls the
resolution methods here. Its interface to this module (public names, not in
``__all__``: they are not the package's API) is the resolved :class:`Speaker`,
:class:`SpeakerDocument`, :class:`SpeakerRegistry` with :func:`default_registry`;
the speech cues both modules read (``SPEECH_CUE_RE``, ``SPEECH_VERBS``,
``ADDRESSEE_CUES``, ``PERSON_ONLY_VERBS``); the grammar helpers (:func:`pos_tagger`,
:func:`has_finite_verb`, ``FINITE_VERB_TAGS``, ``RELATIVE_PRONOUNS``,
``PHRASE_PREPOSITIONS``, ``PERSON_PRONOUNS``); and the name and description helpers
(:func:`leading_name`, :func:`is_full_name`, :func:`description_head`, :func:`is_title_word`, ``PERSON_NOUNS``,
``NOT_DESCRIPTION_WORDS``).

Example:
    >>> reg = load_speaker_registry()
    >>> sorted(reg.loc[reg.variant == "Putin", "speaker"]), sorted(set(reg.loc[reg.speaker == "Vladimir Putin", "gender"]))
    (['Vladimir Putin'], ['male'])
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import SPEAKER_REGISTRY_PATH
from analysis.io import read_yaml
from analysis.text import QuoteSpan, scan_quotes

__all__ = [
    "REGISTRY_COLUMNS",
    "GENDERS",
    "UNKNOWN_SPEAKER",
    "load_speaker_registry",
]

#: Columns of the table returned by :func:`load_speaker_registry` (one row per variant).
#: ``gender`` is optional in a table built by hand (missing or empty: not known).
REGISTRY_COLUMNS: list[str] = ["speaker", "variant", "type", "country", "role", "gender"]
#: Genders a registry entry may give (``gender:``, optional, persons only).
GENDERS: tuple[str, ...] = ("female", "male")
UNKNOWN_SPEAKER: str = "unknown"

# Speech verbs; "quotes"/"quoted" name the speaker after the verb (AZERTAG quotes Putin).
SPEECH_VERBS = (
    "said says say stated states noted notes believes believe believed thinks think "
    "thought emphasized emphasizes emphasised emphasises stressed stresses added adds "
    "explained explains told tells wrote writes remarked remarks quotes quoted considers "
    "argued argues claimed claims insisted insists warned warns declared declares "
    "announced announces continued concluded saying stating"
    # The reporting verbs of news style guides (AP, Reuters): forms that are no common
    # noun ("promises", "comments", "recalls" are left out: "Western promises had ...").
    " acknowledged acknowledges admitted admits conceded concedes denied denies asserted asserts"
    " maintained maintains contended contends observed observes replied responded responds"
    " countered cautioned complained complains reiterated reiterates underlined underlines"
    " underscored underscores commented alleged alleges pledged vowed assured assures mentioned"
    " hinted pointed\\s+out points\\s+out"
    # A retort ("Zakharova shot back that ...").
    " shot\\s+back fired\\s+back retorted"
    # An interruption and a charge report words too ("interjected that ...", "Officials accuse
    # the contingent of standing by ..."); "claim" in the plural ("Critics claim that ...").
    " interjected interjects accuse accuses accused claim"
    # "as Lomidze put it": the speaker's phrasing (only after "as X", see _CUE_PATTERNS).
    " put\\s+it puts\\s+it"
    # Plural and first-person present forms ("Others argue that ...", "we believe").
    " argue insist insisted warn admit acknowledge explain emphasize emphasise maintain contend assert"
    # Verbs whose subject is as often a text or figure as a person ("the data suggest"):
    # a quote only with a person as subject (PERSON_ONLY_VERBS).
    " suggested suggests suggest confirmed confirms indicated indicates revealed reveals predicted predicts"
    # Participles continuing the subject's sentence ("Zakharova was blunt, warning that ...").
    " warning suggesting arguing adding noting insisting claiming stressing explaining declaring"
    " asserting acknowledging admitting emphasizing emphasising underlining recalling predicting"
).split()
#: Cue patterns narrower than the verb: "hinted that" reports, "hinted at the statement" does not.
_CUE_PATTERNS = {
    "hinted": r"hinted(?!\s+at\b)",
    # "claim"/"accused" are as often a noun or an adjective ("the claim that", "the accused
    # man"): a cue only after no determiner or auxiliary.
    "claim": r"(?<!\b[Tt]he )(?<!\b[Aa] )(?<!\b[Nn]o )(?<!\b[Hh]is )(?<!\b[Hh]er )(?<!\b[Ii]ts )(?<!\b[Oo]ur )claim",
    "accused": r"(?<!\b[Tt]he )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bis )(?<!\bare )accused",
}
#: Speech verbs that report a person's words only when a person is their subject
#: ("Peskov suggested that ...", not "The figures suggest that ...").
PERSON_ONLY_VERBS = set(
    "suggested suggests suggest confirmed confirms indicated indicates revealed reveals predicted predicts".split()
)
SPEECH_CUE_RE = re.compile(
    # "in his words/view" name the speaker by a pronoun; "in the words of X" as "according to X" does.
    r"\b(?:(?i:according to|in the words of|in (?:his|her) (?:opinion|view|words))|" + "|".join(_CUE_PATTERNS.get(v, v) for v in SPEECH_VERBS) + r")\b"
)
#: Cues whose object is the addressee ("told reporters", "tells Turan"), never the speaker;
#: they report speech only with a clause after the addressee ("told Turan that ...").
ADDRESSEE_CUES = {"told", "tells"}
#: The gender a pronoun gives its antecedent (see :meth:`SpeakerDocument.pronoun_speaker`).
_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
#: The pronouns that refer back to a person: never a name here, and in quotes.py the words
#: that go on about the person an interview's introduction names.
PERSON_PRONOUNS: tuple[str, ...] = tuple(_PRONOUN_GENDER)
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
    r"(?:\s+(?:also|actually|himself|herself|further|then|has|had|have|repeatedly|once again|once|"
    r"specifically|earlier|recently|previously|later|again|separately|subsequently|reportedly|"
    # Catenative verbs between subject and speech verb: "he was careful to say that ...",
    # "went on to argue", "continues to insist".
    r"(?:is|was|were|are|has\s+been|had\s+been|have\s+been)\s+(?:careful|quick|keen|eager|anxious|"
    r"at\s+pains|happy|right|willing)\s+to|(?:went|goes|go|going)\s+on\s+to|continues\s+to|"
    r"continued\s+to|continue\s+to|hastened\s+to|rushed\s+to|sought\s+to|tried\s+to|wanted\s+to|"
    r"wants\s+to|used\s+to|seemed\s+to|seems\s+to|appeared\s+to|appears\s+to))+\s*$"
)
_ROLE_NOUN_RE = re.compile(r"\b[Tt]he\s+((?:former\s+)?[A-Za-z][\w-]*(?:\s+scientist)?)\s*$")
_ROLE_NOUN_AFTER_RE = re.compile(r"^\s*[Tt]he\s+((?:former\s+)?[A-Za-z][\w-]*(?:\s+scientist)?)")
_WORD_END_RE = re.compile(r"([A-Za-z]+)\s*$")
_WORD_START_RE = re.compile(r"^\s*([A-Za-z]+)")
#: Capitalised words that open a clause but are no name ("I told him", "It was said").
_NOT_NAME_WORDS = {
    "I", "We", "You", "It", "This", "That", "These", "Those", "There", "One", "As", "And", "But",
    "What", "Which", "Who", "When", "Where", "Why", "How", "If", "While", "Although", "Because",
}
#: Lower-case particles allowed inside a name ("Ursula von der Leyen").
_NAME_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "al", "bin", "ibn", "ter", "le", "la"}
_NAME_TOKEN_RE = re.compile(r"[^\W\d_][\w'\u2019.-]*")
_SURFACE_STRIP = " \t\n,;:-\u2013\u2014\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a"
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
_DESCRIPTION_PREPOSITIONS = {"of", "in", "at", "for", "from", "to", "with", "close", "near", "on"}
#: Words that make the text before a cue a clause, not a described speaker.
NOT_DESCRIPTION_WORDS = {
    "is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "will",
    "would", "could", "can", "may", "might", "should", "must", "do", "does", "did", "not",
    "he", "she", "it", "they", "we", "i", "you", "him", "them", "his", "its", "their", "our",
    "that", "which", "who", "whom", "whose", "and", "or", "but", "if", "when", "while",
    "because", "than", "then", "before", "after", "later", "ago",
}
_WORD_AFTER_RE = re.compile(r"\s*([^\W\d_]+)")
#: Prepositions that open a phrase of place, time or occasion after a speech verb.
PHRASE_PREPOSITIONS = {
    "in", "at", "on", "during", "after", "before", "with", "from", "to", "for", "by", "about",
    "over", "amid", "following", "ahead", "upon", "via", "through", "outside", "inside", "behind",
}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose", "where", "when"}
#: Head nouns that make a description a person or group of persons, a voice
#: (``according to Western diplomats``), unlike a channel or a text (``according to
#: TASS``, ``the law``, ``the agreement``).
PERSON_NOUNS = set(
    "spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople official officials "
    "diplomat diplomats source sources analyst analysts expert experts observer observers "
    "critic critics politician politicians lawmaker lawmakers minister ministers aide aides "
    "envoy envoys ambassador ambassadors adviser advisers advisor advisors representative "
    "representatives commentator commentators journalist journalists scientist scientists "
    "researcher researchers leader leaders resident residents protester protesters member "
    "members deputy deputies negotiator negotiators insider insiders people "
    # Occupations that introduce a person in news copy ("Karen Sahakyan, a historian").
    "historian historians economist economists professor professors fellow fellows scholar scholars "
    "lawyer lawyers activist activists writer writers author authors editor editors director directors "
    "head chief teacher teachers student students farmer farmers doctor doctors nurse nurses driver drivers "
    "engineer engineers banker bankers soldier soldiers veteran veterans pensioner pensioners refugee "
    "refugees worker workers owner owners businessman businesswoman entrepreneur entrepreneurs "
    "lecturer lecturers correspondent correspondents reporter reporters blogger bloggers priest "
    "mother father son daughter wife husband woman women man men villager villagers shopkeeper "
    "officer officers commander commanders general governor mayor senator president chairman "
    "chairwoman secretary ambassador specialist specialists consultant consultants strategist "
    "strategists campaigner campaigners organiser organizer manager managers founder co-founder "
    "candidate candidates presenter host guide broker brokers trader traders dealer dealers "
    "merchant merchants "
    # Persons named by their relation to another ("His former counterpart, a Russian diplomat, ...").
    "counterpart counterparts colleague colleagues predecessor successor".split()
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
    "Magazine Journal Daily Herald Observer Guardian Monitor Review Airlines Railways "
    "Administration Presidential Department Directorate Division Bureau Secretariat Cabinet Policy Mission".split()
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
FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
#: A capitalised name right after a cue ("said Narek Mkrtchyan, a software engineer").
_NAME_AFTER_CUE_RE = re.compile(r"\s+((?:[A-Z][\w'\u2019-]+)(?:\s+[A-Z][\w'\u2019-]+){0,2})\b")
#: A name after a cue and a lower-case description ending in a role noun
#: ("said party spokeswoman Elene Khoshtaria"); the noun is checked by the caller.
_DESCRIBED_NAME_AFTER_CUE_RE = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?P<noun>[a-z][\w-]*)\s+(?P<name>(?:[A-Z][\w'\u2019-]+)(?:\s+[A-Z][\w'\u2019-]+){1,2})\b"
)
#: Two capitalised words in a row: the least of a person's name (``Maria Zakharova``).
_NAME_PAIR_RE = re.compile(r"(?<!\w)([A-Z][\w'\u2019.-]*)\s+(?=([A-Z][\w'\u2019-]*))")


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
class Speaker:
    """A resolved speaker: canonical name and how the text referred to them."""

    name: str
    surface: str


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]


class SpeakerRegistry:
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


class SpeakerDocument:
    """Per-document state for speaker resolution: registry mentions, outer quotations, sentences.

    The quotation finder's document (``analysis.quotes._Document``) extends it with the
    sentence and quotation-span lookups that only quote detection needs.
    """

    def __init__(self, doc_id: str, text: str, registry: SpeakerRegistry, sentences: pd.DataFrame) -> None:
        self.doc_id = doc_id
        self.text = text
        self.registry = registry
        self.spans: list[QuoteSpan] = scan_quotes(text)
        self.outer = [s for s in self.spans if s.depth == 0 and s.mark == "double"]
        self.mentions = [
            _Mention(m.start(), m.end(), m.group(), registry.candidates[m.group()])
            for m in registry.pattern.finditer(text)
            if not _another_persons_surname(text, m.start(), m.group(), registry)
        ]
        self.mention_starts = [m.start for m in self.mentions]
        self._mention_by_end: dict[int, _Mention] = {}
        for mention in self.mentions:
            self._mention_by_end.setdefault(mention.end, mention)  # the first by start, as a scan would find
        # Outer double quotations do not overlap: sorted by start and by end alike.
        self.outer_starts = [s.start for s in self.outer]
        self.outer_ends = [s.end for s in self.outer]
        self.sent_start = sentences["start"].tolist()
        self.sent_end = sentences["end"].tolist()
        self.sent_id = sentences["sentence_id"].tolist()
        self.sent_para = sentences["paragraph_id"].tolist()
        self.sent_quote = sentences["quote_id"].fillna("").tolist()
        self._subjects: dict[int, tuple[int, int] | None] = {}
        self._names: list[tuple[int, str]] | None = None
        self._full_surfaces: list[str] = []  # the full names of ``_names``, in the same order
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
        self, position: int, role_noun: str | None = None, gender: str = "", country: str = ""
    ) -> tuple[str, _Mention] | None:
        """:meth:`last_speaker_before` with its mention; with ``gender`` (of a pronoun) a
        person known to be of the other gender is skipped (:meth:`gender_of`), with
        ``country`` a speaker of another country."""
        index = bisect.bisect_left(self.mention_starts, position)
        for mention in reversed(self.mentions[:index]):
            if self.inside_quote(mention.start):
                continue
            name = self.resolve(mention)
            if not name or (country and self.registry.country.get(name) != country):
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
            >>> from analysis.text import split_sentences
            >>> d = SpeakerDocument("d", t, default_registry(), split_sentences(pd.DataFrame({"doc_id": ["d"], "text": [t]})))
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

    def pronoun_speaker(self, position: int, surface: str) -> Speaker:
        """The speaker a ``he``/``she`` at ``position`` stands for.

        The last registered person named outside quotations, unless a person the
        registry does not know is the subject of a sentence after that mention and
        before the pronoun (``Nikol Pashinyan spoke first. Marina Zolotova, the
        spokeswoman, accused the West. "...," she said.``): then the pronoun is
        nearer to that person, so the speaker is ``unknown`` with the name as its
        surface; nothing is guessed. Places and organisations as subjects (``The
        Foreign Ministry was silent.``) are no such person, see :meth:`sentence_subject`.
        A person introduced with a description after the registered one is nearer too,
        whatever their role in the sentence (:meth:`introduced_person`), and so is a
        subject that is the surname of a person named in full before (``Balayan was``).
        When the last registered person is named in an earlier sentence only in a side
        phrase or object position after that sentence's registered subject (``"...,"
        Pashinyan told leaders, with Vladimir Putin seated across the table. He said
        ...``), the subject is the antecedent (:meth:`_subject_before_side_mention`).

        Example:
            >>> t = 'Nikol Pashinyan spoke first. Marina Zolotova accused the West. "No," she said.'
            >>> from analysis.text import split_sentences
            >>> SpeakerDocument("d", t, default_registry(), split_sentences(pd.DataFrame(
            ...     {"doc_id": ["d"], "text": [t]}))).pronoun_speaker(t.index("she"), "she")
            Speaker(name='unknown', surface='Marina Zolotova')
        """
        gender = _PRONOUN_GENDER.get(surface.lower(), "")
        found = self._last_speaker_mention(position, gender=gender)
        named = self._last_cued_name(found[1].end if found else 0, position, gender)
        introduced = self.introduced_person(found[1].end if found else max(0, position - 1500), position, gender)
        if introduced is not None and (named is None or introduced[1] > named[1]):
            # The person introduced last is the nearer antecedent, whatever their role in the
            # sentence ("For Karen Sahakyan, a historian, ... "...," he said"): a wrong
            # registered speaker is worse than an unknown one with the right name.
            named = introduced
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
            return Speaker(UNKNOWN_SPEAKER, name)
        if named is not None:
            return Speaker(UNKNOWN_SPEAKER, named[0])
        if found is not None and self.sentence_index_at(found[1].start) < last:
            found = self._subject_before_side_mention(found[1], gender) or found
        return Speaker(found[0] if found else UNKNOWN_SPEAKER, surface)

    def _subject_before_side_mention(self, mention: _Mention, gender: str = "") -> tuple[str, _Mention] | None:
        """The registered person who is the subject of ``mention``'s sentence, when ``mention``
        stands in a side phrase or object position after that subject.

        A pronoun opening a later sentence continues the subject, not a person named in
        ``with Vladimir Putin seated ...``, ``alongside X``, ``next to X`` or ``met X``.
        The subject is the sentence's first registered person named outside quotations,
        with no verb or preposition before it in its clause (after a quotation opening the
        sentence, a speech verb may stand before it: ``"...," said Pashinyan``); ``mention``
        is in a side phrase when a verb, or a preposition not followed by ``and``/``or``,
        stands between the two (``Aliyev and Putin met`` keeps Putin). A subject known to
        be of the other gender (of the pronoun) gives None, and so does a sentence whose
        subject is no registered person: the caller keeps ``mention``.

        Returns:
            ``(canonical name, mention)`` of the subject, or None.
        """
        index = self.sentence_index_at(mention.start)
        clause_start = self.sent_start[index]
        opening = bisect.bisect_left(self.outer_starts, clause_start)
        after_quotation = False
        if opening < len(self.outer) and not self.text[clause_start:self.outer[opening].start].strip() \
                and self.outer[opening].end <= mention.start:
            # '"...," Pashinyan told ...': the clause naming the speaker starts after the quotation.
            clause_start, after_quotation = self.outer[opening].end, True
        subject = next((m for m in self.mentions
                        if clause_start <= m.start < mention.start and not self.inside_quote(m.start)), None)
        if subject is None:
            return None
        name = self.resolve(subject)
        if not name or name == self.resolve(mention) or self.registry.kind.get(name) != "person" \
                or (gender and self.gender_of(name, subject.surface) not in ("", gender)):
            return None
        tagger = pos_tagger()
        # Only the words after the last comma before the subject are its clause
        # ("Speaking in Yerevan, Pashinyan met Putin").
        before = self.text[clause_start:subject.start].rsplit(",", 1)[-1]
        for token, tag in tagger.tag(before) if before.strip() else []:
            if (tag.startswith("VB") or tag == "MD" or tag in ("IN", "TO")) \
                    and not (after_quotation and token.lower() in SPEECH_VERBS):
                return None  # "In talks with Pashinyan, ...": no subject
        side = False
        between = self.text[subject.end:mention.start]
        for token, tag in tagger.tag(between) if between.strip() else []:
            if tag.startswith("VB") or tag == "MD":
                return name, subject  # "Aliyev met Putin", "Lavrov, seated next to Aliyev,"
            if tag in ("IN", "TO"):
                side = True  # "alongside Putin", "with Putin"
            elif tag == "CC":
                side = False  # "Pashinyan of Armenia and Putin": coordinated subjects
        return (name, subject) if side else None

    def _last_cued_name(self, start: int, position: int, gender: str = "") -> tuple[str, int] | None:
        """The last unregistered name in ``text[start:position]`` that a speech cue makes a speaker.

        ``"...," said Narek Mkrtchyan, a software engineer. "..." He said ...`` and
        ``"...," Mnatsakanyan said. "..." He said ...``: the pronoun follows a speaker
        the registry does not know, even a bare surname, so it is not the registered
        person named before. The name may follow a comma (``..., Energy Minister Kakha
        Kaladze said``), a role description after the cue (``said party spokeswoman
        Elene Khoshtaria``) or ``according to`` (``According to Ketevan Chachava, ...``;
        two name words at least). Looks back at most 1,500 characters. With ``gender`` (of
        the pronoun) a name known to be of the other gender is skipped.

        Returns:
            ``(name, offset of the name)``, or None.
        """
        start = max(start, position - 1500)
        last: tuple[str, int] | None = None
        for cue in SPEECH_CUE_RE.finditer(self.text, start, position):
            word = cue.group().lower()
            if self.inside_quote(cue.start()) or word.startswith("in "):
                continue
            after = "" if word in ADDRESSEE_CUES else self._name_after_cue(cue.end(), position)  # "told Turan"
            before = ""
            if word in ("according to", "in the words of"):
                # "According to Ketevan Chachava, ...": the source follows; two name words at
                # least, since one is as likely an outlet ("according to TASS").
                if not is_full_name(after):
                    after = ""
            elif not cue.group()[0].islower():
                continue
            else:
                closing = bisect.bisect_right(self.outer_ends, cue.start()) - 1  # words after a quotation's end
                line_start = max(self.text.rfind("\n", 0, cue.start()) + 1, cue.start() - 60, start,
                                 self.outer[closing].end if closing >= 0 else 0)
                # A comma may stand before the name: "..., Energy Minister Kakha Kaladze said".
                name = _trailing_name(self.text[line_start:self._end_before_filler(line_start, cue.start())],
                                      after_comma=True)
                before = name.surface if name is not None else ""
            for surface, at in ((before, cue.start()), (after, cue.end())):
                if not surface or surface.split()[0].lower() in {"the", "a", "an"} \
                        or surface.endswith(("'s", "\u2019s")) \
                        or surface.lower() in PERSON_PRONOUNS or surface in _NOT_PERSON_NAME_WORDS \
                        or surface in _NOT_NAME_WORDS or surface in _lexicon_terms() \
                        or (" " not in surface and _common_word_tag(surface) not in {"", "NNP"}):  # "Experts"
                    continue
                where = self.text.rfind(surface, max(start, at - 80), at + 80)
                if where >= 0 and not self._in_mention(where, where + len(surface)) \
                        and (not gender or self.gender_of(UNKNOWN_SPEAKER, surface) in ("", gender)):
                    last = surface, where
        return last

    def _name_after_cue(self, cue_end: int, position: int) -> str:
        """A capitalised name right after a cue (``said Narek Mkrtchyan``), or after a
        description ending in a role noun (``said party spokeswoman Elene Khoshtaria``); else ``""``."""
        plain = _NAME_AFTER_CUE_RE.match(self.text, cue_end, min(position, cue_end + 60))
        if plain is not None:
            return plain.group(1)
        described = _DESCRIBED_NAME_AFTER_CUE_RE.match(self.text, cue_end, min(position, cue_end + 80))
        if described is None or described.group("noun") not in _SPEAKER_ROLE_NOUNS | PERSON_NOUNS:
            return ""
        name = described.group("name")
        return name if leading_name(name) == name else ""

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
        surnames = {surname for at, surname in self._full_names() if at < a}
        # Tag only when two capitalised words that may be a name occur early on
        # (most sentences have none): the tagger is the costly part.
        candidates = [
            m for m in _NAME_PAIR_RE.finditer(sentence, 0, 100)
            if not ({m.group(1), m.group(2)} & (_NOT_PERSON_NAME_WORDS | _NOT_NAME_WORDS))
            and m.group(1).lower() not in _NOT_BEFORE_NAME_WORDS
            and not self._in_mention(a + m.start(1), a + m.end(1))
        ]
        if not candidates and not any(w in surnames for w in re.findall(r"\b[A-Z][\w'\u2019-]+", sentence[:100])):
            return None
        # The whole (capped) sentence is tagged: a long appositive ("Sergei Markedonov, a
        # Moscow-based scholar of the Caucasus, argued") puts the verb far after the name.
        subject: list[str] = []
        for token, tag in pos_tagger().tag(sentence):
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
            affiliation = next((i for i, token in enumerate(group) if token in _AFFILIATION_WORDS), 0)
            if affiliation >= 2 and all(token[0].isupper() for token in group[:affiliation]):
                # "Levon Arakelyan of the Hayastan faction warned": the name before "of" is the
                # subject; the party or place after it is not.
                group = group[:affiliation]
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
            # One word is a name only as the surname of a person named in full before
            # ("Anahit Balayan drove out ... Back at the hotel, Balayan was ...").
            if (len(name) < 2 and not (len(name) == 1 and name[0] in surnames)) \
                    or len(name) < len(group) and group[len(group) - len(name) - 1].lower() in _NOT_BEFORE_NAME_WORDS:
                continue  # "the head of the Duma", one capitalised word: no person's name
            match = re.search(r"(?<!\w)" + r"\s+".join(re.escape(t) for t in name) + r"(?!\w)", sentence)
            if match is None:
                continue
            start, end = a + match.start(), a + match.end()
            if self._in_mention(start, end):
                return None  # a registered name (or part of one): the registry's speaker
            return start, end
        return None

    def _full_names(self) -> list[tuple[int, str]]:
        """``(offset, surname)`` of each unregistered full name (two name words or more) outside
        quotations, in text order; computed once per document."""
        if self._names is None:
            self._names = []
            for match in _FULL_NAME_RE.finditer(self.text):
                surface, at = _without_opening_words(match.group(), match.start())
                if self.inside_quote(at) or self._in_mention(at, match.end()):
                    continue
                if is_full_name(surface):
                    self._names.append((at, surface.split()[-1]))
                    self._full_surfaces.append(surface)
        return self._names

    def full_name_before(self, surname: str, position: int) -> str:
        """The last unregistered full name before ``position`` (outside quotations) whose
        surname is ``surname`` (``Andrei Kovalenko`` for ``Kovalenko``), else ``""``."""
        names = self._full_names()
        for i in range(bisect.bisect_left(names, (position,)) - 1, -1, -1):
            if names[i][1] == surname:
                return self._full_surfaces[i]
        return ""

    def with_full_name(self, speaker: Speaker, position: int) -> Speaker:
        """``speaker`` with a bare surname as surface replaced by the full name given before
        ``position`` in the document (``"...," Kovalenko said`` after ``Political analyst Andrei
        Kovalenko``), so that one unregistered person is one voice; a registered speaker, a
        pronoun, a description or a surname never given in full stays as it is."""
        surface = speaker.surface
        if speaker.name != UNKNOWN_SPEAKER or not surface or " " in surface or not surface[0].isupper() \
                or surface.lower() in PERSON_PRONOUNS:
            return speaker
        full = self.full_name_before(surface, position)
        return Speaker(UNKNOWN_SPEAKER, full) if full else speaker

    def introduced_person(self, start: int, position: int, gender: str = "") -> tuple[str, int] | None:
        """The last unregistered person introduced in ``text[start:position]``, outside quotations.

        Introduced: a full name with an appositive describing a person (``For Karen
        Sahakyan, a historian who ...``, ``Lali Kapanadze, 61,``) or after an occupation
        noun (``the economist Tigran Avetisyan``). Whatever the name's role in its
        sentence, a pronoun after it is nearer to that person than to a person named
        before. With ``gender`` (of the pronoun) a name of the other gender is skipped.

        Returns:
            ``(name, offset of the name)``, or None.
        """
        last: tuple[str, int] | None = None
        matches = [*_INTRODUCED_RE.finditer(self.text, start, position),
                   *_OCCUPATION_NAME_RE.finditer(self.text, start, position),
                   *_FIRST_NAME_ONLY_RE.finditer(self.text, start, position)]
        for match in sorted(matches, key=lambda m: m.start()):
            if "given" in match.re.groupindex:
                # "who gave only her first name, Lali,": one word is a name here, and the
                # possessive gives the person's gender.
                given_gender = _PRONOUN_GENDER.get((match.group("possessive") or "").lower(), "")
                if not self.inside_quote(match.start("given")) and (not gender or given_gender in ("", gender)):
                    last = match.group("given"), match.start("given")
                continue
            described = "name" in match.re.groupindex
            surface = match.group("name") if described else match.group("named")
            at = match.start("name") if described else match.start("named")
            surface, at = _without_opening_words(surface, at)
            if self.inside_quote(at) or self._in_mention(at, at + len(surface)) or leading_name(surface) != surface:
                continue
            if described:
                described = match.group("description")
                if described is not None:
                    head = ""
                    for word in described.split()[:6]:
                        if word.lower() in RELATIVE_PRONOUNS or word.lower() in _DESCRIPTION_PREPOSITIONS:
                            break
                        head = word.lower()
                    if head not in PERSON_NOUNS and head not in _SPEAKER_ROLE_NOUNS:
                        continue
            elif match.group("noun").lower() not in PERSON_NOUNS:
                continue
            if gender and self.gender_of(UNKNOWN_SPEAKER, surface) not in ("", gender):
                continue
            last = surface, at
        return last

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

    def subject_before(self, start: int, end: int) -> Speaker | None:
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
            # "Hikmat Gasimov, an adviser to President Ilham Aliyev, said": a name before the
            # appositive is the speaker, even unregistered; the name inside it is not.
            example = re.match(r"(?:like|such\s+as|including)\s+(.+)$",
                               self.text[attempts[2]:attempts[1]].strip(_SURFACE_STRIP))
            if example is not None:
                # "Others, like the economist Tigran Avetisyan, argue that": the one person
                # named among them is the voice the words can be traced to.
                named = _trailing_name(example.group(1), after_comma=False)
                if named is not None and is_full_name(named.surface):
                    return named
            before = self.text[start:attempts[2]]
            named_before = self.mention_ending_at(attempts[2])
            if named_before is not None and named_before.start >= start and \
                    self.registry.kind.get(self.resolve(named_before)) == "person" and \
                    len(before[before.rfind(",") + 1:named_before.start - start].split()) <= 4:
                # "Hikmet Hajiyev, adviser to President Ilham Aliyev, said": the registered
                # person before the appositive speaks, not the one named inside it.
                return Speaker(self.resolve(named_before) or UNKNOWN_SPEAKER, named_before.surface)
            name = _trailing_name(before, after_comma=False)
            if self.mention_ending_at(attempts[2]) is None and name is not None and \
                    before.strip(_SURFACE_STRIP).endswith(name.surface) and \
                    len(before.strip(_SURFACE_STRIP).split()) <= len(name.surface.split()) + 4:
                return name
            # "The spokeswoman, Maria Zakharova, said": after a description the appositive is
            # the name (a registered one is found below, as the mention ending the appositive).
            between = self.text[attempts[2]:attempts[1]].strip(_SURFACE_STRIP)
            if self.mention_ending_at(attempts[1]) is None and _is_description(before):
                if is_full_name(between):
                    return Speaker(UNKNOWN_SPEAKER, between)
                # "Its founder, billionaire Bidzina Ivanishvili, told": a description may open the appositive.
                described = _trailing_name(between, after_comma=False)
                if described is not None and is_full_name(described.surface) \
                        and _describes(between[:-len(described.surface)]):
                    return described
        for position in attempts:
            found = self._speaker_ending_at(start, position)
            if found is not None:
                return found
        return None

    def _speaker_ending_at(self, start: int, position: int) -> Speaker | None:
        mention = self.mention_ending_at(position)
        if mention is not None and mention.start >= start:
            name = self.resolve(mention)
            return Speaker(name or UNKNOWN_SPEAKER, mention.surface)
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
        if token.lower() in PERSON_PRONOUNS:
            return self.pronoun_speaker(position - len(token), token)
        if token.lower() in _GENERIC_SUBJECTS:
            # "several Western diplomats said": the whole description is the surface.
            described = self.description_before(start, position)
            return Speaker(UNKNOWN_SPEAKER, described.surface if described else token)
        return None

    def _role_speaker(self, noun: str, surface: str, position: int) -> Speaker | None:
        noun_l = noun.lower()
        if noun_l not in _SPEAKER_ROLE_NOUNS and noun_l not in _GENERIC_SUBJECTS:
            return None  # "anyone else in the republic said": not a speaker
        if noun_l in _GENERIC_SUBJECTS:
            return Speaker(UNKNOWN_SPEAKER, surface)
        name = self.last_speaker_before(position, role_noun=noun_l)
        if not name and noun_l.startswith("former "):
            name = self.last_speaker_before(position, role_noun=noun_l.split()[-1])
        return Speaker(name or UNKNOWN_SPEAKER, surface)

    def speaker_named_at(self, start: int, end: int) -> tuple[Speaker, int] | None:
        """The speaker a reference opening ``text[start:end]`` names, and where the reference ends.

        A registry mention, a role noun (``the minister``), ``he``/``she`` (resolved),
        or an unregistered person's name (``unknown``, the name as surface), as after
        a cue that precedes its speaker (``..., said the minister``). None when the
        words open with none of these.
        """
        part = self.text[start:end]
        mention = self.first_mention_in(start, end)
        if mention is not None and mention.start == start:
            return Speaker(self.resolve(mention) or UNKNOWN_SPEAKER, mention.surface), mention.end
        role = _ROLE_NOUN_AFTER_RE.match(part)
        if role:
            speaker = self._role_speaker(role.group(1), role.group(0).strip(), start)
            return None if speaker is None else (speaker, start + role.end())
        pronoun = _WORD_START_RE.match(part)
        if pronoun and pronoun.group(1).lower() in {"he", "she"}:
            return self.pronoun_speaker(start, pronoun.group(1)), start + pronoun.end()
        name = leading_name(part)
        if name is None:
            return None
        return Speaker(UNKNOWN_SPEAKER, name), start + part.index(name) + len(name)

    def speaker_after(self, start: int, end: int) -> Speaker | None:
        """The speaker named right after a cue (``said Markov``, ``notes the publication``)."""
        window = self.text[start:end]
        # Stop at "in his article", "in his interview": what follows is not the speaker.
        stop = re.search(r"\s(?:in|at|on|during|to)\s+(?:his|her|an?|the)\b", window)
        if stop:
            end = start + stop.start()
            window = self.text[start:end]
        mention = self.first_mention_in(start, end)
        if mention is not None:
            return Speaker(self.resolve(mention) or UNKNOWN_SPEAKER, mention.surface)
        role = _ROLE_NOUN_AFTER_RE.search(window)
        if role:
            return self._role_speaker(role.group(1), role.group(0).strip(), start)
        word = _WORD_START_RE.search(window)
        if word and word.group(1).lower() in PERSON_PRONOUNS:
            return self.pronoun_speaker(start, word.group(1))
        # Only a name or a description is a speaker: "said Lali Kapanadze, 61, pointing ..." is
        # Lali Kapanadze; "warned that Western promises had" names nobody.
        first_part = re.split(r"[,;:]", window, maxsplit=1)[0]
        name = leading_name(first_part.strip(" .!?")) or self._name_after_cue(start, end) or None
        if name is not None:
            return Speaker(UNKNOWN_SPEAKER, name)  # "said party spokeswoman Elene Khoshtaria": the name
        offset = start + len(first_part) - len(first_part.lstrip())
        return self.description_before(offset, start + len(first_part.rstrip(" .!?")))

    def name_before(self, start: int, end: int) -> Speaker | None:
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

    def description_before(self, start: int, end: int) -> Speaker | None:
        """A speaker described, not named, filling ``text[start:end]`` (``"...," a senior diplomat said``).

        The description must open with a determiner (``a``, ``the``, ``one``,
        ``two``, ``several`` ...), run to at most seven more words and hold no verb or
        pronoun (``the talks were``, ``the day before he`` are no speaker). Without a
        determiner its head noun must name persons (``Analysts in Yerevan``,
        ``Western diplomats``; :data:`PERSON_NOUNS`), so ``In 2020 the parties`` or
        ``Everyone in the room`` is none. The
        speaker is ``unknown`` with the description as surface; with ``the`` a
        description naming a role (``the Kremlin spokesman``) resolves like a role
        noun, to the last speaker whose registry role contains the whole
        description, so ``the senior spokesman`` is not guessed from ``spokesman``.
        """
        surface = self.text[start:self._end_before_filler(start, end)].strip(_SURFACE_STRIP)
        if ":" in surface:
            # "Q: Critics say ...": a label before a colon is layout, never part of the speaker.
            surface = surface[surface.rindex(":") + 1:].strip(_SURFACE_STRIP)
        words = surface.split()
        if words and words[0].lower() in _CLAUSE_OPENERS:
            return None  # "whatever some commentators say": a subordinate clause, not a speaker
        if _DESCRIPTION_RE.fullmatch(surface) is None:
            # No determiner ("Analysts in Yerevan said", "Western diplomats said"):
            # a described speaker only if its head noun names persons.
            if words and description_head(words) in PERSON_NOUNS and len(words) <= 8 and "," not in surface \
                    and words[0].lower() not in PHRASE_PREPOSITIONS \
                    and not any(w.lower() in NOT_DESCRIPTION_WORDS for w in words):
                return Speaker(UNKNOWN_SPEAKER, surface)
            return None
        if any(w.lower() in NOT_DESCRIPTION_WORDS for w in words[1:]):
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
                country = _adjective_country(role_words[0]) if len(role_words) == 2 else ""
                if not name and country:
                    # "the Russian minister": the last Russian speaker whose role holds "minister".
                    found = self._last_speaker_mention(start, role_noun=head, country=country)
                    name = found[0] if found else ""
        return Speaker(name or UNKNOWN_SPEAKER, surface)

    def unregistered_subject(self, start: int, cue_start: int) -> Speaker | None:
        """A subject of reported speech that is not in the registry: a name or a description.

        The subject is the whole of ``text[start:cue_start]`` or, after an opening
        phrase, the part after its last comma (``On Monday, a senior diplomat told
        Reuters that ...``). An unregistered name (``Analyst Tofig Zulfugarov said
        that ...``) keeps its surface, as in direct quotes; the speaker is ``unknown``.
        Description words before the name are left out of the surface, as in direct
        quotes (``Kremlin aide Yuri Ushakov told TASS that`` -> ``Yuri Ushakov``), if
        they are a few words without a verb (:func:`_describes`).
        """
        comma = self.text.rfind(",", start, cue_start)
        begins = [start, comma + 1] if comma >= 0 else [start]
        opener = _WORD_AFTER_RE.match(self.text, start, cue_start)
        if opener is not None and opener.group(1).lower() in _OPENING_CONJUNCTIONS:
            # "But Zakharova added that ...": the conjunction links sentences, the subject follows it.
            begins.insert(1, opener.end())
        for begin in begins:
            found = self.description_before(begin, cue_start)
            if found is not None and found.name == UNKNOWN_SPEAKER and has_finite_verb(found.surface):
                found = None  # "The talks failed, said Lavrov, and ...": a clause, not a described speaker
            if found is not None and found.name == UNKNOWN_SPEAKER:
                # "The spokeswoman Maria Zakharova said": a described name is the name, as in
                # direct quotes ("Foreign Ministry spokeswoman Maria Zakharova").
                name = _trailing_name(found.surface, after_comma=False)
                if name is not None and is_full_name(name.surface):
                    found = name
            if found is None:
                left = self.text[begin:self._end_before_filler(begin, cue_start)].strip(_SURFACE_STRIP)
                name = _trailing_name(left, after_comma=False)
                if name is not None and (name.surface == left or _describes(left[:-len(name.surface)])):
                    found = name
                if found is None:
                    found = _name_with_affiliation(left)
            if found is not None:
                return found
        return self._described_before_appositive(start, cue_start)

    def _described_before_appositive(self, start: int, cue_start: int) -> Speaker | None:
        """A described person followed by an appositive between commas, as the subject before a cue.

        ``A US Treasury official, speaking on background, warned that ...`` and ``His former
        counterpart, a Russian diplomat he declines to name, once told him that ...``: the
        description (a determiner or a possessive, and a head noun naming a person) opens
        ``text[start:cue_start]``, and the appositive after it is a participle phrase or a
        relative clause (no finite verb of its own) or another description (a determiner
        first). The speaker is ``unknown`` with the description as surface.
        """
        left = self.text[start:self._end_before_filler(start, cue_start)].rstrip()
        if not left.endswith(","):
            return None
        inner = left.find(",")
        if inner <= 0 or inner == len(left) - 1:
            return None
        head, appositive = left[:inner].strip(_SURFACE_STRIP), left[inner + 1:-1].strip()
        words = head.split()
        if not words or not appositive or description_head(words) not in PERSON_NOUNS | _SPEAKER_ROLE_NOUNS:
            return None
        if _DESCRIPTION_RE.fullmatch(head) is None and not _is_description(head):
            return None  # "Russia's envoy" passes; "Speaking in Yerevan" does not
        if any(w.lower() in NOT_DESCRIPTION_WORDS for w in words[1:]):
            return None
        if appositive.split()[0].lower() not in {"a", "an", "the", "one"} and has_finite_verb(appositive):
            return None  # "The official, as the talks failed, said": a clause between the commas
        return Speaker(UNKNOWN_SPEAKER, head)

    def sentence_index_at(self, position: int) -> int:
        index = bisect.bisect_right(self.sent_start, position) - 1
        return max(index, 0)


#: A person introduced by a first name only: ``who gave only her first name, Lali``.
_FIRST_NAME_ONLY_RE = re.compile(
    r"\b(?:(?P<possessive>his|her)\s+)?(?:first|given)\s+name\s*,?\s+(?:as\s+)?"
    r"(?P<given>[A-Z][\w'\u2019-]+)(?![\w'\u2019])"
)
#: Words after a name that open its affiliation (``X of the Hayastan faction``, ``X from Bright Armenia``).
_AFFILIATION_WORDS = {"of", "from"}
#: A run of two to four capitalised words (a full name, checked with :func:`leading_name`).
_FULL_NAME_RE = re.compile(r"(?<![\w.'\u2019])[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,3}(?![\w'\u2019])")
#: A person introduced with a description: ``Name, a/an/the <description>``, ``Name, 61,``, or
#: an occupation noun before the name (``the economist Tigran Avetisyan``).
_INTRODUCED_RE = re.compile(
    r"(?<![\w.'\u2019])(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,3}),\s+"
    r"(?:(?:a|an|the)\s+(?P<description>[^,.;:!?\"\u201c]{1,80})|\d{1,3}\s*,|(?:a\s+)?\d{1,3}-year-old\b)"
)
_OCCUPATION_NAME_RE = re.compile(
    r"\b(?P<noun>[a-z]+)\s+(?P<named>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,2})(?![\w'\u2019])"
)
def _without_opening_words(surface: str, at: int) -> tuple[str, int]:
    """A capitalised run without its opening words that are no name (``For``, ``The``, titles):
    ``("For Karen Sahakyan", 10)`` -> ``("Karen Sahakyan", 14)``."""
    while " " in surface:
        first, rest = surface.split(None, 1)
        if first.lower() not in _NOT_BEFORE_NAME_WORDS and first not in _NOT_NAME_WORDS \
                and first not in _TITLE_WORDS and first not in _NOT_PERSON_NAME_WORDS:
            break
        at += len(surface) - len(rest)
        surface = rest
    return surface, at


_GIVEN_NAME_BEFORE_RE = re.compile(r"(?<![\w.])([A-Z][\w'\u2019-]+)[ \t]+$")


def _another_persons_surname(text: str, start: int, surface: str, registry: SpeakerRegistry) -> bool:
    """Whether a registered surname at ``start`` belongs to another person of that name.

    ``Lilit Sargsyan`` is not Serzh or Vigen Sargsyan: a given name right before a
    one-word variant, whose initial no registered person of that variant shares,
    names somebody the registry does not know. A spelling variant of the given name
    (``Sergei Lavrov`` for Sergey) keeps its initial and stays the registered person;
    titles, places and ordinary words before the surname (``President``, ``Russian``,
    ``When``) are no given name.

    Example:
        >>> reg = default_registry()
        >>> (_another_persons_surname("Lilit Sargsyan spoke.", 6, "Sargsyan", reg),
        ...  _another_persons_surname("Sergei Lavrov spoke.", 7, "Lavrov", reg),
        ...  _another_persons_surname("Tayyip Erdoğan spoke.", 7, "Erdoğan", reg))
        (True, False, False)
    """
    if " " in surface or "." in surface:
        return False
    given = _GIVEN_NAME_BEFORE_RE.search(text, max(0, start - 40), start)
    if given is None:
        return False
    word = given.group(1)
    if word in _TITLE_WORDS or word in _NOT_PERSON_NAME_WORDS or word in _NOT_NAME_WORDS \
            or word.endswith(("'s", "\u2019s")) or word in _lexicon_terms() \
            or _common_word_tag(word) not in {"", "NNP"}:
        return False
    candidates = registry.candidates.get(surface, ())
    if not candidates or any(registry.kind.get(name) != "person" for name in candidates):
        return False
    # Any given name of the registered person may stand before the surname ("Tayyip Erdoğan").
    return all(given[:1] != word[:1] for name in candidates for given in name.split()[:-1])


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


def description_head(words: list[str]) -> str:
    """The head noun of a description, lower-cased: its last word before a preposition.

    Example:
        >>> description_head("a source close to the Russian defence ministry".split())
        'source'
    """
    head = ""
    for i, word in enumerate(words):
        if i and word.lower() in _DESCRIPTION_PREPOSITIONS:
            break
        head = word
    return head.lower().strip(_SURFACE_STRIP)


def _trailing_name(left: str, after_comma: bool) -> Speaker | None:
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
    name = tokens[len(tokens) - run:]
    after_title = max((i for i, t in enumerate(name) if t in _TITLE_WORDS or t in _NOT_PERSON_NAME_WORDS), default=-1)
    person = " ".join(name[after_title + 1:])
    if after_title >= 0 and is_full_name(person):
        # "... of the Presidential Administration Hikmet Hajiyev": a title or an organisation's
        # name ends right before the person's name, whatever stands before the title.
        return Speaker(UNKNOWN_SPEAKER, person)
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
    return Speaker(UNKNOWN_SPEAKER, " ".join(name[first:] if first < len(name) else name))


#: Head nouns of an organisation named as a source (``the ruling Georgian Dream party``,
#: ``Armenia's Foreign Ministry``): a named source when the phrase also holds a name.
ORGANISATION_NOUNS = set(
    "party parties ministry ministries government union bank company companies corporation agency fund council "
    "committee commission parliament office embassy group alliance bloc faction coalition movement organisation "
    "organization institute railways airlines service court administration cabinet department directorate "
    "secretariat federation association foundation network channel operator authority authorities firm "
    "consultancy kremlin".split()
)
_ACRONYM_RE = re.compile(r"[A-Z][A-Z&]+s?|(?:[A-Z]\.){2,}")
_DETERMINERS = {"the", "a", "an", "its", "their", "one"}


def organisation_name(surface: str) -> str | None:
    """The organisation a speaker surface names (``SOCAR``, ``the IMF``, ``Russian Railways``), or None.

    A named organisation is a surface whose head (its last word before a preposition) is
    part of a name: an acronym (``the IMF``), an organisation noun beside a capitalised word
    (``the ruling Georgian Dream party``, ``Armenia's Foreign Ministry``), or the end of a
    run of capitalised words holding a word of an organisation (``Russian Railways``,
    ``The European Union``). A person's name or a person noun as head is a person (``A
    SOCAR executive``, ``A NATO official``); a people (``Many Armenians``) is no
    organisation. A leading ``The`` is lower-cased so that the name reads inside a sentence.

    Example:
        >>> organisation_name("The European Union"), organisation_name("Anna Petrova"), organisation_name("critics")
        ('the European Union', None, None)
    """
    surface = surface.strip(_SURFACE_STRIP)
    words = surface.split()
    if not words or surface.lower() in PERSON_PRONOUNS or is_full_name(surface):
        return None
    head_at = 0
    for i, word in enumerate(words):
        if i and word.lower() in _DESCRIPTION_PREPOSITIONS:
            break
        head_at = i
    head = words[head_at].strip(_SURFACE_STRIP)
    if head.lower() in PERSON_NOUNS:
        return None
    # A leading determiner is capitalised only because the surface opened a sentence.
    first = 1 if words[0].lower() in _DETERMINERS else 0
    capitalised = [bool(w[0].isupper() and _NAME_TOKEN_RE.fullmatch(w)) for w in words[:head_at + 1]]
    run = []  # the capitalised words that end at the head
    for i in range(head_at, first - 1, -1):
        if not capitalised[i]:
            break
        run.insert(0, words[i])
    acronym = bool(_ACRONYM_RE.fullmatch(head))
    organisation_head = head.lower() in ORGANISATION_NOUNS and any(capitalised[first:])
    named_run = len(run) >= 2 and any(w in _NOT_PERSON_NAME_WORDS for w in run)
    if not (acronym or organisation_head or named_run):
        return None
    return ("the " + " ".join(words[1:])) if words[0] == "The" else surface


def is_full_name(words: str) -> bool:
    """Whether ``words`` is a person's name of two words or more and nothing else (see :func:`leading_name`).

    Example:
        >>> is_full_name("Marina Zolotova"), is_full_name("Zolotova"), is_full_name("Marina Zolotova of TASS")
        (True, False, False)
    """
    return len(words.split()) >= 2 and leading_name(words) == words


def leading_name(words: str) -> str | None:
    """An unregistered person's name opening ``words`` (``Marina Zolotova`` of ``Marina Zolotova of ...``).

    The opening run of capitalised name words (particles allowed inside), without
    titles and place adjectives before the name (``Foreign Minister Jeyhun Bayramov``
    -> ``Jeyhun Bayramov``). None when the run holds a word of an organisation or a
    place (``Chatham House``, ``Caucasus Monitor``), is a one-word term of the actor
    lexicon (``Moscow``), a pronoun or clause opener (``It``), or one common word
    (``Experts``).

    Example:
        >>> leading_name("Laurence Broers of Chatham House"), leading_name("Chatham House")
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
            or surface.lower() in PERSON_PRONOUNS or surface in lexicon or surface.endswith(("'s", "\u2019s")) \
            or (len(run) == 1 and _common_word_tag(surface) not in {"", "NNP"}) \
            or (len(run) > 1 and _common_word_tag(run[0]) in _NOT_GIVEN_NAME_TAGS):
        return None
    return surface


@lru_cache(maxsize=1)
def _lexicon_terms() -> frozenset[str]:
    """One-word terms of the packaged actor lexicon (``Georgian``, ``Russia``, ``Kremlin``).

    Such a word opening a capitalised run is a place or its adjective, not a first
    name; the lexicon also lists surnames (``Zakharova``), so only the opening of a
    name is checked against it, see :meth:`SpeakerDocument.sentence_subject`.
    """
    from analysis.actors import load_lexicon, name_rows

    names = name_rows(load_lexicon())  # exclusion rows hold regexes, not names
    return frozenset(str(term) for term in names["term"] if " " not in str(term))


def _adjective_country(word: str) -> str:
    """The country a nationality adjective of the actor lexicon names (``Russian`` -> ``Russia``), else ``""``.

    Example:
        >>> _adjective_country("Russian"), _adjective_country("senior")
        ('Russia', '')
    """
    return _country_adjectives().get(word, "")


@lru_cache(maxsize=1)
def _country_adjectives() -> dict[str, str]:
    """One-word terms of the actor lexicon's countries, mapped to the country (``Armenian``: ``Armenia``)."""
    from analysis.actors import load_lexicon

    names = load_lexicon()
    names = names[names["kind"] == "country"]
    return {str(term): str(actor) for actor, term in sorted(zip(names["actor"], names["term"]))
            if " " not in str(term) and str(term) != str(actor)}


def _common_word_tag(word: str) -> str:
    """Pattern's lexicon tag of ``word`` in lower case ('' if unknown): 'JJ' for "human"."""
    from textblob.en import lexicon

    return lexicon.get(word.lower()) or ""


@lru_cache(maxsize=1)
def pos_tagger():
    # Pattern's tagger ships with TextBlob and needs no NLTK data (TextBlob's .tags does).
    from textblob.en.taggers import PatternTagger

    return PatternTagger()


def has_finite_verb(words: str) -> bool:
    """Whether ``words`` hold a finite verb outside a relative clause (which runs to the next comma).

    Example:
        >>> has_finite_verb("reporters in a statement that was published"), has_finite_verb("Russia uses gas")
        (False, True)
    """
    if not re.search(r"[^\W\d_]", words):
        return False
    relative = False
    for token, tag in pos_tagger().tag(words):
        if token == ",":
            relative = False
        elif token.lower() in RELATIVE_PRONOUNS:
            relative = True
        elif tag in FINITE_VERB_TAGS and not relative:
            return True
    return False


#: Words opening a subordinate clause: what follows them is no described speaker.
_CLAUSE_OPENERS = {
    "whatever", "whoever", "however", "whichever", "what", "as", "if", "when", "while", "because",
    "although", "though", "unless", "that", "which", "who", "where", "than",
}
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
    if first not in {"a", "an", "the", "its", "his", "her", "their", "our", "one", "another"} and \
            not first.endswith(("'s", "\u2019s")):
        return False
    return not any(t.lower() in NOT_DESCRIPTION_WORDS for t in tokens[1:]) and not has_finite_verb(words)


def _name_with_affiliation(words: str) -> Speaker | None:
    """A full name followed by its affiliation (``Levon Arakelyan of the Hayastan faction``,
    ``Anna Hakobyan from the Bright Armenia party``), as a subject before a cue: the name.

    The affiliation opens with ``of``/``from`` and runs at most seven words, with no comma
    and no verb; else None.

    Example:
        >>> _name_with_affiliation("Levon Arakelyan of the Hayastan faction").surface
        'Levon Arakelyan'
        >>> _name_with_affiliation("The head of the Duma") is None
        True
    """
    words = words.strip(_SURFACE_STRIP)
    name = leading_name(words)
    if name is None or not words.startswith(name) or not is_full_name(name):
        return None
    rest = words[len(name):].split()
    if not rest or rest[0] not in _AFFILIATION_WORDS or len(rest) > 8 or "," in words \
            or has_finite_verb(" ".join(rest)):
        return None
    return Speaker(UNKNOWN_SPEAKER, name)


def _describes(words: str) -> bool:
    """Whether ``words`` before a name are a short description (``Kremlin aide``, ``The U.S.
    State Department spokesman``), not a clause: at most four words after a determiner.

    Example:
        >>> _describes("Kremlin aide "), _describes("The U.S. State Department spokesman "), _describes("The talks failed and ")
        (True, True, False)
    """
    tokens = words.split()
    if _is_title(tokens):
        return True
    if tokens and tokens[0].lower() in {"the", "a", "an"}:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 4:
        return False
    if any(t.lower() in NOT_DESCRIPTION_WORDS or t.lower() in _NOT_BEFORE_NAME_WORDS for t in tokens):
        return False
    return not has_finite_verb(words)


def is_title_word(token: str) -> bool:
    """Whether a capitalised word is a title or an organisation's word before a name, never a
    given name (``President``, ``Foreign``, ``Minister``)."""
    return token in _TITLE_WORDS or token in _NOT_PERSON_NAME_WORDS


#: Lower-case words allowed inside an official title ("Head of the Department for Policy").
_TITLE_CONNECTORS = {"of", "the", "for", "and", "on"}


def _is_title(tokens: list[str]) -> bool:
    """Whether ``tokens`` are an official title in capitals before a name: capitalised words
    and connectors only, opening with a title or organisation word (``Head of the Foreign Policy
    Department of the Presidential Administration``).

    Example:
        >>> _is_title("Head of the Presidential Office".split()), _is_title("When the talks".split())
        (True, False)
    """
    if not tokens or len(tokens) > 14 or tokens[0].strip(",") not in _TITLE_WORDS | _NOT_PERSON_NAME_WORDS:
        return False
    return all(t.strip(",") in _TITLE_CONNECTORS or (t[:1].isupper() and _NAME_TOKEN_RE.fullmatch(t.strip(",")))
               for t in tokens)


@lru_cache(maxsize=1)
def default_registry() -> SpeakerRegistry:
    """The shipped registry, parsed once per process (YAML parsing dominates small batches)."""
    return SpeakerRegistry(load_speaker_registry())
