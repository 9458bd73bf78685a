"""The validation figures shown in the report: every installed scorer on every benchmark.

Builds on :mod:`analysis.evaluate` (metrics, loaders, bootstrap intervals) and
returns one tidy table, so the validation notebook and the report's prose read
the same numbers.

Example:
    >>> table, matrices = validation_table(scorers=["textblob"], n_bootstrap=20)
    >>> table[["scorer", "dataset", "metric"]].values.tolist()
    [['textblob', 'newsmtsc dev_rw', 'macro_f1'], ['textblob', 'newsmtsc dev_mt', 'macro_f1'], ['textblob', 'nyt dev', 'pearson_r']]
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import pandas as pd

from analysis import config

__all__ = ["benchmark_files", "benchmarks_dir_of", "validation_table", "VALIDATION_COLUMNS", "DEFAULT_N_BOOTSTRAP"]

VALIDATION_COLUMNS = [
    "scorer", "dataset", "metric", "value", "ci_low", "ci_high", "n", "accuracy", "spearman_r", "file", "n_bootstrap",
]
#: Bootstrap resamples of the validation intervals (notebook 05's ``n_bootstrap`` default).
DEFAULT_N_BOOTSTRAP = 1000


def benchmark_files(benchmarks_dir: str | os.PathLike | None = None) -> dict[str, tuple[str, Path]]:
    """The dev files the report validates on: dataset name -> (kind, path).

    Args:
        benchmarks_dir: Folder with ``newsmtsc/`` and ``nyt_editorials/`` (default
            ``config.BENCHMARKS_DIR``).

    Returns:
        Ordered mapping ``{"newsmtsc dev_rw": ("newsmtsc", path), ...}``.

    Raises:
        FileNotFoundError: If a file is missing (names it).
    """
    root = Path(benchmarks_dir) if benchmarks_dir else config.BENCHMARKS_DIR
    files = {
        "newsmtsc dev_rw": ("newsmtsc", root / "newsmtsc" / "dev_rw.jsonl"),
        "newsmtsc dev_mt": ("newsmtsc", root / "newsmtsc" / "dev_mt.jsonl"),
        "nyt dev": ("nyt", root / "nyt_editorials" / "dev.tsv"),
    }
    for _, (_, path) in files.items():
        if not path.is_file():
            raise FileNotFoundError(f"{path}: benchmark file missing; see data/benchmarks/README.md")
    return files


def validation_table(
    benchmarks_dir: str | os.PathLike | None = None,
    scorers: Sequence[str] | None = None,
    n_bootstrap: int = DEFAULT_N_BOOTSTRAP,
) -> tuple[pd.DataFrame, dict[tuple[str, str], dict]]:
    """Measure scorers against the human labels of every benchmark file.

    Args:
        benchmarks_dir: Folder of the benchmark files (default: the project's copy).
        scorers: Scorer names (default: every installed scorer).
        n_bootstrap: Bootstrap resamples for the 95% confidence intervals.

    Returns:
        ``(table, matrices)``: ``table`` has one row per (scorer, dataset) with
        ``VALIDATION_COLUMNS`` (``metric`` is ``macro_f1`` for NewsMTSC and
        ``pearson_r`` for NYT; ``file`` is relative to the project when inside it,
        else absolute; ``n_bootstrap`` is the resamples behind the interval);
        ``matrices[(scorer, dataset)]`` holds
        ``{"labels", "matrix"}`` of the NewsMTSC confusion matrices (rows: human label).
    """
    from analysis.evaluate import evaluate_file
    from analysis.scorers import available_scorers, get_scorer

    files = benchmark_files(benchmarks_dir)
    names = list(scorers) if scorers is not None else available_scorers()
    rows, matrices = [], {}
    for name in names:
        scorer = get_scorer(name)
        for dataset, (kind, path) in files.items():
            r = evaluate_file(kind, path, scorer, n_boot=n_bootstrap)
            metric = "macro_f1" if kind == "newsmtsc" else "pearson_r"
            low, high = r["ci"][metric]
            rows.append(
                {
                    "scorer": name,
                    "dataset": dataset,
                    "metric": metric,
                    "value": r[metric],
                    "ci_low": round(float(low), 4),
                    "ci_high": round(float(high), 4),
                    "n": r["n"],
                    "accuracy": r.get("accuracy", float("nan")),
                    "spearman_r": r.get("spearman_r", float("nan")),
                    "file": _display(path),
                    "n_bootstrap": n_bootstrap,
                }
            )
            if kind == "newsmtsc":
                matrices[(name, dataset)] = {"labels": r["labels"], "matrix": r["confusion_matrix"]}
    return pd.DataFrame(rows, columns=VALIDATION_COLUMNS), matrices


def _display(path: Path) -> str:
    # Inside the project: relative, so committed tables do not name the machine.
    path = path.resolve()
    return path.relative_to(config.PROJ_ROOT).as_posix() if path.is_relative_to(config.PROJ_ROOT) else path.as_posix()


def benchmarks_dir_of(validation: pd.DataFrame) -> str:
    """The ``benchmarks_dir`` a validation table was measured on ('' for the project's copy).

    The inverse of :func:`benchmark_files` on the table's ``file`` column, so a
    rerun command can repeat it.

    Example:
        >>> table = pd.DataFrame({"file": ["/data/mine/newsmtsc/dev_rw.jsonl", "/data/mine/nyt_editorials/dev.tsv"]})
        >>> benchmarks_dir_of(table)
        '/data/mine'
        >>> benchmarks_dir_of(pd.DataFrame({"file": ["data/benchmarks/nyt_editorials/dev.tsv"]}))
        ''
    """
    if "file" not in validation.columns or validation.empty:
        return ""
    # Relative file names are relative to the project (see _display), not to the working folder.
    folders = sorted({_display((config.PROJ_ROOT / str(f)).parent.parent) for f in validation["file"].dropna()})
    if len(folders) != 1 or folders[0] == _display(config.BENCHMARKS_DIR):
        return ""
    return folders[0]
