"""Validation of scorers against human labels (NewsMTSC stance, NYT sentence sentiment).

Social scientists need to know how far to trust each label, so every scorer is
measured on human-coded data with the metric the benchmark's authors use:
macro-F1 over three classes for NewsMTSC, Pearson r with the mean human rating
for the NYT editorial snippets. Bootstrap intervals show how much a figure could
move on another sample of the same size.

Loaders check the whole file and fail with one :class:`BenchmarkFormatError` that
lists every bad line (file and line of each, the first ``MAX_LISTED_PROBLEMS`` of them),
so a user's own labelled data can be checked the same way and fixed in one pass.

Example:
    >>> macro_f1([1, 0, -1, 1], [1, 0, 0, 1])
    0.5555555555555555
    >>> accuracy([1, 0], [1, 1])
    0.5
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from analysis import config
from analysis.scorers.base import POLARITY_TO_LABEL, LABEL_TO_POLARITY, Scorer

__all__ = [
    "BenchmarkFormatError",
    "MAX_LISTED_PROBLEMS",
    "NYT_RATING_RANGE",
    "problems_message",
    "NEWSMTSC_LABELS",
    "confusion_matrix",
    "per_class_f1",
    "macro_f1",
    "accuracy",
    "pearson_r",
    "spearman_r",
    "bootstrap_ci",
    "load_newsmtsc",
    "load_nyt",
    "evaluate_newsmtsc",
    "evaluate_nyt",
    "evaluate_file",
    "disagreements",
    "tone_disagreements",
    "validation_summary",
    "main_evaluate",
]

#: Class order of confusion matrices and per-class scores.
NEWSMTSC_LABELS: tuple[int, int, int] = (-1, 0, 1)
_NEWSMTSC_COLUMNS = ("sentence", "mention", "from", "to", "polarity")
_NYT_COLUMNS = ("id", "mean_rating", "text")
#: Scale of ``mean_rating`` (NYT editorial and VADER snippets: mean of human ratings on -4..+4).
NYT_RATING_RANGE: tuple[float, float] = (-4.0, 4.0)
#: Problems listed in one error message; the rest are counted ("... and N more").
MAX_LISTED_PROBLEMS = 20


class BenchmarkFormatError(ValueError):
    """A benchmark file is malformed; the message names the file and line of every problem.

    ``problems`` holds each problem's message (all of them, also those the message
    only counts).
    """

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems: list[str] = list(problems) or [message]


def problems_message(path: str | os.PathLike, problems: Sequence[str], limit: int = MAX_LISTED_PROBLEMS) -> str:
    """One message for all problems found in a file: a single problem as it is, several one per line.

    Args:
        path: The file (named in the first line when there are several problems).
        problems: Messages, each naming the file and line.
        limit: How many to list; the rest are counted.

    Returns:
        The message.

    Example:
        >>> print(problems_message("f.tsv", ["f.tsv:2: a", "f.tsv:3: b", "f.tsv:5: c"], limit=2))
        f.tsv: 3 problems:
          f.tsv:2: a
          f.tsv:3: b
          ... and 1 more
    """
    if len(problems) == 1:
        return problems[0]
    lines = [f"{path}: {len(problems):,} problems:"] + [f"  {msg}" for msg in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  ... and {len(problems) - limit:,} more")
    return "\n".join(lines)


def _raise_problems(path: str | os.PathLike, problems: Sequence[str]) -> None:
    if problems:
        raise BenchmarkFormatError(problems_message(path, problems), problems)


# --------------------------------------------------------------------------- metrics


def confusion_matrix(y_true: Sequence, y_pred: Sequence, labels: Sequence = NEWSMTSC_LABELS) -> list[list[int]]:
    """Counts of (true, predicted) pairs; rows are true labels, columns predicted.

    Args:
        y_true: Human labels.
        y_pred: Scorer labels.
        labels: Label order of rows and columns.

    Returns:
        Nested lists ``m[i][j]`` = number of items with true ``labels[i]`` and
        predicted ``labels[j]``.

    Raises:
        ValueError: If the sequences differ in length.

    Example:
        >>> confusion_matrix([1, 0, -1], [1, 1, -1])
        [[1, 0, 0], [0, 0, 1], [0, 0, 1]]
    """
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} items, y_pred {len(y_pred)}")
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(y_true, y_pred):
        if t in index and p in index:
            matrix[index[t]][index[p]] += 1
    return matrix


def per_class_f1(y_true: Sequence, y_pred: Sequence, labels: Sequence = NEWSMTSC_LABELS) -> dict:
    """F1 of each class (0 when a class is never predicted nor present).

    Args:
        y_true: Human labels.
        y_pred: Scorer labels.
        labels: Classes.

    Returns:
        ``{label: f1}`` in ``labels`` order.

    Example:
        >>> per_class_f1([1, 1, 0], [1, 0, 0], labels=(0, 1))
        {0: 0.6666666666666666, 1: 0.6666666666666666}
    """
    m = np.asarray(confusion_matrix(y_true, y_pred, labels), dtype=float)
    scores = {}
    for i, label in enumerate(labels):
        tp = m[i, i]
        denom = m[i, :].sum() + m[:, i].sum()
        scores[label] = float(2 * tp / denom) if denom else 0.0
    return scores


def macro_f1(y_true: Sequence, y_pred: Sequence, labels: Sequence = NEWSMTSC_LABELS) -> float:
    """Unweighted mean of the per-class F1 scores (NewsMTSC's F1m).

    Args:
        y_true: Human labels.
        y_pred: Scorer labels.
        labels: Classes averaged over.

    Returns:
        Macro-F1 in [0, 1].
    """
    return float(np.mean(list(per_class_f1(y_true, y_pred, labels).values())))


def accuracy(y_true: Sequence, y_pred: Sequence) -> float:
    """Share of items where the scorer agrees with the human label.

    Args:
        y_true: Human labels.
        y_pred: Scorer labels.

    Returns:
        Accuracy in [0, 1] (NaN for no items).

    Raises:
        ValueError: If the sequences differ in length.
    """
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} items, y_pred {len(y_pred)}")
    if not len(y_true):
        return float("nan")
    return float(np.mean([t == p for t, p in zip(y_true, y_pred)]))


def pearson_r(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson correlation (NaN if either side is constant).

    Args:
        x: Scores.
        y: Human ratings.

    Returns:
        r in [-1, 1].

    Example:
        >>> pearson_r([1, 2, 3], [2, 4, 7])
        0.9933992677987828
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(a) != len(b):
        raise ValueError(f"x has {len(a)} items, y {len(b)}")
    a, b = a - a.mean(), b - b.mean()
    denom = math.sqrt(float((a * a).sum()) * float((b * b).sum()))
    return float((a * b).sum() / denom) if denom else float("nan")


def _ranks(values: np.ndarray) -> np.ndarray:
    """Average ranks (ties share the mean rank), as Spearman requires."""
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    sorted_vals = values[order]
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and sorted_vals[j + 1] == sorted_vals[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    return ranks


def spearman_r(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman rank correlation (Pearson r of average ranks).

    Args:
        x: Scores.
        y: Human ratings.

    Returns:
        rho in [-1, 1].

    Example:
        >>> spearman_r([1, 2, 3, 4], [1, 3, 2, 4])
        0.8
    """
    return pearson_r(_ranks(np.asarray(x, dtype=float)), _ranks(np.asarray(y, dtype=float)))


def bootstrap_ci(
    metric: Callable[[Sequence, Sequence], float],
    y_true: Sequence,
    y_pred: Sequence,
    n: int = 1000,
    seed: int = config.RANDOM_SEED,
    level: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``metric`` (resampling items, fixed seed).

    Args:
        metric: ``metric(y_true, y_pred) -> float``.
        y_true: Human labels or ratings.
        y_pred: Scorer output.
        n: Number of resamples.
        seed: Seed; the same seed gives the same interval.
        level: Coverage, e.g. 0.95.

    Returns:
        ``(low, high)``.

    Example:
        >>> bootstrap_ci(accuracy, [1, 0, 1, 1], [1, 0, 0, 1], n=200, seed=1)
        (0.25, 1.0)
    """
    t, p = np.asarray(y_true), np.asarray(y_pred)
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(n):
        idx = rng.integers(0, len(t), len(t))
        value = metric(t[idx].tolist(), p[idx].tolist())
        if not math.isnan(value):
            stats.append(value)
    if not stats:
        return (float("nan"), float("nan"))
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(stats, [tail, 100 - tail])
    return (round(float(low), 4), round(float(high), 4))


# --------------------------------------------------------------------------- loaders


def load_newsmtsc(path: str | os.PathLike) -> pd.DataFrame:
    """Read and validate a NewsMTSC-format JSONL file.

    Args:
        path: One JSON object per line with ``sentence``, ``mention``, ``from``,
            ``to`` (0-based, exclusive) and ``polarity`` (-1, 0, 1); ``id`` optional.

    Returns:
        Columns ``sentence, mention, from, to, polarity, id, line`` (``line`` is
        the 1-based line number in the file, for tracing).

    Raises:
        FileNotFoundError: If the file does not exist.
        BenchmarkFormatError: On bad JSON, missing columns, a polarity outside
            -1/0/1, offsets that do not select the mention, an ``id`` used twice,
            or an empty file; the whole file is checked and the message names the
            file and line of every problem (``problems`` lists them all).

    Example:
        >>> df = load_newsmtsc(config.NEWSMTSC_DIR / "dev_rw.jsonl")
        >>> len(df), list(df.columns)
        (343, ['sentence', 'mention', 'from', 'to', 'polarity', 'id', 'line'])
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: file not found")
    rows, problems = [], []
    seen: dict[str, tuple[int, tuple]] = {}  # id -> (first line, content)
    with p.open(encoding="utf-8") as handle:
        for line_no, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{p}:{line_no}"
            found = []  # this line's problems; every line is checked, so one run lists them all
            try:
                rec = json.loads(raw)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not valid JSON ({exc.msg}); each line must be one JSON object")
                continue
            if not isinstance(rec, dict):
                problems.append(f"{where}: expected a JSON object, got {type(rec).__name__}")
                continue
            missing = [c for c in _NEWSMTSC_COLUMNS if c not in rec]
            if missing:
                found.append(f"{where}: missing field(s) {', '.join(missing)}; required: {', '.join(_NEWSMTSC_COLUMNS)}")
            if "polarity" in rec and (rec["polarity"] not in (-1, 0, 1) or isinstance(rec["polarity"], bool)):
                found.append(f"{where}: polarity must be -1, 0 or 1, got {rec['polarity']!r}")
            if not {"sentence", "mention", "from", "to"} - set(rec):
                sentence, start, end = rec["sentence"], rec["from"], rec["to"]
                if not (isinstance(sentence, str) and isinstance(start, int) and isinstance(end, int)):
                    found.append(f"{where}: 'sentence' must be a string and 'from'/'to' integers")
                elif sentence[start:end] != rec["mention"] or not 0 <= start < end <= len(sentence):
                    found.append(
                        f"{where}: offsets {start}:{end} select {sentence[start:end]!r}, not the mention "
                        f"{rec['mention']!r}; 'from'/'to' must be 0-based character offsets, 'to' exclusive"
                    )
            if "id" in rec:  # one id per labelled mention (a sentence with several targets has one id per target)
                rid = str(rec["id"])
                content = tuple(repr(rec.get(c)) for c in _NEWSMTSC_COLUMNS)
                if rid in seen:
                    first, first_content = seen[rid]
                    if content == first_content:
                        found.append(f"{where}: repeats line {first} (same id {rid!r} and content); "
                                     "it would be counted twice, delete one")
                    else:
                        found.append(f"{where}: id {rid!r} is also on line {first}, with another sentence, mention, "
                                     "offsets or polarity; each labelled mention needs its own id")
                else:
                    seen[rid] = (line_no, content)
            if found:
                problems.extend(found)
                continue
            rows.append({
                "sentence": sentence, "mention": rec["mention"], "from": start, "to": end,
                "polarity": int(rec["polarity"]), "id": str(rec.get("id", f"{p.stem}:{line_no}")), "line": line_no,
            })
    _raise_problems(p, problems)
    if not rows:
        raise BenchmarkFormatError(f"{p}:1: the file is empty; expected one JSON object per line")
    return pd.DataFrame(rows, columns=[*_NEWSMTSC_COLUMNS, "id", "line"])


def load_nyt(path: str | os.PathLike) -> pd.DataFrame:
    """Read and validate an NYT-editorial-format TSV (``id``, ``mean_rating``, ``text``).

    Args:
        path: Tab-separated file with a header row.

    Returns:
        Columns ``id, mean_rating, text, line`` (``line`` is the 1-based file line).

    Raises:
        FileNotFoundError: If the file does not exist.
        BenchmarkFormatError: On a missing column, a non-numeric rating or one
            outside -4..+4 (``NYT_RATING_RANGE``), a wrong number of fields, empty
            text, an ``id`` used twice, or no rows; the whole file is checked and
            the message names the file and line of every problem.

    Example:
        >>> load_nyt(config.NYT_DIR / "dev.tsv").shape
        (2568, 4)
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: file not found")
    with p.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            raise BenchmarkFormatError(f"{p}:1: the file is empty; expected a header 'id<TAB>mean_rating<TAB>text'")
        missing = [c for c in _NYT_COLUMNS if c not in header]
        if missing:
            raise BenchmarkFormatError(f"{p}:1: header lacks column(s) {', '.join(missing)}; found {header}")
        pos = {c: header.index(c) for c in _NYT_COLUMNS}
        low, high = NYT_RATING_RANGE
        rows, problems = [], []
        seen: dict[str, int] = {}  # id -> first line
        for line_no, fields in enumerate(reader, start=2):
            if not fields or fields == [""]:
                continue
            where = f"{p}:{line_no}"
            if len(fields) != len(header):
                problems.append(f"{where}: {len(fields)} tab-separated fields, header has {len(header)}")
                continue
            found = []
            raw_rating = fields[pos["mean_rating"]]
            try:
                rating = float(raw_rating)
            except ValueError:
                found.append(f"{where}: mean_rating {raw_rating!r} is not a number")
            else:
                if math.isnan(rating):
                    found.append(f"{where}: mean_rating is NaN")
                elif not low <= rating <= high:
                    # Pearson r would not mind, but tone_disagreements and training divide ratings by 4
                    found.append(f"{where}: mean_rating {raw_rating} is outside the rating scale -4..+4 (mean human "
                                 "rating, as in the NYT and VADER files); put your ratings on -4..+4, e.g. a 1..5 "
                                 "scale as 2 * (rating - 3)")
            text = fields[pos["text"]]
            if not text.strip():
                found.append(f"{where}: empty text")
            rid = fields[pos["id"]]
            if rid in seen:
                found.append(f"{where}: id {rid!r} appears twice (first on line {seen[rid]}); each rated sentence "
                             "needs its own id")
            else:
                seen[rid] = line_no
            if found:
                problems.extend(found)
                continue
            rows.append({"id": rid, "mean_rating": rating, "text": text, "line": line_no})
    _raise_problems(p, problems)
    if not rows:
        raise BenchmarkFormatError(f"{p}:2: no data rows after the header")
    return pd.DataFrame(rows, columns=[*_NYT_COLUMNS, "line"])


# --------------------------------------------------------------------------- evaluation


def _resolve(scorer: Scorer | str | None) -> Scorer:
    if isinstance(scorer, Scorer) or (scorer is not None and not isinstance(scorer, str)):
        return scorer  # type: ignore[return-value]
    from analysis.scorers import get_scorer

    return get_scorer(scorer)


def _predict_newsmtsc(data: pd.DataFrame, scorer: Scorer) -> pd.DataFrame:
    results = scorer.analyze_many(zip(data["sentence"], data["from"], data["to"]))
    out = data.copy()
    out["score"] = [r.score for r in results]
    out["predicted"] = [LABEL_TO_POLARITY[r.label] for r in results]
    out["cues"] = ["; ".join(r.cues) for r in results]
    return out


def evaluate_newsmtsc(path: str | os.PathLike, scorer: Scorer | str | None = None, n_boot: int = 1000) -> dict:
    """Macro-F1, accuracy, per-class F1 and confusion matrix of a scorer on a NewsMTSC file.

    Args:
        path: NewsMTSC-format JSONL.
        scorer: A scorer, a registered name, or None for the best installed one.
        n_boot: Bootstrap resamples for the 95% interval of macro-F1.

    Returns:
        ``{"kind", "file", "scorer", "n", "macro_f1", "accuracy", "f1"
        (per label name), "labels", "confusion_matrix", "ci"}``.

    Example:
        >>> r = evaluate_newsmtsc(config.NEWSMTSC_DIR / "dev_rw.jsonl", "textblob", n_boot=10)
        >>> r["n"], r["labels"]
        (343, ['critical', 'neutral', 'favourable'])
    """
    scorer = _resolve(scorer)
    pred = _predict_newsmtsc(load_newsmtsc(path), scorer)
    y_true, y_pred = pred["polarity"].tolist(), pred["predicted"].tolist()
    f1 = per_class_f1(y_true, y_pred)
    low, high = bootstrap_ci(macro_f1, y_true, y_pred, n=n_boot)
    return {
        "kind": "newsmtsc",
        "file": str(path),
        "scorer": scorer.name,
        "n": len(pred),
        "macro_f1": round(macro_f1(y_true, y_pred), 4),
        "accuracy": round(accuracy(y_true, y_pred), 4),
        "f1": {POLARITY_TO_LABEL[k]: round(v, 4) for k, v in f1.items()},
        "labels": [POLARITY_TO_LABEL[k] for k in NEWSMTSC_LABELS],
        "confusion_matrix": confusion_matrix(y_true, y_pred),
        "ci": {"macro_f1": [low, high], "level": 0.95, "n_boot": n_boot},
    }


def evaluate_nyt(path: str | os.PathLike, scorer: Scorer | str | None = None, n_boot: int = 1000) -> dict:
    """Pearson and Spearman correlation of a scorer's polarity with NYT human ratings.

    Args:
        path: NYT-format TSV.
        scorer: A scorer, a registered name, or None for the best installed one.
        n_boot: Bootstrap resamples for the 95% interval of Pearson r.

    Returns:
        ``{"kind", "file", "scorer", "n", "pearson_r", "spearman_r", "ci"}``.
    """
    scorer = _resolve(scorer)
    data = load_nyt(path)
    scores = scorer.polarity_many(data["text"].tolist())
    ratings = data["mean_rating"].tolist()
    low, high = bootstrap_ci(pearson_r, ratings, scores, n=n_boot)
    return {
        "kind": "nyt",
        "file": str(path),
        "scorer": scorer.name,
        "n": len(data),
        "pearson_r": round(pearson_r(scores, ratings), 4),
        "spearman_r": round(spearman_r(scores, ratings), 4),
        "ci": {"pearson_r": [low, high], "level": 0.95, "n_boot": n_boot},
    }


def evaluate_file(kind: str, path: str | os.PathLike, scorer: Scorer | str | None = None, n_boot: int = 1000) -> dict:
    """Evaluate a scorer on a benchmark file of the given kind.

    Args:
        kind: ``newsmtsc`` or ``nyt``.
        path: The file.
        scorer: A scorer, a registered name, or None for the best installed one.
        n_boot: Bootstrap resamples.

    Returns:
        The dict of :func:`evaluate_newsmtsc` or :func:`evaluate_nyt`.

    Raises:
        ValueError: For an unknown ``kind``.
    """
    if kind == "newsmtsc":
        return evaluate_newsmtsc(path, scorer, n_boot=n_boot)
    if kind == "nyt":
        return evaluate_nyt(path, scorer, n_boot=n_boot)
    raise ValueError(f"unknown benchmark kind {kind!r}; use 'newsmtsc' or 'nyt'")


def disagreements(path: str | os.PathLike, scorer: Scorer | str | None = None, k: int = 20) -> pd.DataFrame:
    """The NewsMTSC mentions where the scorer and the human coders disagree most.

    Args:
        path: NewsMTSC-format JSONL.
        scorer: A scorer, a registered name, or None for the best installed one.
        k: How many rows to return.

    Returns:
        Columns ``id, line, sentence, mention, human, predicted, score, cues``,
        sorted by how far the score is from the human label (then by line).

    Example:
        >>> d = disagreements(config.NEWSMTSC_DIR / "dev_rw.jsonl", "textblob", k=3)
        >>> list(d.columns)
        ['id', 'line', 'sentence', 'mention', 'human', 'predicted', 'score', 'cues']
    """
    pred = _predict_newsmtsc(load_newsmtsc(path), _resolve(scorer))
    wrong = pred[pred["polarity"] != pred["predicted"]].copy()
    wrong["distance"] = (wrong["score"] - wrong["polarity"]).abs()
    wrong = wrong.sort_values(["distance", "line"], ascending=[False, True], kind="mergesort").head(k)
    wrong["human"] = wrong["polarity"].map(POLARITY_TO_LABEL)
    wrong["predicted"] = wrong["predicted"].map(POLARITY_TO_LABEL)
    return wrong[["id", "line", "sentence", "mention", "human", "predicted", "score", "cues"]].reset_index(drop=True)


def tone_disagreements(path: str | os.PathLike, scorer: Scorer | str | None = None, k: int = 20) -> pd.DataFrame:
    """The rated sentences (NYT-format TSV) whose sentence sentiment the scorer misjudges most.

    The human mean rating (-4..+4) is put on the scorer's scale by dividing by 4;
    rows are ranked by the gap between the two.

    Args:
        path: NYT-format TSV (``id``, ``mean_rating``, ``text``).
        scorer: A scorer, a registered name, or None for the best installed one.
        k: How many rows to return.

    Returns:
        Columns ``id, line, text, human_rating, human_scaled, predicted, gap``,
        largest gap first (ties by line).

    Example:
        >>> d = tone_disagreements(config.NYT_DIR / "dev.tsv", "textblob", k=2)
        >>> list(d.columns), len(d)
        (['id', 'line', 'text', 'human_rating', 'human_scaled', 'predicted', 'gap'], 2)
    """
    data = load_nyt(path)
    out = data.rename(columns={"mean_rating": "human_rating"})
    out["human_scaled"] = out["human_rating"] / 4.0
    out["predicted"] = [float(v) for v in _resolve(scorer).polarity_many(out["text"].tolist())]
    out["gap"] = (out["predicted"] - out["human_scaled"]).abs().round(6)
    out = out.sort_values(["gap", "line"], ascending=[False, True], kind="mergesort").head(k)
    return out[["id", "line", "text", "human_rating", "human_scaled", "predicted", "gap"]].reset_index(drop=True)


def validation_summary(
    scorers: Sequence[str] | None = None,
    out_path: str | os.PathLike | None = config.MODELS_DIR / "validation.json",
    n_boot: int = 1000,
) -> dict:
    """Figures of every installed scorer on dev_rw, dev_mt and NYT dev.

    Args:
        scorers: Scorer names; default every available one.
        out_path: Where to write the JSON (None: do not write).
        n_boot: Bootstrap resamples.

    Returns:
        ``{"command", "files", "scorers": {name: {"dev_rw": {...}, "dev_mt": {...}, "nyt": {...}}}}``;
        scorers that cannot be loaded get ``{"unavailable": reason}``.
    """
    from analysis.io import write_text
    from analysis.scorers import available_scorers, get_scorer

    names = list(scorers) if scorers is not None else available_scorers()
    files = {
        "dev_rw": config.NEWSMTSC_DIR / "dev_rw.jsonl",
        "dev_mt": config.NEWSMTSC_DIR / "dev_mt.jsonl",
        "nyt": config.NYT_DIR / "dev.tsv",
    }
    summary: dict = {
        "command": "python -c 'from analysis.evaluate import validation_summary; validation_summary()'",
        "files": {k: str(v.relative_to(config.PROJ_ROOT)) for k, v in files.items()},
        "scorers": {},
    }
    for name in names:
        try:
            scorer = get_scorer(name)
        except (ImportError, ValueError, FileNotFoundError) as exc:
            summary["scorers"][name] = {"unavailable": str(exc)}
            continue
        entry = {}
        for key, path in files.items():
            result = evaluate_file("nyt" if key == "nyt" else "newsmtsc", path, scorer, n_boot=n_boot)
            result["file"] = summary["files"][key]
            entry[key] = result
        summary["scorers"][name] = entry
    if out_path is not None:
        write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", out_path)
    return summary


# --------------------------------------------------------------------------- CLI


def main_evaluate(argv: list[str] | None = None) -> int:
    """``analysis evaluate {newsmtsc,nyt} FILE [--scorer NAME]`` or ``coding SHEET``: one JSON object on stdout.

    Args:
        argv: Command-line arguments after ``evaluate``.

    Returns:
        0 on success; 2 on a bad file, unknown scorer or bad arguments (message on stderr).
    """
    parser = argparse.ArgumentParser(prog="analysis evaluate", description="Validate a scorer against human labels.")
    parser.add_argument("kind", choices=["newsmtsc", "nyt", "coding"],
                        help="newsmtsc / nyt: a scorer on labelled sentences; coding: frames and stance on a coded sheet")
    parser.add_argument("file", help="newsmtsc: JSONL in the NewsMTSC format; nyt: TSV with id, mean_rating, text; "
                                     "coding: a sheet from `analysis coding-sheet` with codes filled in")
    parser.add_argument("--scorer", default=None,
                        help="scorer name (default: best installed; for coding, the scorer the sheet's run used)")
    parser.add_argument("--codebook", default=None,
                        help="coding only: codebook YAML (default: the sheet's codebook column, else the packaged one)")
    parser.add_argument("--target", default=None, help="coding only: target actor, for a sheet without a target column (it must match the column "
                             "otherwise; default: the sheet's target column, else Russia)")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples for the CI")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if args.kind != "coding":
        given = [f"--{name}" for name in ("codebook", "target") if getattr(args, name) is not None]
        if given:  # silently ignoring them would suggest they changed the figures
            print(f"analysis evaluate: {' and '.join(given)} only apply to `evaluate coding`", file=sys.stderr)
            return 2
    try:
        if args.kind == "coding":
            from analysis.coding import evaluate_coding_sheet

            result = evaluate_coding_sheet(args.file, scorer=args.scorer, codebook=args.codebook, target=args.target,
                                           n_boot=args.n_boot)
        else:
            result = evaluate_file(args.kind, args.file, args.scorer, n_boot=args.n_boot)
    except (BenchmarkFormatError, OSError, ValueError, ImportError) as exc:  # OSError: missing file, a folder given
        print(f"analysis evaluate: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, sort_keys=True))
    return 0
