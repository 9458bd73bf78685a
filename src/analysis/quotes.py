"""Quotations and voices: who is quoted, with which words, and how they speak of the target.

Three kinds of quote are extracted, each with its evidence offsets:

* ``direct``: words in quotation marks, attributed by the cue next to them
  (``"...," said Markov``; ``Mammadov believes that ...: "..."``;
  ``"...'- Putin remarked``; ``..., the state agency AZERTAG quotes Vladimir Putin``).
  A quotation nested in another (``'...'`` inside ``"..."``) gets its own row for
  the inner speaker when it has its own cue. A quotation after a naming verb is
  its subject's (``Pashinyan called the decision "..."``, ``dismissed X as "..."``,
  ``accused X of "..."``, ``warning against "..."``; the object may run to twelve words
  before ``as``; ``thanked Moscow for its "..."``, ``praised X for ...``), as is one after a colon
  ending a clause whose subject is a person (``Lavrov made the same argument: "..."``),
  or after ``In his words,`` / ``in the words of one official,``;
  a slogan on placards, walls or chanted is the crowd's (``unknown``, surface ``Protesters``).
  A quotation standing alone (no cue, filling its sentence) after a sentence of the same
  paragraph that reports a person's words or opens with a person as subject (``She said
  she had once baked bread ... "..."``, ``Beridze smiled at the memory. "..."``) is that
  person's, with an empty cue.
* ``reported``: ``X said that``, ``according to X``, ``X believes``, ``in his
  opinion``, ``X told Turan that`` ... The quote is the reported clause. An appeal
  (``She called on the government to publish ...``) is reported too, and so are a
  second predicate (``Aliyev thanked ... and noted that``), a participle (``...,
  warning that``) and an impersonal passive (``It was noted that``: ``unknown``, no
  surface). Verbs as often said of figures as of people (``suggest``, ``confirm``)
  report speech only with a person as subject (``the data suggest`` is no quote); a text
  or figures are no voice with any verb (``The deal says ...``, ``The treaty states that
  ...``), while a statement, document, ministry or publication is a source and stays one
  (``the statement said``), and ``said nothing about ...`` reports no words. A described
  subject may carry an appositive (``A US Treasury official, speaking on background,
  warned that ...``), a retort is speech (``shot back that``), and a parenthetical cue
  keeps the words on both sides (``Keep talking to Moscow, he said, but never alone.``).
  A dateline opening the paragraph (``MOSCOW, January 29 (TASS) -``) is no part of the words.
* ``interview``: in question-and-answer articles (paragraphs ending in "?", or
  opening with ``Q:``/``A:``, ``Question:``/``Answer:``, the interviewee's surname
  in capitals or initials), the answers belong to the interviewee, who is named in
  the introduction ("Oxu.Az interviews ... Sergey Mikheev", "We spoke to her",
  "X, a ..., told us"; with ``Q:``/``A:`` prefixes, the person introduced with a
  description before the first question, whatever the verb: "We asked X, a senior
  fellow at ...") or the headline ("Interview: X"); without an interview phrase,
  when at least three "?"-paragraphs alternate with answers to the end, the one
  person the introduction names and describes ("X has spent twenty years ... She
  teaches ...", "We met X, an economist ...", and then a one-sentence statement
  between two answers, "Some say ...", is a question too); a person the registry
  does not know is ``unknown`` with the name as surface. The questions are the
  interviewer's: no quote, except a named third party's reported words in them.

Speakers come from the registry (``data/speakers.yaml``), resolved by
:mod:`analysis.speakers`. Short references are followed back: a bare surname to the last full name with that surname in the
document (a person the registry does not know too: ``Kovalenko told TASS`` after ``Andrei
Kovalenko`` has the surface ``Andrei Kovalenko``), ``he``/``she`` to the last person named outside quotation marks who is
not known to be of the other gender (a person the registry does not know counts
when introduced with a description, ``For Karen Sahakyan, a historian, ...``, as
the subject of a sentence, by a cue, or by the surname of one named in full before) (registry ``gender`` or a title such as
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

import pandas as pd

from analysis.scorers.base import majority_label
# The registry and speaker resolution live in analysis.speakers; the public names
# stay importable from here (REGISTRY_COLUMNS, UNKNOWN_SPEAKER, load_speaker_registry).
from analysis.speakers import (
    ADDRESSEE_CUES,
    FINITE_VERB_TAGS,
    NOT_DESCRIPTION_WORDS,
    PERSON_NOUNS,
    PERSON_ONLY_VERBS,
    PERSON_PRONOUNS,
    PHRASE_PREPOSITIONS,
    REGISTRY_COLUMNS,
    RELATIVE_PRONOUNS,
    SPEECH_CUE_RE,
    SPEECH_VERBS,
    UNKNOWN_SPEAKER,
    Speaker,
    SpeakerDocument,
    SpeakerRegistry,
    default_registry,
    description_head,
    has_finite_verb,
    is_title_word,
    is_full_name,
    leading_name,
    load_speaker_registry,
    pos_tagger,
)
from analysis.text import QuoteSpan, split_paragraphs, split_sentences

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
#: Participles continuing the speaker's sentence ("..., saying that ...").
_PARTICIPLE_CUES = {
    "saying", "stating", "warning", "suggesting", "arguing", "adding", "noting", "insisting", "claiming",
    "stressing", "explaining", "declaring", "asserting", "acknowledging", "admitting", "emphasizing",
    "emphasising", "underlining", "recalling", "predicting", "urging",
}
#: Phrases naming the source after them, then a comma ("according to X, ...", "in the words of X, ...").
_SOURCE_PHRASES = {"according to", "in the words of"}
#: Cues that name the speaker after them ("the state agency AZERTAG quotes Vladimir Putin").
_REVERSE_CUES = {"quotes", "quoted"}
_WORD_AFTER_RE = re.compile(r"\s*([^\W\d_]+)")
_THAT_RE = re.compile(r"\bthat\b")
_WORD_CHAR_RE = re.compile(r"\w")
#: Words between a quotation and its cue beyond which the cue is not the quotation's,
#: unless they are one described speaker ('"...," a source close to the minister said').
MAX_WORDS_BEFORE_CUE = 5
#: Words after which ``that`` opens no reported clause: a time noun (``said that day``)
#: or a finite verb (``a statement that was published``, a relative clause).
_NOT_AFTER_COMPLEMENT_THAT = {
    "day", "week", "month", "year", "morning", "afternoon", "evening", "night", "time", "weekend",
    "is", "was", "were", "are", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "does", "did",
}
_INTERVIEW_INTRO_RE = re.compile(
    r"\binterview(?:s|ed)?\b|\b(?:spoke|talked|talks|speaks)\b[^.?!]*\bwith\b", re.IGNORECASE
)
#: An interview phrase whose object is the interviewee ("We spoke to her", "talked with X"),
#: or "told us" after the interviewee ("X, a senior fellow, told us").
_INTERVIEW_OBJECT_RE = re.compile(
    r"\b(?:interview(?:s|ed)|(?:spoke|speaks|talked|talks|speaking|talking)\s+(?:to|with)|"
    r"sat\s+down\s+with|(?:put|asked)(?:\s+(?:our|these|some|a\s+few|several))?\s+questions\s+to)\s+"
    r"|(?P<told>\btold\s+(?:us|this\s+(?:newspaper|paper|website|outlet)|our\s+\w+)\b)",
    re.IGNORECASE,
)
#: A headline announcing an interview: "Interview: X", "an interview with X".
_HEADLINE_INTERVIEW_RE = re.compile(r"\binterview(?:\s+with\b|\s*[:\u2013\u2014-])", re.IGNORECASE)
#: The speaker prefix of an interview paragraph: "Q:", "Answer:", "SARGSYAN:", "LS:", "L.S.:".
_QA_PREFIX_RE = re.compile(r"\s*(Question|Answer|Q|A|(?:[A-Z]\.){2,3}|[A-Z][A-Z'\u2019-]+)\s*:\s+")
_ANSWER_PREFIXES = {"A", "Answer"}
#: A sentence end: not the period of a one-letter abbreviation ("the U.S. Secretary").
_SENTENCE_END_RE = re.compile(r"(?<!\b[A-Z])[.!?](?=\s|$)")
#: A verb naming or labelling its object with the quoted words that follow at once
#: ("called the decision "..."", "described the deal as "..."").
_NAMING_CUE_RE = re.compile(
    r"(?<!-)\b(?:(?P<cue>called|calls|termed|terms|described|describes|dubbed|dubs|labelled|labeled|labels"
    # Verbs judging their object with the quoted words ("dismissed the pressure as "..."",
    # "accused Yerevan of following "..."", "warning against "..."").
    r"|dismissed|dismisses|dismissing|branded|brands|accused|accuses|accusing|hailed|hails|denounced|"
    r"denounces|condemned|condemns|warned\s+against|warns\s+against|warning\s+against|warned\s+of|"
    r"warns\s+of|warning\s+of)"
    # The object: at most six words, or up to twelve before "as" ("dismissed media reports of
    # tensions between the two capitals as "..."").
    r"(?P<object>(?:\s+[^\s,;:.!?\"\u201c\u00ab]+){0,6}?|(?:\s+[^\s,;:.!?\"\u201c\u00ab]+){7,12}?(?=\s+as\s))"
    r"\s+(?:as\s+)?"
    # Verbs crediting or blaming their object for the quoted words: "thanked Moscow for its "..."".
    r"|(?P<credit>thanked|thanks|thanking|praised|praises|praising|commended|commends|lauded|hailed|"
    r"criticised|criticized|criticises|criticizes|criticising|criticizing|blamed|blames|blaming)"
    r"(?P<credited>(?:\s+[^\s,;:.!?\"\u201c\u00ab]+){1,6}?)\s+for(?:\s+[^\s,;:.!?\"\u201c\u00ab]+){0,3}?\s+)"
    r"[\"\u201c\u00ab]?\s*$"
)
#: The crediting verbs of :data:`_NAMING_CUE_RE` (``thanked X for its "..."``).
_CREDIT_CUES = {
    "thanked", "thanks", "thanking", "praised", "praises", "praising", "commended", "commends", "lauded", "hailed",
    "criticised", "criticized", "criticises", "criticizes", "criticising", "criticizing", "blamed", "blames",
    "blaming",
}
#: Words before a naming verb that make it a name given, not a speaker's words ("was called", "so called").
_PASSIVE_AUXILIARIES = {"is", "was", "were", "are", "be", "been", "being", "so"}
#: Words carried or chanted by a crowd: "placards reading "..."", "chanting "..."".
_SLOGAN_CUE_RE = re.compile(
    r"\b(?:(?:placards?|banners?|signs?|posters?|slogans?|graffiti|inscriptions?|leaflets?|billboards?)"
    r"\s+(?P<cue>reading|that\s+read|saying)"
    r"|(?P<chant>chant(?:ing|ed|s)?|shout(?:ing|ed|s)?))\s*[:,]?\s*[\"\u201c\u00ab]?\s*$"
)
#: Verbs reporting an appeal to somebody to act ("called on the government to publish").
_APPEAL_CUE_RE = re.compile(r"\b(?:called on|calls on|call on|urged|urges|appealed to|appeals to)\b")
#: Words after "to" that open no infinitive (Pattern's tagger does not know "fulfil" as a verb).
_NOT_AN_INFINITIVE = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "him", "them", "us", "me", "it", "all", "each", "every", "some", "any", "no",
}
#: Nouns naming the crowd a slogan belongs to.
_CROWD_NOUNS = {"protesters", "demonstrators", "crowd", "crowds", "activists", "marchers", "supporters"}
#: Quotations shorter than this (in words) without an attribution are scare quotes
#: or titles ("ideological cohesion", "Europe's Future"), not quotes.
MIN_UNATTRIBUTED_WORDS = 8
MIN_EMBEDDED_WORDS = 3


@dataclass(frozen=True)
class _Interview:
    """A question-and-answer article: who answers, the answers' offsets, the question paragraphs."""

    interviewee: Speaker
    blocks: list[tuple[int, int]]
    questions: set[int]


