"""Which role does a sentence give the target? Frames from a codebook.

The codebook (``data/codebook.yaml``) lists roles the coverage gives Russia
(strategic partner, mediator, security guarantor, military actor, imperial
threat, counter-terrorism actor, economic lever, rival of the West), each with
indicator patterns, related Policy Frames Codebook dimensions (Boydstun et al.
2014) and verbatim seed sentences as examples.

Rule: a frame is assigned to a sentence that itself MENTIONS the target
(``mentions`` table) when one of its indicators matches and, if the frame has
``requires``, one of those matches too. A match is not counted when a negation
cue of the codebook's ``negation:`` section governs it: the cue stands before
it in the same clause, at most ``window`` words away ("Russia is not a
mediator", "no longer an ally"); a sentence whose only hits are negated gets no
frame (:func:`frame_evidence` lists every hit with the cue that negated it).
Patterns may use the codebook's ``placeholders:`` as ``{name}`` (the packaged
codebook: ``{russia}`` for words that count only with Russia as the agent).
The quotation context is deliberately
NOT used: a label must be traceable to one evidence sentence that names the
target, so a sentence inside a quote that does not name Russia gets no frame
even if the quote's first sentence does. The matched words are reported in
``indicators`` (counted hits only).

Example:
    >>> import pandas as pd
    >>> from analysis.actors import find_mentions
    >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"],
    ...     "text": ["We buy modern weapons from Russia."]})
    >>> assign_frames(s, find_mentions(s)).values.tolist()
    [['d', 'd:0000', 'military_actor', 'weapons']]
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.actors import target_actor
from analysis.io import read_yaml

__all__ = [
    "POLICY_FRAMES",
    "FRAME_COLUMNS",
    "Frame",
    "Negation",
    "Codebook",
    "load_codebook",
    "assign_frames",
    "frame_evidence",
    "frame_counts",
    "frames_column",
]

#: The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014).
POLICY_FRAMES: tuple[str, ...] = (
    "Economic", "Capacity & resources", "Morality", "Fairness & equality",
    "Legality/constitutionality", "Policy prescription", "Crime & punishment",
    "Security & defense", "Health & safety", "Quality of life", "Cultural identity",
    "Public opinion", "Political", "External regulation & reputation", "Other",
)
#: Columns of the frames table (docs/ARCHITECTURE.md).
FRAME_COLUMNS: list[str] = ["doc_id", "sentence_id", "frame", "indicators"]
#: Columns of :func:`frame_evidence`.
EVIDENCE_COLUMNS: list[str] = ["frame", "kind", "match", "start", "end", "negated_by"]
#: Values of a frame's ``negate:`` (which of its matches the negation rule applies to).
_NEGATE_VALUES: tuple[str, ...] = ("all", "indicators", "requires", "none")
#: A word for the negation window: "Armenia's", "co-chair" and "isn't" are one word each.
_WORD_RE = re.compile(r"[\w'’-]+")
#: ``{name}`` in a pattern: a placeholder of the codebook's ``placeholders:`` section.
#: A regex repetition ``{2}`` / ``{1,4}`` has digits only, so it is never taken for one;
#: an escaped ``\{`` is a literal brace.
_PLACEHOLDER_RE = re.compile(r"(?<!\\)\{([A-Za-z_]\w*)\}")


@dataclass(frozen=True)
class Frame:
    """One codebook entry.

    Attributes:
        id: Identifier written to the frames table.
        label: Human-readable name.
        definition: Coding rule in words.
        policy_frames: Related Policy Frames Codebook dimensions.
        indicators: Compiled "any of" regex.
        requires: Compiled regex of which one must also match, or None.
        examples: Verbatim seed sentences that must receive this frame.
        negate: Which matches the codebook's negation rule applies to:
            ``all``, ``indicators``, ``requires`` or ``none`` (the entry's
            optional ``negate:``; ``requires`` where the indicators name a
            counterpart, as "the West" for the rivalry frame, not a role).
    """

    id: str
    label: str
    definition: str
    policy_frames: tuple[str, ...]
    indicators: re.Pattern[str]
    requires: re.Pattern[str] | None
    examples: tuple[str, ...]
    negate: str = "all"


@dataclass(frozen=True)
class Negation:
    """The codebook's negation rule (its top-level ``negation:`` section).

    Attributes:
        cues: Compiled "any of" regex of negation cues ("not", "no longer", ...).
        window: Most words allowed between the end of a cue and the match it negates.
        clause_breaks: Compiled regex of clause boundaries a cue does not reach across.
        cancel: Compiled regex of words that cancel a cue when they stand between it
            and the end of the match (double negation: "cannot be ensured without
            Russia" affirms the role; a negated distance: "no longer a distant threat"
            asserts a threat now), or None.
    """

    cues: re.Pattern[str]
    window: int
    clause_breaks: re.Pattern[str]
    cancel: re.Pattern[str] | None = None

    def negating_cue(self, text: str, start: int,
                     evidence: Sequence[tuple[int, int]] = (), end: int | None = None) -> str:
        """The cue that negates a match beginning at ``start`` of ``text``, '' if none.

        A cue negates the match when it ends before ``start`` in the same clause (no
        clause break between them), at most ``window`` words before it, and no
        ``cancel`` word stands between the cue and the end of the match (a cancel
        word after the match belongs to another phrase: "no longer an ally ... must
        manage without it" still denies the alliance).

        Args:
            text: The sentence.
            start: Offset of the indicator match in ``text``.
            evidence: (start, end) spans of the same frame's own matches: a cue
                inside one is part of that evidence, not a negation ("Russia will
                not quietly allow the West ..." is a rivalry cue that contains "not").
            end: Offset where the match ends (``start`` if not given): a cancel
                word inside the match counts ("cannot be ensured without Russia",
                where the match is "without Russia").

        Returns:
            The matched cue text (the nearest one), or ''.

        Example:
            >>> neg = load_codebook().negation
            >>> text = "Russia is not a member of the EU, but remains Armenia's ally."
            >>> neg.negating_cue(text, text.index("member")), neg.negating_cue(text, text.index("ally"))
            ('not', '')
        """
        # The clause of the match: from the last break before it to the next one after it.
        clause_start = 0
        for brk in self.clause_breaks.finditer(text, 0, start):
            clause_start = brk.end()
        match_end = start if end is None else end
        found, previous_end, previous = "", -1, ""
        # Searched on the whole text so that a cue's lookahead sees past ``start``.
        for cue in self.cues.finditer(text):
            if cue.start() < clause_start or cue.end() > start:
                continue
            if any(a <= cue.start() and cue.end() <= b for a, b in evidence):
                continue
            # A negated negation affirms the role ("never ceased to be an ally", "has not stopped being a partner").
            # ... but "neither X nor Y" is two denials, not a double negation.
            negated = (previous_end >= 0 and not previous.lower().startswith("neither")
                       and len(_WORD_RE.findall(text, previous_end, cue.start())) <= self.window)
            previous_end, previous = cue.end(), cue.group()
            if negated or len(_WORD_RE.findall(text, cue.end(), start)) > self.window:
                found = ""
                continue
            if self.cancel is not None and self.cancel.search(text, cue.end(), match_end):
                continue
            found = cue.group()
        return found


@dataclass(frozen=True)
class Codebook:
    """A validated codebook.

    Attributes:
        frames: The frames, in file order.
        path: The file it came from.
        target: The actor whose roles the frames describe (the file's optional
            ``target:``), '' if the file does not say; the report warns when a
            run's target differs.
        negation: The file's optional ``negation:`` rule; None: every match counts.
    """

    frames: tuple[Frame, ...]
    path: Path
    target: str = ""
    negation: Negation | None = None

    @property
    def ids(self) -> list[str]:
        """Frame ids in file order."""
        return [f.id for f in self.frames]

    def table(self) -> pd.DataFrame:
        """The codebook as a table (id, label, definition, policy_frames, n_examples)."""
        return pd.DataFrame(
            [{"id": f.id, "label": f.label, "definition": f.definition,
              "policy_frames": "; ".join(f.policy_frames), "n_examples": len(f.examples)}
             for f in self.frames]
        )


def _load_placeholders(section: object, file: Path) -> dict[str, str]:
    """Validate the codebook's optional ``placeholders:`` (name -> regex) section."""
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise ValueError(f"{file}: `placeholders` must be a mapping of name: regex.")
    placeholders: dict[str, str] = {}
    for name, value in section.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise ValueError(f"{file}: `placeholders`: {name!r} is not a valid name "
                             f"(letters, digits and _, not starting with a digit).")
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{file}: `placeholders`: {name} must be a regex string, not {value!r}.")
        try:
            re.compile(value)
        except re.error as err:
            raise ValueError(f"{file}: `placeholders`: {name}: {value!r} is not a valid regex "
                             f"({err}).") from err
        placeholders[name] = value
    return placeholders


def _fill_placeholders(pattern: str, placeholders: dict[str, str], file: Path, where: str) -> str:
    """``pattern`` with each ``{name}`` replaced by its placeholder regex, as a group."""
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in placeholders:
            known = ", ".join(sorted(placeholders)) or "none"
            raise ValueError(f"{file}: {where}: {pattern!r} uses unknown placeholder {{{name}}} "
                             f"(the codebook's `placeholders:` defines: {known}).")
        return f"(?:{placeholders[name]})"
    return _PLACEHOLDER_RE.sub(fill, pattern)


def _compile_patterns(patterns: object, file: Path, where: str,
                      bounded: bool = True,
                      placeholders: dict[str, str] | None = None) -> re.Pattern[str]:
    if not isinstance(patterns, list) or not patterns or not all(
        isinstance(p, str) and p.strip() for p in patterns
    ):
        raise ValueError(f"{file}: {where} must be a non-empty list of regex strings.")
    patterns = [_fill_placeholders(p, placeholders or {}, file, where) for p in patterns]
    for p in patterns:
        try:
            re.compile(p)
        except re.error as err:
            raise ValueError(f"{file}: {where}: {p!r} is not a valid regex ({err}).") from err
    # Word-bounded, case-insensitive; longer patterns first so the reported
    # indicator is the most specific one ("strategic partnership", not "partnership").
    ordered = sorted(patterns, key=lambda p: (-len(p), p))
    alternatives = "|".join(f"(?:{p})" for p in ordered)
    if not bounded:
        return re.compile(alternatives, re.IGNORECASE)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


def _load_negation(section: object, file: Path,
                   placeholders: dict[str, str] | None = None) -> Negation | None:
    """Validate the codebook's top-level ``negation:`` section (None if absent)."""
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ValueError(f"{file}: `negation` must be a mapping with cues, window and clause_breaks.")
    window = section.get("window")
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"{file}: negation: `window` must be a whole number of words >= 0, "
                         f"not {window!r}.")
    cancel = section.get("cancel")
    return Negation(
        cues=_compile_patterns(section.get("cues"), file, "negation: `cues`",
                               placeholders=placeholders),
        window=window,
        # Breaks are punctuation as well as words, so they are not wrapped in word bounds.
        clause_breaks=_compile_patterns(section.get("clause_breaks"), file,
                                        "negation: `clause_breaks`", bounded=False,
                                        placeholders=placeholders),
        cancel=None if cancel is None else _compile_patterns(
            cancel, file, "negation: `cancel`", placeholders=placeholders),
    )


def load_codebook(path: str | os.PathLike | None = None) -> Codebook:
    """Load and validate a framing codebook.

    Args:
        path: Codebook YAML; defaults to ``config.CODEBOOK_PATH``.

    Returns:
        The :class:`Codebook`.

    Raises:
        FileNotFoundError: If the file does not exist.
        ValueError: If the YAML or an entry is malformed; the message names the
            file and the entry (e.g. ``frames[3] (military_actor): ...``).

    Example:
        >>> codebook = load_codebook()
        >>> codebook.ids[:3]
        ['strategic_partner', 'mediator', 'security_guarantor']
    """
    file = Path(path) if path is not None else config.CODEBOOK_PATH
    data = read_yaml(file, "codebook")
    entries = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{file}: expected a non-empty `frames:` list (see data/codebook.yaml).")
    placeholders = _load_placeholders(data.get("placeholders"), file)
    frames: list[Frame] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ValueError(f"{file}: frames[{i}] must be a mapping with id, label, indicators.")
        frame_id = str(entry.get("id", "")).strip()
        where = f"frames[{i}] ({frame_id or 'no id'})"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", frame_id):
            raise ValueError(f"{file}: {where}: `id` must be a lower_snake_case identifier.")
        if frame_id in seen:
            raise ValueError(f"{file}: {where}: duplicate id {frame_id!r}.")
        seen.add(frame_id)
        for key in ("label", "definition"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ValueError(f"{file}: {where}: `{key}` must be a non-empty string.")
        policy = entry.get("policy_frames")
        if not isinstance(policy, list) or not policy:
            raise ValueError(f"{file}: {where}: `policy_frames` must list at least one dimension.")
        unknown = [p for p in policy if p not in POLICY_FRAMES]
        if unknown:
            raise ValueError(f"{file}: {where}: unknown policy_frames {unknown}; "
                             f"allowed: {', '.join(POLICY_FRAMES)}.")
        examples = entry.get("examples", [])
        if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
            raise ValueError(f"{file}: {where}: `examples` must be a list of sentences.")
        requires = entry.get("requires")
        negate = entry.get("negate", "all")
        if negate not in _NEGATE_VALUES:
            raise ValueError(f"{file}: {where}: `negate` must be one of {', '.join(_NEGATE_VALUES)}, "
                             f"not {negate!r}.")
        frames.append(Frame(
            id=frame_id,
            label=entry["label"].strip(),
            definition=" ".join(entry["definition"].split()),
            policy_frames=tuple(policy),
            indicators=_compile_patterns(entry.get("indicators"), file, f"{where}: `indicators`",
                                         placeholders=placeholders),
            requires=None if requires is None else _compile_patterns(
                requires, file, f"{where}: `requires`", placeholders=placeholders),
            examples=tuple(examples),
            negate=negate,
        ))
    target = data.get("target", "")
    if not isinstance(target, str):
        raise ValueError(f"{file}: `target` must be the name of the actor the frames describe (e.g. Russia).")
    return Codebook(tuple(frames), file, target.strip(),
                    _load_negation(data.get("negation"), file, placeholders))


@functools.lru_cache(maxsize=1)
def _default_codebook() -> Codebook:
    return load_codebook()


def _as_codebook(codebook: Codebook | str | os.PathLike | None) -> Codebook:
    if codebook is None:
        return _default_codebook()
    if isinstance(codebook, Codebook):
        return codebook
    return load_codebook(codebook)


def assign_frames(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    target: str = config.DEFAULT_TARGET,
    codebook: Codebook | str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Assign codebook frames to the sentences that mention ``target``.

    Args:
        sentences: Sentences table (``doc_id``, ``sentence_id``, ``text``).
        mentions: Mentions table from ``actors.find_mentions``.
        target: Target actor (canonical name or lexicon term).
        codebook: A :class:`Codebook`, a YAML path, or None (packaged).

    Returns:
        The long frames table (``FRAME_COLUMNS``): one row per (sentence,
        frame), ``indicators`` the distinct counted matches (``; ``-joined,
        indicators in text order, then ``requires`` matches), rows in sentence
        order then codebook order. Matches a negation cue governs are not
        counted (:class:`Negation`; :func:`frame_evidence` shows them).

    Raises:
        ValueError: If the target is unknown or the codebook invalid.

    Example:
        >>> from analysis.actors import find_mentions
        >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"],
        ...     "text": ["Baku buys weapons from Ankara."]})
        >>> len(assign_frames(s, find_mentions(s)))
        0
        >>> s["text"] = ["Russia is no longer Armenia's ally."]
        >>> len(assign_frames(s, find_mentions(s)))
        0
    """
    book = _as_codebook(codebook)
    actor = target_actor(target, mentions)
    ids = set(mentions.loc[mentions["actor"] == actor, "sentence_id"])
    rows: list[tuple[str, str, str, str]] = []
    chosen = sentences[sentences["sentence_id"].isin(ids)]
    for doc_id, sentence_id, text in zip(chosen["doc_id"], chosen["sentence_id"], chosen["text"]):
        for frame in book.frames:
            if not frame.indicators.search(text):  # most frames miss most sentences: skip the negation work
                continue
            hits = _frame_hits(text, frame, book.negation)
            indicators = [h[1] for h in hits if h[0] == "indicator" and not h[4]]
            if not indicators:
                continue
            if frame.requires is not None:
                required = [h[1] for h in hits if h[0] == "requires" and not h[4]]
                if not required:
                    continue
                indicators += required
            rows.append((doc_id, sentence_id, frame.id, "; ".join(dict.fromkeys(indicators))))
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def _frame_hits(text: str, frame: Frame,
                negation: Negation | None) -> list[tuple[str, str, int, int, str]]:
    """(kind, match, start, end, negating cue or '') for every pattern match of one frame."""
    # (kind, pattern, whether the negation rule applies to it)
    kinds = (("indicator", frame.indicators, frame.negate in ("all", "indicators")),
             ("requires", frame.requires, frame.negate in ("all", "requires")))
    matches = [(kind, m, negatable) for kind, pattern, negatable in kinds
               if pattern is not None for m in pattern.finditer(text)]
    spans = [m.span() for _, m, _ in matches]
    return [(kind, m.group(), m.start(), m.end(),
             negation.negating_cue(text, m.start(), spans, m.end())
             if negation is not None and negatable else "")
            for kind, m, negatable in matches]


def frame_evidence(
    text: str, codebook: Codebook | str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Every indicator and ``requires`` match in one sentence, counted or negated.

    The frames table keeps only counted hits; this is where a reader sees what
    the negation rule set aside and why. It does not check that the sentence
    mentions the target (:func:`assign_frames` does).

    Args:
        text: A sentence.
        codebook: A :class:`Codebook`, a YAML path, or None (packaged).

    Returns:
        ``EVIDENCE_COLUMNS``: ``frame`` (id), ``kind`` (``indicator`` or
        ``requires``), ``match``, ``start``, ``end`` (offsets in ``text``) and
        ``negated_by`` (the cue that negated the match, '' if it counts), in
        codebook order, then kind, then text order.

    Example:
        >>> frame_evidence("Europe must stop treating the Kremlin as a partner.").values.tolist()
        [['strategic_partner', 'indicator', 'partner', 43, 50, 'stop treating the Kremlin as']]
    """
    book = _as_codebook(codebook)
    rows = [(frame.id, *hit) for frame in book.frames
            for hit in _frame_hits(text, frame, book.negation)]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def frame_counts(frames: pd.DataFrame) -> pd.DataFrame:
    """Number of sentences per document and frame.

    Args:
        frames: Output of :func:`assign_frames`.

    Returns:
        ``doc_id``, ``frame``, ``n_sentences``, sorted by ``doc_id`` then ``frame``.

    Example:
        >>> f = pd.DataFrame({"doc_id": ["a", "a", "a"], "sentence_id": ["a:1", "a:2", "a:2"],
        ...                   "frame": ["mediator", "mediator", "military_actor"],
        ...                   "indicators": ["", "", ""]})
        >>> frame_counts(f).values.tolist()
        [['a', 'mediator', 2], ['a', 'military_actor', 1]]
    """
    if frames.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype=str), "frame": pd.Series(dtype=str),
                             "n_sentences": pd.Series(dtype="int64")})
    counts = (frames.drop_duplicates(["sentence_id", "frame"])
              .groupby(["doc_id", "frame"], sort=True).size().rename("n_sentences").reset_index())
    counts["n_sentences"] = counts["n_sentences"].astype("int64")
    return counts


def frames_column(sentences: pd.DataFrame, frames: pd.DataFrame) -> pd.DataFrame:
    """Add the ``frames`` column (``|``-joined sorted frame ids, "" if none).

    Args:
        sentences: Sentences table.
        frames: Output of :func:`assign_frames`.

    Returns:
        A copy of ``sentences`` with ``frames``.

    Example:
        >>> s = pd.DataFrame({"sentence_id": ["a:1", "a:2"]})
        >>> f = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": ["a:1", "a:1"],
        ...                   "frame": ["mediator", "economic_lever"], "indicators": ["", ""]})
        >>> frames_column(s, f).frames.tolist()
        ['economic_lever|mediator', '']
    """
    joined = frames.groupby("sentence_id")["frame"].agg(lambda f: "|".join(sorted(set(f))))
    out = sentences.copy()
    # A plain list: mapping onto an empty Series triggers a pandas dtype warning.
    out["frames"] = [joined.get(s, "") for s in out["sentence_id"]]
    return out
