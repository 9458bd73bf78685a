"""Target-aware features of a mention's neighbourhood, shared by the trained scorers.

One tokenisation per sentence; every region score (whole sentence, left and right
context, the clause holding the target, a window of ``k`` words around it) is a
sum/min/max over the token polarities of two published lexicons, TextBlob's
pattern lexicon and VADER's. That keeps the per-mention cost near one TextBlob
call (a scale issue measures it) while still giving the classifier the lexicon
signal of every region. Region scores mirror what TextBlob/VADER would give
for the region text, without re-running either analyzer five times.

Text features are word n-grams of the *masked* sentence (the mention replaced by
``TARGET``, so the model learns the context, not the name) and of the window,
with words marked by side (``l_``/``r_``).

Example:
    >>> feats = mention_features(["Critics say Putin lied again."], [12], [17])
    >>> round(float(feats["dense"][0, DENSE_FEATURE_NAMES.index("vader_right_min")]), 3)
    -0.4
    >>> feats["masked"][0]
    'Critics say TARGET lied again.'
    >>> feats["window"][0]
    'l_critics l_say TARGET r_lied r_again'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

__all__ = [
    "TARGET_TOKEN",
    "WINDOW_WORDS",
    "REGIONS",
    "DENSE_FEATURE_NAMES",
    "tokenize",
    "lexicon_polarities",
    "mention_features",
    "MentionEvidence",
    "feature_words",
    "MAX_CUE_WORDS",
    "sentence_features",
    "SENTENCE_FEATURE_NAMES",
]

#: Placeholder that replaces the target mention in the masked text.
TARGET_TOKEN = "TARGET"
#: Words on each side of the target that form its window.
WINDOW_WORDS = 5
#: Regions of the sentence scored separately.
REGIONS: tuple[str, ...] = ("sentence", "left", "right", "clause", "window")
_LEXICONS: tuple[str, ...] = ("textblob", "vader")
_STATS: tuple[str, ...] = ("sum", "min", "max", "npos", "nneg")

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[^\sA-Za-z0-9]")
#: Tokens that end a clause: why the clause is a separate region (``X praised Y, but Z``).
_CLAUSE_BREAKS = frozenset(
    {",", ";", ":", "(", ")", "—", "–", "and", "but", "or", "while", "whereas",
     "although", "though", "because", "however", "yet", "who", "which", "that"}
)
#: Negators flip the polarity of the next words (VADER and pattern both do this).
_NEGATORS = frozenset(
    {"not", "no", "never", "n't", "nt", "nor", "neither", "without", "cannot",
     "dont", "don't", "didn't", "didnt", "doesn't", "doesnt", "isn't", "isnt", "wasn't",
     "wasnt", "aren't", "arent", "weren't", "werent", "won't", "wont", "can't", "cant",
     "couldn't", "couldnt", "shouldn't", "shouldnt", "wouldn't", "wouldnt", "hasn't",
     "haven't", "hadn't", "nobody", "nothing", "none"}
)
_NEGATION_SCOPE = 3

DENSE_FEATURE_NAMES: list[str] = [
    f"{lex}_{region}_{stat}" for lex in _LEXICONS for region in REGIONS for stat in _STATS
] + [
    "vader_sentence_compound",
    "textblob_sentence_mean",
    "vader_distance_weighted",
    "textblob_distance_weighted",
    "negation_in_window",
    "target_at_start",
    "target_in_quote",
    "log_n_tokens",
]

SENTENCE_FEATURE_NAMES: list[str] = [
    f"{lex}_sentence_{stat}" for lex in _LEXICONS for stat in _STATS
] + ["vader_sentence_compound", "textblob_sentence_mean", "log_n_tokens"]


@lru_cache(maxsize=1)
def lexicon_polarities() -> dict[str, tuple[float, float]]:
    """Word -> (TextBlob polarity, VADER valence / 4), both in [-1, 1].

    Returns:
        The merged lexicon (lower-case words), loaded once from the installed
        ``textblob`` and ``vaderSentiment`` packages (offline, no download).

    Example:
        >>> lexicon_polarities()["good"]
        (0.7, 0.475)
    """
    import textblob.en as textblob_en
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    pattern_lexicon = textblob_en.sentiment
    if hasattr(pattern_lexicon, "load"):
        pattern_lexicon.load()
    merged: dict[str, list[float]] = {}
    for word, by_tag in pattern_lexicon.items():
        # pattern stores an average over parts of speech under the key None.
        entry = by_tag.get(None) or next(iter(by_tag.values()))
        merged.setdefault(word.lower(), [0.0, 0.0])[0] = float(entry[0])
    for word, valence in SentimentIntensityAnalyzer().lexicon.items():
        merged.setdefault(word.lower(), [0.0, 0.0])[1] = max(-1.0, min(1.0, float(valence) / 4.0))
    return {w: (p[0], p[1]) for w, p in merged.items() if p[0] or p[1]}


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into ``(lower-case token, start, end)`` triples.

    Args:
        text: A sentence.

    Returns:
        Word and punctuation tokens with character offsets.

    Example:
        >>> tokenize("Don't go, Ivan!")[:3]
        [("don't", 0, 5), ('go', 6, 8), (',', 8, 9)]
    """
    return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _token_polarities(tokens: list[tuple[str, int, int]]) -> np.ndarray:
    """(n_tokens, 2) polarities, negated within three words after a negator."""
    return _polarities_and_negation(tokens)[0]