class _Document(SpeakerDocument):
    """Per-document state: mentions, quotation spans, sentences, resolution; ``title`` is the headline."""

    def __init__(
        self, doc_id: str, text: str, registry: SpeakerRegistry, sentences: pd.DataFrame, title: str = "",
    ) -> None:
        super().__init__(doc_id, text, registry, sentences)
        self.title = title
        self.span_starts = [s.start for s in self.spans]
        self.longest_span = max((s.end - s.start for s in self.spans), default=0)

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

    def sentence_ids_overlapping(self, start: int, end: int) -> str:
        # Sentences are sorted and do not overlap: start at the first one ending after `start`.
        ids = []
        for index in range(bisect.bisect_right(self.sent_end, start), len(self.sent_id)):
            if self.sent_start[index] >= end:
                break
            ids.append(self.sent_id[index])
        return "|".join(ids)


#: A determiner right before a cue word makes it a noun (``Such claims``, ``These warnings``).
#: Verbs reporting a charge: the words are the object and its "of" phrase ("Officials accuse
#: the contingent of standing by ..."), a report of speech without a clause.
_CHARGE_CUES = {"accuse", "accuses", "accused"}
_CHARGE_OBJECT_RE = re.compile(r"^(?:[^\s,;:.!?]+\s+){1,6}?of\s+\w")
_DETERMINER_BEFORE_RE = re.compile(r"(?<![\w'\u2019])(?i:such|these|those|this)\s+$")
#: "as economist Davit Lomidze put it": "put it" reports words only after "as" and its subject
#: (at most six words); "they put it on the table" reports nothing.
_AS_SUBJECT_BEFORE_RE = re.compile(r"(?<!\w)[Aa]s\s+(?:[^\s,;:.!?\"\u201c\u201d]+\s+){1,6}$")


def _phrasing_cue_without_as(text: str, cue: re.Match) -> bool:
    """Whether ``cue`` is ``put it`` without ``as X`` before it (then no speech cue)."""
    if not cue.group().lower().startswith(("put", "puts")):
        return False
    return _AS_SUBJECT_BEFORE_RE.search(text, max(0, cue.start() - 80), cue.start()) is None


