"""Target-aware stance: is a sentence favourable or critical of the target actor?

:class:`LexiconStanceScorer` (registry name ``"lexicon"``) is a transparent,
rule-based scorer. For one target mention it

1. cuts the sentence into clauses (at ``; : ( ) –`` and at conjunctions such
   as "but", "while", ", or", ", and", ", which") and keeps the clause holding
   the mention, so another actor's clause cannot drive the target's stance
   ("Russia supports peace, but the West does not want ISIL to be defeated");
2. finds cues in that clause within ``window`` tokens of the mention: stance
   cues from ``data/stance_cues.yaml`` (political vocabulary such as
   "aggression", "strategic partnership", "accused") and, for other words, the
   word polarity of TextBlob's pattern lexicon (the PatternAnalyzer lexicon);
3. attributes each cue to the nearest actor: a cue nearer to ANOTHER actor's
   mention (found with the actor lexicon) than to the target is that actor's
   ("the Russian media say that Azerbaijan is an aggressive state": "aggressive"
   is about Azerbaijan), while a cue right after a possessive "its/their"
   following the target is the target's ("Russia would reveal its imperial
   ambitions") and counts as adjacent;
4. flips a cue preceded by a negator ("not", "never", "without", "n't" ...
   within ``negation_window`` tokens), and every cue after the target when the
   predicate governing the target is negated ("they do not expect Russia to
   play a productive role"), marking it ``NOT`` in the evidence;
5. weights each cue by closeness to the mention, ``1 / (1 + distance/decay)``,
   so the predicate the target is subject or object of counts most, and
   returns ``score = sum(w * polarity) / max(1, sum(w))`` clipped to [-1, 1].

Known limits: no syntax parse, so agent and patient are not told apart ("Russia
accused Ukraine" reads as critical of Russia), and irony or reported speech are
scored like plain statements.

The cues that drove the score are returned as evidence, e.g.
``("supports +0.50",)``.

:func:`score_stance` applies a scorer to every target mention of a sentences
table. A sentence with several target mentions gets the MEAN of its mention
scores (each mention is scored in its own clause, so "Russia helps, but Moscow
threatens" averages the two), and the label of that mean.

Example:
    >>> scorer = LexiconStanceScorer()
    >>> result = scorer.analyze("Russia supports the anti-ISIL fight of Shiites.", 0, 6)
    >>> result.label, result.cues
    ('favourable', ('supports +0.50',))
"""

from __future__ import annotations

import functools
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd
from textblob.en import sentiment as pattern_sentiment

from analysis import config
from analysis.actors import target_actor
from analysis.io import read_yaml
from analysis.scorers.base import Scorer, StanceResult, label_for_score, majority_label

__all__ = [
    "STANCE_CUES_PATH",
    "STANCE_COLUMNS",
    "QUESTION_CUE",
    "asks_question",
    "StanceCues",
    "load_stance_cues",
    "clause_bounds",
    "LexiconStanceScorer",
    "resolve_scorer",
    "score_stance",
    "stance_counts",
]

#: Default stance cue lexicon.
STANCE_CUES_PATH: Path = config.PACKAGE_DATA_DIR / "stance_cues.yaml"
#: Columns added by :func:`score_stance` (docs/ARCHITECTURE.md).
STANCE_COLUMNS: list[str] = [
    "mentions_target", "target_surfaces", "stance_score", "stance", "stance_cues", "stance_scorer",
]

