"""Run the notebook series with papermill and render the narrative report.

The series lives in ``notebooks/`` (``01_corpus.ipynb`` ... ``06_report.ipynb``).
Each notebook has one ``parameters`` cell; :func:`run_report` passes each
notebook only the parameters it declares, rejects parameters no notebook
declares (papermill itself only warns), stops at the first failing notebook
with the notebook, cell and error in the message, and keeps the partial
executed notebook for debugging.

Output folder layout::

    OUT/report.html          the narrative report (code hidden)
    OUT/executed/*.ipynb     executed notebooks
    OUT/figures/*.png        figures
    OUT/tables/*.csv         tables (documents, sentences, quotes, frames, ...)
    OUT/run.json             what was run, and whether it finished

``report.html`` is removed when a run starts and written (atomically) only when
every notebook has succeeded, so a failed run never leaves a report that looks
complete.

Example:
    >>> series = notebook_series()
    >>> [p.name for p in series][:2]
    ['01_corpus.ipynb', '02_sentiment.ipynb']
    >>> coerce_parameter("workers", "2", {"workers": "int"})
    2
"""

from __future__ import annotations

import json
import os
import shlex
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from analysis import config
from analysis.io import write_text

if TYPE_CHECKING:  # pandas is imported lazily: `analysis report --help` stays quick
    import pandas as pd

__all__ = [
    "display_path",
    "rerun_command",
    "parameter_help",
    "RunConfig",
    "ReportError",
    "ReportInterrupted",
    "notebook_series",
    "notebook_parameters",
    "check_injected_parameters",
    "coerce_parameter",
    "resolve_run_config",
    "checked_date_order",
    "ensure_tables",
    "run_fingerprints",
    "write_summary_tables",
    "SUMMARY_TABLES",
    "run_report",
    "render_html",
    "render_executed",
]


class ReportError(RuntimeError):
    """A report run failed; the message names the notebook, cell and error."""


class ReportInterrupted(ReportError):
    """The user interrupted a report run (Ctrl-C); ``run.json`` says ``interrupted``."""


@dataclass(frozen=True)
class RunConfig:
    """Resolved parameters of one analysis run (paths absolute, defaults filled in).

    Attributes:
        corpus: Corpus path (file or folder).
        target: Target actor (canonical lexicon name).
        codebook: Framing codebook YAML.
        scorer: Stance scorer name ('' = best installed).
        out_dir: Output folder.
        engine: ``local`` or ``dask``.
        workers: Number of worker processes.
        scheduler: Dask scheduler address ('' = start a LocalCluster).
        speakers: Speaker registry YAML (who is quoted, under which names).
        lexicon: Actor lexicon YAML (which words name which actor; the target must be one of its actors).
        date_order: How the loader reads a numeric date that reads both ways (``04/05/2021``):
            ``day-first`` (4 May) or ``month-first`` (US style, 5 April).
        keep_non_english: Keep documents that are clearly not English (by default they are
            skipped with the reason: every lexicon and model here reads English).
    """

    corpus: Path
    target: str
    codebook: Path
    scorer: str
    out_dir: Path
    engine: str = "local"
    workers: int = 1
    scheduler: str = ""
    speakers: Path = config.SPEAKER_REGISTRY_PATH
    lexicon: Path = config.ACTOR_LEXICON_PATH
    date_order: str = config.DEFAULT_DATE_ORDER
    keep_non_english: bool = False

    @property
    def tables_dir(self) -> Path:
        return self.out_dir / "tables"

    @property
    def figures_dir(self) -> Path:
        return self.out_dir / "figures"

    @property
    def codebook_written_on_corpus(self) -> bool:
        """True for the packaged codebook on the seed corpus, whose sentences are its examples
        (agreement measured there overstates agreement on other news)."""
        return self.corpus.resolve() == config.SEEDS_DIR.resolve() and self.codebook.resolve() == config.CODEBOOK_PATH.resolve()

    def as_json(self) -> dict[str, Any]:
        """Parameters that determine the results, as JSON-safe values.

        Paths are relative to the project when inside it; the engine, worker
        count, scheduler and output folder are left out because they do not
        change the tables.
        """
        out = {}
        for key, value in asdict(self).items():
            if key in {"engine", "workers", "scheduler", "out_dir"}:
                continue
            out[key] = display_path(value) if isinstance(value, Path) else value
        return out