def _reported_in(
    doc: _Document, start: int, end: int, min_words: int = MIN_EMBEDDED_WORDS,
    introduces_quote: bool = False,
) -> tuple[Speaker, str, int, int] | None:
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
    for cue in SPEECH_CUE_RE.finditer(text, start, end):
        if doc.inside_quote(cue.start()):
            continue
        word = cue.group().lower()
        if _DETERMINER_BEFORE_RE.search(text, max(start, cue.start() - 8), cue.start()):
            continue  # "Such claims, Sadikov argued, ...": a noun after a determiner, not the verb
        if _phrasing_cue_without_as(text, cue):
            continue
        speaker: Speaker | None = None
        quote_start = cue.end()
        post_quote = None if introduces_quote else _post_quote_speaker(doc, cue.start())
        if post_quote is not None:
            that = _that_clause_after(doc, cue.end(), end)
            if that is None:
                continue  # '"...," Lavrov said at a press conference': nothing more is reported
            speaker, quote_start = post_quote, that.end()
        elif word in _SOURCE_PHRASES:
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
                if mention is not None and _in_a_modifier(text[cue.end():mention.start]):
                    mention = None  # "according to the agreement signed by Putin, ...", "an adviser to Putin"
                if mention is not None:
                    speaker = Speaker(doc.resolve(mention) or UNKNOWN_SPEAKER, mention.surface)
                else:
                    # "according to a Kremlin spokesman / Western diplomats": a described voice;
                    # "according to TASS / the law / the agreement": a channel, not a voice;
                    # "according to Laurence Broers (of Chatham House)": a person the registry
                    # does not know (two name words at least: one is as likely an outlet).
                    speaker = doc.description_before(cue.end(), phrase_end)
                    if speaker is None or description_head(speaker.surface.split()) not in PERSON_NOUNS:
                        name = leading_name(inner)
                        after_name = inner[len(name):].split() if name and inner.startswith(name) else []
                        if name is None or len(name.split()) < 2 or (
                                after_name and after_name[0] not in {"of", "at", "from", "with"}):
                            continue
                        speaker = Speaker(UNKNOWN_SPEAKER, name)
            before_cue = text[start:cue.start()]
            if word == "in the words of" and comma >= 0:
                # "..., in the words of one official, "..."": the words follow the source, never precede it.
                quote_start = comma + 1
            elif before_cue.rstrip().endswith(",") and re.search(r"\w", before_cue):
                after = text[comma + 1:end] if comma >= 0 else ""
                if has_finite_verb(after):
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
                appositive_end = text.find(",", quote_start, end)
                if appositive_end >= 0 and _describes_a_person(text[quote_start:appositive_end]):
                    # "According to Ketevan Chachava, a researcher at a think tank, the party ...":
                    # the appositive describes the source; the reported clause follows it.
                    quote_start = appositive_end + 1
        elif word.startswith("in "):
            speaker = doc.pronoun_speaker(cue.start(), word.split()[1])
            quote_start = cue.end() + 1 if text[cue.end():cue.end() + 1] == "," else cue.end()
            before_cue = text[start:cue.start()].rstrip()
            if not introduces_quote and before_cue.endswith(",") and re.search(r"\w", before_cue):
                # "The Kremlin's mistake, in his view, has been ...": a parenthetical phrase; the
                # words are the whole sentence, as with "Russia, he said, will stay".
                quote_start = start
        elif word in _PARTICIPLE_CUES:
            # "Serzh Sargsyan ..., saying that", "She was blunt, warning that": the subject
            # opens the sentence (a name, registered or not, or he/she).
            if not text[start:cue.start()].rstrip().endswith(","):
                continue  # "a warning that", "without saying that": no participle of the subject
            speaker = _opening_subject(doc, start, cue.start())
            if speaker is None:
                continue
        elif word in _REVERSE_CUES:
            continue  # handled for direct quotes only
        else:
            if not introduces_quote:
                final = _cue_after_clause(doc, start, end, cue, min_words)
                if final is not None:
                    return final
            speaker = _conjoined_subject(doc, start, cue.start()) or doc.subject_before(start, cue.start()) \
                or doc.unregistered_subject(start, cue.start()) or _impersonal_passive(doc, start, cue)
            if speaker is None:
                continue
            if word in PERSON_ONLY_VERBS and not _person_voice(doc, speaker):
                continue  # "The trade data suggest that ...": a figure, not a voice
            if not introduces_quote and _a_text(speaker):
                continue  # "The agreement states that ...": its terms, nobody's words
            if word in ADDRESSEE_CUES and not introduces_quote:
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
        object_only = quote_start == cue.end() and (word in _PARTICIPLE_CUES or word in SPEECH_VERBS)
        quote_start, quote_end = _trimmed(text, quote_start, end)
        if len(text[quote_start:quote_end].split()) < min_words:
            continue
        if word in _CHARGE_CUES:
            if not object_only or not _CHARGE_OBJECT_RE.match(text[quote_start:quote_end]):
                continue  # "accused of spying": no accuser; "accused him" with no charge: no words
            if re.search("[\"\u201c\u00ab]", text[quote_start:quote_end]):
                continue  # 'accused Yerevan of following "..."': a direct quotation with its naming cue
            return speaker, word, quote_start, quote_end
        if not introduces_quote and not _is_clause(text[quote_start:quote_end]):
            continue  # "Lavrov said at a press conference in Moscow.": no words are reported
        if object_only and _says_nothing(text[quote_start:quote_end]):
            continue  # "Pashinyan said nothing about the base": what was not said is no quote
        if not introduces_quote and object_only and not _holds_a_verb(text[quote_start:quote_end]):
            # "Pashinyan announced the deployment on Facebook.", "Politicians warned against
            # dependence on Moscow.": an object or a phrase, no reported clause ("said Russia would").
            continue
        return speaker, word, quote_start, quote_end
    return None


#: Head nouns of texts and figures that state terms, not words of a voice: ``The deal says
#: nothing about ...``, ``The treaty says that ...``. A statement, document or publication is
#: a source's voice and stays a speaker (see ``speakers._SPEAKER_ROLE_NOUNS``).
_TEXT_NOUNS = set(
    "deal deals agreement agreements treaty treaties accord accords truce ceasefire armistice pact pacts "
    "law laws constitution charter clause clauses provision provisions decree map maps data figures "
    "numbers statistics".split()
)
#: Words that, as a speech verb's object, say that nothing (or little) was said.
_NOTHING_WORDS = {"nothing", "little", "anything", "something", "much", "everything"}


def _a_text(speaker: Speaker) -> bool:
    """Whether a described speaker is a text or figures (``The deal``, ``the new law``), no voice."""
    words = speaker.surface.split()
    return speaker.name == UNKNOWN_SPEAKER and bool(words) and description_head(words) in _TEXT_NOUNS


def _says_nothing(words: str) -> bool:
    """Whether the words after a speech verb are its object ``nothing``/``little`` ..., not a clause.

    ``said nothing about the base`` and ``says little on the matter`` report no words;
    ``said nothing would change`` is a clause (a verb follows).

    Example:
        >>> _says_nothing("nothing about the final status."), _says_nothing("nothing would change.")
        (True, False)
    """
    tokens = words.split(None, 2)
    if not tokens or tokens[0].lower().strip(",.;:") not in _NOTHING_WORDS:
        return False
    if len(tokens) == 1:
        return True
    tag = pos_tagger().tag(" ".join(tokens[:2]))[-1][1]
    return not (tag.startswith("VB") or tag == "MD")


def _person_voice(doc: _Document, speaker: Speaker) -> bool:
    """Whether a speaker is a person or persons: a registered person, a person's name, a
    pronoun, or a description whose head names persons (not ``the data``, ``the figures``)."""
    if speaker.name != UNKNOWN_SPEAKER:
        return doc.registry.kind.get(speaker.name) == "person"
    words = speaker.surface.split()
    return _named_person(speaker) or speaker.surface.lower() in {"he", "she", "they", "we", "i"} \
        or (bool(words) and description_head(words) in PERSON_NOUNS)


#: Words before a name at the opening of a sentence that are no part of the subject.
_SUBJECT_OPENERS_TO_SKIP = {"but", "and", "yet", "so", "still", "also", "then", "meanwhile"}


def _opening_subject(doc: _Document, start: int, end: int) -> Speaker | None:
    """The person opening ``text[start:end]`` as its subject, with a verb right after the reference.

    A registered name (``President Ilham Aliyev``), ``he``/``she``, a role noun or an
    unregistered person's name, after an opening conjunction and titles (``But Foreign
    Minister ...``); the next word must be a verb (``thanked``, ``was``), so ``Russia's
    envoy`` or ``In Moscow`` opens no such subject. None when no person opens it.
    """
    text = doc.text
    position = start
    while True:
        word = _WORD_AFTER_RE.match(text, position, end)
        if word is None:
            return None
        token = word.group(1)
        if doc.first_mention_in(position, word.end() + 1) is not None or (
                token.lower() not in _SUBJECT_OPENERS_TO_SKIP and not is_title_word(token)):
            break
        position = word.end()
    while position < end and text[position].isspace():
        position += 1
    named = doc.speaker_named_at(position, end)
    if named is None:
        return None
    speaker, reference_end = named
    speaker = doc.with_full_name(speaker, position)  # "Beridze smiled" after "Nodar Beridze"
    if speaker.name == UNKNOWN_SPEAKER and not (_named_person(speaker) or speaker.surface.lower() in {"he", "she"}):
        return None
    if speaker.name != UNKNOWN_SPEAKER and doc.registry.kind.get(speaker.name) != "person":
        return None
    following = text[reference_end:min(end, reference_end + 40)].split()
    if not following:
        return None
    tags = [tag for _, tag in pos_tagger().tag(" ".join(following[:4]))]
    while tags and tags[0].startswith("RB"):
        tags.pop(0)  # "Serzh Sargsyan actually confirmed"
    # The tagger reads a present verb after a subject as a plural noun ("she worries",
    # "Petrosyan fears"): right after a person, a word in -s is the verb.
    if tags and tags[0] == "NNS" and following[0].isalpha() and following[0].islower():
        return speaker
    if not tags or not (tags[0].startswith("VB") or tags[0] == "MD"):
        return None
    return speaker