#: ``stance_cues`` of a question that asks (:func:`asks_question`): its stance is not scored.
QUESTION_CUE: str = "a heading or interviewer's question: it asks, does not assert (not scored, neutral)"
# Questions that assert: a negative question ("Isn't Russia ...?"), "Why, then, ...?", "How can anyone ...?",
# "Should we remind ...?", "Or maybe ...?".
_RHETORICAL = re.compile(
    r"(?:(?:and|but|so|or)\s+)?(?:why,?\s+then\b|\w+n[’']t\b|how\s+(?:can|could)\s+(?:anyone|anybody|one|we|you)\b"
    r"|who\s+(?:can|could|would)\s+(?:blame|trust|believe|doubt)\b|should\s+we\b|or\s+may\s*be\b)",
    re.IGNORECASE,
)
# "Q:", "Question:", "- " before an interviewer's question.
_QUESTION_PREFIX = re.compile(r"(?:(?:Q|Question)\s*:\s*|[-–—]\s+)")
_OPENING_QUOTE = "\"“«‘'"

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
_NEGATORS = frozenset({"not", "no", "never", "without", "neither", "nor", "cannot", "hardly"})
_POSSESSIVES = frozenset({"its", "their"})
# Clause boundaries: punctuation that separates clauses, and conjunctions that
# start a new clause. Bare commas are NOT boundaries: "Russia, Iran, Iraq and
# Syria are taking part" must keep Russia with its predicate; nor are brackets
# ("Russia considers the ... (CIS) space to be within its sphere of interest").
# Quotation marks are: the speaker in '"... attempts to interfere," Shoigu added'
# is not the subject of the quoted words.
_CLAUSE_BREAK = re.compile(
    r"[;:–—\"“”«»]|\s-\s"
    r"|,\s*(?=(?:but|while|whereas|although|though|yet|or|and|so|because|since|which|who"
    r"|whom|where|when|as|if|unless|however)\b)"
    r"|\b(?:but|while|whereas|although|though|because|however)\b",
    re.IGNORECASE,
)
_SETTINGS_DEFAULTS: dict[str, float] = {
    "window": 15, "negation_window": 3, "decay": 6.0, "lexicon_weight": 1.0,
}


@dataclass(frozen=True)
class StanceCues:
    """The parsed cue file.

    Attributes:
        regex: One combined regex; group ``c{i}`` is cue ``i``.
        polarities: Polarity of cue ``i``.
        settings: ``window``, ``negation_window``, ``decay``, ``lexicon_weight``.
        lexicon_ignore: Pattern-lexicon words never used as cues.
    """

    regex: re.Pattern[str]
    polarities: tuple[float, ...]
    settings: dict[str, float]
    lexicon_ignore: frozenset[str]