def display_path(path: str | os.PathLike) -> str:
    """``path`` relative to the project when inside it, else absolute (POSIX form).

    Example:
        >>> display_path(config.REPORTS_DIR / "tables")
        'reports/tables'
    """
    p = Path(path).resolve()
    try:
        return p.relative_to(config.PROJ_ROOT).as_posix()
    except ValueError:
        return p.as_posix()


def rerun_command(cfg: RunConfig, validation: pd.DataFrame | None = None) -> str:
    """The ``analysis report`` command that repeats this run (options only where not the default).

    For how-tos in the report ("rerun with ... -p coding_sheet=sheet.csv"): without the
    corpus and output folder they would rerun the seeds into ``reports/``.

    Args:
        cfg: The run's configuration.
        validation: The run's validation table (notebook 05), if any: its
            benchmark folder and bootstrap resamples are repeated when not the
            default (``-p benchmarks_dir=...``, ``-p n_bootstrap=...``).

    Returns:
        One shell command line.

    Example:
        >>> rerun_command(resolve_run_config())
        'analysis report'
        >>> rerun_command(resolve_run_config(target="Armenia", out_dir="reports/armenia"))
        'analysis report --target Armenia --out reports/armenia'
        >>> rerun_command(resolve_run_config(date_order="month-first"))
        'analysis report -p date_order=month-first'
        >>> import pandas as pd
        >>> rerun_command(resolve_run_config(), pd.DataFrame({"file": ["/d/nyt_editorials/dev.tsv"], "n_bootstrap": [200]}))
        'analysis report -p benchmarks_dir=/d -p n_bootstrap=200'
    """
    parts = ["analysis report"]
    defaults = resolve_run_config()
    for option, value, default in (
        ("--corpus", cfg.corpus, defaults.corpus),
        ("--target", cfg.target, defaults.target),
        ("--codebook", cfg.codebook, defaults.codebook),
        ("--speakers", cfg.speakers, defaults.speakers),
        ("--lexicon", cfg.lexicon, defaults.lexicon),
        ("--scorer", cfg.scorer, defaults.scorer),
        ("--out", cfg.out_dir, defaults.out_dir),
    ):
        if value != default:
            text = display_path(value) if isinstance(value, Path) else str(value)
            parts.append(f"{option} {shlex.quote(text)}")
    if cfg.engine != "local" or cfg.workers != 1:
        parts.append(f"--engine {cfg.engine} --workers {cfg.workers}")
    if cfg.scheduler:
        parts.append(f"--scheduler {shlex.quote(cfg.scheduler)}")
    # Loader options have no option of their own: -p, in the form coerce_parameter reads back.
    if cfg.date_order != defaults.date_order:
        parts.append(f"-p {shlex.quote('date_order=' + cfg.date_order)}")
    if cfg.keep_non_english != defaults.keep_non_english:
        parts.append(f"-p keep_non_english={str(cfg.keep_non_english).lower()}")
    if validation is not None:
        from analysis.validation import DEFAULT_N_BOOTSTRAP, benchmarks_dir_of

        folder = benchmarks_dir_of(validation)
        if folder:
            parts.append(f"-p {shlex.quote('benchmarks_dir=' + folder)}")
        resamples = sorted(set(validation["n_bootstrap"].dropna().astype(int))) if "n_bootstrap" in validation else []
        if len(resamples) == 1 and resamples[0] != DEFAULT_N_BOOTSTRAP:
            parts.append(f"-p n_bootstrap={resamples[0]}")
    return " ".join(parts)


def checked_date_order(value: Any) -> str:
    """The ``date_order`` parameter checked by the loader's own check ('' is the default, ``day-first``).

    Raises:
        ValueError: ``corpus.CorpusError``, naming the allowed values and what they mean.

    Example:
        >>> checked_date_order("month-first"), checked_date_order("")
        ('month-first', 'day-first')
    """
    from analysis.corpus import checked_date_order as loader_checked_date_order

    # '' means the default, as for every notebook parameter; the loader itself takes no ''.
    return loader_checked_date_order(value if value != "" else config.DEFAULT_DATE_ORDER)