#: An impersonal passive before a speech verb: "It was noted that", "It has been stressed that".
_IMPERSONAL_PASSIVE_RE = re.compile(r"(?<!\w)[Ii]t\s+(?:was|is|has\s+been|had\s+been|will\s+be)\s+$")


def _impersonal_passive(doc: _Document, start: int, cue: re.Match) -> Speaker | None:
    """An unnamed speaker for ``It was noted that ...``, ``It was emphasized that ...``.

    The statement's words are reported (a press release's), but nobody is named: the
    speaker is ``unknown`` with no surface. Only past participles (``said``, ``noted``) followed by ``that``.
    """
    text = doc.text
    if not (cue.group().endswith("ed") or cue.group() == "said") or _IMPERSONAL_PASSIVE_RE.search(text, start, cue.start()) is None:
        return None
    if not re.match(r"\s*(?:,\s*)?that\b", text[cue.end():cue.end() + 12]):
        return None
    return Speaker(UNKNOWN_SPEAKER, "")


def _conjoined_subject(doc: _Document, start: int, cue_start: int) -> Speaker | None:
    """The subject of a speech verb that is a second predicate: ``X thanked ... and said ...``.

    The words before the cue end in ``and``, ``and then`` or ``, then`` (``He paused, then
    added that ...``; no subject of its own), the sentence opens
    with a person and a verb (:func:`_opening_subject`), and no relative clause or
    semicolon in between brings in another subject (``X met Y, who ... and said``).
    """
    left = doc.text[start:cue_start]
    if not re.search(r"(?:\band|\band\s+then|,\s*then)\s*$", left) or ";" in left:
        return None
    if any(w.lower() in {"who", "whom", "whose", "which"} for w in re.findall(r"[A-Za-z]+", left)):
        return None
    return _opening_subject(doc, start, cue_start)


#: Lower-case words after which a name in an ``according to`` phrase is no longer its
#: head but part of a modifier (``the agreement signed by Putin``, ``an adviser to Putin``).
_MODIFIER_WORDS = PHRASE_PREPOSITIONS | {"of", "by", "under", "between", "among", "close", "near"}


def _in_a_modifier(words: str) -> bool:
    """Whether a name after ``according to`` + ``words`` stands in a modifier of another noun.

    A preposition or a verb among the lower-case words before the name
    (``the agreement signed by``, ``an adviser to``, ``the report of``) makes the
    phrase's head a text or another person, whose words these are, not the named
    speaker's; titles and role nouns (``Kremlin spokesman``, ``the Russian
    president``) do not.

    Example:
        >>> _in_a_modifier("the agreement signed by "), _in_a_modifier("Kremlin spokesman ")
        (True, False)
    """
    lower = [w for w in re.findall(r"[^\W\d_]+", words) if w.islower()]
    if not lower:
        return False
    if any(w in _MODIFIER_WORDS for w in lower):
        return True
    return any(tag.startswith("VB") for token, tag in pos_tagger().tag(" ".join(lower)) if token in lower)


def _describes_a_person(words: str) -> bool:
    """Whether ``words`` are an appositive describing a person: a determiner, at most seven
    more words without a pronoun, auxiliary or conjunction, and a head noun naming a person.

    The head noun decides, not a verb test: Pattern tags ``think`` in ``think tank`` as a verb.

    Example:
        >>> _describes_a_person(" a researcher at a Tbilisi think tank"), _describes_a_person(" the ceasefire")
        (True, False)
    """
    tokens = words.split()
    if not 2 <= len(tokens) <= 8 or tokens[0].lower() not in {"a", "an", "the"}:
        return False
    if any(t.lower() in NOT_DESCRIPTION_WORDS for t in tokens[1:]):
        return False
    return description_head(tokens) in PERSON_NOUNS


#: Conjunctions after a parenthetical cue that continue the reported words ("..., he said, but never alone").
#: A one-word addressee of "told" before a comma: "..., she told me, ...".
_SHORT_ADDRESSEE_RE = re.compile(r"\s+(?:me|us|him|her|them|reporters|journalists)(?=\s*,)")
_CONTINUING_CONJUNCTIONS = {"but", "and", "or", "nor", "yet"}
#: Words opening a clause, not a subject, between a comma and a cue (", and Shoigu added").
_NOT_SUBJECT_OPENERS = {
    "as", "and", "but", "or", "while", "when", "if", "because", "although", "though", "so",
    "which", "who", "that", "where", "whatever", "whoever", "however", "whichever", "what", "unless",
}


def _cue_after_clause(
    doc: _Document, start: int, end: int, cue: re.Match, min_words: int
) -> tuple[Speaker, str, int, int] | None:
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
        >>> d = _Document("d", t, default_registry(), split_sentences(pd.DataFrame({"doc_id": ["d"], "text": [t]})))
        >>> speaker, cue, a, b = _cue_after_clause(d, 0, len(t), SPEECH_CUE_RE.search(t), 3)
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
    if cue.group().lower() in ADDRESSEE_CUES:
        # "Europe, she told me, can offer values ...": a one-word addressee, then the comma
        # of a parenthetical cue.
        addressee = _SHORT_ADDRESSEE_RE.match(tail)
        # 'Russia, he told reporters, had "acted as ..."': the words after it are a direct
        # quotation with this cue, a row of its own.
        if addressee is not None and not re.search("[\"\u201c\u00ab]", tail):
            tail = tail[addressee.end():]
    rest = tail.strip(" \t\n.,;:!?")
    front = text[start:comma]
    # Cheap tests first: the tagger below is the costly part.
    opener = _WORD_AFTER_RE.match(text, start)
    if opener is None or opener.group(1).lower() in _NOT_SUBJECT_OPENERS:
        return None  # "As can be seen, in the U.S., they think ...": no reported clause before the comma
    first_rest = rest.split(None, 1)[0].lower() if rest else ""
    if rest and not tail.lstrip().startswith(",") and first_rest not in PHRASE_PREPOSITIONS \
            and cue.group().lower() not in ADDRESSEE_CUES:
        return None  # "..., Lavrov said Russia would stay", "..., they think quite the opposite"
    first = bisect.bisect_left(doc.outer_starts, start)
    if first < len(doc.outer) and doc.outer[first].start < comma:
        return None  # a quotation before the comma: its own attribution decides
    # The words go on after the cue: a clause, or a conjunction continuing the words before it
    # ("Keep talking to Moscow, he said, but never alone.").
    parenthetical = bool(rest) and tail.lstrip().startswith(",") and (
        has_finite_verb(rest) or first_rest in _CONTINUING_CONJUNCTIONS)
    if rest and not parenthetical and has_finite_verb(rest):
        return None  # "..., Lavrov said on Monday Russia would stay": the clause follows the cue
    if parenthetical:
        first = pos_tagger().tag(rest.split(None, 1)[0])
        opens_with_verb = bool(first) and (first[0][1].startswith("VB") or first[0][1] == "MD")
        front_first = pos_tagger().tag(front.split(None, 1)[0])
        imperative = bool(front_first) and front_first[0][1] == "VB"  # "Keep talking to Moscow, he said, ..."
        if not (has_finite_verb(front) or opens_with_verb or imperative):
            return None  # "As expected, Lavrov said, the talks failed.": an opening phrase
    elif len(front.split()) < max(min_words, 3) or not has_finite_verb(front):
        return None
    speaker = doc.subject_before(comma + 1, cue.start()) or doc.unregistered_subject(comma + 1, cue.start())
    if speaker is None or (cue.group().lower() in PERSON_ONLY_VERBS and not _person_voice(doc, speaker)) \
            or _a_text(speaker):
        return None
    quote_start, quote_end = _trimmed(text, start, end if parenthetical else comma)
    return speaker, cue.group().lower(), quote_start, quote_end