def _polarities_and_negation(tokens: list[tuple[str, int, int]]) -> tuple[np.ndarray, list[bool]]:
    """Token polarities and, per token, whether a negator flipped its polarity."""
    lexicon = lexicon_polarities()
    pol = np.zeros((len(tokens), 2))
    negated = [False] * len(tokens)
    negate_left = 0
    for i, (tok, _, _) in enumerate(tokens):
        if tok in _NEGATORS:
            negate_left = _NEGATION_SCOPE
            continue
        if tok in _CLAUSE_BREAKS or not tok[0].isalnum():
            negate_left = 0
        value = lexicon.get(tok)
        if value is not None:
            pol[i] = value
            if negate_left:
                # pattern and VADER both damp rather than fully invert a negated word.
                pol[i] *= -0.5
                negated[i] = True
        if negate_left:
            negate_left -= 1
    return pol, negated


def _region_stats(pol: np.ndarray) -> list[float]:
    """sum/min/max/npos/nneg per lexicon column of a token slice.

    Plain Python over the few non-zero tokens: numpy reductions on arrays of a
    handful of values cost more in call overhead than they save.
    """
    out: list[float] = []
    for col in (0, 1):
        values = [v for v in pol[:, col].tolist() if v] if len(pol) else []
        out += [
            float(sum(values)),
            float(min(min(values), 0.0)) if values else 0.0,
            float(max(max(values), 0.0)) if values else 0.0,
            float(sum(1 for v in values if v > 0)),
            float(sum(1 for v in values if v < 0)),
        ]
    return out


def _vader_normalize(total: float) -> float:
    """VADER's compound normalisation of a valence sum (alpha = 15)."""
    return total / math.sqrt(total * total + 15.0)


@dataclass(frozen=True)
class MentionEvidence:
    """The tokens behind one mention's dense features, so a cue can name its words.

    Attributes:
        words: Surface word of each token as written in the sentence (a hyphenated
            compound whole: ``anti-Russian``).
        polarities: ``(n_tokens, 2)`` TextBlob and VADER polarities as the features
            used them (negated words already damped and flipped).
        negated: Per token, whether a negator flipped its polarity.
        regions: Token indices of every region of :data:`REGIONS`.
        closeness: Per token, the weight of ``*_distance_weighted`` (1 / (1 + distance)).
        window_negators: Token indices of the negators near the target.
    """

    words: tuple[str, ...]
    polarities: np.ndarray
    negated: tuple[bool, ...]
    regions: dict[str, tuple[int, ...]]
    closeness: np.ndarray
    window_negators: tuple[int, ...]


_WORD_CHARS = frozenset("-'’")


def _surface_word(sentence: str, start: int, end: int) -> str:
    """The written word around a token, hyphenated compounds whole (``anti`` -> ``anti-Russian``)."""
    lo, hi = start, end
    while lo > 0 and (sentence[lo - 1].isalnum() or sentence[lo - 1] in _WORD_CHARS):
        lo -= 1
    while hi < len(sentence) and (sentence[hi].isalnum() or sentence[hi] in _WORD_CHARS):
        hi += 1
    return sentence[lo:hi].strip("-'’") or sentence[start:end]


@lru_cache(maxsize=4096)
def _analysed(text: str) -> tuple[list[tuple[str, int, int]], np.ndarray, tuple[bool, ...]]:
    """Tokens, polarities and negation flags of one sentence, computed once per text.

    A sentence is scored once as a whole and once per target mention in it; the
    result is shared, so the array is read-only (callers must not modify it).
    """
    tokens = tokenize(text)
    pol, negated = _polarities_and_negation(tokens)
    pol.flags.writeable = False
    return tokens, pol, tuple(negated)