def resolve_run_config(
    corpus: str = "",
    target: str = "",
    codebook: str = "",
    scorer: str = "",
    out_dir: str = "",
    engine: str = "local",
    workers: int = 1,
    scheduler: str = "",
    speakers: str = "",
    lexicon: str = "",
    date_order: str = config.DEFAULT_DATE_ORDER,
    keep_non_english: bool | str = False,
) -> RunConfig:
    """Turn notebook parameters ('' = default) into a :class:`RunConfig`.

    Relative paths are taken from the project root, so notebooks executed in
    ``notebooks/`` and commands run at the top agree.

    Args:
        corpus: Corpus path; '' means the seed corpus.
        target: Target actor; '' means ``config.DEFAULT_TARGET``.
        codebook: Codebook path; '' means the packaged codebook.
        scorer: Scorer name; '' means the best installed scorer.
        out_dir: Output folder; '' means ``config.REPORTS_DIR``.
        engine: ``local`` or ``dask``.
        workers: Worker processes (>= 1).
        scheduler: Dask scheduler address ('' = a LocalCluster when engine is dask).
        speakers: Speaker registry YAML; '' means the packaged registry.
        lexicon: Actor lexicon YAML; '' means the packaged lexicon.
        date_order: ``day-first`` or ``month-first`` (how ``04/05/2021`` is read); '' means day-first.
        keep_non_english: Keep documents that are clearly not English. Text such as
            ``"false"`` is read as the boolean (``papermill -p keep_non_english false``
            injects the string, which Python would take as true).

    Returns:
        The resolved configuration.

    Raises:
        ValueError: For an unknown engine, workers < 1, a target the actor lexicon does not know,
            a ``date_order`` other than ``day-first``/``month-first``, or a ``keep_non_english``
            that is not true or false.

    Example:
        >>> resolve_run_config(target="armenia").target
        'Armenia'
        >>> cfg = resolve_run_config()
        >>> cfg.target, cfg.out_dir == config.REPORTS_DIR
        ('Russia', True)
    """

    def as_path(value: str, default: Path) -> Path:
        if not value:
            return default
        p = Path(value).expanduser()
        return p if p.is_absolute() else (config.PROJ_ROOT / p)

    if engine not in {"local", "dask"}:
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    lexicon_path = as_path(lexicon, config.ACTOR_LEXICON_PATH)
    if target:  # the lexicon's spelling ("russia" -> "Russia"), so the prose names it properly
        from analysis.actors import load_lexicon, resolve_target

        target = resolve_target(target, None if lexicon_path == config.ACTOR_LEXICON_PATH else load_lexicon(lexicon_path))
    if int(workers) < 1:
        raise ValueError(f"workers must be at least 1, not {workers!r}")
    date_order = checked_date_order(date_order)
    keep = _as_bool(keep_non_english)
    if keep is None:
        raise ValueError(f"keep_non_english must be true or false, not {keep_non_english!r}")
    return RunConfig(
        corpus=as_path(corpus, config.SEEDS_DIR),
        target=target or config.DEFAULT_TARGET,
        codebook=as_path(codebook, config.CODEBOOK_PATH),
        scorer=scorer,
        out_dir=as_path(out_dir, config.REPORTS_DIR),
        engine=engine,
        workers=int(workers),
        scheduler=scheduler,
        speakers=as_path(speakers, config.SPEAKER_REGISTRY_PATH),
        lexicon=lexicon_path,
        date_order=date_order,
        keep_non_english=keep,
    )


def run_fingerprints(cfg: RunConfig) -> dict[str, str]:
    """Content fingerprints of what a run's tables depend on beyond its parameters.

    Args:
        cfg: Resolved run configuration.

    Returns:
        ``corpus`` and ``codebook`` (SHA-256 of the bytes, every file of a folder),
        ``package`` (the library's code and shipped models) and ``scorer`` (the
        resolved name: an empty ``scorer`` means the best installed one, which
        changes when the transformer extra is installed).
    """
    from analysis.cache import file_fingerprint, package_fingerprint
    from analysis.scorers import resolve_scorer_name

    return {
        "corpus": file_fingerprint(cfg.corpus),
        "codebook": file_fingerprint(cfg.codebook),
        "speakers": file_fingerprint(cfg.speakers),
        "lexicon": file_fingerprint(cfg.lexicon),
        "package": package_fingerprint(),
        "scorer": resolve_scorer_name(cfg.scorer or None),
    }