def _speaker_after_final_cue(
    doc: _Document, start: int, end: int, cue: re.Match, comma: int, min_words: int
) -> tuple[Speaker, str, int, int] | None:
    """Reported speech whose cue follows the clause and precedes the speaker.

    ``Russia is a reliable guarantor, said Sergey Markov, a political scientist.``:
    the comma closes the reported clause (it must hold a finite verb), and after the
    cue comes only the speaker (a registered name, an unregistered person's name, a
    role noun such as ``the minister``, or a pronoun), then at most a phrase of time
    or place, the speaker's own second predicate (``..., said Lavrov and left``) and
    an appositive without a finite verb (``a teacher who returned ...`` is a relative
    clause). Anything else after the name makes it no speaker (``..., said Lavrov and
    Shoigu``), and text before the comma that is no clause is a subject (``Its
    spokeswoman, Maria Zakharova, said Blinken should ...``): None.

    Example:
        >>> t = "Russia is a reliable guarantor, said Sergey Markov, a political scientist."
        >>> d = _Document("d", t, default_registry(), split_sentences(pd.DataFrame({"doc_id": ["d"], "text": [t]})))
        >>> speaker, cue, a, b = _speaker_after_final_cue(d, 0, len(t), SPEECH_CUE_RE.search(t), t.index(","), 3)
        >>> speaker.name, cue, t[a:b]
        ('Sergey Markov', 'said', 'Russia is a reliable guarantor')
    """
    text = doc.text
    word = cue.group().lower()
    if word in ADDRESSEE_CUES or word in _REVERSE_CUES or word in _PARTICIPLE_CUES or not cue.group()[0].islower():
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
    named = doc.speaker_named_at(after_start, after_start + len(part))
    if named is None:
        return None
    speaker, reference_end = named
    rest = text[reference_end:after_start + len(part)].strip()
    if rest and not _speakers_own_predicate(rest) and (
            rest.split()[0].lower() not in PHRASE_PREPOSITIONS or has_finite_verb(rest)):
        return None  # "..., said Lavrov and Shoigu", "..., said Lavrov's aide": not the speaker alone
    if appositive >= 0 and has_finite_verb(text[appositive + 1:end]):
        return None  # "..., said Lavrov, and the talks ended": a clause follows the speaker
    front = text[start:comma]
    if len(front.split()) < max(min_words, 3) or not has_finite_verb(front):
        return None
    quote_start, quote_end = _trimmed(text, start, comma)
    return speaker, word, quote_start, quote_end


def _speakers_own_predicate(words: str) -> bool:
    """Whether ``words`` after a speaker are a second predicate of the same speaker.

    ``..., said Lavrov and left`` / ``and walked out``: a conjunction and a verb with
    no subject of its own, so the speaker is still the one named after the cue.

    Example:
        >>> _speakers_own_predicate("and left"), _speakers_own_predicate("and Shoigu agreed")
        (True, False)
    """
    tokens = words.split()
    if len(tokens) < 2 or tokens[0].lower() not in {"and", "then", "before"}:
        return False
    tags = pos_tagger().tag(" ".join(tokens[1:3]))
    return bool(tags) and tags[0][1] in {"VBD", "VBZ", "VBG", "VBN"}  # Pattern tags "left" VBN


#: A dateline opening a paragraph: a place in capitals (``MOSCOW``, ``YEREVAN/BAKU``) or a place
#: and a date with a number (``Tbilisi, 14 March 2023``), optionally a date and an agency in
#: brackets, then a dash and a capital: ``MOSCOW, January 29 (TASS) - Russia and ...``.
_DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.'\u2019-]+(?:[ /][A-Z][A-Z.'\u2019-]+){0,3}(?:,\s*[^,\n()\u2013\u2014]{3,30}?)?"
    r"|[A-Z][\w.'\u2019-]+(?:[ /][A-Z][\w.'\u2019-]+){0,3},\s*[^,\n()\u2013\u2014]{0,20}?\d[^,\n()\u2013\u2014]{0,20}?)"
    r"(?:\s*\([^()\n]{1,40}\))?\s*(?:[\u2013\u2014]|-{1,2})\s+(?=[A-Z\"\u201c])"
)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Reported words' bounds without leading space or comma and trailing space or colon
    (``It was noted that, following ...``: the comma opens an inserted phrase, not the words),
    and without a dateline opening the paragraph (``MOSCOW, January 29 (TASS) - ``)."""
    while start < end and (text[start].isspace() or text[start] == ","):
        start += 1
    if start == 0 or text[start - 1] == "\n":
        dateline = _DATELINE_RE.match(text, start, end)
        if dateline is not None:
            start = dateline.end()
    while end > start and text[end - 1] in " \t\n:":
        end -= 1
    return start, end


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
    if first is None or first.group(1).lower() not in PHRASE_PREPOSITIONS:
        return True  # only words opening with a preposition can be a mere place or occasion
    return has_finite_verb(words)


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
    for i, (token, tag) in enumerate(pos_tagger().tag(words)):
        if token == ",":
            relative = False
        elif i and token.lower() in RELATIVE_PRONOUNS:
            relative = True
        elif (tag in FINITE_VERB_TAGS or tag == "VBN") and not relative:
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
    for token, tag in pos_tagger().tag(words):
        if tag in {"IN", "WRB", "TO"} or token.lower() in RELATIVE_PRONOUNS:
            return False
        if tag in FINITE_VERB_TAGS:
            return True
    return False


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
    for other in SPEECH_CUE_RE.finditer(doc.text, cue_end, that.start()):
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


def _cue_after(doc: _Document, span: QuoteSpan) -> tuple[Speaker, str] | None:
    """Attribution right after a quotation: ``," said X``, ``" he said``, ``'- Putin remarked``."""
    found = _cue_after_match(doc, span)
    return None if found is None else (found[0], found[1])


def _post_quote_speaker(doc: _Document, cue_start: int) -> Speaker | None:
    """The speaker if the cue at ``cue_start`` attributes the direct quotation before it.

    Only the last quotation closing before the cue can own it: the search for a
    post-quote cue stops at the next quotation mark.
    """
    index = bisect.bisect_right(doc.outer_ends, cue_start) - 1  # the last quotation closing before the cue
    if index < 0:
        return None
    found = _cue_after_match(doc, doc.outer[index])
    return found[0] if found is not None and found[2] == cue_start else None


def _cue_after_match(doc: _Document, span: QuoteSpan) -> tuple[Speaker, str, int] | None:
    """:func:`_cue_after` with the offset of the cue: ``(speaker, cue, cue_start)``."""
    text = doc.text
    sentence = doc.sentence_index_at(span.end - 1)
    limit = max(doc.sent_end[sentence], span.end)
    tail_end = _SENTENCE_END_RE.search(text, span.end, limit)
    tail_end_pos = tail_end.start() if tail_end else limit
    next_quote = re.search("[\"\u201c\u00ab]", text[span.end:tail_end_pos])
    if next_quote:
        tail_end_pos = span.end + next_quote.start()
    cue = SPEECH_CUE_RE.search(text, span.end, tail_end_pos)
    if cue is None or cue.group().lower() in _SOURCE_PHRASES or cue.group().lower().startswith("in ") \
            or _phrasing_cue_without_as(text, cue):
        return None
    before = text[span.end:cue.start()]
    if re.search(r"(?<!\b[A-Z])[.!?]", before.strip(" ,-\u2013\u2014\"'\u201d\u2019\u00bb\u203a")):
        return None
    word = cue.group()
    if len(re.findall(r"[A-Za-z]+", before)) > MAX_WORDS_BEFORE_CUE:
        if word in _REVERSE_CUES:
            return None
        named = _named_with_appositive(doc, span.end, cue.start())
        if named is not None:
            return named, word, cue.start()
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
    if word in ADDRESSEE_CUES:
        return None  # "told parliament": the addressee, not the speaker
    if word in PERSON_ONLY_VERBS or re.search(r"\b(?:has|have|had|will|would|was|were|is|are)\b", before):
        # '"Platform for Peace" has confirmed the words of Minister X': after an auxiliary,
        # or a verb that never precedes its subject, the name after the cue is its object.
        return None
    speaker = doc.speaker_after(cue.end(), tail_end_pos)
    return (speaker, word, cue.start()) if speaker is not None else None


def _named_with_appositive(doc: _Document, start: int, cue_start: int) -> Speaker | None:
    """A speaker named right after a quotation, then one appositive between commas, then the cue.

    ``"...," James O'Brien, the U.S. Assistant Secretary of State for ..., told reporters``:
    however long the appositive, the name before it is the speaker. The appositive must
    hold no finite verb (``..., who said ...`` is a clause).
    """
    text = doc.text
    position = start
    while position < cue_start and text[position] in " \t\n,-\u2013\u2014":
        position += 1
    named = doc.speaker_named_at(position, cue_start)
    if named is None:
        return None
    speaker, reference_end = named
    appositive = re.fullmatch(r"\s*,([^,;:.!?\"]+(?:\.[^,;:!?\"]+)*),\s*", text[reference_end:cue_start])
    if appositive is None or has_finite_verb(appositive.group(1)):
        return None
    return speaker


