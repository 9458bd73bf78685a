"""Check the framing codebook against human coding of the user's own sentences.

A keyword codebook is cheap and transparent, but whether its indicators find the
roles a human coder would see depends on the corpus (outlet, period, translation),
and no public benchmark codes Russia's roles in the South Caucasus. Content
analysts therefore code a random sample by hand and report agreement between the
codebook and the coder. This module supports that loop:

1. :func:`coding_sheet` draws a simple random sample of the sentences that mention
   the target, with the sentence before and after as context and **without** the
   codebook's labels, so the coding is blind;
2. :func:`load_coding_sheet` reads the coded sheet back and checks every code
   against the codebook (errors name the file, line and code);
3. :func:`frame_agreement` compares the codebook's frames with the human codes per
   frame (precision, recall, F1, Cohen's kappa) and pooled over frames, with
   bootstrap intervals over sentences; :func:`evaluate_frames` does all of it for a
   file and :func:`frame_disagreements` lists the sentences where the two differ.

Coding convention: the ``human_frames`` column holds frame ids separated by ``|``
(or ``;`` / ``,``), ``none`` for a sentence that carries no frame of the codebook;
a blank cell means "not coded yet" and the row is counted, listed and left out of
the figures.

Example:
    >>> human = [{"mediator"}, set(), {"military_actor"}, {"mediator"}]
    >>> machine = [{"mediator"}, {"mediator"}, {"military_actor"}, set()]
    >>> table = frame_agreement(human, machine, ["mediator", "military_actor"])
    >>> table[["frame", "n_both", "precision", "recall", "f1"]].values.tolist()
    [['mediator', 1, 0.5, 0.5, 0.5], ['military_actor', 1, 1.0, 1.0, 1.0], ['all frames (pooled)', 2, 0.6667, 0.6667, 0.6667]]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from analysis import config

__all__ = [
    "CODING_SHEET_COLUMNS",
    "AGREEMENT_COLUMNS",
    "NO_FRAME",
    "POOLED",
    "CodingSheetError",
    "coding_sheet",
    "load_coding_sheet",
    "cohen_kappa",
    "frame_agreement",
    "machine_frames",
    "evaluate_frames",
    "frame_validation_table",
    "FRAME_VALIDATION_COLUMNS",
    "MACRO",
    "frame_disagreements",
    "main_coding_sheet",
]

#: Columns of a coding sheet, in order. ``human_frames`` is the coder's column.
CODING_SHEET_COLUMNS: list[str] = [
    "sentence_id", "target", "doc_id", "title", "context_before", "text", "context_after", "human_frames", "coder_note",
]
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
FRAME_VALIDATION_COLUMNS: list[str] = AGREEMENT_COLUMNS + ["f1_ci_low", "f1_ci_high", "exact_match", "n_not_coded", "sheet"]
_SEPARATORS = re.compile(r"\s*[|;,]\s*")


class CodingSheetError(ValueError):
    """A coding sheet that cannot be read or contains codes the codebook does not know."""


# --------------------------------------------------------------------------- the sample


def coding_sheet(
    sentences: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    n: int = 100,
    seed: int = config.RANDOM_SEED,
    target: str = config.DEFAULT_TARGET,
) -> pd.DataFrame:
    """Draw a blind coding sample of the sentences that mention the target.

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

    Returns:
        ``CODING_SHEET_COLUMNS``; ``human_frames`` and ``coder_note`` are empty.

    Raises:
        ValueError: If the table lacks a column or no sentence mentions the target.

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
    eligible = table.index[mentions & ~table["text"].duplicated()]
    if len(eligible) == 0:
        raise ValueError("no sentence mentions the target; nothing to code")
    rng = np.random.default_rng(seed)
    chosen = rng.permutation(np.asarray(eligible))[: min(n, len(eligible))]
    titles = {}
    if documents is not None and "title" in documents.columns:
        titles = dict(zip(documents["doc_id"], documents["title"].fillna("")))
    return pd.DataFrame({
        "sentence_id": table.loc[chosen, "sentence_id"].to_numpy(),
        "target": target,
        "doc_id": table.loc[chosen, "doc_id"].to_numpy(),
        "title": [titles.get(d, "") for d in table.loc[chosen, "doc_id"]],
        "context_before": before.loc[chosen].fillna("").to_numpy(),
        "text": table.loc[chosen, "text"].to_numpy(),
        "context_after": after.loc[chosen].fillna("").to_numpy(),
        "human_frames": "",
        "coder_note": "",
    }, columns=CODING_SHEET_COLUMNS)


