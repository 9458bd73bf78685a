"""Command line: a thin layer over the library functions the notebooks call.

Commands::

    analysis report [--corpus PATH] [--target NAME] [--out DIR] [--speakers YAML] [--lexicon YAML] [-p KEY=VALUE ...]
    analysis render EXECUTED.ipynb REPORT.html
    analysis evaluate newsmtsc FILE [--scorer NAME]
    analysis evaluate nyt FILE [--scorer NAME]
    analysis coding-sheet [REPORT_DIR] [--n N] [--seed S] [--codebook YAML] [--exclude SHEET] [--force] --out FILE
    analysis evaluate coding CODED_SHEET [--scorer NAME] [--codebook YAML] [--target NAME]
    analysis train [--out DIR] [--seed N] [--train FILE] [--ratings DIR] [--transformer]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

__all__ = ["main", "build_parser"]


def _key_value(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    key, value = text.split("=", 1)
    return key.strip(), value


def _parameter_epilog() -> str:
    """The notebooks' parameters for ``analysis report --help`` (read from their parameters cells)."""
    try:
        from analysis.report import parameter_help

        rows = parameter_help()
    except Exception as exc:  # help must still print if a notebook is unreadable
        return f"notebook parameters could not be read: {exc}"
    lines = ["notebook parameters (-p KEY=VALUE; the options above set the same names):"]
    lines += [f"  {name} ({kind}): {text}" for name, kind, text in rows]
    return "\n".join(lines)


def build_parser(describe_parameters: bool = True) -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and documentation).

    Args:
        describe_parameters: List the notebooks' parameters in ``report --help`` (reads
            every notebook; skipped when no help is asked for).
    """
    parser = argparse.ArgumentParser(prog="analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    rep = sub.add_parser("report", help="run the notebook series with papermill and render report.html",
                         description="Run the numbered notebooks on a corpus with papermill and render the narrative "
                                     "report (OUT/report.html, tables in OUT/tables, figures in OUT/figures).",
                         epilog=_parameter_epilog() if describe_parameters else None,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    rep.add_argument("--corpus", help="corpus: folder of .txt files, or a .csv/.jsonl/.parquet file (default: seeds/)")
    rep.add_argument("--target", help="target actor from the lexicon (default: Russia)")
    rep.add_argument("--out", help="output folder (default: reports/)")
    rep.add_argument("--codebook", help="framing codebook YAML (default: the packaged one)")
    rep.add_argument("--speakers", help="speaker registry YAML: who is quoted, under which names (default: the packaged "
                                        "one; copy src/analysis/data/speakers.yaml and add your corpus's speakers)")
    rep.add_argument("--lexicon", help="actor lexicon YAML: which words name which actor; add an actor here to make it "
                                       "a --target (default: the packaged one; copy src/analysis/data/actors.yaml)")
    rep.add_argument("--scorer", help="stance and tone scorer name (default: best installed)")
    rep.add_argument("--engine", choices=["local", "dask"], help="scoring engine (default: local)")
    rep.add_argument("--workers", type=int, help="worker processes (default: 1)")
    rep.add_argument("--scheduler", help="address of an existing Dask scheduler (with --engine dask)")
    rep.add_argument("-p", "--parameter", action="append", type=_key_value, default=[], metavar="KEY=VALUE",
                     help="any other notebook parameter, e.g. -p date_order=month-first (US dates) or "
                          "-p keep_non_english=true; unknown names are rejected")
    rep.add_argument("--no-progress", action="store_true", help="hide progress bars")

    ev = sub.add_parser("evaluate", help="measure a scorer against human-labelled data; prints JSON")
    ev.add_argument("rest", nargs=argparse.REMAINDER,
                    help="newsmtsc FILE | nyt FILE [--scorer NAME] | coding CODED_SHEET [--scorer NAME] [--codebook YAML] [--target NAME] "
                         "(see `analysis evaluate --help`)")

    cs = sub.add_parser("coding-sheet", help="draw a random sample of target sentences to hand-code frames and stance")
    cs.add_argument("rest", nargs=argparse.REMAINDER, help="[REPORT_DIR] [--n N] [--seed S] [--codebook YAML] [--exclude SHEET] [--force] --out FILE")

    rn = sub.add_parser("render", help="render a notebook executed with papermill as HTML without code (like report.html)",
                        description="Render an executed notebook (e.g. 06_report.ipynb run with papermill) as the "
                                    "narrative HTML page `analysis report` writes: code and prompts hidden.")
    rn.add_argument("executed", help="the executed notebook (.ipynb)")
    rn.add_argument("html", help="the HTML file to write (written atomically)")

    tr = sub.add_parser("train", help="retrain the shipped models (fixed seed)")
    tr.add_argument("rest", nargs=argparse.REMAINDER, help="[--out DIR] [--seed N] [--train FILE] [--ratings DIR] [--transformer]")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``analysis`` console script.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit code: 0 on success, 2 on bad input or a failed run, 130 when interrupted (Ctrl-C).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    # `evaluate`, `coding-sheet` and `train` own their options; argparse's REMAINDER would refuse a
    # leading option such as `train --transformer`, so they get the raw arguments.
    if argv[:1] == ["evaluate"]:
        from analysis.evaluate import main_evaluate

        return main_evaluate(argv[1:])
    if argv[:1] == ["coding-sheet"]:
        from analysis.coding import main_coding_sheet

        return main_coding_sheet(argv[1:])
    if argv[:1] == ["train"]:
        from analysis.train import main_train

        return main_train(argv[1:])
    args = build_parser(describe_parameters=bool({"-h", "--help"} & set(argv))).parse_args(argv)

    from analysis.report import ReportError, ReportInterrupted, render_executed, run_report

    if args.command == "render":
        try:
            print(render_executed(Path(args.executed), Path(args.html)))
        except ReportError as err:
            print(f"analysis render: {err}", file=sys.stderr)
            return 2
        return 0

    params: dict[str, str | int] = dict(args.parameter)
    for key in ("corpus", "target", "codebook", "speakers", "lexicon", "scorer", "engine", "workers", "scheduler"):
        value = getattr(args, key)
        if value is not None:
            params[key] = value
    try:
        html = run_report(params, out_dir=args.out, progress=not args.no_progress)
    except (ReportInterrupted, KeyboardInterrupt) as err:  # Ctrl-C: a sentence, not a traceback
        print(f"analysis report: {err or 'interrupted; no report was written'}", file=sys.stderr)
        return 130
    except (ReportError, FileNotFoundError, ValueError) as err:
        print(f"analysis report: {err}", file=sys.stderr)
        return 2
    print(html)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
