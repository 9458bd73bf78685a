"""Check the frames and stance labels against human coding of the user's own sentences.

A keyword codebook is cheap and transparent, but whether its indicators find the
roles a human coder would see depends on the corpus (outlet, period, translation),
and no public benchmark codes Russia's roles in the South Caucasus. Content
analysts therefore code a random sample by hand and report agreement between the
codebook and the coder, and between two coders. This module supports that loop:

1. :func:`coding_sheet` draws a simple random sample of the sentences that mention
   the target, with the sentence before and after as context and **without** the
   codebook's labels, so the coder is not led by them; :func:`write_coding_sheet`
   writes it for Excel/LibreOffice (UTF-8 with BOM) and never overwrites a sheet;
2. :func:`load_coding_sheet` reads the coded sheet back and checks every code
   against the codebook (errors name the file, line and code, and say how to fix);
3. :func:`frame_agreement` compares two codings per frame (precision, recall, F1,
   Cohen's kappa) and pooled over frames; :func:`evaluate_frames` measures the
   codebook against the coder with bootstrap intervals and, when a second coder's
   codes are in the sheet (``human_frames_2``), the agreement between the coders
   (Krippendorff's alpha), the yardstick for the codebook;
   :func:`frame_disagreements` lists the sentences where codebook and coder differ;
4. :func:`evaluate_stance_coding` does the same for the stance labels of the run
   (``human_stance``: favourable / neutral / critical towards the target), because
   the NewsMTSC figures come from other news than the user's; and
   :func:`evaluate_coding_sheet` runs whichever of the two the sheet is coded for.

Coding convention: the ``human_frames`` column holds frame ids separated by ``|``
(or ``;`` / ``,``), ``none`` for a sentence that carries no frame of the codebook;
``human_stance`` one of ``favourable``, ``neutral``, ``critical`` (``+``, ``0``,
``-`` and ``positive`` / ``negative`` are accepted), or ``skip`` when the sentence
is not really about the target or its stance cannot be told. A blank cell means
"not coded yet"; blank and ``skip`` rows are counted, listed and left out of that
part's figures. Rows left entirely empty (e.g. cleared in a spreadsheet) are ignored.

Example:
    >>> human = [{"mediator"}, set(), {"military_actor"}, {"mediator"}]
    >>> machine = [{"mediator"}, {"mediator"}, {"military_actor"}, set()]
    >>> table = frame_agreement(human, machine, ["mediator", "military_actor"])
    >>> table[["frame", "n_both", "precision", "recall", "f1"]].values.tolist()
    [['mediator', 1, 0.5, 0.5, 0.5], ['military_actor', 1, 1.0, 1.0, 1.0], ['all frames (pooled)', 2, 0.6667, 0.6667, 0.6667]]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import re
import sys
import warnings
from pathlib import Path
from typing import Callable, Iterable, Sequence, Union

import numpy as np
import pandas as pd

from analysis import config
from analysis.evaluate import problems_message
from analysis.framing import Codebook, load_codebook
from analysis.scorers.base import Scorer

#: A codebook, its YAML path, or None (the sheet's codebook, else the packaged one).
CodebookArg = Union[Codebook, str, os.PathLike, None]
#: A scorer object, its name, or None (the sheet's scorer, else the best installed one).
ScorerArg = Union[Scorer, str, None]

__all__ = [
    "CODING_SHEET_COLUMNS",
    "SECOND_CODER_COLUMN",
    "SECOND_STANCE_COLUMN",
    "STANCE_CODES",
    "STANCE_VALIDATION_COLUMNS",
    "AGREEMENT_COLUMNS",
    "FRAME_VALIDATION_COLUMNS",
    "NO_FRAME",
    "POOLED",
    "MACRO",
    "MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP",
    "CodingSheetError",
    "coding_sheet",
    "write_coding_sheet",
    "load_coding_sheet",
    "cohen_kappa",
    "krippendorff_alpha",
    "frame_agreement",
    "machine_frames",
    "evaluate_frames",
    "frame_validation_table",
    "frame_disagreements",
    "coding_instructions",
    "machine_stance",
    "evaluate_stance_coding",
    "stance_disagreements",
    "stance_validation_table",
    "evaluate_coding_sheet",
    "check_sheet_sentences",
    "CODING_RESULT_FILES",
    "write_coding_results",
    "clear_coding_results",
    "read_coding_results",
    "main_coding_sheet",
]

#: Columns of a coding sheet, in order: what the coder reads and writes first,
#: then the run it was drawn from. ``human_frames``, ``human_stance`` and
#: ``coder_note`` are the coder's columns.
CODING_SHEET_COLUMNS: list[str] = [
    "sentence_id", "doc_id", "title", "context_before", "text", "context_after", "human_frames", "human_stance",
    "coder_note", "target", "codebook", "scorer",
]
#: Optional columns with a second coder's codes of (some of) the same sentences.
SECOND_CODER_COLUMN = "human_frames_2"
SECOND_STANCE_COLUMN = "human_stance_2"
#: Accepted ``human_stance`` codes and the label each stands for.
STANCE_CODES: dict[str, str] = {
    "favourable": "favourable", "favorable": "favourable", "positive": "favourable", "+": "favourable",
    "neutral": "neutral", "0": "neutral",
    "critical": "critical", "negative": "critical", "-": "critical",
    # not about the target or cannot tell: counted and left out, so coders are not pushed to "neutral"
    "skip": "skip", "n/a": "skip", "na": "skip", "unclear": "skip",
}
_STANCE_DEFINITIONS = {
    "skip": "the sentence is not really about the target, or its stance cannot be told (left out of the figures)",
    "favourable": "the sentence presents the target positively (approval, praise, a constructive or legitimate role)",
    "neutral": "the sentence reports on the target without evaluating it, or its evaluations balance out",
    "critical": "the sentence presents the target negatively (blame, threat, criticism, an illegitimate role)",
}
#: Columns of :func:`frame_agreement`'s table.
AGREEMENT_COLUMNS: list[str] = [
    "frame", "n_sentences", "n_human", "n_machine", "n_both", "precision", "recall", "f1", "kappa",
]
#: The code for "this sentence carries no frame of the codebook".
NO_FRAME = "none"
#: ``frame`` value of the pooled row of :func:`frame_agreement`.
POOLED = "all frames (pooled)"
#: ``frame`` value of the macro-average row of :func:`frame_validation_table`.
MACRO = "mean over frames (macro)"
#: Columns of :func:`frame_validation_table` (``tables/frame_validation.csv``).
FRAME_VALIDATION_COLUMNS: list[str] = AGREEMENT_COLUMNS + [
    "f1_ci_low", "f1_ci_high", "ci_unit", "n_articles", "n_double_coded", "coders_f1", "coders_kappa", "coders_alpha",
    "codebook_f1_on_double_coded", "exact_match", "n_not_coded", "n_no_target_mention", "sheet",
]
#: Columns of :func:`stance_validation_table` (``tables/stance_validation.csv``).
STANCE_VALIDATION_COLUMNS: list[str] = [
    "label", "n_human", "n_machine", "n_both", "precision", "recall", "f1", "macro_f1", "macro_labels", "accuracy",
    "ci_low", "ci_high", "ci_unit", "n_sentences", "n_articles", "scorer", "n_double_coded", "coders_agreement",
    "coders_alpha", "scorer_agreement_on_double_coded", "n_not_coded", "n_skipped", "n_no_target_mention", "sheet",
    "share_difference", "share_difference_low", "share_difference_high",
]
#: Bootstrap intervals resample articles (sentences of one article are not independent)
#: when the coded sentences come from at least this many articles, else sentences.
MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP = 10
_SEPARATORS = re.compile(r"\s*[|;,]\s*")
_EXCEL_HINT = "in Excel use Save As > 'CSV UTF-8 (comma delimited)'; in LibreOffice choose UTF-8 and comma"

FrameSets = Sequence[frozenset[str] | set[str]]


class CodingSheetError(ValueError):
    """A coding sheet that cannot be read or contains codes the codebook does not know.

    ``problems`` holds each problem's message (all of them when the message lists
    only the first ``analysis.evaluate.MAX_LISTED_PROBLEMS``).
    """

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems: list[str] = list(problems) or [message]


def _raise_problems(path: Path, problems: list[tuple[int, str]]) -> None:
    """Raise one :class:`CodingSheetError` listing every ``(line, message)`` problem, in file order."""
    if problems:
        messages = [msg for _, msg in sorted(problems, key=lambda item: item[0])]
        raise CodingSheetError(problems_message(path, messages), messages)


# --------------------------------------------------------------------------- the sample


def coding_sheet(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    n: int = 100,
    seed: int = config.RANDOM_SEED,
    target: str = config.DEFAULT_TARGET,
    codebook: str = "",
    exclude_texts: Iterable[str] = (),
    scorer: str = "",
) -> pd.DataFrame:
    """Draw a coding sample of the sentences that mention the target, without machine labels.

    Sentences whose text repeats an earlier one (syndicated copy) are sampled once.
    The rows come in random order, so a coder does not read an article's sentences
    in sequence; the sentences before and after give the context.

    Args:
        sentences: The pipeline's sentences table (``doc_id``, ``sentence_id``,
            ``text``, ``mentions_target``), in document order.
        documents: The documents table, for titles (optional).
        n: Sample size; all eligible sentences if there are fewer.
        seed: Random seed; the same seed and table give the same sheet.
        target: The run's target actor, written to the sheet so that
            :func:`evaluate_frames` reads the sentences for the same actor.
        codebook: The run's codebook path, written to the sheet for the same reason.
        exclude_texts: Sentences already coded (e.g. an earlier sheet, used to edit
            the codebook), so that a new sample measures the edited codebook afresh.
        scorer: The run's stance scorer, written to the sheet for the same reason.

    Returns:
        ``CODING_SHEET_COLUMNS``; ``human_frames``, ``human_stance`` and ``coder_note`` are empty.

    Raises:
        ValueError: If the table lacks a column, ``n`` < 1, or no sentence is left to code.

    Example:
        >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": ["d:0", "d:1", "d:2"],
        ...                   "text": ["Intro.", "Russia mediates.", "Outro."],
        ...                   "mentions_target": [False, True, False]})
        >>> coding_sheet(s)[["context_before", "text", "context_after"]].values.tolist()
        [['Intro.', 'Russia mediates.', 'Outro.']]
    """
    missing = [c for c in ("doc_id", "sentence_id", "text", "mentions_target") if c not in sentences.columns]
    if missing:
        raise ValueError(f"the sentences table lacks {', '.join(missing)}; pass tables/sentences.csv of a pipeline run")
    if n < 1:
        raise ValueError(f"sample size must be at least 1, got {n}")
    table = sentences.reset_index(drop=True)
    same_doc = table["doc_id"]
    before = table["text"].shift(1).where(same_doc.shift(1) == same_doc, "")
    after = table["text"].shift(-1).where(same_doc.shift(-1) == same_doc, "")
    mentions = table["mentions_target"].astype(str).str.lower().isin(["true", "1"])
    excluded = table["text"].isin(set(exclude_texts))
    eligible = table.index[mentions & ~table["text"].duplicated() & ~excluded]
    if len(eligible) == 0:
        why = " that is not already coded" if excluded.any() else ""
        raise ValueError(f"no sentence mentions the target{why}; nothing to code")
    rng = np.random.default_rng(seed)
    chosen = rng.permutation(np.asarray(eligible))[: min(n, len(eligible))]
    titles = {}
    if documents is not None and "title" in documents.columns:
        titles = dict(zip(documents["doc_id"], documents["title"].fillna("")))
    return pd.DataFrame({
        "sentence_id": table.loc[chosen, "sentence_id"].to_numpy(),
        "doc_id": table.loc[chosen, "doc_id"].to_numpy(),
        "title": [_as_text_cell(titles.get(d, "")) for d in table.loc[chosen, "doc_id"]],
        "context_before": [_as_text_cell(t) for t in before.loc[chosen].fillna("")],
        "text": [_as_text_cell(t) for t in table.loc[chosen, "text"]],
        "context_after": [_as_text_cell(t) for t in after.loc[chosen].fillna("")],
        "human_frames": "",
        "human_stance": "",
        "coder_note": "",
        "target": target,
        "codebook": codebook,
        "scorer": scorer,
    }, columns=CODING_SHEET_COLUMNS)


def _as_text_cell(text: str) -> str:
    """A leading space before ``= + - @``: spreadsheet programs would read "- Russia is ..." (an interview
    turn) as a formula and save an error in its place; readers strip the space."""
    text = str(text)
    return " " + text if text[:1] in ("=", "+", "-", "@") else text


def write_coding_sheet(sheet: pd.DataFrame, path: str | os.PathLike, force: bool = False) -> Path:
    """Write a sheet atomically as CSV for spreadsheet programs, refusing to overwrite.

    UTF-8 with a byte-order mark, so that Excel shows names such as "Babaoğlu" and
    typographic quotes correctly.

    Args:
        sheet: The table (a coding sheet or its codebook sidecar).
        path: Destination ``.csv``.
        force: Overwrite an existing file (a coder's work would be lost).

    Returns:
        The destination path.

    Raises:
        FileExistsError: If ``path`` exists and ``force`` is false.
        ValueError: If ``path`` does not end in ``.csv``.
    """
    from analysis.io import atomic_path

    final = Path(path)
    _check_writable(final, force)
    with atomic_path(final) as tmp:
        sheet.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8-sig")
    return final


def _check_writable(path: Path, force: bool) -> None:
    """Refuse a destination that is not ``.csv`` or that exists (unless ``force``)."""
    if path.suffix.lower() != ".csv":
        raise ValueError(f"{path}: a coding sheet is written as .csv, not {path.suffix or 'no suffix'!r}")
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists and may hold a coder's work; choose another --out or pass --force")


# --------------------------------------------------------------------------- reading codes


def _parse_codes(cell: str, valid: set[str], where: str) -> frozenset[str] | None:
    """The frame ids of one coder cell; None when the cell is blank (not coded)."""
    text = cell.strip()
    if not text:
        return None
    codes = [c.strip().lower() for c in _SEPARATORS.split(text) if c.strip()]
    if NO_FRAME in codes:
        if len(codes) > 1:
            raise CodingSheetError(f"{where}: {text!r} mixes '{NO_FRAME}' with frame ids; "
                                   f"use '{NO_FRAME}' alone for a sentence without a frame")
        return frozenset()
    unknown = [c for c in codes if c not in valid]
    if unknown:
        raise CodingSheetError(f"{where}: unknown frame id(s) {', '.join(unknown)}; "
                               f"the codebook has: {', '.join(sorted(valid))} (or '{NO_FRAME}')")
    return frozenset(codes)


def _parse_stance(cell: str, where: str) -> str | None:
    """The stance label of one ``human_stance`` cell; None when the cell is blank."""
    text = cell.strip().lower()
    if not text:
        return None
    if text not in STANCE_CODES:
        raise CodingSheetError(f"{where}: unknown stance {cell.strip()!r}; use favourable, neutral, critical or skip")
    return STANCE_CODES[text]


def _read_records(
    path: Path, problems: list[tuple[int, str]] | None = None
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and ``(first line, row)`` records of a CSV; blank and emptied rows are skipped.

    A row with more cells than the header is a problem: with ``problems`` given it is
    appended there as ``(line, message)`` and the row left out (the caller reports it
    with its own findings), else all such rows are raised together.

    Line numbers are those of a text editor (a quoted cell may span lines); a
    semicolon-separated file (European spreadsheet default) is read as well.
    """
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodingSheetError(f"{path}: not UTF-8 (byte {exc.start}); {_EXCEL_HINT}") from exc
    first = content.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CodingSheetError(f"{path}: empty file; draw a sheet with `analysis coding-sheet`") from None
    except csv.Error as exc:
        raise CodingSheetError(f"{path}, line 1: not a readable CSV ({exc}); {_EXCEL_HINT}") from exc
    records: list[tuple[int, dict[str, str]]] = []
    found: list[tuple[int, str]] = []
    end = reader.line_num
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                found.append((start, f"{path}, line {start}: {len(row)} cells but {len(header)} columns in the header; "
                                     "a cell with a comma must be quoted (spreadsheet programs do this when saving as CSV)"))
                continue
            records.append((start, dict(zip(header, row + [""] * (len(header) - len(row))))))
    except csv.Error as exc:  # the reader cannot go on: report what was found so far and this
        found.append((reader.line_num, f"{path}, line {reader.line_num}: not a readable CSV ({exc}); {_EXCEL_HINT}"))
        _raise_problems(path, found)
    if problems is None:
        _raise_problems(path, found)
    else:
        problems.extend(found)
    return header, records


def load_coding_sheet(path: str | os.PathLike, frame_ids: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a coded sheet and check its codes against the codebook and the stance labels.

    Args:
        path: CSV with ``sentence_id``, ``text`` and at least one of ``human_frames``
            and ``human_stance`` (optional: ``doc_id``, ``target``, ``codebook``,
            ``human_frames_2``, ``human_stance_2``).
        frame_ids: The codebook's frame ids.

    Returns:
        ``(coded, not_coded)``: ``coded`` has one row per row with any code:
        ``line`` (first line of the row in the file, header = 1), ``sentence_id``,
        ``doc_id``, ``target``, ``codebook``, ``scorer`` ("" where the sheet has no
        such column), ``text``, ``human`` / ``second`` (frozensets of frame ids, empty
        for ``none``; None where blank), ``stance`` / ``stance_2`` (labels,
        ``skip``, or None); ``not_coded`` lists ``line`` and ``sentence_id`` of rows without any code.

    Raises:
        CodingSheetError: Missing or unreadable file, missing columns, a duplicated
            ``sentence_id``, empty text, an unknown frame id or stance, or no coded
            row at all. Every row is checked, and the message names the line of each
            problem (the first ``analysis.evaluate.MAX_LISTED_PROBLEMS``; ``problems`` holds all).
    """
    path = Path(path)
    if not path.is_file():
        raise CodingSheetError(f"{path}: no such coding sheet; draw one with `analysis coding-sheet`")
    problems: list[tuple[int, str]] = []
    header, records = _read_records(path, problems)
    missing = [c for c in ("sentence_id", "text") if c not in header]
    if not {"human_frames", "human_stance"} & set(header):
        missing.append("human_frames or human_stance")
    if missing:
        raise CodingSheetError(f"{path}: missing column(s) {', '.join(missing)}; a coding sheet has "
                               f"{', '.join(CODING_SHEET_COLUMNS)}")
    valid = {f.lower() for f in frame_ids}
    seen: dict[str, int] = {}
    rows, blank = [], []
    for line, rec in records:
        before = len(problems)
        sid = rec["sentence_id"].strip()
        if sid in seen:
            problems.append((line, f"{path}, line {line}: sentence_id {sid!r} appears twice (first on line {seen[sid]}); "
                                   "code each sentence once"))
        else:
            seen[sid] = line
        if not rec["text"].strip():
            problems.append((line, f"{path}, line {line}: empty text"))
        where = f"{path}, line {line}"
        cells = []
        for column, parse in (("human_frames", lambda c, w: _parse_codes(c, valid, w)),
                              (SECOND_CODER_COLUMN, lambda c, w: _parse_codes(c, valid, w)),
                              ("human_stance", _parse_stance), (SECOND_STANCE_COLUMN, _parse_stance)):
            try:
                cells.append(parse(rec.get(column, ""), f"{where}, {column}"))
            except CodingSheetError as exc:
                problems.append((line, str(exc)))
                cells.append(None)
        if len(problems) > before:
            continue
        codes, second, stance, stance_2 = cells
        if codes is None and stance is None:
            blank.append((line, sid))
        else:
            rows.append((line, sid, rec.get("doc_id", "").strip(), rec.get("target", "").strip(),
                         rec.get("codebook", "").strip(), rec.get("scorer", "").strip(), rec["text"].strip(), codes, second,
                         stance, stance_2))
    _raise_problems(path, problems)
    if not rows:
        raise CodingSheetError(f"{path}: no coded row; write frame ids (or '{NO_FRAME}') in the human_frames column "
                               "or a stance in the human_stance column")
    coded = pd.DataFrame(rows, columns=["line", "sentence_id", "doc_id", "target", "codebook", "scorer", "text", "human",
                                        "second", "stance", "stance_2"], dtype=object)
    coded["line"] = coded["line"].astype(int)
    return coded, pd.DataFrame(blank, columns=["line", "sentence_id"])


# --------------------------------------------------------------------------- agreement


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Cohen's kappa of two binary codings of the same items.

    Args:
        a: First coding (e.g. the human coder).
        b: Second coding (e.g. the codebook).

    Returns:
        Kappa, or NaN when chance agreement is 1 (both code every item alike).

    Example:
        >>> cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0])
        0.5
    """
    x, y = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    observed = float(np.mean(x == y))
    chance = float(x.mean() * y.mean() + (1 - x.mean()) * (1 - y.mean()))
    return float("nan") if chance >= 1 else (observed - chance) / (1 - chance)


def krippendorff_alpha(a: Sequence, b: Sequence) -> float:
    """Krippendorff's alpha of two coders' nominal codes of the same units (no missing values).

    ``alpha = 1 - (2N - 1) * 2d / ((2N)^2 - sum_c n_c^2)`` with N units, d units
    coded differently and n_c the count of value c over both coders; for yes/no
    codes this is ``1 - (2N - 1) * d / (n0 * n1)``.

    Args:
        a: First coder (any hashable codes, e.g. booleans or stance labels).
        b: Second coder.

    Returns:
        Alpha, or NaN when the pooled codes do not vary.

    Example (Krippendorff 2011, "Computing Krippendorff's alpha-reliability", binary data):
        >>> round(krippendorff_alpha([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]), 3)
        0.095
    """
    x, y = list(a), list(b)
    if len(x) != len(y):
        raise ValueError(f"the two coders coded {len(x)} and {len(y)} units")
    values = pd.Series(x + y).value_counts().to_numpy(dtype=float)
    pairs = (2 * len(x)) ** 2 - float((values ** 2).sum())
    if pairs == 0:
        return float("nan")
    disagreements = sum(p != q for p, q in zip(x, y))
    return 1 - (2 * len(x) - 1) * 2 * disagreements / pairs


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def _f1(tp: int, fp: int, fn: int) -> float:
    return _ratio(2 * tp, 2 * tp + fp + fn)


def _matrix(sets: FrameSets, frame_ids: Sequence[str]) -> np.ndarray:
    return np.array([[f in s for f in frame_ids] for s in sets], dtype=bool).reshape(len(sets), len(frame_ids))


def _micro_f1(H: np.ndarray, M: np.ndarray) -> float:
    return _f1(int((H & M).sum()), int((~H & M).sum()), int((H & ~M).sum()))


def _macro_f1(H: np.ndarray, M: np.ndarray, columns: Sequence[int]) -> float:
    """Mean F1 over the given frame columns (those used on either side in the full sample)."""
    scores = [_f1(int((H[:, j] & M[:, j]).sum()), int((~H[:, j] & M[:, j]).sum()), int((H[:, j] & ~M[:, j]).sum()))
              for j in columns]
    scores = [s for s in scores if not math.isnan(s)]
    return float(np.mean(scores)) if scores else float("nan")


def _round(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 4)


def frame_agreement(human: FrameSets, machine: FrameSets, frame_ids: Sequence[str]) -> pd.DataFrame:
    """Agreement of two codings (codebook vs coder, or coder vs coder), per frame and pooled.

    Each frame is a yes/no decision per sentence. Precision is the share of the
    second coding's labels the first also gave, recall the share of the first's
    labels the second found, kappa corrects the yes/no agreement for chance. The
    pooled row adds up the decisions of all frames (micro average; its kappa is
    over all sentence-frame decisions, most of them agreed "no").

    Args:
        human: Per sentence, the reference coding (the coder's frame ids).
        machine: Per sentence, the other coding (same order).
        frame_ids: The codebook's frame ids (row order).

    Returns:
        ``AGREEMENT_COLUMNS``, one row per frame then the pooled row. Undefined
        figures (no label on either side) are NaN.

    Raises:
        ValueError: If the two sequences differ in length or are empty.
    """
    if len(human) != len(machine) or not len(human):
        raise ValueError(f"need the same, non-zero number of codings on both sides ({len(human)} vs {len(machine)})")
    H, M = _matrix(human, frame_ids), _matrix(machine, frame_ids)
    rows = []
    for j, frame in enumerate(list(frame_ids) + [POOLED]):
        h, m = (H[:, j], M[:, j]) if j < len(frame_ids) else (H.ravel(), M.ravel())
        tp, fp, fn = int((h & m).sum()), int((~h & m).sum()), int((h & ~m).sum())
        rows.append({
            "frame": frame, "n_sentences": len(human), "n_human": int(h.sum()), "n_machine": int(m.sum()),
            "n_both": tp, "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn),
            "f1": _f1(tp, fp, fn), "kappa": cohen_kappa(h, m),
        })
    table = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    for col in ("precision", "recall", "f1", "kappa"):
        table[col] = table[col].astype(float).round(4)
    return table


def _bootstrap(
    statistic: Callable[[np.ndarray], float], groups: np.ndarray, n: int, seed: int, level: float = 0.95
) -> tuple[float | None, float | None]:
    """Percentile interval of ``statistic(row_indices)``, resampling the groups (clusters) of rows."""
    labels = np.unique(groups)
    members = [np.flatnonzero(groups == g) for g in labels]
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(n):
        picked = rng.integers(0, len(labels), len(labels))
        value = statistic(np.concatenate([members[i] for i in picked]))
        if not math.isnan(value):
            stats.append(value)
    if not stats:
        return (None, None)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(stats, [tail, 100 - tail])
    return (round(float(low), 4), round(float(high), 4))


def _intervals(statistics: dict[str, Callable[[np.ndarray], float]], doc_ids: np.ndarray, n_boot: int, seed: int) -> dict:
    """95% bootstrap intervals of each statistic, resampling articles when the rows come from
    at least ``MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP`` of them (sentences of one article are
    not independent), else sentences."""
    by_article = _n_articles(doc_ids) >= MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP
    groups = doc_ids if by_article else np.arange(len(doc_ids))
    out: dict = {name: list(_bootstrap(f, groups, n_boot, seed)) for name, f in statistics.items()}
    out.update(unit="article" if by_article else "sentence", n_units=int(len(np.unique(groups))), level=0.95, n_boot=n_boot)
    return out


def _n_articles(doc_ids: Iterable[str]) -> int:
    return len(set(doc_ids) - {""})


def machine_frames(
    texts: Sequence[str],
    target: str = config.DEFAULT_TARGET,
    codebook: CodebookArg = None,
) -> tuple[list[frozenset[str]], list[str], list[bool]]:
    """The codebook's frames of each sentence, read from the text alone (as in the pipeline).

    Args:
        texts: Sentences.
        target: Target actor.
        codebook: A codebook, a YAML path, or None (packaged).

    Returns:
        ``(frames, indicators, mentions)``: per sentence the frame ids, the matched
        words (``frame: words; ...``) and whether the actor lexicon finds the target
        in it (the codebook only labels sentences that mention the target).
    """
    from analysis.actors import find_mentions, target_actor
    from analysis.framing import assign_frames

    ids = [f"sheet:{i:06d}" for i in range(len(texts))]
    sentences = pd.DataFrame({"doc_id": "sheet", "sentence_id": ids, "text": list(texts)})
    mentions = find_mentions(sentences)
    found = assign_frames(sentences, mentions, target=target, codebook=codebook)
    about = set(mentions.loc[mentions["actor"] == target_actor(target, mentions), "sentence_id"])
    frames = {i: frozenset(g["frame"]) for i, g in found.groupby("sentence_id")}
    words = {i: "; ".join(f"{f}: {w}" for f, w in zip(g["frame"], g["indicators"])) for i, g in found.groupby("sentence_id")}
    return [frames.get(i, frozenset()) for i in ids], [words.get(i, "") for i in ids], [i in about for i in ids]


def _sheet_value(values: Iterable[str], column: str, path: Path) -> str:
    """The one non-empty value of a run column (``target``, ``codebook``, ``scorer``) of a sheet, or ''.

    Raises:
        CodingSheetError: If the column names more than one value.
    """
    named = sorted(set(v.strip() for v in values) - {""})
    if len(named) > 1:
        raise CodingSheetError(f"{path}: the {column} column names several values ({', '.join(named)}); "
                               f"code one {column} per sheet")
    return named[0] if named else ""


def _sheet_target(path: Path, values: Iterable[str], target: str | None) -> str:
    """The target the sheet's codes judge: its ``target`` column, which a given ``target`` must match.

    The coder judged stance and roles towards the sheet's target, so measuring the codes
    against another actor would report figures nobody coded.

    Raises:
        CodingSheetError: If ``target`` names another actor than the sheet's column.
    """
    named = _sheet_value(values, "target", path)
    if target and named and _canonical_actor(target) != _canonical_actor(named):
        raise CodingSheetError(
            f"{path}: the sheet was drawn and coded for {named}, not {target}; its codes say nothing about {target}. "
            f"Draw a sheet from a run about {target} with `analysis coding-sheet`")
    return target or named or config.DEFAULT_TARGET


def _canonical_actor(name: str) -> str:
    from analysis.actors import resolve_target

    try:
        return resolve_target(name)
    except ValueError:
        return name.strip().lower()


def check_sheet_sentences(path: str | os.PathLike, sentences: pd.DataFrame) -> None:
    """Check that every coded row of a sheet is a sentence of this run (same ``sentence_id``, same text).

    A sheet drawn from another corpus (or from an earlier version of this one) can be
    scored, but its figures do not describe this corpus, which is what the report says
    they do. Texts are compared with whitespace normalised (a spreadsheet may pad or
    re-wrap a cell).

    Args:
        path: The coded sheet.
        sentences: The run's sentences table (``sentence_id``, ``text``).

    Raises:
        CodingSheetError: If the file is missing, or naming how many coded rows have an
            unknown ``sentence_id`` or a text that differs from the run's, with their
            lines; for the first changed text, where it differs (a window of both
            texts around the first differing character).
    """
    path = Path(path)
    if not path.is_file():
        raise CodingSheetError(f"{path}: no such coding sheet; draw one with `analysis coding-sheet`")
    _, records = _read_records(path)
    known = dict(zip(sentences["sentence_id"].astype(str), sentences["text"].astype(str).map(_normalise)))
    coded = [(line, rec) for line, rec in records if any(rec.get(c, "").strip() for c in ("human_frames", "human_stance"))]
    unknown, changed = [], []
    for line, rec in coded:
        sid = rec.get("sentence_id", "").strip()
        if sid not in known:
            unknown.append((line, sid))
        elif known[sid] != _normalise(rec.get("text", "")):
            changed.append((line, sid, rec.get("text", ""), known[sid]))
    problems = []
    if unknown:
        line, sid = unknown[0]
        problems.append(f"{len(unknown)} of {_rows(len(coded))} {_has(len(unknown))} a sentence_id this run does not have "
                        f"({_first(unknown)}{sid!r}), so the sheet was drawn from another corpus or the corpus has changed")
    if changed:
        line, sid, theirs, ours = changed[0]
        at, sheet_part, run_part = _difference(_normalise(theirs), ours)
        problems.append(f"{_rows(len(changed))} {_has(len(changed))} another text than this run's sentence "
                        f"({_first(changed)}{sid!r}, differing from character {at}: sheet {sheet_part!r}, run {run_part!r}); "
                        "a spreadsheet may have changed the cell, or the corpus has changed")
    if problems:
        raise CodingSheetError(f"{path}: {'; '.join(problems)}. Draw a sheet from this run with `analysis coding-sheet`, "
                               "or measure this one on its own with `analysis evaluate coding`")


def _normalise(text: str) -> str:
    return " ".join(str(text).split())


def _rows(n: int) -> str:
    return f"{n:,} coded row{'' if n == 1 else 's'}"


def _has(n: int) -> str:
    return "has" if n == 1 else "have"


def _first(rows: Sequence[tuple]) -> str:
    """``line 6, `` for one row; ``lines 6, 9 and 12; first: line 6, `` (up to 20 lines) for several."""
    from analysis.evaluate import MAX_LISTED_PROBLEMS

    if len(rows) == 1:
        return f"line {rows[0][0]}, "
    lines = [str(r[0]) for r in rows[:MAX_LISTED_PROBLEMS]]
    listed = ", ".join(lines[:-1]) + " and " + lines[-1] if len(rows) <= MAX_LISTED_PROBLEMS else \
        ", ".join(lines) + f" and {len(rows) - MAX_LISTED_PROBLEMS:,} more"
    return f"lines {listed}; first: line {rows[0][0]}, "


def _difference(a: str, b: str, context: int = 30) -> tuple[int, str, str]:
    """Where two texts first differ (1-based character) and both texts around that point.

    Example:
        >>> _difference("Russia said the base stays. (edited)", "Russia said the base stays.", context=10)
        (28, '…ase stays. (edited)', '…ase stays.')
    """
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, at - context)

    def window(text: str) -> str:
        end = at + context
        return ("…" if start else "") + text[start:end] + ("…" if len(text) > end else "")

    return at + 1, window(a), window(b)


def _project_path(named: str) -> Path:
    """A path as a run records it (``tables/run.json``, the sheet's ``codebook`` column): relative to the project."""
    return Path(named) if Path(named).is_absolute() else config.PROJ_ROOT / named


def _sheet_codebook(path: Path, records: list[tuple[int, dict[str, str]]]) -> Path | None:
    """The codebook the sheet was drawn with (its ``codebook`` column), or None when it names none.

    Raises:
        CodingSheetError: If the sheet names a codebook that is not there.
    """
    named = _sheet_value((rec.get("codebook", "") for _, rec in records), "codebook", path)
    if not named:
        return None
    book = _project_path(named)
    if not book.is_file():
        raise CodingSheetError(f"{path}: the sheet was drawn with codebook {named}, which is not there; "
                               "pass --codebook with its path")
    return book


def _prepared(path: str | os.PathLike, codebook: CodebookArg, target: str | None):
    """Load a sheet with the right codebook and target, plus the codebook's reading of each coded row.

    Explicit arguments win; else the sheet's ``target`` / ``codebook`` columns (written
    by ``analysis coding-sheet`` from the run); else Russia and the packaged codebook.
    """
    path = Path(path)
    if not path.is_file():
        raise CodingSheetError(f"{path}: no such coding sheet; draw one with `analysis coding-sheet`")
    _, records = _read_records(path, [])  # bad rows: load_coding_sheet lists them with the other problems
    if codebook is None:
        codebook = _sheet_codebook(path, records)
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    target = _sheet_target(path, (rec.get("target", "") for _, rec in records), target)
    coded, blank = load_coding_sheet(path, book.ids)
    machine, words, mentions = machine_frames(coded["text"].tolist(), target=target, codebook=book)
    coded = coded.assign(machine=machine, indicators=words, mentions_target=mentions)
    return path, coded, blank, target, book


def evaluate_frames(
    path: str | os.PathLike,
    *,
    codebook: CodebookArg = None,
    target: str | None = None,
    n_boot: int = 1000,
    seed: int = config.RANDOM_SEED,
) -> dict:
    """Measure the codebook against a coded sheet (and the coders against each other).

    Rows whose text does not mention the target (by the actor lexicon) are listed
    and left out: the codebook never labels such a sentence, so counting them would
    charge the lexicon's misses to the codebook.

    Args:
        path: The coded sheet (see :func:`load_coding_sheet`).
        codebook: A codebook or YAML path; None: the sheet's ``codebook`` column,
            else the packaged codebook.
        target: Target actor; None: the sheet's ``target`` column, else Russia.
        n_boot: Bootstrap resamples for the pooled and macro F1 intervals.
        seed: Bootstrap seed.

    Returns:
        JSON-ready dict: ``n`` (coded sentences measured), ``not_coded`` and
        ``no_target_mention`` (lines left out), ``micro`` (precision, recall, F1,
        kappa of the pooled decisions), ``pooled_counts`` (labels given by the
        coder, by the codebook, by both), ``n_decisions`` (sentences x frames),
        ``macro_f1`` over ``macro_frames`` (frames either side used),
        ``exact_match`` (share of sentences with the same frame set), ``ci``
        (95% bootstrap intervals of micro and macro F1; ``unit`` is ``article``
        when the sentences come from at least
        ``MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP`` articles, else ``sentence``),
        ``per_frame``, and ``intercoder`` (None without a second coder's codes).

    Raises:
        CodingSheetError: For a bad sheet, or no coded row that mentions the target.
    """
    from analysis.report import display_path

    path, coded, blank, target, book = _prepared(path, codebook, target)
    frame_blank = sorted(blank["line"].tolist() + coded.loc[coded["human"].isna(), "line"].tolist())
    coded = coded[coded["human"].notna()]
    if coded.empty:
        raise CodingSheetError(f"{path}: no row has frame codes; write frame ids (or '{NO_FRAME}') in the human_frames column")
    outside = coded[~coded["mentions_target"]]
    coded = coded[coded["mentions_target"]].reset_index(drop=True)
    if coded.empty:
        raise CodingSheetError(f"{path}: none of the frame-coded sentences mentions {target} by the actor lexicon; "
                               "check the target the sheet was drawn for")
    human, machine = coded["human"].tolist(), coded["machine"].tolist()
    table = frame_agreement(human, machine, book.ids)
    H, M = _matrix(human, book.ids), _matrix(machine, book.ids)
    used = [j for j in range(len(book.ids)) if H[:, j].any() or M[:, j].any()]
    pooled = table[table["frame"] == POOLED].iloc[0]
    docs = coded["doc_id"].to_numpy()
    per_frame = {r.frame: {k: (None if isinstance(v, float) and math.isnan(v) else v)
                           for k, v in r._asdict().items() if k not in ("frame", "Index")}
                 for r in table[table["frame"] != POOLED].itertuples()}
    return {
        "file": display_path(path),
        "target": target,
        "codebook": display_path(book.path),
        "n": len(coded),
        "n_articles": _n_articles(docs),
        "not_coded": frame_blank,
        "no_target_mention": outside["line"].tolist(),
        "micro": {k: _round(float(pooled[k])) for k in ("precision", "recall", "f1", "kappa")},
        "pooled_counts": {k: int(pooled[k]) for k in ("n_human", "n_machine", "n_both")},
        "n_decisions": len(coded) * len(book.ids),
        "macro_f1": _round(_macro_f1(H, M, used)),
        "macro_frames": [book.ids[j] for j in used],
        "exact_match": round(float(np.mean([set(h) == set(m) for h, m in zip(human, machine)])), 4),
        "ci": _intervals({"micro_f1": lambda i: _micro_f1(H[i], M[i]),
                          "macro_f1": lambda i: _macro_f1(H[i], M[i], used)}, docs, n_boot, seed),
        "per_frame": per_frame,
        "intercoder": _intercoder(coded, book.ids),
    }


def _intercoder(coded: pd.DataFrame, frame_ids: Sequence[str]) -> dict | None:
    """Coder 1 vs coder 2 on the rows both coded, and the codebook vs coder 1 on the same rows."""
    both = coded[coded["second"].notna()]
    if both.empty:  # no second coder for the frames
        return None
    first, second, machine = both["human"].tolist(), both["second"].tolist(), both["machine"].tolist()
    coders = frame_agreement(first, second, frame_ids)
    codebook = frame_agreement(first, machine, frame_ids)
    H1, H2 = _matrix(first, frame_ids), _matrix(second, frame_ids)
    pooled = coders[coders["frame"] == POOLED].iloc[0]
    return {
        "n": len(both),
        "coders": {"f1": _round(float(pooled["f1"])), "kappa": _round(float(pooled["kappa"])),
                   "alpha": _round(krippendorff_alpha(H1.ravel(), H2.ravel()))},
        "codebook_vs_first_coder": {k: _round(float(codebook[codebook["frame"] == POOLED].iloc[0][k])) for k in ("f1", "kappa")},
        "per_frame": {f: {"f1": _round(float(coders.iloc[j]["f1"])), "kappa": _round(float(coders.iloc[j]["kappa"])),
                          "alpha": _round(krippendorff_alpha(H1[:, j], H2[:, j]))}
                      for j, f in enumerate(frame_ids)},
    }


def frame_validation_table(result: dict) -> pd.DataFrame:
    """The result of :func:`evaluate_frames` as a table (``tables/frame_validation.csv``).

    Args:
        result: Output of :func:`evaluate_frames`.

    Returns:
        ``FRAME_VALIDATION_COLUMNS``: one row per frame (with the coders' per-frame
        agreement when there is a second coder), the pooled row (with the bootstrap
        interval of its F1 and the coders' pooled agreement) and the macro-average
        row (F1 only, with its interval); ``exact_match``, the counts of rows left
        out and ``sheet`` repeat on every row.
    """
    inter = result.get("intercoder")
    rows = []
    for frame, figures in result["per_frame"].items():
        row = {"frame": frame, **figures}
        if inter:
            row.update(coders_f1=inter["per_frame"][frame]["f1"], coders_kappa=inter["per_frame"][frame]["kappa"],
                       coders_alpha=inter["per_frame"][frame]["alpha"])
        rows.append(row)
    pooled = {"frame": POOLED, "n_sentences": result["n"], **result["pooled_counts"], **result["micro"],
              "f1_ci_low": result["ci"]["micro_f1"][0], "f1_ci_high": result["ci"]["micro_f1"][1]}
    if inter:
        pooled.update(coders_f1=inter["coders"]["f1"], coders_kappa=inter["coders"]["kappa"],
                      coders_alpha=inter["coders"]["alpha"],
                      codebook_f1_on_double_coded=inter["codebook_vs_first_coder"]["f1"])
    rows.append(pooled)
    rows.append({"frame": MACRO, "n_sentences": result["n"], "f1": result["macro_f1"],
                 "f1_ci_low": result["ci"]["macro_f1"][0], "f1_ci_high": result["ci"]["macro_f1"][1]})
    table = pd.DataFrame(rows, columns=FRAME_VALIDATION_COLUMNS)
    table["ci_unit"] = table["f1_ci_low"].where(table["f1_ci_low"].isna(), result["ci"]["unit"])
    table["n_double_coded"] = inter["n"] if inter else 0
    table["n_articles"] = result.get("n_articles", 0)
    table["exact_match"] = result["exact_match"]
    table["n_not_coded"] = len(result["not_coded"])
    table["n_no_target_mention"] = len(result["no_target_mention"])
    table["sheet"] = str(result["file"])
    for col in ("n_human", "n_machine", "n_both"):
        table[col] = table[col].astype("Int64")
    return table


def frame_disagreements(
    path: str | os.PathLike,
    *,
    codebook: CodebookArg = None,
    target: str | None = None,
) -> pd.DataFrame:
    """The coded sentences where the codebook and the (first) coder differ.

    Args:
        path: The coded sheet.
        codebook: A codebook or YAML path; None: the sheet's, else the packaged one.
        target: Target actor; None: the sheet's ``target`` column (else Russia).

    Returns:
        ``line, sentence_id, text, human, codebook, codebook_only, coder_only,
        indicators`` (frame ids ``|``-joined), in file order; rows whose text does
        not mention the target are not included (see :func:`evaluate_frames`).
    """
    _, coded, _, _, _ = _prepared(path, codebook, target)
    coded = coded[coded["mentions_target"] & coded["human"].notna()]
    join = lambda s: "|".join(sorted(s)) or NO_FRAME  # noqa: E731
    out = coded.assign(
        codebook=[join(m) for m in coded["machine"]],
        codebook_only=["|".join(sorted(m - h)) for h, m in zip(coded["human"], coded["machine"])],
        coder_only=["|".join(sorted(h - m)) for h, m in zip(coded["human"], coded["machine"])],
    )
    out["human"] = [join(h) for h in coded["human"]]
    out = out[(out["codebook_only"] != "") | (out["coder_only"] != "")]
    return out[["line", "sentence_id", "text", "human", "codebook", "codebook_only", "coder_only", "indicators"]].reset_index(drop=True)


# --------------------------------------------------------------------------- stance


def _frame_ids_for(path: Path, codebook: CodebookArg) -> list[str]:
    """Frame ids the sheet's ``human_frames`` codes are checked against (stance functions check, not measure, them).

    ``codebook`` None: the sheet's codebook (an error if it names one that is missing), else the packaged one.
    """
    if isinstance(codebook, Codebook):
        return codebook.ids
    if codebook is None and path.is_file():
        codebook = _sheet_codebook(path, _read_records(path, [])[1])  # bad rows: reported by load_coding_sheet
    return load_codebook(codebook).ids


def machine_stance(texts: Sequence[str], target: str = config.DEFAULT_TARGET, scorer: ScorerArg = None) -> pd.DataFrame:
    """The stance the pipeline gives each sentence, scored from the text alone.

    Stance scorers read the sentence and the target's mentions in it, so this gives
    the labels of the pipeline's sentences table (checked on the seed run: all 126
    target sentences identical in label and score). One exception: a sheet has no
    paragraphs, so every question is read as asking (``stance.asks_question``:
    neutral, not scored) unless rhetorical, also one the pipeline scored because
    it came later in a paragraph.

    Args:
        texts: Sentences.
        target: Target actor.
        scorer: Scorer object or name; None: the best installed one.

    Returns:
        ``mentions_target``, ``stance`` ("" when the target is not mentioned),
        ``stance_score``, ``stance_cues``, ``stance_scorer``, one row per text.
    """
    from analysis.actors import find_mentions
    from analysis.stance import score_stance

    sentences = pd.DataFrame({"doc_id": "sheet", "sentence_id": [f"sheet:{i:06d}" for i in range(len(texts))],
                              "text": list(texts)})
    scored = score_stance(sentences, find_mentions(sentences), target=target, scorer=scorer)
    scored["stance"] = scored["stance"].fillna("")
    return scored[["mentions_target", "stance", "stance_score", "stance_cues", "stance_scorer"]].reset_index(drop=True)


def _stance_prepared(path: str | os.PathLike, scorer: ScorerArg, target: str | None, codebook: CodebookArg):
    """Stance-coded rows of a sheet with the scorer's reading of each, and the rows left out."""
    path = Path(path)
    coded, blank = load_coding_sheet(path, _frame_ids_for(path, codebook))
    target = _sheet_target(path, coded["target"], target)
    scorer = scorer or _sheet_value(coded["scorer"], "scorer", path) or None
    not_coded = sorted(blank["line"].tolist() + coded.loc[coded["stance"].isna(), "line"].tolist())
    skipped = coded.loc[coded["stance"] == "skip", "line"].tolist()
    coded = coded[coded["stance"].notna() & (coded["stance"] != "skip")].reset_index(drop=True)
    if coded.empty:
        raise CodingSheetError(f"{path}: no row has a stance code; write favourable, neutral or critical in human_stance")
    machine = machine_stance(coded["text"].tolist(), target=target, scorer=scorer).rename(columns={"stance": "stance_machine"})
    coded = pd.concat([coded, machine], axis=1)
    return path, coded, not_coded, skipped, target


def evaluate_stance_coding(
    path: str | os.PathLike,
    scorer: ScorerArg = None,
    *,
    target: str | None = None,
    codebook: CodebookArg = None,
    n_boot: int = 1000,
    seed: int = config.RANDOM_SEED,
) -> dict:
    """Measure a stance scorer against the ``human_stance`` codes of a sheet.

    The scorer reads each coded sentence as the pipeline does (:func:`machine_stance`);
    rows whose text does not mention the target are listed and left out.

    Args:
        path: The coded sheet.
        scorer: Scorer object or name (the report's); None: the sheet's ``scorer``
            column (the run it was drawn from), else the best installed one.
        target: Target actor; None: the sheet's ``target`` column, else Russia.
        codebook: The codebook whose ids the sheet's frame codes use (checked, not
            measured, here); None: the sheet's, else the packaged one.
        n_boot: Bootstrap resamples.
        seed: Bootstrap seed.

    Returns:
        JSON-ready dict: ``n``, ``n_articles``, ``scorer``, ``target``,
        ``macro_f1`` over ``macro_labels`` (the labels either side used; a label
        nobody used has no F1), ``accuracy``, ``per_class`` (``{label: {n_human, n_machine, n_both, precision, recall,
        f1}}``), ``confusion`` (rows: coder's critical / neutral / favourable;
        columns: the scorer's), ``ci`` (95% bootstrap of macro-F1 and accuracy;
        ``unit`` as in :func:`evaluate_frames`), ``not_coded``, ``skipped`` (coded
        ``skip``) and ``no_target_mention`` (lines), ``intercoder`` (``n``,
        ``agreement``, ``alpha``, and ``scorer_agreement`` with the first coder on
        the same rows; None without ``human_stance_2`` codes), ``share_difference``
        (``{label: [scorer's share - coder's share, ci_low, ci_high]}`` on the same
        sentences, plus ``unit``/``n_units`` of the bootstrap).

    Raises:
        CodingSheetError: For a bad sheet, no stance codes, or no stance-coded
            sentence that mentions the target.
    """
    from analysis import evaluate
    from analysis.report import display_path

    path, coded, not_coded, skipped, target = _stance_prepared(path, scorer, target, codebook)
    outside = coded[~coded["mentions_target"].astype(bool)]
    coded = coded[coded["mentions_target"].astype(bool)].reset_index(drop=True)
    if coded.empty:
        raise CodingSheetError(f"{path}: none of the stance-coded sentences mentions {target} by the actor lexicon; "
                               "check the target the sheet was drawn for")
    order = ("critical", "neutral", "favourable")
    human, machine = coded["stance"].tolist(), coded["stance_machine"].tolist()
    matrix = evaluate.confusion_matrix(human, machine, order)
    # Labels neither side used have no F1; averaging a zero for them would understate agreement.
    used = [lab for lab in order if lab in set(human) | set(machine)]
    f1 = evaluate.per_class_f1(human, machine, order)
    per_class = {}
    for i, lab in enumerate(order):
        n_h, n_m, n_b = sum(matrix[i]), sum(row[i] for row in matrix), matrix[i][i]
        per_class[lab] = {"n_human": n_h, "n_machine": n_m, "n_both": n_b, "precision": _round(_ratio(n_b, n_m)),
                          "recall": _round(_ratio(n_b, n_h)), "f1": round(f1[lab], 4) if lab in used else None}
    docs = coded["doc_id"].to_numpy()
    h, m = np.array(human, dtype=object), np.array(machine, dtype=object)
    both = coded[coded["stance_2"].notna() & (coded["stance_2"] != "skip")]
    return {
        "file": display_path(path),
        "scorer": str(coded["stance_scorer"].iloc[0]),
        "target": target,
        "n": len(coded),
        "not_coded": not_coded,
        "skipped": skipped,
        "no_target_mention": outside["line"].tolist(),
        "n_articles": _n_articles(docs),
        "macro_f1": round(evaluate.macro_f1(human, machine, used), 4),
        "macro_labels": used,
        "accuracy": round(evaluate.accuracy(human, machine), 4),
        "per_class": per_class,
        "confusion": {"labels": list(order), "matrix": matrix},
        "ci": _intervals({"macro_f1": lambda i: _used_macro_f1(h[i].tolist(), m[i].tolist(), used),
                          "accuracy": lambda i: evaluate.accuracy(h[i].tolist(), m[i].tolist())}, docs, n_boot, seed),
        # The same sentences read by both: how far the scorer's share of a label is off the coder's, which
        # carries over to the report's label shares when the sheet is a random sample of its sentences.
        "share_difference": _share_differences(h, m, order, docs, n_boot, seed),
        "intercoder": None if both.empty else {
            "n": len(both),
            "agreement": round(float(np.mean([p == q for p, q in zip(both["stance"], both["stance_2"])])), 4),
            "alpha": _round(krippendorff_alpha(both["stance"].tolist(), both["stance_2"].tolist())),
            "scorer_agreement": round(float(np.mean([p == q for p, q in zip(both["stance"], both["stance_machine"])])), 4),
        },
    }


def _share_differences(human: np.ndarray, machine: np.ndarray, labels: Sequence[str], doc_ids: np.ndarray,
                       n_boot: int, seed: int) -> dict:
    """Per label: the scorer's share of the label minus the coder's on the same sentences, with its 95% interval.

    A paired difference (both read the same sentences), bootstrapped as :func:`_intervals` does
    (articles when there are enough, else sentences).

    Example:
        >>> h = np.array(["critical", "neutral", "neutral", "favourable"], dtype=object)
        >>> m = np.array(["critical", "critical", "neutral", "favourable"], dtype=object)
        >>> d = _share_differences(h, m, ["critical", "neutral"], np.array(["a", "a", "b", "b"]), 50, 0)
        >>> d["critical"][0], d["neutral"][0], d["unit"]
        (0.25, -0.25, 'sentence')
    """
    def difference(label: str):
        return lambda i: float(np.mean(machine[i] == label) - np.mean(human[i] == label))

    ci = _intervals({lab: difference(lab) for lab in labels}, doc_ids, n_boot, seed)
    out: dict = {lab: [round(difference(lab)(np.arange(len(human))), 4), *ci[lab]] for lab in labels}
    out.update(unit=ci["unit"], n_units=ci["n_units"])
    return out


def _used_macro_f1(human: list, machine: list, labels: Sequence[str]) -> float:
    """Macro-F1 over ``labels`` that occur on either side of this (re)sample."""
    from analysis.evaluate import macro_f1

    present = [lab for lab in labels if lab in set(human) | set(machine)]
    return macro_f1(human, machine, present) if present else float("nan")


def stance_disagreements(
    path: str | os.PathLike, scorer: ScorerArg = None, *, target: str | None = None, codebook: CodebookArg = None
) -> pd.DataFrame:
    """The stance-coded sentences where the scorer's label differs from the coder's.

    Args:
        path: The coded sheet.
        scorer: Scorer object or name (the report's); None: the sheet's ``scorer``
            column, else the best installed one.
        target: Target actor; None: the sheet's ``target`` column, else Russia.
        codebook: As in :func:`evaluate_stance_coding`.

    Returns:
        ``line, sentence_id, text, human, scorer, stance_score, stance_cues``, in file order.
    """
    _, coded, _, _, _ = _stance_prepared(path, scorer, target, codebook)
    coded = coded[coded["mentions_target"].astype(bool) & (coded["stance"] != coded["stance_machine"])]
    out = coded.drop(columns=["human", "scorer"]).rename(columns={"stance": "human", "stance_machine": "scorer"})
    return out[["line", "sentence_id", "text", "human", "scorer", "stance_score", "stance_cues"]].reset_index(drop=True)


def stance_validation_table(result: dict) -> pd.DataFrame:
    """The result of :func:`evaluate_stance_coding` as a table (``tables/stance_validation.csv``).

    Args:
        result: Output of :func:`evaluate_stance_coding`.

    Returns:
        ``STANCE_VALIDATION_COLUMNS``: one row per label (counts, precision, recall,
        F1, ``share_difference`` with its 95% interval) and an ``all`` row with macro-F1, accuracy and the macro-F1 interval;
        the run-level fields repeat on every row.
    """
    shares = result.get("share_difference") or {}
    rows = [{"label": lab, **fig, **dict(zip(("share_difference", "share_difference_low", "share_difference_high"),
                                             shares.get(lab, [np.nan] * 3)))}
            for lab, fig in result["per_class"].items()]
    rows.append({"label": "all", "n_human": result["n"], "n_machine": result["n"],
                 "n_both": sum(f["n_both"] for f in result["per_class"].values()),
                 "macro_f1": result["macro_f1"], "accuracy": result["accuracy"],
                 "ci_low": result["ci"]["macro_f1"][0], "ci_high": result["ci"]["macro_f1"][1],
                 "ci_unit": result["ci"]["unit"]})
    table = pd.DataFrame(rows, columns=STANCE_VALIDATION_COLUMNS)
    inter = result.get("intercoder")
    table["n_sentences"] = result["n"]
    table["scorer"] = result["scorer"]
    table["n_double_coded"] = inter["n"] if inter else 0
    table["coders_agreement"] = inter["agreement"] if inter else np.nan
    table["coders_alpha"] = inter["alpha"] if inter else np.nan
    table["scorer_agreement_on_double_coded"] = inter["scorer_agreement"] if inter else np.nan
    table["n_articles"] = result["n_articles"]
    table["n_skipped"] = len(result["skipped"])
    table["macro_labels"] = "|".join(result["macro_labels"])
    table["n_not_coded"] = len(result["not_coded"])
    table["n_no_target_mention"] = len(result["no_target_mention"])
    table["sheet"] = result["file"]
    return table


def evaluate_coding_sheet(
    path: str | os.PathLike,
    scorer: ScorerArg = None,
    *,
    codebook: CodebookArg = None,
    target: str | None = None,
    n_boot: int = 1000,
    sentences: pd.DataFrame | None = None,
) -> dict:
    """Evaluate whatever the sheet is coded for: frames, stance, or both.

    A part the sheet cannot measure (no codes in its column, or none of its coded
    sentences mentions the target) does not stop the other: it gets None and a
    reason.

    Args:
        path: The coded sheet.
        scorer: The stance scorer (the report's); None: the sheet's ``scorer``
            column, else the best installed one.
        codebook: Codebook or YAML path (see :func:`evaluate_frames`).
        target: Target actor (see :func:`evaluate_frames`); it must be the sheet's own.
        n_boot: Bootstrap resamples.
        sentences: The run's sentences table; when given (as by the report), every
            coded row must be one of them (:func:`check_sheet_sentences`).

    Returns:
        ``{"sheet", "frames": evaluate_frames(...) or None, "stance":
        evaluate_stance_coding(...) or None, "reasons": {part: why it is None}}``.

    Raises:
        CodingSheetError: For a bad sheet, one without any code, one coded for
            another target, or (with ``sentences``) one drawn from another corpus.
    """
    from analysis.report import display_path

    coded, _ = load_coding_sheet(path, _frame_ids_for(Path(path), codebook))
    _sheet_target(Path(path), coded["target"], target)  # a sheet for another actor fails, not just one part
    if sentences is not None:
        check_sheet_sentences(path, sentences)
    name = Path(path).name
    out: dict = {"sheet": display_path(path), "frames": None, "stance": None, "reasons": {}}
    if not coded["human"].notna().any():
        out["reasons"]["frames"] = f"{name} has no codes in its human_frames column"
    else:
        try:
            out["frames"] = evaluate_frames(path, codebook=codebook, target=target, n_boot=n_boot)
        except CodingSheetError as exc:
            out["reasons"]["frames"] = str(exc).replace(f"{path}: ", f"{name}: ", 1)
    if not (coded["stance"].notna() & (coded["stance"] != "skip")).any():
        out["reasons"]["stance"] = f"{name} has no favourable, neutral or critical codes in its human_stance column"
    else:
        try:
            out["stance"] = evaluate_stance_coding(path, scorer, target=target, codebook=codebook, n_boot=n_boot)
        except CodingSheetError as exc:
            out["reasons"]["stance"] = str(exc).replace(f"{path}: ", f"{name}: ", 1)
    return out


#: Files :func:`write_coding_results` writes in a run's ``tables/`` folder.
CODING_RESULT_FILES: tuple[str, ...] = ("frame_validation.csv", "stance_validation.csv", "coding_sheet.json")


def write_coding_results(result: dict | None, tables_dir: str | os.PathLike) -> dict[str, pd.DataFrame | None]:
    """Write what :func:`evaluate_coding_sheet` measured into a run's tables (atomically).

    ``frame_validation.csv`` and ``stance_validation.csv`` for the parts measured,
    ``coding_sheet.json`` (``sheet``, ``reasons``) whenever a sheet was given; a file
    a part did not produce is removed, so a table from an earlier sheet is never read
    as this one's.

    Args:
        result: Output of :func:`evaluate_coding_sheet`, or None when no sheet was given.
        tables_dir: The run's ``tables/`` folder.

    Returns:
        ``{"frame_validation": table or None, "stance_validation": table or None}``.
    """
    from analysis.io import write_table, write_text

    folder = Path(tables_dir)
    clear_coding_results(folder)  # never a mix of this sheet's and an earlier one's files
    tables = {
        "frame_validation": frame_validation_table(result["frames"]) if result and result["frames"] else None,
        "stance_validation": stance_validation_table(result["stance"]) if result and result["stance"] else None,
    }
    if result is not None:
        write_text(json.dumps({"sheet": result["sheet"], "reasons": result["reasons"]}, indent=1, sort_keys=True) + "\n",
                   folder / "coding_sheet.json")
    for name, table in tables.items():
        if table is not None:
            write_table(table, folder / f"{name}.csv")
    return tables


def clear_coding_results(tables_dir: str | os.PathLike) -> None:
    """Remove the files of :func:`write_coding_results` (before a sheet is evaluated, and when the tables are rebuilt),
    so that a failed evaluation or new tables never leave an earlier sheet's figures to be read as current."""
    for name in CODING_RESULT_FILES:
        (Path(tables_dir) / name).unlink(missing_ok=True)


def read_coding_results(tables_dir: str | os.PathLike) -> tuple[pd.DataFrame | None, pd.DataFrame | None, dict[str, str]]:
    """Read back what :func:`write_coding_results` wrote (for the report).

    Args:
        tables_dir: The run's ``tables/`` folder.

    Returns:
        ``(frame_validation, stance_validation, reasons)``: a table is None when that
        part was not measured; ``reasons`` says why a part of a given sheet could not
        be ({} without a sheet).
    """
    from analysis.io import read_table

    folder = Path(tables_dir)
    tables = [read_table(folder / f"{name}.csv") if (folder / f"{name}.csv").exists() else None
              for name in ("frame_validation", "stance_validation")]
    stamp = folder / "coding_sheet.json"
    reasons: dict[str, str] = {}
    if stamp.exists():
        try:
            reasons = dict(json.loads(stamp.read_text(encoding="utf-8"))["reasons"])
        except (ValueError, KeyError, TypeError) as exc:
            warnings.warn(f"{stamp}: unreadable ({exc!r}); the report cannot say why a part of the sheet is missing",
                          stacklevel=2)
    return tables[0], tables[1], reasons


def coding_instructions(codebook: Codebook) -> pd.DataFrame:
    """The codes a coder may write, with their meaning (written beside a drawn sheet).

    Args:
        codebook: A :class:`~analysis.framing.Codebook`.

    Returns:
        ``column, code, label, definition``: every frame id and ``none`` for
        ``human_frames``, then the stance labels for ``human_stance``.
    """
    rows = [("human_frames", f.id, f.label, f.definition) for f in codebook.frames]
    rows.append(("human_frames", NO_FRAME, "No frame", "the sentence gives the target none of these roles"))
    rows += [("human_stance", lab, lab.capitalize(), _STANCE_DEFINITIONS[lab])
             for lab in ("favourable", "neutral", "critical", "skip")]
    return pd.DataFrame(rows, columns=["column", "code", "label", "definition"])


# --------------------------------------------------------------------------- CLI


def main_coding_sheet(argv: list[str] | None = None) -> int:
    """``analysis coding-sheet [REPORT_DIR] [--n N] [--seed S] [--codebook YAML] [--exclude SHEET] [--force] --out FILE``.

    Writes the sample and, beside it, ``<FILE stem>_codes.csv`` with the frame ids,
    stance labels and definitions the coder needs. Never overwrites an existing file unless
    ``--force`` is given.

    Args:
        argv: Command-line arguments after ``coding-sheet``.

    Returns:
        0 on success; 2 on bad arguments, missing tables, a missing or bad codebook or
        excluded sheet, or an existing file (message on stderr).
    """
    from analysis.io import read_table
    from analysis.report import display_path

    parser = argparse.ArgumentParser(prog="analysis coding-sheet",
                                     description="Draw a random sample of target sentences for hand-coding frames and stance.")
    parser.add_argument("report_dir", nargs="?", default=str(config.REPORTS_DIR),
                        help="output folder of a report run (default: reports/)")
    parser.add_argument("--n", type=int, default=100, help="sentences to sample (default: 100)")
    parser.add_argument("--seed", type=int, default=config.RANDOM_SEED, help="random seed")
    parser.add_argument("--codebook", default=None, help="codebook YAML (default: the one the run used)")
    parser.add_argument("--exclude", action="append", default=[], metavar="SHEET",
                        help="an earlier sheet whose sentences are not drawn again (repeatable)")
    parser.add_argument("--out", required=True, help="CSV to write")
    parser.add_argument("--force", action="store_true", help="overwrite --out and its codebook file if they exist")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    tables = Path(args.report_dir) / "tables"
    out = Path(args.out)
    sidecar = out.with_name(out.stem + "_codes.csv")
    try:
        sentences = read_table(tables / "sentences.csv")
        documents = read_table(tables / "documents.csv")
    except FileNotFoundError as exc:
        print(f"analysis coding-sheet: {exc} (run `analysis report --out {args.report_dir}` first)", file=sys.stderr)
        return 2
    stamp = tables / "run.json"
    try:
        run = json.loads(stamp.read_text(encoding="utf-8")) if stamp.is_file() else {}
        params = (run.get("parameters") or {}) if isinstance(run, dict) else None
        if not isinstance(params, dict):
            raise ValueError("expected an object with 'parameters'")
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        print(f"analysis coding-sheet: {stamp}: not readable JSON ({exc}); rerun `analysis report --out {args.report_dir}`",
              file=sys.stderr)
        return 2
    try:
        # The run's own target and codebook, so the sheet is measured as the report was made.
        target = params.get("target") or config.DEFAULT_TARGET
        run_codebook = _project_path(params["codebook"]) if params.get("codebook") else None
        book = load_codebook(args.codebook or run_codebook)
        earlier = [t for f in args.exclude for t in _read_texts(Path(f))]
        used = sentences["stance_scorer"].dropna() if "stance_scorer" in sentences.columns else pd.Series(dtype=str)
        sheet = coding_sheet(sentences, documents, n=args.n, seed=args.seed, target=target,
                             codebook=display_path(book.path), exclude_texts=earlier,
                             scorer=str(used.iloc[0]) if len(used) else "")
        for path in (out, sidecar):  # both checked before either is written
            _check_writable(path, args.force)
        write_coding_sheet(sheet, out, force=args.force)
        write_coding_sheet(coding_instructions(book), sidecar, force=args.force)
    except (OSError, ValueError) as exc:  # FileExistsError, a missing codebook, CodingSheetError
        print(f"analysis coding-sheet: {exc}", file=sys.stderr)
        return 2
    if len(sheet) < args.n:
        from analysis.narrative import plural

        print(f"analysis coding-sheet: only {plural(len(sheet), 'sentence')} mention{'s' if len(sheet) == 1 else ''} "
              f"{target} (each distinct text once"
              f"{', not counting excluded sheets' if earlier else ''}); the sheet has all of them, not {args.n:,}",
              file=sys.stderr)
    print(out)
    return 0


def _read_texts(path: Path) -> list[str]:
    """Every sentence text of a sheet, coded or not (for ``--exclude``)."""
    if not path.is_file():
        raise CodingSheetError(f"{path}: no such coding sheet to exclude")
    _, records = _read_records(path)
    return [rec.get("text", "").strip() for _, rec in records]  # strip: see _as_text_cell