@lru_cache(maxsize=4096)
def _surface_words(sentence: str) -> tuple[str, ...]:
    """:func:`_surface_word` of every token of ``sentence`` (shared by its mentions)."""
    return tuple(_surface_word(sentence, a, b) for _, a, b in _analysed(sentence)[0])


def _mention_row(sentence: str, start: int, end: int) -> tuple[list[float], str, str, MentionEvidence]:
    tokens, pol, negated = _analysed(sentence)
    n = len(tokens)
    left_idx = [i for i, t in enumerate(tokens) if t[2] <= start]
    right_idx = [i for i, t in enumerate(tokens) if t[1] >= end]
    left_end = (left_idx[-1] + 1) if left_idx else 0
    right_start = right_idx[0] if right_idx else n
    clause_lo = left_end
    while clause_lo > 0 and tokens[clause_lo - 1][0] not in _CLAUSE_BREAKS:
        clause_lo -= 1
    clause_hi = right_start
    while clause_hi < n and tokens[clause_hi][0] not in _CLAUSE_BREAKS:
        clause_hi += 1
    win_lo = max(0, left_end - WINDOW_WORDS)
    win_hi = min(n, right_start + WINDOW_WORDS)
    region_indices = {
        "sentence": tuple(range(n)),
        "left": tuple(range(left_end)),
        "right": tuple(range(right_start, n)),
        "clause": tuple(range(clause_lo, clause_hi)),
        "window": tuple(range(win_lo, left_end)) + tuple(range(right_start, win_hi)),
    }
    regions = {
        "sentence": pol,
        "left": pol[:left_end],
        "right": pol[right_start:],
        "clause": pol[clause_lo:clause_hi],
        "window": np.vstack([pol[win_lo:left_end], pol[right_start:win_hi]]),
    }
    stats_by_region = {name: _region_stats(region) for name, region in regions.items()}
    # Reorder to lexicon-major like DENSE_FEATURE_NAMES.
    k = len(_STATS)
    row: list[float] = []
    for lex in range(2):
        for name in REGIONS:
            row += stats_by_region[name][lex * k : (lex + 1) * k]
    positions = np.arange(n)
    distance = np.where(positions < left_end, left_end - positions, positions - right_start + 1)
    weights = 1.0 / (1.0 + np.maximum(distance, 0))
    nonzero_tb = pol[:, 0][pol[:, 0] != 0]
    window_tokens = tokens[win_lo:left_end] + tokens[right_start:win_hi]
    row += [
        _vader_normalize(4.0 * float(pol[:, 1].sum())),
        float(nonzero_tb.mean()) if len(nonzero_tb) else 0.0,
        float((pol[:, 1] * weights).sum()),
        float((pol[:, 0] * weights).sum()),
        float(any(t[0] in _NEGATORS for t in window_tokens)),
        float(left_end == 0),
        float(sentence[:start].count('"') % 2 == 1 or sentence[:start].count("“") > sentence[:start].count("”")),
        math.log1p(n),
    ]
    masked = f"{sentence[:start]}{TARGET_TOKEN}{sentence[end:]}"
    window = " ".join(
        [f"l_{t[0]}" for t in tokens[win_lo:left_end] if t[0][0].isalnum()]
        + [TARGET_TOKEN]
        + [f"r_{t[0]}" for t in tokens[right_start:win_hi] if t[0][0].isalnum()]
    )
    evidence = MentionEvidence(
        words=_surface_words(sentence),
        polarities=pol,
        negated=negated,
        regions=region_indices,
        closeness=weights,
        window_negators=tuple(i for i in region_indices["window"] if tokens[i][0] in _NEGATORS),
    )
    return row, masked, window, evidence


def mention_features(
    sentences: Sequence[str], starts: Sequence[int], ends: Sequence[int], evidence: bool = False
) -> dict[str, object]:
    """Features of many target mentions.

    Args:
        sentences: Sentence texts.
        starts: Mention start offsets (0-based, in the sentence).
        ends: Mention end offsets (exclusive).
        evidence: Also return each mention's :class:`MentionEvidence` (for cues).

    Returns:
        ``{"dense": ndarray (n, len(DENSE_FEATURE_NAMES)), "masked": list[str],
        "window": list[str]}``, plus ``"evidence": list[MentionEvidence]`` if asked.

    Raises:
        ValueError: If the three sequences differ in length.
    """
    if not (len(sentences) == len(starts) == len(ends)):
        raise ValueError("sentences, starts and ends must have the same length")
    rows, masked, windows, evidences = [], [], [], []
    for sentence, start, end in zip(sentences, starts, ends):
        row, m, w, ev = _mention_row(sentence, int(start), int(end))
        rows.append(row)
        masked.append(m)
        windows.append(w)
        evidences.append(ev)
    dense = np.asarray(rows, dtype=float).reshape(len(rows), len(DENSE_FEATURE_NAMES))
    out: dict[str, object] = {"dense": dense, "masked": masked, "window": windows}
    if evidence:
        out["evidence"] = evidences
    return out