def ensure_tables(cfg: RunConfig, force: bool = False, progress: bool = False) -> dict[str, Path]:
    """Make sure the scored tables for ``cfg`` exist in ``cfg.tables_dir``.

    The first notebook builds them; later notebooks call this too so that each
    can run on its own with its defaults. Tables are rebuilt only when
    ``tables/run.json`` records other parameters (the pipeline's cache makes a
    rebuild with unchanged inputs cheap).

    Args:
        cfg: Resolved run configuration.
        force: Rebuild even if ``run.json`` matches.
        progress: Show progress bars (off inside notebooks to keep outputs stable).

    Returns:
        Mapping of table name to path.
    """
    from analysis import pipeline
    from analysis.coding import clear_coding_results

    stamp = cfg.tables_dir / "run.json"
    wanted = {**cfg.as_json(), "inputs": run_fingerprints(cfg)}
    if not force and stamp.exists():
        try:
            recorded = json.loads(stamp.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            recorded = {}
        if recorded.get("parameters") == wanted:
            if not all((cfg.tables_dir / f"{name}.csv").exists() for name in SUMMARY_TABLES):
                write_summary_tables(cfg.tables_dir)  # e.g. written by an older version of the package
            return {p.stem: p for p in sorted(cfg.tables_dir.glob("*.csv"))}
    # They measure the previous tables' labels; removed so that they are never read as this run's
    # (notebook 05 writes them again when a coded sheet is given).
    clear_coding_results(cfg.tables_dir)
    paths = pipeline.run_pipeline(
        cfg.corpus,
        cfg.out_dir,
        target=cfg.target,
        codebook=cfg.codebook,
        registry=cfg.speakers,
        lexicon=cfg.lexicon,
        scorer=cfg.scorer or None,
        engine=cfg.engine,
        workers=cfg.workers,
        scheduler=cfg.scheduler or None,
        progress=progress,
        date_order=cfg.date_order,
        keep_non_english=cfg.keep_non_english,
    )
    paths = dict(paths)
    paths.update(write_summary_tables(cfg.tables_dir))
    write_text(json.dumps({"parameters": wanted}, indent=2, sort_keys=True) + "\n", stamp)
    return paths


#: Tables derived from the scored tables by :func:`write_summary_tables`.
SUMMARY_TABLES: tuple[str, ...] = ("frame_counts", "voices", "article_summary")


def write_summary_tables(tables_dir: Path) -> dict[str, Path]:
    """Derive the per-document frame counts and the voices table from the scored tables.

    Args:
        tables_dir: Folder with ``sentences.csv``, ``frames.csv`` and ``quotes.csv``.

    Returns:
        Paths of ``frame_counts.csv``, ``voices.csv`` and ``article_summary.csv``
        (one row per article, :func:`analysis.narrative.article_summary`; the report
        lists only the top articles of a large corpus and points to this table).
    """
    from analysis.framing import frame_counts
    from analysis.io import read_table, write_table
    from analysis.narrative import article_summary
    from analysis.quotes import speaker_voices

    documents = read_table(tables_dir / "documents.csv")
    sentences = read_table(tables_dir / "sentences.csv")
    frames = read_table(tables_dir / "frames.csv")
    quotes = read_table(tables_dir / "quotes.csv")
    counts = frame_counts(frames)
    return {
        "frame_counts": write_table(counts, tables_dir / "frame_counts.csv"),
        "voices": write_table(speaker_voices(quotes, sentences, frames), tables_dir / "voices.csv"),
        "article_summary": write_table(article_summary(documents, sentences, counts), tables_dir / "article_summary.csv"),
    }


def notebook_series(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks of the series, in order.

    Args:
        folder: Notebook folder (default ``config.NOTEBOOKS_DIR``).

    Returns:
        Paths of ``NN_*.ipynb`` files sorted by name.

    Raises:
        ReportError: If the folder holds no numbered notebook.
    """
    folder = Path(folder or config.NOTEBOOKS_DIR)
    series = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if not series:
        raise ReportError(f"{folder}: no numbered notebooks (NN_name.ipynb) found")
    return series


def notebook_parameters(path: Path) -> dict[str, str]:
    """Parameters a notebook declares in its ``parameters`` cell, with their types.

    Args:
        path: Notebook path.

    Returns:
        Mapping of parameter name to inferred type name (``str``, ``int``, ...).

    Raises:
        ReportError: If the notebook has no cell tagged ``parameters``.
    """
    import papermill

    declared = papermill.inspect_notebook(str(path))
    if not declared:
        raise ReportError(f"{path}: no cell tagged 'parameters'; tag one so papermill can inject values")
    return {name: (info.get("inferred_type_name") or "str") for name, info in declared.items()}


def parameter_help(folder: Path | None = None) -> list[tuple[str, str, str]]:
    """Every parameter of the notebook series with its type and ``# help`` text (for ``analysis report --help``).

    Returns:
        ``(name, type, help)`` sorted by name; a parameter declared by several
        notebooks is listed once.

    Example:
        >>> [row for row in parameter_help() if row[0] == "target"][0][:2]
        ('target', 'str')
    """
    import papermill

    found: dict[str, tuple[str, str, str]] = {}
    for path in notebook_series(folder):
        for name, info in papermill.inspect_notebook(str(path)).items():
            text = str(info.get("help") or "").removeprefix("help:").strip()
            found.setdefault(name, (name, info.get("inferred_type_name") or "str", text))
    return [found[name] for name in sorted(found)]


#: First line of every notebook's ``parameters`` cell.
PARAMETERS_CELL_HEADER = "# Parameters: papermill injects values"
#: First line of the cell papermill injects after it.
_INJECTED_CELL_HEADER = "# Parameters\n"


def _assigned_names(source: str) -> list[str]:
    import ast

    names = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names.extend(t.id for t in targets if isinstance(t, ast.Name))
    return names


def check_injected_parameters(history: Sequence[str]) -> None:
    """Reject parameters that papermill injected but the notebook does not declare.

    papermill only warns about an unknown parameter (``-p taget Armenia``) and runs
    the notebook with the default, so a misspelt name would silently give a
    report about the wrong target. Each notebook's setup cell calls this with
    IPython's ``In`` (the sources of the cells run so far); without an injected
    cell (an interactive run) there is nothing to check.

    Args:
        history: Cell sources in execution order.

    Raises:
        ReportError: Naming the unknown parameters and the accepted ones.

    Example:
        >>> declared = PARAMETERS_CELL_HEADER + ' after this cell.\\ntarget: str = "Russia"  # help: actor\\n'
        >>> check_injected_parameters(["", declared, '# Parameters\\ntarget = "Armenia"\\n'])
        >>> try:
        ...     check_injected_parameters(["", declared, '# Parameters\\ntaget = "Armenia"\\n'])
        ... except ReportError as exc:
        ...     print(exc)
        unknown parameter(s) taget; this notebook accepts: target (papermill only warns; check the spelling)
    """
    declared_at = max((i for i, src in enumerate(history) if src.startswith(PARAMETERS_CELL_HEADER)), default=None)
    if declared_at is None:
        return
    injected = [src for src in history[declared_at + 1:] if src.startswith(_INJECTED_CELL_HEADER)]
    if not injected:
        return
    declared = _assigned_names(history[declared_at])
    unknown = sorted(set(_assigned_names(injected[-1])) - set(declared))
    if unknown:
        raise ReportError(
            f"unknown parameter(s) {', '.join(unknown)}; this notebook accepts: {', '.join(declared)} "
            "(papermill only warns; check the spelling)"
        )


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _as_bool(value: Any) -> bool | None:
    """``value`` as a boolean: a bool, or text such as ``true``/``no``; ``None`` when it is neither.

    Example:
        >>> _as_bool("False"), _as_bool(True), _as_bool("maybe")
        (False, True, None)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return None


def coerce_parameter(name: str, value: Any, types: Mapping[str, str]) -> Any:
    """Convert a command-line value (string) to the type the notebook declares.

    Args:
        name: Parameter name.
        value: Value (strings from ``-p KEY=VALUE`` are converted).
        types: Declared types (from :func:`notebook_parameters`).

    Returns:
        The converted value.

    Raises:
        ReportError: If the value does not parse as the declared type.
    """
    kind = types.get(name, "str")
    if not isinstance(value, str) or kind in {"str", "None"}:
        return value
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            if _as_bool(value) is None:
                raise ValueError(value)
            return _as_bool(value)
    except ValueError:
        raise ReportError(f"parameter {name!r} must be {kind}, got {value!r}") from None
    return value


def render_html(executed: Path, html_path: Path, nb: Any = None) -> Path:
    """Render an executed notebook as HTML without code (inputs and prompts hidden).

    Args:
        executed: Executed notebook.
        html_path: Destination (written atomically).
        nb: The notebook already read from ``executed`` (None: read it).

    Returns:
        ``html_path``.
    """
    import nbformat
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed), as_version=4) if nb is None else nb
    alts: dict[str, str] = {}  # PNG data -> text alternative (set by analysis.plots.show_figure)
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number}"  # papermill's injected cell has a random id: the same run, other bytes
        for output in cell.get("outputs", []):
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            if alt and "image/png" in output.get("data", {}):
                alts["".join(output["data"]["image/png"]).replace("\n", "")] = alt
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            anchor_link_text="")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": _report_title(nb)}})
    page = BeautifulSoup(body, features="html.parser")
    for image in page.select("img"):
        source = image.get("src", "")
        if source.startswith("data:image/png;base64,"):
            alt = alts.get(source.split(",", 1)[1].replace("\n", ""))
            if alt:  # matched by content: another image type before it cannot shift the texts
                image["alt"] = alt
    return write_text(str(page), html_path)