def _cue_before(doc: _Document, span: QuoteSpan) -> tuple[Speaker, str] | None:
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
        colon = _colon_intro(doc, start, end)
        if colon is not None:
            return colon
        return _naming_cue(doc, start, end) if end == span.start else None
    return found[0], found[1]


def _colon_intro(doc: _Document, start: int, end: int) -> tuple[Speaker, str] | None:
    """A quotation after a clause ending in a colon whose subject is a person.

    ``Sergey Lavrov made the same argument: "..."``, ``She put it bluntly: "..."``: the
    words announced by the colon are the subject's, whatever the verb. The clause (the
    last one before the colon, after a semicolon) must open with a person and a verb
    (:func:`_opening_subject`); ``The statement read: "..."`` has no person as subject.
    """
    before = doc.text[start:end].rstrip()
    if not before.endswith(":"):
        return None
    clause_start = max(start, doc.text.rfind(";", start, end) + 1)
    speaker = _opening_subject(doc, clause_start, start + len(before) - 1)
    return None if speaker is None else (speaker, ":")


def _naming_cue(doc: _Document, start: int, quote_start: int) -> tuple[Speaker, str] | None:
    """A quotation that names or labels something, or a slogan, right after its cue in the sentence.

    ``Pashinyan called the decision "unspeakably painful ..."`` and ``Aliyev described
    the agreement as "..."``: the words are the subject's (a registered or unregistered
    name, or a description), the cue's object at most six words without punctuation.
    ``... holding placards reading "Stop arming Baku"`` and ``... chanting "..."``: a
    slogan is the words of the crowd that carries or chants it, an ``unknown`` voice
    with the persons noun naming the crowd (``Protesters``) as surface, if any.
    """
    text = doc.text
    slogan = _SLOGAN_CUE_RE.search(text, start, quote_start)
    if slogan is not None:
        crowd = next((w for w in re.findall(r"[^\W\d_]+", text[start:slogan.start()])
                      if w.lower() in _CROWD_NOUNS), "")
        return Speaker(UNKNOWN_SPEAKER, crowd), (slogan.group("cue") or slogan.group("chant")).lower()
    naming = _NAMING_CUE_RE.search(text, start, quote_start)
    if naming is None or doc.inside_quote(naming.start()):
        return None
    before = text[start:naming.start()].rstrip()
    has_object = bool((naming.group("object") or naming.group("credited") or "").strip())
    if not before or (before.endswith(",") and not has_object) or before.split()[-1].lower() in _PASSIVE_AUXILIARIES:
        # "The document, called "..."", "was called "...": a name given, nobody's words. After a
        # comma with an object the comma closes the subject's appositive ("X, chairman of ...,
        # called the mission "..."").
        return None
    speaker = doc.subject_before(start, naming.start()) or doc.unregistered_subject(start, naming.start())
    if speaker is not None:
        speaker = doc.with_full_name(speaker, naming.start())
    if speaker is None or not (_named_person(speaker) or speaker.surface.lower() in {"he", "she"}
                               or description_head(speaker.surface.split()) in PERSON_NOUNS):
        return None  # "What Moscow calls ...": no person is the subject
    return speaker, naming.group("cue") or naming.group("credit")


def _interview(doc: _Document) -> _Interview | None:
    """Detect a question-and-answer article: the interviewee, the answer blocks, the question paragraphs.

    Two layouts: paragraphs opened by a speaker prefix (``Q:``/``A:``,
    ``Question:``/``Answer:``, the interviewee's surname in capitals or initials,
    ``SARGSYAN:``, ``LS:``; see :func:`_prefixed_interview`), or questions that are
    paragraphs ending in ``?`` followed by answer paragraphs. Either needs an
    interviewee named in the introduction or the headline (:func:`_interviewee`).
    """
    paragraphs = split_paragraphs(doc.text)
    prefixed = _prefixed_interview(doc, paragraphs)
    if prefixed is not None:
        return prefixed
    questions = [i for i, (a, b) in enumerate(paragraphs) if doc.text[a:b].rstrip().endswith("?")]
    if len(questions) < 2:
        return None
    interviewee = _interviewee(doc, paragraphs[:questions[0]])
    statements: set[int] = set()
    if interviewee is None and _alternating(questions, len(paragraphs)):
        interviewee = _introduced_interviewee(doc, paragraphs[:questions[0]])
        statements = _statement_questions(doc, paragraphs, questions)
    if interviewee is None:
        return None
    questions = sorted({*questions, *statements})
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
    return _Interview(interviewee, blocks, set(questions))


#: Unlabelled interviews need this many question paragraphs ending in "?".
MIN_BARE_QUESTIONS = 3
#: First-person words: an answer's, not an interviewer's statement put to the interviewee.
_FIRST_PERSON_RE = re.compile(r"\b(?:I|me|my|we|us|our)\b", re.IGNORECASE)
#: A pronoun going on about the person an introduction opens with ("She teaches at ...").
_THIRD_PERSON_RE = re.compile(r"\b(?:" + "|".join(PERSON_PRONOUNS) + r")\b", re.IGNORECASE)


def _alternating(questions: list[int], paragraph_count: int) -> bool:
    """Whether the ``?``-paragraphs ``questions`` alternate with answers up to the article's end.

    At least :data:`MIN_BARE_QUESTIONS` of them, none right after another and the last
    paragraph an answer: a news article's rhetorical questions rarely are each answered.
    """
    return len(questions) >= MIN_BARE_QUESTIONS and questions[-1] < paragraph_count - 1 \
        and all(b - a > 1 for a, b in zip(questions, questions[1:]))


def _introduced_interviewee(doc: _Document, intro: list[tuple[int, int]]) -> Speaker | None:
    """The one person the introduction of an unlabelled interview names and describes.

    ``Lilit Sargsyan has spent twenty years ... She teaches at ...``: the only full
    name in the introduction (registered or not), as the subject of a sentence of it
    with a pronoun referring to the person later on, or introduced with a description
    (``We met Lilit Sargsyan, an economist at ...``, ``the economist Lilit Sargsyan``).
    A person the registry does not know is ``unknown`` with the name as surface.
    """
    if not intro:
        return None
    start, end = intro[0][0], intro[-1][1]
    registered = {doc.resolve(m): m for m in doc.mentions
                  if start <= m.start < end and doc.registry.kind.get(doc.resolve(m)) == "person"}
    unregistered = {surname: at for at, surname in doc._full_names() if start <= at < end}
    if len(registered) + len(unregistered) != 1:
        return None  # nobody, or several persons: no one of them is the interviewee
    if registered:
        name, mention = next(iter(registered.items()))
        speaker, at = Speaker(name, mention.surface), mention.start
        subject = doc.sent_start[doc.sentence_index_at(at)] == at
    else:
        at = next(iter(unregistered.values()))
        surface = leading_name(re.match(r"[^,;:.!?()\"\u201c]*", doc.text[at:end]).group())
        if surface is None:
            return None
        speaker = Speaker(UNKNOWN_SPEAKER, surface)
        subject = doc.sentence_subject(doc.sentence_index_at(at)) == (at, at + len(surface))
    introduced = doc.introduced_person(start, end)
    if introduced is not None and introduced[1] == at:
        return speaker
    later = doc.sent_end[doc.sentence_index_at(at)]
    return speaker if subject and _THIRD_PERSON_RE.search(doc.text, later, end) else None


def _statement_questions(doc: _Document, paragraphs: list[tuple[int, int]], questions: list[int]) -> set[int]:
    """Statements put to the interviewee between two answers (``Some say Moscow uses gas as a leash.``).

    One sentence without a first-person word, after an answer paragraph and before
    another: an answer goes on in the first person or over several sentences.
    """
    found: set[int] = set()
    asked = set(questions)
    for i in range(questions[0] + 2, len(paragraphs) - 1):
        if i in asked or i - 1 in asked or i + 1 in asked or i - 1 in found:
            continue
        a, b = paragraphs[i]
        ends = [m.end() for m in _SENTENCE_END_RE.finditer(doc.text, a, b)]
        if len(ends) == 1 and not doc.text[ends[0]:b].strip() and not _FIRST_PERSON_RE.search(doc.text, a, b):
            found.add(i)
    return found


