"""Which role does a sentence give the target? Frames from a codebook.

The codebook (``data/codebook.yaml``) lists roles the coverage gives Russia
(strategic partner, mediator, security guarantor, military actor, imperial
threat, counter-terrorism actor, economic lever, rival of the West), each with
indicator patterns, related Policy Frames Codebook dimensions (Boydstun et al.
2014) and verbatim seed sentences as examples.

Rule: a frame is assigned to a sentence that itself MENTIONS the target
(``mentions`` table) when one of its indicators matches and, if the frame has
``requires``, one of those matches too. The quotation context is deliberately
NOT used: a label must be traceable to one evidence sentence that names the
target, so a sentence inside a quote that does not name Russia gets no frame
even if the quote's first sentence does. The matched words are reported in
``indicators``.

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
    "Codebook",
    "load_codebook",
    "assign_frames",
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
    """

    id: str
    label: str
    definition: str
    policy_frames: tuple[str, ...]
    indicators: re.Pattern[str]
    requires: re.Pattern[str] | None
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:
    """A validated codebook.

    Attributes:
        frames: The frames, in file order.
        path: The file it came from.
        target: The actor whose roles the frames describe (the file's optional
            ``target:``), '' if the file does not say; the report warns when a
            run's target differs.
    """

    frames: tuple[Frame, ...]
    path: Path
    target: str = ""

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


def _compile_patterns(patterns: object, file: Path, where: str) -> re.Pattern[str]:
    if not isinstance(patterns, list) or not patterns or not all(
        isinstance(p, str) and p.strip() for p in patterns
    ):
        raise ValueError(f"{file}: {where} must be a non-empty list of regex strings.")
    for p in patterns:
        try:
            re.compile(p)
        except re.error as err:
            raise ValueError(f"{file}: {where}: {p!r} is not a valid regex ({err}).") from err
    # Word-bounded, case-insensitive; longer patterns first so the reported
    # indicator is the most specific one ("strategic partnership", not "partnership").
    ordered = sorted(patterns, key=lambda p: (-len(p), p))
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in ordered) + r")(?!\w)",
                      re.IGNORECASE)


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
        frames.append(Frame(
            id=frame_id,
            label=entry["label"].strip(),
            definition=" ".join(entry["definition"].split()),
            policy_frames=tuple(policy),
            indicators=_compile_patterns(entry.get("indicators"), file, f"{where}: `indicators`"),
            requires=None if requires is None else _compile_patterns(
                requires, file, f"{where}: `requires`"),
            examples=tuple(examples),
        ))
    target = data.get("target", "")
    if not isinstance(target, str):
        raise ValueError(f"{file}: `target` must be the name of the actor the frames describe (e.g. Russia).")
    return Codebook(tuple(frames), file, target.strip())


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
        frame), ``indicators`` the distinct matched words (``; ``-joined, in
        text order), rows in sentence order then codebook order.

    Raises:
        ValueError: If the target is unknown or the codebook invalid.

    Example:
        >>> from analysis.actors import find_mentions
        >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"],
        ...     "text": ["Baku buys weapons from Ankara."]})
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
            hits = [m.group() for m in frame.indicators.finditer(text)]
            if not hits:
                continue
            if frame.requires is not None:
                required = [m.group() for m in frame.requires.finditer(text)]
                if not required:
                    continue
                hits += required
            rows.append((doc_id, sentence_id, frame.id, "; ".join(dict.fromkeys(hits))))
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


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