# --------------------------------------------------------------------------- reading codes


def _parse_codes(cell: str, valid: set[str], path: Path, line: int) -> frozenset[str] | None:
    """The frame ids of one ``human_frames`` cell; None when the cell is blank (not coded)."""
    text = cell.strip()
    if not text:
        return None
    codes = [c.strip().lower() for c in _SEPARATORS.split(text) if c.strip()]
    if NO_FRAME in codes:
        if len(codes) > 1:
            raise CodingSheetError(f"{path}, line {line}: {text!r} mixes '{NO_FRAME}' with frame ids; "
                                   f"use '{NO_FRAME}' alone for a sentence without a frame")
        return frozenset()
    unknown = [c for c in codes if c not in valid]
    if unknown:
        raise CodingSheetError(f"{path}, line {line}: unknown frame id(s) {', '.join(unknown)}; "
                               f"the codebook has: {', '.join(sorted(valid))} (or '{NO_FRAME}')")
    return frozenset(codes)


def load_coding_sheet(path: str | os.PathLike, frame_ids: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a coded sheet and check its codes against the codebook.

    Args:
        path: CSV with at least ``sentence_id``, ``text`` and ``human_frames``.
        frame_ids: The codebook's frame ids.

    Returns:
        ``(coded, not_coded)``: ``coded`` has ``line`` (line in the file, header =
        1), ``sentence_id``, ``target`` ("" if the sheet has no such column),
        ``text`` and ``human`` (a frozenset of frame ids, empty for ``none``);
        ``not_coded`` lists ``line`` and ``sentence_id`` of blank rows.

    Raises:
        CodingSheetError: Missing file or columns, a duplicated ``sentence_id``, an
            unknown frame id (naming the line), or no coded row at all.
    """
    path = Path(path)
    if not path.is_file():
        raise CodingSheetError(f"{path}: no such coding sheet; draw one with `analysis coding-sheet`")
    try:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CodingSheetError(f"{path}: not a readable UTF-8 CSV ({exc})") from exc
    missing = [c for c in ("sentence_id", "text", "human_frames") if c not in sheet.columns]
    if missing:
        raise CodingSheetError(f"{path}: missing column(s) {', '.join(missing)}; a coding sheet has "
                               f"{', '.join(CODING_SHEET_COLUMNS)}")
    dup = sheet["sentence_id"].duplicated()
    if dup.any():
        first = int(np.flatnonzero(dup.to_numpy())[0])
        raise CodingSheetError(f"{path}, line {first + 2}: sentence_id {sheet['sentence_id'].iloc[first]!r} "
                               "appears twice; code each sentence once")
    valid = {f.lower() for f in frame_ids}
    targets = sheet["target"] if "target" in sheet.columns else pd.Series("", index=sheet.index)
    rows, blank = [], []
    for i, (sid, target, text, cell) in enumerate(zip(sheet["sentence_id"], targets, sheet["text"], sheet["human_frames"])):
        line = i + 2
        if not text.strip():
            raise CodingSheetError(f"{path}, line {line}: empty text")
        codes = _parse_codes(cell, valid, path, line)
        if codes is None:
            blank.append((line, sid))
        else:
            rows.append((line, sid, target.strip(), text, codes))
    if not rows:
        raise CodingSheetError(f"{path}: no coded row; write frame ids (or '{NO_FRAME}') in the human_frames column")
    coded = pd.DataFrame(rows, columns=["line", "sentence_id", "target", "text", "human"])
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


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def _f1(tp: int, fp: int, fn: int) -> float:
    return _ratio(2 * tp, 2 * tp + fp + fn)


def _matrix(sets: Sequence[frozenset[str] | set[str]], frame_ids: Sequence[str]) -> np.ndarray:
    return np.array([[f in s for f in frame_ids] for s in sets], dtype=bool).reshape(len(sets), len(frame_ids))


def _micro_f1(h: Sequence, m: Sequence) -> float:
    H, M = np.asarray(h, dtype=bool), np.asarray(m, dtype=bool)
    tp = int((H & M).sum())
    return _f1(tp, int((~H & M).sum()), int((H & ~M).sum()))


def _macro_f1(h: Sequence, m: Sequence) -> float:
    H, M = np.asarray(h, dtype=bool), np.asarray(m, dtype=bool)
    scores = [_f1(int((H[:, j] & M[:, j]).sum()), int((~H[:, j] & M[:, j]).sum()), int((H[:, j] & ~M[:, j]).sum()))
              for j in range(H.shape[1]) if H[:, j].any() or M[:, j].any()]
    return float(np.mean(scores)) if scores else float("nan")


def _round(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 4)


def frame_agreement(
    human: Sequence[frozenset[str] | set[str]],
    machine: Sequence[frozenset[str] | set[str]],
    frame_ids: Sequence[str],
) -> pd.DataFrame:
    """Agreement of the codebook with the human coder, per frame and pooled.

    Each frame is a yes/no decision per sentence. Precision is the share of the
    codebook's labels the coder also gave, recall the share of the coder's labels
    the codebook found, kappa corrects the yes/no agreement for chance. The pooled
    row adds up the decisions of all frames (micro average; its kappa is over all
    sentence-frame decisions).

    Args:
        human: Per sentence, the coder's frame ids.
        machine: Per sentence, the codebook's frame ids (same order).
        frame_ids: The codebook's frame ids (row order).

    Returns:
        ``AGREEMENT_COLUMNS``, one row per frame then the pooled row. Undefined
        figures (no label on either side) are NaN.

    Raises:
        ValueError: If the two sequences differ in length or are empty.
    """
    if len(human) != len(machine) or not human:
        raise ValueError(f"need the same, non-zero number of human and machine codings ({len(human)} vs {len(machine)})")
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


def _sheet_target(coded: pd.DataFrame, target: str | None, path: str | os.PathLike) -> str:
    """The target to read the sheet for: the explicit one, else the sheet's own, else the default."""
    if target:
        return target
    named = sorted(set(coded["target"]) - {""})
    if len(named) > 1:
        raise CodingSheetError(f"{path}: the target column names several actors ({', '.join(named)}); "
                               "code one target per sheet or pass --target")
    return named[0] if named else config.DEFAULT_TARGET


def machine_frames(
    texts: Sequence[str],
    target: str = config.DEFAULT_TARGET,
    codebook=None,
) -> tuple[list[frozenset[str]], list[str]]:
    """The codebook's frames of each sentence, read from the text alone (as in the pipeline).

    Args:
        texts: Sentences.
        target: Target actor.
        codebook: A codebook, a YAML path, or None (packaged).

    Returns:
        ``(frames, indicators)``: per sentence the frame ids and the matched words.
    """
    from analysis.actors import find_mentions
    from analysis.framing import assign_frames

    ids = [f"sheet:{i:06d}" for i in range(len(texts))]
    sentences = pd.DataFrame({"doc_id": "sheet", "sentence_id": ids, "text": list(texts)})
    found = assign_frames(sentences, find_mentions(sentences), target=target, codebook=codebook)
    frames = {i: frozenset(g["frame"]) for i, g in found.groupby("sentence_id")}
    words = {i: "; ".join(f"{f}: {w}" for f, w in zip(g["frame"], g["indicators"])) for i, g in found.groupby("sentence_id")}
    return [frames.get(i, frozenset()) for i in ids], [words.get(i, "") for i in ids]


def evaluate_frames(
    path: str | os.PathLike,
    codebook=None,
    target: str | None = None,
    n_boot: int = 1000,
    seed: int = config.RANDOM_SEED,
) -> dict:
    """Measure the codebook against a coded sheet.

    Args:
        path: The coded sheet (see :func:`load_coding_sheet`).
        codebook: A codebook, a YAML path, or None (packaged).
        target: Target actor; None: the sheet's ``target`` column (else Russia).
        n_boot: Bootstrap resamples (over sentences) for the pooled figures.
        seed: Bootstrap seed.

    Returns:
        JSON-ready dict: ``n`` (coded sentences), ``not_coded`` (lines of blank
        rows), ``micro`` (precision, recall, F1, kappa of the pooled decisions),
        ``pooled_counts`` (labels given by the coder, by the codebook, by both),
        ``macro_f1``, ``exact_match`` (share of sentences with the same frame set),
        ``ci`` (95% bootstrap intervals of micro and macro F1) and ``per_frame``.

    Raises:
        CodingSheetError: For a bad sheet.
    """
    from analysis.evaluate import bootstrap_ci
    from analysis.framing import _as_codebook

    book = _as_codebook(codebook)
    coded, blank = load_coding_sheet(path, book.ids)
    target = _sheet_target(coded, target, path)
    machine, _ = machine_frames(coded["text"].tolist(), target=target, codebook=book)
    table = frame_agreement(coded["human"].tolist(), machine, book.ids)
    H, M = _matrix(coded["human"].tolist(), book.ids), _matrix(machine, book.ids)
    pooled = table[table["frame"] == POOLED].iloc[0]
    per_frame = {r.frame: {k: (None if isinstance(v, float) and math.isnan(v) else v)
                           for k, v in r._asdict().items() if k not in ("frame", "Index")}
                 for r in table[table["frame"] != POOLED].itertuples()}
    return {
        "file": str(path),
        "target": target,
        "codebook": str(book.path),
        "n": len(coded),
        "not_coded": blank["line"].tolist(),
        "micro": {k: _round(float(pooled[k])) for k in ("precision", "recall", "f1", "kappa")},
        "pooled_counts": {k: int(pooled[k]) for k in ("n_human", "n_machine", "n_both")},
        "macro_f1": _round(_macro_f1(H, M)),
        "exact_match": round(float(np.mean([set(h) == set(m) for h, m in zip(coded["human"], machine)])), 4),
        "ci": {
            "micro_f1": list(bootstrap_ci(_micro_f1, H, M, n=n_boot, seed=seed)),
            "macro_f1": list(bootstrap_ci(_macro_f1, H, M, n=n_boot, seed=seed)),
            "level": 0.95, "n_boot": n_boot,
        },
        "per_frame": per_frame,
    }


def frame_validation_table(result: dict) -> pd.DataFrame:
    """The result of :func:`evaluate_frames` as a table (``tables/frame_validation.csv``).

    Args:
        result: Output of :func:`evaluate_frames`.

    Returns:
        ``FRAME_VALIDATION_COLUMNS``: one row per frame, the pooled row (with the
        bootstrap interval of its F1) and the macro-average row (F1 only, with its
        interval); ``exact_match``, ``n_not_coded`` and ``sheet`` repeat on every row.

    Example:
        >>> r = {"n": 2, "not_coded": [], "file": "s.csv", "exact_match": 0.5, "macro_f1": 0.5,
        ...      "micro": {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "kappa": 0.5},
        ...      "ci": {"micro_f1": [0.0, 1.0], "macro_f1": [0.0, 1.0]},
        ...      "per_frame": {"mediator": {"n_sentences": 2, "n_human": 2, "n_machine": 1, "n_both": 1,
        ...                    "precision": 1.0, "recall": 0.5, "f1": 0.6667, "kappa": None}},
        ...      "pooled_counts": {"n_human": 2, "n_machine": 1, "n_both": 1}}
        >>> frame_validation_table(r)["frame"].tolist()
        ['mediator', 'all frames (pooled)', 'mean over frames (macro)']
    """
    rows = [{"frame": frame, **figures} for frame, figures in result["per_frame"].items()]
    rows.append({"frame": POOLED, "n_sentences": result["n"], **result["pooled_counts"], **result["micro"],
                 "f1_ci_low": result["ci"]["micro_f1"][0], "f1_ci_high": result["ci"]["micro_f1"][1]})
    rows.append({"frame": MACRO, "n_sentences": result["n"], "f1": result["macro_f1"],
                 "f1_ci_low": result["ci"]["macro_f1"][0], "f1_ci_high": result["ci"]["macro_f1"][1]})
    table = pd.DataFrame(rows, columns=FRAME_VALIDATION_COLUMNS)
    table["exact_match"] = result["exact_match"]
    table["n_not_coded"] = len(result["not_coded"])
    table["sheet"] = str(result["file"])
    for col in ("n_human", "n_machine", "n_both"):
        table[col] = table[col].astype("Int64")
    return table


def frame_disagreements(
    path: str | os.PathLike,
    codebook=None,
    target: str | None = None,
) -> pd.DataFrame:
    """The coded sentences where the codebook and the coder differ.

    Args:
        path: The coded sheet.
        codebook: A codebook, a YAML path, or None (packaged).
        target: Target actor; None: the sheet's ``target`` column (else Russia).

    Returns:
        ``line, sentence_id, text, human, codebook, codebook_only, coder_only,
        indicators`` (frame ids ``|``-joined), in file order.
    """
    from analysis.framing import _as_codebook

    book = _as_codebook(codebook)
    coded, _ = load_coding_sheet(path, book.ids)
    target = _sheet_target(coded, target, path)
    machine, words = machine_frames(coded["text"].tolist(), target=target, codebook=book)
    join = lambda s: "|".join(sorted(s)) or NO_FRAME  # noqa: E731
    out = coded.assign(
        codebook=[join(m) for m in machine],
        codebook_only=["|".join(sorted(m - h)) for h, m in zip(coded["human"], machine)],
        coder_only=["|".join(sorted(h - m)) for h, m in zip(coded["human"], machine)],
        indicators=words,
    )
    out["human"] = [join(h) for h in coded["human"]]
    out = out[(out["codebook_only"] != "") | (out["coder_only"] != "")]
    return out[["line", "sentence_id", "text", "human", "codebook", "codebook_only", "coder_only", "indicators"]].reset_index(drop=True)


# --------------------------------------------------------------------------- CLI


def main_coding_sheet(argv: list[str] | None = None) -> int:
    """``analysis coding-sheet [REPORT_DIR] [--n N] [--seed S] --out FILE``.

    Writes the blind sample and, beside it, ``<FILE stem>_codebook.csv`` with the
    frame ids and definitions the coder needs.

    Args:
        argv: Command-line arguments after ``coding-sheet``.

    Returns:
        0 on success; 2 on bad arguments or missing tables (message on stderr).
    """
    from analysis.framing import load_codebook
    from analysis.io import read_table, write_table

    parser = argparse.ArgumentParser(prog="analysis coding-sheet",
                                     description="Draw a blind sample of target sentences for hand-coding frames.")
    parser.add_argument("report_dir", nargs="?", default=str(config.REPORTS_DIR),
                        help="output folder of a report run (default: reports/)")
    parser.add_argument("--n", type=int, default=100, help="sentences to sample (default: 100)")
    parser.add_argument("--seed", type=int, default=config.RANDOM_SEED, help="random seed")
    parser.add_argument("--codebook", default=None, help="codebook YAML (default: the one the run used)")
    parser.add_argument("--out", required=True, help="CSV to write")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    tables = Path(args.report_dir) / "tables"
    try:
        sentences = read_table(tables / "sentences.csv")
        documents = read_table(tables / "documents.csv")
        run = json.loads((tables / "run.json").read_text()) if (tables / "run.json").is_file() else {}
        params = run.get("parameters", {})
        target = params.get("target") or config.DEFAULT_TARGET
        sheet = coding_sheet(sentences, documents, n=args.n, seed=args.seed, target=target)
        # The run's own codebook, so the definitions match the frames the report used.
        run_codebook = config.PROJ_ROOT / params["codebook"] if params.get("codebook") else None
        book = load_codebook(args.codebook or run_codebook)
    except (FileNotFoundError, ValueError) as exc:
        print(f"analysis coding-sheet: {exc} (run `analysis report --out {args.report_dir}` first)", file=sys.stderr)
        return 2
    out = Path(args.out)
    write_table(sheet, out)
    write_table(book.table()[["id", "label", "definition"]], out.with_name(out.stem + "_codebook.csv"))
    print(out)
    return 0