def _prefixed_interview(doc: _Document, paragraphs: list[tuple[int, int]]) -> _Interview | None:
    """An interview whose paragraphs open with the speaker's prefix (``Q:`` / ``A:``).

    ``A:``/``Answer:`` and a prefix naming the interviewee (surname in capitals or
    initials) open answers; ``Q:``/``Question:`` and any other name prefix (the
    interviewer's) open questions. A paragraph without a prefix continues the
    answer or question before it (an answer over several paragraphs is one block);
    the prefix is left out of the quote. Needs two answers and a question.
    """
    text = doc.text
    labels: dict[int, re.Match] = {}
    for i, (a, b) in enumerate(paragraphs):
        prefix = _QA_PREFIX_RE.match(text, a, b)
        if prefix is not None:
            labels[i] = prefix
    if len(labels) < 3:
        return None  # two answers and a question at least
    first = min(labels)
    interviewee = _interviewee(doc, paragraphs[:first])
    if interviewee is None and first > 0:
        # "We asked Farid Mammadov, a senior fellow at ...": in a Q:/A: article the person
        # introduced with a description before the first question is the interviewee,
        # whatever the verb (asked, sat down with, met ...).
        introduced = doc.introduced_person(paragraphs[0][0], paragraphs[first - 1][1])
        if introduced is not None:
            interviewee = Speaker(UNKNOWN_SPEAKER, introduced[0])
    if interviewee is None:
        return None
    own = _own_prefixes(interviewee)
    blocks: list[tuple[int, int]] = []
    questions: set[int] = set()
    current: list[int] | None = None
    in_question = False
    for i in range(first, len(paragraphs)):
        a, b = paragraphs[i]
        prefix = labels.get(i)
        if prefix is not None:
            if current is not None:
                blocks.append((current[0], current[1]))
                current = None
            label = prefix.group(1)
            in_question = not (label in _ANSWER_PREFIXES or label.replace(".", "") in own)
            if in_question:
                questions.add(i)
            else:
                current = [prefix.end(), b]
        elif in_question:
            questions.add(i)  # the question goes on
        elif current is not None and _SENTENCE_END_RE.search(text, a, b) is not None:
            current[1] = b  # the answer goes on in the next paragraph
    if current is not None:
        blocks.append((current[0], current[1]))
    if len(blocks) < 2 or not questions:
        return None
    return _Interview(interviewee, blocks, questions)


def _own_prefixes(interviewee: Speaker) -> set[str]:
    """Prefixes that name the interviewee: the surname in capitals and the initials."""
    words = [w for w in interviewee.surface.split() if w[:1].isupper()]
    if not words:
        return set()
    return {words[-1].upper(), "".join(w[0] for w in words).upper()}


def _interviewee(doc: _Document, intro: list[tuple[int, int]]) -> Speaker | None:
    """The person interviewed, named in the introduction paragraphs ``intro`` or the headline.

    In order: the object of an interview phrase (``We spoke to her``, ``talked
    with Lilit Sargsyan``, ``interviewed X``; a pronoun is resolved as usual) or
    the subject of ``told us``; else the last registered person named in a
    paragraph that mentions an interview (``Oxu.Az interviews General Director
    ... Sergey Mikheev``); else the person the headline names (``Interview: X``,
    ``an interview with X``). A person the registry does not know is ``unknown``
    with the name as surface; nothing else is guessed.
    """
    text = doc.text
    for a, b in intro:
        for phrase in _INTERVIEW_OBJECT_RE.finditer(text, a, b):
            if phrase.group("told"):
                sentence = doc.sent_start[doc.sentence_index_at(phrase.start())]
                found = doc.subject_before(sentence, phrase.start()) or \
                    doc.unregistered_subject(sentence, phrase.start())
            else:
                found = _named_at(doc, phrase.end(), b)
            if found is not None and (found.name != UNKNOWN_SPEAKER or leading_name(found.surface) == found.surface):
                return found
    interviewee: Speaker | None = None
    for a, b in intro:
        if _INTERVIEW_INTRO_RE.search(text, a, b):
            persons = [
                m for m in doc.mentions
                if a <= m.start < b and doc.registry.kind.get(doc.resolve(m)) == "person"
            ]
            if persons:
                interviewee = Speaker(doc.resolve(persons[-1]), persons[-1].surface)
    if interviewee is None and doc.title:
        headline = _HEADLINE_INTERVIEW_RE.search(doc.title)
        if headline is not None:
            interviewee = _headline_name(doc, doc.title[headline.end():])
    return interviewee


def _named_at(doc: _Document, start: int, end: int) -> Speaker | None:
    """The person named (or referred to by ``him``/``her``) right at ``text[start:end]``."""
    word = _WORD_AFTER_RE.match(doc.text, start, end)
    if word is None:
        return None
    if word.group(1).lower() in {"him", "her"}:
        found = doc.pronoun_speaker(start, word.group(1))
        return found if found.name != UNKNOWN_SPEAKER or found.surface.lower() not in {"him", "her"} else None
    mention = doc.first_mention_in(start, start + len(word.group(0)) + 1)
    if mention is not None and doc.registry.kind.get(doc.resolve(mention)) == "person":
        return Speaker(doc.resolve(mention), mention.surface)
    name = leading_name(doc.text[start:end])
    return Speaker(UNKNOWN_SPEAKER, name) if name is not None and len(name.split()) >= 2 else None


def _headline_name(doc: _Document, words: str) -> Speaker | None:
    """The person a headline names after ``Interview:`` (registered or not)."""
    words = words.strip(" \t:-\u2013\u2014\"'\u201c\u201d\u2018\u2019")
    for mention in doc.registry.pattern.finditer(words):
        name = doc.registry.candidates[mention.group()]
        if mention.start() == 0 and len(name) == 1 and doc.registry.kind.get(name[0]) == "person":
            return Speaker(name[0], mention.group())
    name = leading_name(words)
    return Speaker(UNKNOWN_SPEAKER, name) if name is not None and len(name.split()) >= 2 else None


def _row(
    doc: _Document, quote_id: str, kind: str, speaker: Speaker, cue: str, start: int, end: int,
    quotation_id: str | None = None,
) -> dict:
    # A bare surname is the person named in full earlier in the article ("Kovalenko told TASS"
    # after "Andrei Kovalenko"): the attribution may follow the words, up to their sentence's end.
    attribution_end = doc.sent_end[doc.sentence_index_at(max(start, end - 1))] if doc.sent_end else end
    speaker = doc.with_full_name(speaker, max(end, attribution_end))
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
    attributed: dict[int, tuple[Speaker, str]] = {}
    # Direct quotations (outer), in order, so a continuation can inherit its speaker.
    previous: tuple[Speaker, str] | None = None
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
            if found is not None and embedded and n_words < MIN_EMBEDDED_WORDS \
                    and _NAMING_CUE_RE.search(found[1] + " \"") is None and found[1] not in _CREDIT_CUES:
                found = None  # a short embedded quotation is a scare quote, unless a person labels
                # something with it ('A spokesman called the move "unhelpful"')
        if found is None and _continues(doc, span, previous, previous_end):
            found, quotation_id = previous, previous_quotation
        if found is None and len(text[start:end].split()) >= MIN_EMBEDDED_WORDS:
            found = _previous_sentence_speaker(doc, span)
        if found is None:
            if len(text[start:end].split()) < MIN_UNATTRIBUTED_WORDS:
                continue  # a scare quote or title, not somebody's words
            found = (Speaker(UNKNOWN_SPEAKER, ""), "")
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
        for k, (a, b) in enumerate(interview.blocks):
            rows.append(_row(doc, f"{doc.doc_id}:a{k:03d}", "interview", interview.interviewee, "interview", a, b))
        question_paragraphs = interview.questions
    # Reported speech, sentence by sentence, outside quotations (a sentence holding a
    # quotation's end and its attribution is read: cues inside the quotation are
    # skipped by _reported_in). A question is the interviewer's: only a named third
    # party's reported words in it are a quote ("Pashinyan has said he is open to
    # talks. Is peace realistic?"), not "Some say ..." or "Do you think ...".
    direct_keys = sorted(attributed)
    direct = [doc.spans[j] for j in direct_keys]
    direct_starts = [span.start for span in direct]
    k = 0
    for index, (a, b) in enumerate(zip(doc.sent_start, doc.sent_end)):
        if doc.quoted_only(index):
            continue
        found = _reported_in(doc, a, b) or _appeal_in(doc, a, b)
        if found is None:
            continue
        speaker, cue, start, end = found
        if doc.sent_para[index] in question_paragraphs and not _named_person(speaker):
            continue
        end = _before_other_voice(doc, speaker, start, end, attributed, direct_keys, direct_starts)
        if len(doc.text[start:end].split()) < MIN_EMBEDDED_WORDS:
            continue  # 'Pashinyan said nothing; "...," Aliyev told reporters.': the rest is Aliyev's
        if not doc.words_outside(start, end, direct, bisect.bisect_left(direct_starts, start - doc.longest_span)):
            continue  # 'Miller added, "..."': the words are a direct quotation, a row of its own
        rows.append(_row(doc, f"{doc.doc_id}:r{k:03d}", "reported", speaker, cue, start, end))
        k += 1
    return _without_double_counts(rows)