def render_executed(executed: Path, html_path: Path) -> Path:
    """:func:`render_html` for a notebook a user ran with papermill, with errors that say what is wrong.

    Args:
        executed: An executed notebook.
        html_path: Destination (written atomically).

    Returns:
        ``html_path``.

    Raises:
        ReportError: If the notebook is missing, not a notebook, not executed, or stopped with an error.
    """
    import nbformat

    if not executed.is_file():
        raise ReportError(f"{executed}: no such notebook")
    try:
        nb = nbformat.read(str(executed), as_version=4)
    except Exception as err:  # nbformat raises several types for a file that is not a notebook
        raise ReportError(f"{executed}: not a Jupyter notebook ({type(err).__name__}: {err})") from None
    if html_path.suffix == ".ipynb" or html_path.resolve() == executed.resolve():
        raise ReportError(f"{html_path}: the HTML would overwrite a notebook; name an .html file")
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    if not code or all(c.get("execution_count") is None for c in code):
        raise ReportError(f"{executed}: the notebook has not been executed; run it first, e.g. "
                          f"`papermill {executed.name} OUT.ipynb -p out_dir DIR`, and render OUT.ipynb")
    for number, cell in enumerate(code, 1):
        if cell.get("execution_count") is None:  # saved mid-run: the report would miss sections silently
            raise ReportError(f"{executed}: code cell {number} was not executed (the run stopped or is unfinished); "
                              "rerun the whole notebook first")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise ReportError(f"{executed}: a cell stopped with {output.get('ename', 'an error')}; "
                                  "fix the run before rendering it as a report")
    if not html_path.parent.is_dir():
        raise ReportError(f"{html_path}: its folder {html_path.parent} does not exist")
    return render_html(executed, html_path, nb)