#: Most words a cue names; the rest are counted (``+2 more``) so cues stay short.
MAX_CUE_WORDS = 3


def feature_words(name: str, evidence: MentionEvidence) -> tuple[str, ...] | None:
    """The words of the sentence that produced a dense feature's value.

    Args:
        name: A name of :data:`DENSE_FEATURE_NAMES`.
        evidence: The mention's :class:`MentionEvidence`.

    Returns:
        Surface words, strongest first (sentence order for the ``npos``/``nneg``
        counts), a negated word marked ``(negated)``, distinct, at most
        :data:`MAX_CUE_WORDS` and then ``+N more``; ``()`` when no word
        contributed (the feature is 0); None for features that no word makes
        (position, quotation, length).

    Example:
        >>> s = "Russia is not a good partner and threatens Georgia."
        >>> ev = mention_features([s], [0], [6], evidence=True)["evidence"][0]
        >>> feature_words("vader_right_nneg", ev)
        ('"good" (negated)', '"threatens"')
        >>> feature_words("vader_clause_max", ev), feature_words("target_at_start", ev)
        ((), None)
    """
    pol = evidence.polarities
    if name == "negation_in_window":
        return _cue_words(evidence, list(evidence.window_negators))
    if name in {"vader_distance_weighted", "textblob_distance_weighted"}:
        col = 0 if name.startswith("textblob") else 1
        strength = np.abs(pol[:, col] * evidence.closeness)
        return _cue_words(evidence, _strongest(strength, range(len(pol))))
    if name in {"vader_sentence_compound", "textblob_sentence_mean"}:
        col = 0 if name.startswith("textblob") else 1
        return _cue_words(evidence, _strongest(np.abs(pol[:, col]), range(len(pol))))
    lexicon, _, rest = name.partition("_")
    region, _, stat = rest.partition("_")
    if lexicon not in _LEXICONS or region not in evidence.regions or stat not in _STATS:
        return None
    values = pol[:, _LEXICONS.index(lexicon)]
    indices = evidence.regions[region]
    if stat == "npos":
        return _cue_words(evidence, [i for i in indices if values[i] > 0])
    if stat == "nneg":
        return _cue_words(evidence, [i for i in indices if values[i] < 0])
    if stat == "min":
        chosen = [i for i in indices if values[i] < 0]
        return _cue_words(evidence, [min(chosen, key=lambda i: (values[i], i))] if chosen else [])
    if stat == "max":
        chosen = [i for i in indices if values[i] > 0]
        return _cue_words(evidence, [max(chosen, key=lambda i: (values[i], -i))] if chosen else [])
    return _cue_words(evidence, _strongest(np.abs(values), indices))  # sum


def _strongest(strength: np.ndarray, indices: Sequence[int] | range) -> list[int]:
    """Indices with a non-zero strength, strongest first (ties: sentence order)."""
    return sorted((i for i in indices if strength[i] != 0), key=lambda i: (-float(strength[i]), i))


def _cue_words(evidence: MentionEvidence, indices: list[int]) -> tuple[str, ...]:
    words = list(dict.fromkeys(
        f'"{evidence.words[i]}"' + (" (negated)" if evidence.negated[i] else "") for i in indices
    ))
    if len(words) > MAX_CUE_WORDS:
        words = words[:MAX_CUE_WORDS] + [f"+{len(words) - MAX_CUE_WORDS} more"]
    return tuple(words)


def sentence_features(texts: Sequence[str]) -> np.ndarray:
    """Lexicon features of whole sentences (no target), for sentence polarity.

    Args:
        texts: Sentences or short passages.

    Returns:
        Array of shape ``(len(texts), len(SENTENCE_FEATURE_NAMES))``.

    Example:
        >>> sentence_features(["A good day."]).shape
        (1, 13)
    """
    rows = []
    for text in texts:
        tokens, pol, _ = _analysed(text)
        stats = _region_stats(pol)
        nonzero_tb = pol[:, 0][pol[:, 0] != 0] if len(pol) else np.zeros(0)
        rows.append(
            stats
            + [
                _vader_normalize(4.0 * float(pol[:, 1].sum())) if len(pol) else 0.0,
                float(nonzero_tb.mean()) if len(nonzero_tb) else 0.0,
                math.log1p(len(tokens)),
            ]
        )
    return np.asarray(rows, dtype=float).reshape(len(rows), len(SENTENCE_FEATURE_NAMES))