def load_stance_cues(path: str | os.PathLike | None = None) -> StanceCues:
    """Load and validate a stance cue YAML (format in ``data/stance_cues.yaml``).

    Args:
        path: Cue file; defaults to the packaged ``stance_cues.yaml``.

    Returns:
        The compiled :class:`StanceCues`.

    Raises:
        FileNotFoundError: If the file does not exist.
        ValueError: If an entry is malformed (the message names file and entry).

    Example:
        >>> cues = load_stance_cues()
        >>> cues.settings["window"], bool(cues.regex.search("its imperial ambitions"))
        (15.0, True)
    """
    file = Path(path) if path is not None else STANCE_CUES_PATH
    data = read_yaml(file, "stance cue file")
    cues = data.get("cues") if isinstance(data, dict) else None
    if not isinstance(cues, list) or not cues:
        raise ValueError(f"{file}: expected a non-empty `cues:` list of {{pattern, polarity}}.")
    settings = dict(_SETTINGS_DEFAULTS)
    for key, value in (data.get("settings") or {}).items():
        if key not in settings or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{file}: settings.{key}={value!r}: known settings are "
                             f"{sorted(settings)}, each a non-negative number.")
        settings[key] = float(value)
    alternatives: list[tuple[str, float]] = []
    for i, cue in enumerate(cues):
        if not isinstance(cue, dict) or "pattern" not in cue or "polarity" not in cue:
            raise ValueError(f"{file}: cues[{i}] = {cue!r} needs `pattern` and `polarity`.")
        pattern, polarity = str(cue["pattern"]), cue["polarity"]
        if not isinstance(polarity, (int, float)) or not -1 <= polarity <= 1:
            raise ValueError(f"{file}: cues[{i}] ({pattern!r}): polarity must be in [-1, 1].")
        try:
            re.compile(pattern)
        except re.error as err:
            raise ValueError(f"{file}: cues[{i}] ({pattern!r}) is not a valid regex: {err}") from err
        alternatives.append((pattern, float(polarity)))
    # Longer (more specific) patterns first: at one position the first matching
    # alternative wins, so "strategic partnership" beats "partnership".
    alternatives.sort(key=lambda a: (-len(a[0]), a[0]))
    # The word-boundary look-arounds sit outside the alternation: the same matches
    # as repeating them in every alternative, but the engine gives up at a
    # mid-word position after one test instead of one per cue (6x faster stance).
    regex = re.compile(
        r"(?<!\w)(?:"
        + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(alternatives))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    ignore = data.get("lexicon_ignore") or []
    if not isinstance(ignore, list):
        raise ValueError(f"{file}: `lexicon_ignore:` must be a list of words.")
    return StanceCues(regex, tuple(p for _, p in alternatives), settings,
                      frozenset(str(w).lower() for w in ignore))


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Character span of the clause containing ``sentence[start:end]``.

    Args:
        sentence: The sentence.
        start: Start of the target mention.
        end: End of the target mention.

    Returns:
        ``(clause_start, clause_end)``.

    Example:
        >>> s = "Russia supports peace, but the West does not want ISIL to be defeated."
        >>> a, b = clause_bounds(s, 0, 6); s[a:b]
        'Russia supports peace'
    """
    lo, hi = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            hi = match.start()
            break
    return lo, hi


def asks_question(text: str, question_position: bool = True) -> bool:
    """Whether a sentence is a question that asks rather than asserts, so gives no stance evidence.

    A question opening its paragraph is an explainer's heading ("What does Moscow
    say?"), an interviewer's question ("Q: Is Russia still a guarantor?") or the
    writer's question the paragraph then answers ("Does he see Russia as an enemy?
    He takes his time."); so is any question in an interviewer's paragraph (one
    opening with "Q:", "Question:" or a dash: "Q: Baku signed a declaration. Is
    Russia now its ally?"). Not asking: a question later in another paragraph (rhetorical
    questions close an argument: "... Who would trust Moscow now?"), one that opens
    with a quotation mark (a speaker's question is scored with the quotation) or
    ends inside one, and the rhetorical forms that assert (a negative question
    "Isn't Russia the aggressor?", "Why, then, ...?", "Should we remind ...?").

    Args:
        text: The sentence.
        question_position: Whether it opens its paragraph or is in an interviewer's
            paragraph (:func:`_question_positions`).

    Returns:
        True if the sentence asks.

    Example:
        >>> asks_question("What does Moscow say?"), asks_question("Isn't Moscow to blame?")
        (True, False)
    """
    sentence = text.strip()
    if not question_position or not sentence.endswith("?") or sentence[:1] in _OPENING_QUOTE:
        return False
    prefix = _QUESTION_PREFIX.match(sentence)
    return _RHETORICAL.match(sentence[prefix.end():] if prefix else sentence) is None


def _question_positions(sentences: pd.DataFrame) -> pd.Series:
    """Per row: does the sentence open its paragraph, or sit in an interviewer's paragraph.

    An interviewer's paragraph opens with "Q:", "Question:" or a dash. Without
    ``paragraph_id`` every sentence counts as opening one.
    """
    if "paragraph_id" not in sentences.columns or "doc_id" not in sentences.columns:
        return pd.Series(True, index=sentences.index)
    order = sentences["start"] if "start" in sentences.columns else pd.Series(range(len(sentences)), index=sentences.index)
    paragraph = [sentences["doc_id"], sentences["paragraph_id"]]
    opens = order == order.groupby(paragraph, sort=False).transform("min")
    prefixed = (opens & sentences["text"].astype(str).str.match(_QUESTION_PREFIX.pattern)).groupby(
        paragraph, sort=False).transform("any")
    return opens | prefixed


def _is_negator(token: str) -> bool:
    lower = token.lower()
    return lower in _NEGATORS or lower.endswith("n't") or lower.endswith("n’t")


@functools.lru_cache(maxsize=65536)
def _lexicon_polarity(word: str) -> float:
    """Polarity of a word in TextBlob's pattern lexicon; 0 for unknown words and
    for intensifiers such as "very" (their intensity is not 1)."""
    entry = pattern_sentiment.get(word)
    if not entry:
        return 0.0
    polarity, _subjectivity, intensity = entry.get(None, next(iter(entry.values())))
    return 0.0 if intensity != 1.0 else float(polarity)


class LexiconStanceScorer(Scorer):
    """Rule-based, target-aware stance from cue words near the target mention.

    Args:
        cues: A :class:`StanceCues`, a path to a cue YAML, or None (packaged).
        lexicon: Actor lexicon (``actors.load_lexicon``) used to attribute cues
            to other actors; the packaged one if None.

    Example:
        >>> LexiconStanceScorer().analyze("Russia is accused of involvement.", 0, 6).label
        'critical'
    """

    name = "lexicon"

    def __init__(
        self, cues: StanceCues | str | os.PathLike | None = None, lexicon: pd.DataFrame | None = None
    ) -> None:
        from analysis.actors import compile_lexicon, load_lexicon

        self.cues = cues if isinstance(cues, StanceCues) else load_stance_cues(cues)
        # The actor lexicon tells which other actors a cue could be about.
        self._actor_regex, self._actor_of = compile_lexicon(
            load_lexicon() if lexicon is None else lexicon
        )

    def analyze(self, sentence: str, start: int, end: int) -> StanceResult:
        """Stance towards the mention at ``sentence[start:end]``.

        Args:
            sentence: The sentence.
            start: Mention start offset.
            end: Mention end offset.

        Returns:
            ``StanceResult(score, label, cues)``; cues read ``"word +0.50"``,
            negated ones ``"NOT word +0.30"`` (the value is the flipped one).

        Example:
            >>> LexiconStanceScorer().analyze("Moscow is not interested in peace.", 0, 6).cues
            ('not interested -0.60',)
        """
        settings = self.cues.settings
        lo, hi = clause_bounds(sentence, start, end)
        clause = sentence[lo:hi]
        tokens = [(m.start() + lo, m.end() + lo, m.group()) for m in _TOKEN.finditer(clause)]
        target_idx = [i for i, (a, b, _) in enumerate(tokens) if a < end and b > start]
        if not target_idx:
            return StanceResult(0.0, label_for_score(0.0), ())
        t_first, t_last = target_idx[0], target_idx[-1]
        window = int(settings["window"])

        def distance(first: int, last: int) -> int:
            if last < t_first:
                return t_first - last - 1
            return max(0, first - t_last - 1)

        def token_index(offset: int) -> int:
            for i, (a, b, _) in enumerate(tokens):
                if b > offset:
                    return i
            return len(tokens) - 1

        # Token ranges of OTHER actors' mentions in the clause (same actor as the
        # target, e.g. "Moscow" next to "Russia", is not another actor).
        mentioned_actor = self._actor_of.get(sentence[start:end], "")
        others: list[tuple[int, int]] = []
        for match in self._actor_regex.finditer(clause):
            a, b = match.start() + lo, match.end() + lo
            actor = self._actor_of.get(match.group(), "")
            if actor and actor != mentioned_actor and not (a < end and b > start):
                others.append((token_index(a), token_index(b - 1)))

        def nearest_other(first: int, last: int) -> int:
            return min(
                (o_first - last - 1 if o_first > last else first - o_last - 1
                 for o_first, o_last in others if o_last < first or o_first > last),
                default=10**6,
            )

        negation_window = int(settings["negation_window"])
        # "do not expect Russia to play a productive role": a negator at most one
        # token before the target negates the predicate, hence the cues after it.
        predicate_negated = any(
            _is_negator(tokens[j][2]) for j in range(max(0, t_first - 2), t_first)
        )

        found: list[tuple[int, int, str, float]] = []  # (first, last, surface, polarity)
        covered: set[int] = set(target_idx)
        for match in self.cues.regex.finditer(clause):
            a, b = match.start() + lo, match.end() + lo
            if a < end and b > start:  # the mention itself is no cue
                continue
            first, last = token_index(a), token_index(b - 1)
            covered.update(range(first, last + 1))
            polarity = self.cues.polarities[int(match.lastgroup[1:])]
            found.append((first, last, match.group(), polarity))
        for i, (_, _, word) in enumerate(tokens):
            if i in covered:
                continue
            lower = re.sub(r"['’]s$", "", word.lower())
            if lower in self.cues.lexicon_ignore:
                continue
            polarity = _lexicon_polarity(lower) * settings["lexicon_weight"]
            if polarity:
                found.append((i, i, word, polarity))

        weighted, total_weight, evidence = 0.0, 0.0, []
        for first, last, surface, polarity in sorted(found):
            anaphoric = first > t_last and first > 0 and tokens[first - 1][2].lower() in _POSSESSIVES
            d = 0 if anaphoric else distance(first, last)
            if d > window or (not anaphoric and nearest_other(first, last) < d):
                continue
            negated = any(
                _is_negator(tokens[j][2])
                for j in range(max(0, first - negation_window), first)
                if j not in target_idx
            ) or (predicate_negated and first > t_last)
            negated = negated and not _is_negator(surface.split()[0])
            value = -polarity if negated else polarity
            weight = 1.0 / (1.0 + d / settings["decay"])
            weighted += weight * value
            total_weight += weight
            evidence.append(f"{'NOT ' if negated else ''}{surface} {value:+.2f}")
        score = max(-1.0, min(1.0, weighted / max(1.0, total_weight)))
        score = round(score, 6)  # stable floats across platforms
        return StanceResult(score, label_for_score(score), tuple(evidence))

    def polarity(self, text: str) -> float:
        """Sentence polarity from TextBlob's PatternAnalyzer.

        Args:
            text: Any text.

        Returns:
            Polarity in [-1, 1].

        Example:
            >>> LexiconStanceScorer().polarity("a good deal")
            0.7
        """
        return float(pattern_sentiment(text)[0])


@functools.lru_cache(maxsize=1)
def _default_scorer() -> LexiconStanceScorer:
    return LexiconStanceScorer()


def resolve_scorer(scorer: Scorer | str | None = None) -> Scorer:
    """Turn a scorer argument into a scorer object.

    Args:
        scorer: A :class:`Scorer` (returned as is), a registry name (looked up
            with ``analysis.scorers.get_scorer``; ``"lexicon"`` works even
            without the registry), or None for the best installed scorer
            (``analysis.scorers.get_scorer()``: the trained ``linear`` scorer,
            or ``transformer`` when installed), which the validation issue
            measured as more accurate than the rule-based ``lexicon`` scorer.

    Returns:
        The scorer.

    Raises:
        ValueError: If the name is unknown to the registry.
        TypeError: If ``scorer`` is neither a name nor a scorer.

    Example:
        >>> resolve_scorer("lexicon").name
        'lexicon'
        >>> resolve_scorer().name in {"linear", "linear-minilm", "transformer"}  # the best installed one
        True
    """
    if scorer is None:
        from analysis.scorers import get_scorer

        return get_scorer(None)
    if isinstance(scorer, str):
        if scorer == LexiconStanceScorer.name:
            return _default_scorer()
        try:
            from analysis.scorers import get_scorer
        except ImportError as err:  # pragma: no cover - registry always ships
            raise ValueError(f"Unknown scorer {scorer!r}: the scorer registry is missing.") from err
        return get_scorer(scorer)
    if hasattr(scorer, "analyze_many") and hasattr(scorer, "name"):
        return scorer
    raise TypeError(f"scorer must be a Scorer, a scorer name or None, not {type(scorer).__name__}")


def _distinct_cues(cues: Iterable[str]) -> list[str]:
    """One cue per feature: the first mention's, when several mentions name a feature's words.

    A cue ``feature: words`` names the words that produced the feature for one
    mention; a second mention's words for the same feature would repeat the feature.

    Example:
        >>> _distinct_cues(['near: "a"', '"x"', 'near: "b"', '"x"'])
        ['near: "a"', '"x"']
    """
    by_feature: dict[str, str] = {}
    for cue in cues:
        by_feature.setdefault(cue.partition(": ")[0], cue)
    return list(by_feature.values())


def score_stance(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    target: str = config.DEFAULT_TARGET,
    scorer: Scorer | str | None = None,
) -> pd.DataFrame:
    """Add the stance columns towards ``target`` to a sentences table.

    Every target mention is scored in ONE batch call to the scorer's
    ``analyze_many`` (what makes a transformer scorer fast). A sentence's score
    is the mean over its target mentions; its label is the scorer's own label of
    its mentions (the most frequent one; a tie goes to ``label_for_score(mean)``).
    Score and label answer two questions and can differ: for the trained scorers
    the label is the most probable class and the score P(favourable) −
    P(critical), so a sentence most probably neutral can still lean (+0.45).
    Counts in the report use labels, means use scores.

    A question that opens a paragraph or sits in an interviewer's and asks
    (:func:`asks_question`: an explainer's heading, an interviewer's question) still mentions the target but
    is not scored: it gets label ``neutral``, score 0 and the cue
    :data:`QUESTION_CUE`, so it is counted, as neutral, like any sentence
    without stance evidence.

    Args:
        sentences: Sentences table (``sentence_id``, ``text``).
        mentions: Mentions table from ``actors.find_mentions``.
        target: Target actor (canonical name or lexicon term, e.g. "Kremlin").
        scorer: Scorer object, registry name, or None (the best installed scorer, see :func:`resolve_scorer`).

    Returns:
        A copy of ``sentences`` plus ``STANCE_COLUMNS``: ``mentions_target``,
        ``target_surfaces`` (distinct surfaces, ``|``-joined, in text order),
        ``stance_score`` (NaN without a mention), ``stance`` (empty without a
        mention), ``stance_cues`` (``; ``-joined), ``stance_scorer``.

    Raises:
        ValueError: If the target is unknown.

    Example:
        >>> from analysis.actors import find_mentions
        >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": ["d:0000", "d:0001"],
        ...     "text": ["Russia would reveal its imperial ambitions.", "Baku waits."]})
        >>> out = score_stance(s, find_mentions(s), scorer="lexicon")
        >>> out[["mentions_target", "stance", "stance_cues"]].values.tolist()
        [[True, 'critical', 'imperial ambitions -0.80'], [False, '', '']]
    """
    scorer_object = resolve_scorer(scorer)
    actor = target_actor(target, mentions)
    own = mentions[mentions["actor"] == actor]
    text_of = dict(zip(sentences["sentence_id"], sentences["text"]))
    asking = {sid for sid, text, position in zip(sentences["sentence_id"], sentences["text"],
                                                 _question_positions(sentences))
              if isinstance(text, str) and asks_question(text, bool(position))}
    own = own[own["sentence_id"].isin(text_of.keys())].sort_values(["sentence_id", "start", "end"])
    # A question that asks is still a mention but gives no stance evidence: not sent to the scorer.
    surfaces_of_asking = own[own["sentence_id"].isin(asking)].groupby("sentence_id", sort=False)["surface"].agg(
        lambda s: "|".join(dict.fromkeys(s)))
    own = own[~own["sentence_id"].isin(asking)]
    items = [(text_of[sid], int(a), int(b)) for sid, a, b in zip(own["sentence_id"], own["start"], own["end"])]
    results = scorer_object.analyze_many(items) if items else []

    per_sentence: dict[str, list[tuple[str, StanceResult]]] = {}
    for sid, surface, result in zip(own["sentence_id"], own["surface"], results):
        per_sentence.setdefault(sid, []).append((surface, result))

    surfaces, scores, labels, cue_texts = [], [], [], []
    for sid in sentences["sentence_id"]:
        hits = per_sentence.get(sid)
        if sid in surfaces_of_asking.index:
            surfaces.append(surfaces_of_asking[sid]), scores.append(0.0), labels.append("neutral")
            cue_texts.append(QUESTION_CUE)
            continue
        if not hits:
            surfaces.append(""), scores.append(math.nan), labels.append(""), cue_texts.append("")
            continue
        mean = sum(float(r.score) for _, r in hits) / len(hits)
        surfaces.append("|".join(dict.fromkeys(s for s, _ in hits)))
        scores.append(mean)
        labels.append(majority_label([r.label for _, r in hits], tie=label_for_score(mean)))
        cue_texts.append("; ".join(_distinct_cues(c for _, r in hits for c in r.cues)))
    out = sentences.copy()
    out["mentions_target"] = [bool(s) for s in surfaces]
    out["target_surfaces"] = surfaces
    out["stance_score"] = pd.Series(scores, index=out.index, dtype="float64")
    out["stance"] = labels
    out["stance_cues"] = cue_texts
    out["stance_scorer"] = str(getattr(scorer_object, "name", type(scorer_object).__name__))
    return out


def stance_counts(sentences: pd.DataFrame, by: str | Sequence[str] | None = "doc_id") -> pd.DataFrame:
    """Count stance labels per group (or for the whole corpus with ``by=None``).

    Args:
        sentences: Output of :func:`score_stance`.
        by: Grouping column(s), e.g. ``"doc_id"`` or ``["outlet"]``; None for
            one corpus-level row.

    Returns:
        Group columns plus ``n_sentences``, ``n_target`` (sentences mentioning
        the target), ``n_favourable``, ``n_neutral``, ``n_critical``,
        ``mean_stance`` (over target sentences; NaN if none), ``share_favourable``,
        ``share_neutral``, ``share_critical`` (of ``n_target``; NaN if none).

    Raises:
        KeyError: If stance or grouping columns are missing.

    Example:
        >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "mentions_target": [True, False, True],
        ...                   "stance": ["critical", "", "favourable"],
        ...                   "stance_score": [-0.5, float("nan"), 0.4]})
        >>> corpus = stance_counts(s, by=None)
        >>> [corpus[c].item() for c in ("n_sentences", "n_target", "n_critical", "share_critical")]
        [3, 2, 1, 0.5]
    """
    needed = {"mentions_target", "stance", "stance_score"}
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    missing = (needed | set(keys)) - set(sentences.columns)
    if missing:
        raise KeyError(f"stance_counts: missing columns {sorted(missing)}; run score_stance first "
                       "(and check the `by` column names).")
    frame = pd.DataFrame({k: sentences[k] for k in keys}, index=sentences.index)
    target = sentences["mentions_target"].astype(bool)
    frame["n_sentences"] = 1
    frame["n_target"] = target.astype("int64")
    for label in ("favourable", "neutral", "critical"):
        frame[f"n_{label}"] = ((sentences["stance"] == label) & target).astype("int64")
    frame["_score"] = sentences["stance_score"].where(target)
    if keys:
        grouped = frame.groupby(keys, sort=True, dropna=False)
    else:
        grouped = frame.assign(_all=0).groupby("_all")
    agg = {c: (c, "sum") for c in ["n_sentences", "n_target", "n_favourable", "n_neutral", "n_critical"]}
    out = grouped.agg(**agg, mean_stance=("_score", "mean")).reset_index()
    if not keys:
        out = out.drop(columns="_all")
    n_target = out["n_target"].where(out["n_target"] > 0)
    for label in ("favourable", "neutral", "critical"):
        out[f"share_{label}"] = out[f"n_{label}"] / n_target
    return out