def _report_title(nb: Any) -> str:
    """The first level-1 heading the notebook shows (cell or output), for the HTML ``<title>``."""
    for cell in nb.cells:
        texts = [cell.source] if cell.cell_type == "markdown" else [
            "".join(output.get("data", {}).get("text/markdown", "")) for output in cell.get("outputs", [])
        ]
        for text in texts:
            for line in text.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Report"


def _kernel_manager_class() -> type:
    """A kernel manager that encrypts the kernel's traffic (CurveZMQ) when pyzmq and the kernel support it.

    ipykernel >= 7.3 otherwise warns on every notebook that the kernel "is running over TCP without
    encryption"; with older jupyter_client (no such setting) it is the plain manager.
    """
    import zmq
    from jupyter_client.manager import AsyncKernelManager

    if "transport_encryption" not in AsyncKernelManager.class_trait_names() or not zmq.has("curve"):
        return AsyncKernelManager

    class EncryptedKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.transport_encryption = "auto"  # provisions keys only when the kernelspec declares support

    return EncryptedKernelManager


def run_report(
    parameters: Mapping[str, Any] | None = None,
    out_dir: str | os.PathLike | None = None,
    notebooks_dir: Path | None = None,
    progress: bool = True,
    kernel_name: str | None = None,
) -> Path:
    """Run the notebook series with papermill and render ``report.html``.

    Args:
        parameters: Notebook parameters (e.g. ``{"corpus": "seeds", "target": "Armenia"}``);
            each notebook receives the ones it declares.
        out_dir: Output folder (default ``config.REPORTS_DIR``); also passed as ``out_dir``.
        notebooks_dir: Where the series lives (default ``config.NOTEBOOKS_DIR``).
        progress: Show a bar per notebook (papermill's cell progress) and over the series.
        kernel_name: Jupyter kernel (default: the notebooks' own, ``python3``, which is
            the current environment's when installed with ``make install``).

    Returns:
        Path of ``report.html``.

    Raises:
        ReportError: For an unknown parameter, a badly typed value, or a failing
            notebook (the message names the notebook, the cell and the error, and
            where the partial executed notebook was kept).
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError
    from tqdm.auto import tqdm

    series = notebook_series(notebooks_dir)
    declared = {nb: notebook_parameters(nb) for nb in series}
    known: dict[str, str] = {}
    for types in declared.values():
        known.update(types)
    params = dict(parameters or {})
    out = Path(out_dir) if out_dir is not None else Path(params.get("out_dir") or config.REPORTS_DIR)
    out = out if out.is_absolute() else Path.cwd() / out
    params["out_dir"] = str(out)
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise ReportError(
            f"unknown parameter(s) {', '.join(unknown)}; the notebooks accept: {', '.join(sorted(known))}"
        )
    params = {k: coerce_parameter(k, v, known) for k, v in params.items()}
    missing = []
    for key in ("corpus", "codebook", "speakers", "lexicon", "coding_sheet", "benchmarks_dir"):
        if isinstance(params.get(key), str) and params[key]:
            given = Path(params[key]).expanduser()  # relative: from where the user runs the command
            params[key] = str(given if given.is_absolute() else Path.cwd() / given)
            if not Path(params[key]).exists():
                missing.append(f"{key}={params[key]}")
    if missing:  # before the notebooks run, not in notebook 05 after four of them
        raise ReportError(f"no such file or folder: {', '.join(missing)} (relative paths are read from {Path.cwd()})")
    if "date_order" in params:  # refused here, not in notebook 01's kernel
        try:
            checked_date_order(params["date_order"])
        except ValueError as err:
            raise ReportError(str(err)) from None
    if params.get("target"):  # an unknown actor fails here, not in a kernel; "russia" becomes "Russia"
        from analysis.actors import load_lexicon, resolve_target

        try:
            params["target"] = resolve_target(
                str(params["target"]), load_lexicon(params["lexicon"]) if params.get("lexicon") else None)
        except ValueError as err:
            raise ReportError(str(err)) from None

    executed_dir = out / "executed"
    if executed_dir.is_dir():  # a previous run's notebooks would sit beside this run's tables
        for old in executed_dir.glob("*.ipynb"):
            old.unlink()
    executed_dir.mkdir(parents=True, exist_ok=True)
    html_path = out / "report.html"
    if html_path.exists():
        html_path.unlink()
    status: dict[str, Any] = {"status": "running", "parameters": params, "notebooks": []}
    write_text(json.dumps(status, indent=2, sort_keys=True) + "\n", out / "run.json")

    kernel_manager = _kernel_manager_class()
    bar = tqdm(series, desc="notebooks", unit="nb", disable=not progress)
    for nb in bar:
        bar.set_postfix_str(nb.name)
        nb_params = {k: v for k, v in params.items() if k in declared[nb]}
        target = executed_dir / nb.name
        try:
            papermill.execute_notebook(
                str(nb),
                str(target),
                parameters=nb_params,
                progress_bar=progress,
                kernel_name=kernel_name,
                cwd=str(nb.parent),
                kernel_manager_class=kernel_manager,
            )
        except PapermillExecutionError as err:
            status.update(status="failed", failed_notebook=nb.name, cell=err.exec_count, error=f"{err.ename}: {err.evalue}")
            write_text(json.dumps(status, indent=2, sort_keys=True) + "\n", out / "run.json")
            raise ReportError(
                f"{nb.name} failed in cell [{err.exec_count}] with {err.ename}: {err.evalue}\n"
                f"The partial executed notebook is kept at {target}"
            ) from None
        except KeyboardInterrupt:
            status.update(status="interrupted", failed_notebook=nb.name)
            write_text(json.dumps(status, indent=2, sort_keys=True) + "\n", out / "run.json")
            raise ReportInterrupted(
                f"interrupted in {nb.name}; no report was written. The tables in {out / 'tables'} are whole "
                "(each is renamed into place only when complete); rerun the same command to finish."
            ) from None
        status["notebooks"].append(nb.name)
    bar.close()
    render_html(executed_dir / series[-1].name, html_path)
    status["status"] = "finished"
    write_text(json.dumps(status, indent=2, sort_keys=True) + "\n", out / "run.json")
    return html_path