def _appeal_in(doc: _Document, start: int, end: int) -> tuple[Speaker, str, int, int] | None:
    """An appeal reported in ``text[start:end]``: ``She called on the government to publish the contract.``

    The cue (``called on``, ``urged``, ``appealed to``) must have a subject that is a
    speaker and be followed, in the same clause, by its addressee and ``to`` with a
    verb: the quote is the addressee and what they are asked to do. ``called on
    Putin in Moscow`` (a visit) and ``urged restraint`` (an object) are no appeal.
    """
    text = doc.text
    for cue in _APPEAL_CUE_RE.finditer(text, start, end):
        if doc.inside_quote(cue.start()):
            continue
        words = text[cue.end():end]
        to = re.match(r"\s*[^,;:.!?]{1,60}?\s+to\s+([^\W\d_]+)", words)
        if to is None or not to.group(1).islower() or to.group(1) in _NOT_AN_INFINITIVE:
            continue  # "urged restraint", "called on Putin in Moscow", "urged them to the table"
        speaker = doc.subject_before(start, cue.start()) or doc.unregistered_subject(start, cue.start())
        if speaker is None:
            continue
        quote_start, quote_end = _trimmed(text, cue.end(), end)
        return speaker, cue.group().lower(), quote_start, quote_end
    return None


def _named_person(speaker: Speaker) -> bool:
    """Whether a speaker is a registered one or an unregistered person's name (two words or more)."""
    if speaker.name != UNKNOWN_SPEAKER:
        return True
    return is_full_name(speaker.surface)


def _before_other_voice(
    doc: _Document, speaker: Speaker, start: int, end: int, attributed: dict[int, tuple[Speaker, str]],
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


def _same_speaker(a: Speaker, b: Speaker) -> bool:
    """One voice: the same registered speaker, or two unknown ones with the same surface."""
    return a.name == b.name and (a.name != UNKNOWN_SPEAKER or a.surface.lower() == b.surface.lower())


def _same_voice(a: dict, b: dict) -> bool:
    """:func:`_same_speaker` of two quote rows."""
    return _same_speaker(Speaker(a["speaker"], a["speaker_surface"]), Speaker(b["speaker"], b["speaker_surface"]))


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


def _continues(doc: _Document, span: QuoteSpan, previous: tuple[Speaker, str] | None, previous_end: int) -> bool:
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
    if previous_end > span.start:
        return False
    gap = text[previous_end:span.start]
    if gap.strip() and not _same_speaker_acts(doc, previous[0], previous_end, span.start):
        return False
    if doc.sent_para[doc.sentence_index_at(previous_end - 1)] != doc.sent_para[doc.sentence_index_at(span.start)]:
        return False
    last = doc.sentence_index_at(span.end - 1)
    return not re.search(r"\w", text[span.end:max(span.end, doc.sent_end[last])])


def _previous_sentence_speaker(doc: _Document, span: QuoteSpan) -> tuple[Speaker, str] | None:
    """The speaker of a quotation standing alone after a sentence about a person.

    Journalistic convention: ``She said she had once baked bread for the soldiers. "I do
    not know what I will say to my son."`` and ``Beridze smiled at the memory. "I told
    him ..."``: a quotation without a cue of its own that fills its sentence belongs to the
    person the sentence before it (in the same paragraph) reports (``She said ...``,
    ``..., in his view, ...``) or opens with as subject (``Beridze smiled``: a person's
    name, a surname given in full before, or he/she, then a verb). No person there
    (``The talks ended on Monday.``): None, and the quotation stays without speaker.
    The cue is empty: the attribution is the sentence before, not a speech verb.
    """
    text = doc.text
    index = doc.sentence_index_at(span.start)
    if index == 0 or re.search(r"\w", text[doc.sent_start[index]:span.start]):
        return None  # the quotation does not open its sentence
    last = doc.sentence_index_at(span.end - 1)
    if re.search(r"\w", text[span.end:max(span.end, doc.sent_end[last])]):
        return None  # words after it: its own attribution or narration, not a standalone quotation
    previous = index - 1
    if doc.sent_para[previous] != doc.sent_para[index] or doc.quoted_only(previous):
        return None
    a, b = doc.sent_start[previous], doc.sent_end[previous]
    reported = _reported_in(doc, a, b)
    speaker = reported[0] if reported is not None else _opening_subject(doc, a, b)
    if speaker is None or not (_named_person(speaker) or _person_voice(doc, speaker)) \
            or (speaker.name == UNKNOWN_SPEAKER and not speaker.surface):
        return None
    return speaker, ""


def _same_speaker_acts(doc: _Document, speaker: Speaker, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` between two quotations only says what their speaker did.

    ``"...," said Vardan Hovsepyan. He laughed, without humour. "..."``: one or two short
    sentences (twelve words at most) opening with ``he``/``she`` (of no other gender than
    the speaker's) or the speaker's surname, naming nobody else and reporting no speech
    (a speech verb would make it a quote of its own).
    """
    gap = doc.text[start:end]
    sentences = [part for part in re.split(r"(?<=[.!?])\s+", gap.strip()) if part]
    if not 1 <= len(sentences) <= 2 or len(gap.split()) > 12 or re.search("[\"\u201c\u201d\u00ab\u00bb]", gap):
        return False
    if SPEECH_CUE_RE.search(gap) or doc.first_mention_in(start, end) is not None:
        return False
    surname = speaker.surface.split()[-1] if speaker.surface else ""
    gender = doc.gender_of(speaker.name, speaker.surface)
    for sentence in sentences:
        first, *rest = sentence.split()
        pronoun_gender = {"He": "male", "She": "female"}.get(first)
        if not (first == surname or (pronoun_gender and gender in ("", pronoun_gender))):
            return False
        if any(w[:1].isupper() for w in rest):
            return False  # another name or place: more than the speaker's gesture
    return True


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
    lookup = SpeakerRegistry(registry) if registry is not None else default_registry()
    by_doc = {doc_id: group for doc_id, group in sentences.groupby("doc_id", sort=False)}
    empty = pd.DataFrame(columns=["start", "end", "sentence_id", "paragraph_id", "quote_id"])
    rows: list[dict] = []
    titles = documents["title"] if "title" in documents.columns else pd.Series("", index=documents.index)
    for doc_id, text, title in zip(documents["doc_id"].astype(str), documents["text"], titles):
        if not isinstance(text, str) or not text:
            continue
        doc_sentences = by_doc.get(doc_id, empty).sort_values("start", kind="stable")
        doc = _Document(doc_id, text, lookup, doc_sentences, title if isinstance(title, str) else "")
        doc_rows = _document_quotes(doc)
        doc_rows.sort(key=lambda r: (r["start"], r["quote_id"]))
        rows.extend(doc_rows)
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return table.astype({"start": "int64", "end": "int64"}).reset_index(drop=True)


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
