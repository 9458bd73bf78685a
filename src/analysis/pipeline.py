"""Compose the stages and run them over a corpus of any size, on any engine.

Two entry points:

* :func:`score_corpus` scores one in-memory set of documents (a notebook's small
  corpus, or one chunk inside a worker) and returns the ``sentences``,
  ``mentions``, ``frames`` and ``quotes`` tables.
* :func:`run_pipeline` streams chunks of documents from ``corpus.iter_corpus``,
  scores them on an engine (``local``: this process, or a process pool when
  ``workers > 1``; ``dask``: dask.distributed tasks), writes each chunk's tables
  as Parquet parts, and consolidates them into sorted CSV + Parquet tables.
  The tables are byte-identical whatever the engine and worker count.

Output layout of ``run_pipeline(corpus, out_dir)``::

    out_dir/parts/{table}/part-{i:05d}.parquet   one file per chunk and table
    out_dir/parts/{table}/part-{i:05d}.csv       (and its CSV, formatted by the worker)
    out_dir/tables/{table}.csv and .parquet      documents, sentences, mentions,
                                                 frames, quotes (sorted)
    out_dir/tables/skipped.csv                   documents the loader skipped
    out_dir/run_manifest.json                    engine, chunk counts (computed /
                                                 from cache), stage timings

Memory stays bounded: at most ``2 * workers`` chunks are in flight, workers
write their parts themselves (only small statistics travel back), and the
consolidation streams one part at a time. The only serial step, the
consolidation, concatenates CSV bytes the workers already formatted.

Example:
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d1"], "text": ["Russia helped Armenia."]})
    >>> docs = docs.assign(title="", published="", date_source="missing", outlet="",
    ...                    author="", n_words=3, source_path="", notes="", duplicate_of="")
    >>> tables = score_corpus(docs)
    >>> sorted(tables)
    ['frames', 'mentions', 'quotes', 'sentences']
    >>> tables["sentences"]["sentence_id"].tolist()
    ['d1:0000']
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import multiprocessing
import os
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from analysis import config
from analysis.cache import (
    ChunkCache,
    chunk_key,
    object_fingerprint,
    package_fingerprint,
    scorer_fingerprint,
)
from analysis.io import atomic_path, write_table

__all__ = [
    "TABLES",
    "CHUNK_TABLES",
    "PART_FORMATS",
    "STAGES",
    "Knowledge",
    "load_knowledge",
    "check_documents",
    "score_corpus",
    "run_pipeline",
]

logger = logging.getLogger(__name__)

#: Tables :func:`score_corpus` returns.
TABLES: tuple[str, ...] = ("sentences", "mentions", "frames", "quotes")
#: Tables written per chunk (and consolidated), in output order.
CHUNK_TABLES: tuple[str, ...] = ("documents",) + TABLES
#: Stage names used in timings (``load`` and ``write`` are measured by run_pipeline).
STAGES: tuple[str, ...] = ("split", "mentions", "sentiment", "stance", "frames", "quotes")
ENGINES: tuple[str, ...] = ("local", "dask")
#: Columns of the documents table (docs/ARCHITECTURE.md), for an all-skipped corpus.
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "title", "published", "date_source", "date_note", "outlet", "author", "text", "n_words",
    "source_path", "notes", "duplicate_of",
)
DASK_MISSING_MESSAGE: str = (
    "engine='dask' needs dask.distributed, which is not installed. Install it with "
    "`pip install .[dask]` (from the project folder) or `pip install 'dask[distributed]'`, "
    "or use engine='local'."
)


# --------------------------------------------------------------------------- knowledge
@dataclass
class Knowledge:
    """Everything a worker needs besides the documents, loaded once per process.

    Attributes:
        target: The actor whose stance and framing is analysed.
        lexicon: Actor lexicon (``actors.load_lexicon``).
        codebook: Frame codebook (``framing.load_codebook``).
        registry: Speaker registry (``speakers.load_speaker_registry``).
        scorer: Stance scorer object (``scorers.get_scorer``).
        fingerprint: Hashes of all of the above plus the package, for cache keys.
    """

    target: str
    lexicon: Any
    codebook: Any
    registry: Any
    scorer: Any
    fingerprint: dict[str, str] = field(default_factory=dict)


def _is_path_like(value: Any) -> bool:
    return value is None or isinstance(value, (str, os.PathLike))


@functools.lru_cache(maxsize=32)
def _load_file(kind: str, path: str | None, version: tuple[int, int] | None = None) -> Any:
    """Load one knowledge file (memoised per process: a worker loads it once).

    ``version`` (modification time and size) is part of the memo key, so a file edited
    in place, e.g. a codebook or speaker registry changed while a notebook kernel runs,
    is read again.
    """
    if kind == "lexicon":
        from analysis.actors import load_lexicon

        return load_lexicon(path)
    if kind == "codebook":
        from analysis.framing import load_codebook

        return load_codebook(path)
    if kind == "registry":
        from analysis.speakers import load_speaker_registry

        return load_speaker_registry(path)
    if kind == "scorer":
        # The same resolution score_stance applies (None = LexiconStanceScorer).
        from analysis.stance import resolve_scorer

        return resolve_scorer(path)
    raise ValueError(f"unknown knowledge kind {kind!r}")  # pragma: no cover


def _resolve(kind: str, value: Any) -> Any:
    """A loaded object as-is; a path/name/None through the per-process memo."""
    if not _is_path_like(value):
        return value
    if value is None:
        return _load_file(kind, None)
    path = os.fspath(value)
    try:
        stat = os.stat(path)
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:  # a scorer name, or a missing file (the loader names the problem)
        version = None
    return _load_file(kind, path, version)


def load_knowledge(
    target: str = config.DEFAULT_TARGET,
    codebook: Any = None,
    scorer: Any = None,
    lexicon: Any = None,
    registry: Any = None,
) -> Knowledge:
    """Load (or pass through) the lexicon, codebook, registry and scorer.

    Paths and names are loaded once per process and memoised, so calling this
    for every chunk costs nothing after the first call.

    Args:
        target: Target actor, e.g. ``"Russia"``.
        codebook: ``None`` (packaged codebook), a YAML path, or a loaded codebook.
        scorer: ``None`` (``stance.resolve_scorer`` default), a scorer name, or a scorer object.
        lexicon: ``None`` (packaged actor lexicon), a YAML path, or a loaded lexicon.
        registry: ``None`` (packaged speaker registry), a YAML path, or a loaded one.

    Returns:
        The :class:`Knowledge` bundle, with fingerprints for the cache.

    Raises:
        ValueError: If ``target`` is empty.

    Example:
        >>> k = load_knowledge("Russia")
        >>> k.target, sorted(k.fingerprint)[:2]
        ('Russia', ['codebook', 'lexicon'])
    """
    if not isinstance(target, str) or not target.strip():
        raise ValueError(f"target must be a non-empty actor name such as 'Russia', got {target!r}")
    scorer_object = _resolve("scorer", scorer)
    fingerprint = {
        "target": target,
        "lexicon": object_fingerprint(lexicon),
        "codebook": object_fingerprint(codebook),
        "registry": object_fingerprint(registry),
        "scorer": scorer_fingerprint(scorer_object),
        "scorer_name": str(getattr(scorer_object, "name", scorer)),
        "package": package_fingerprint(),
    }
    return Knowledge(
        target=target,
        lexicon=_resolve("lexicon", lexicon),
        codebook=_resolve("codebook", codebook),
        registry=_resolve("registry", registry),
        scorer=scorer_object,
        fingerprint=fingerprint,
    )


# --------------------------------------------------------------------------- one chunk
def _score_with_knowledge(
    documents: pd.DataFrame, knowledge: Knowledge, timings: dict[str, float] | None = None
) -> dict[str, pd.DataFrame]:
    """The stage composition; ``timings`` (if given) accumulates seconds per stage.

    Documents flagged in ``duplicate_of`` (the same normalised text as an earlier
    one: a syndicated copy) are not scored, so every figure counts a text once;
    they stay in the documents table with 0 sentences.
    """
    from analysis import actors, framing, quotes, sentiment, stance, text

    if "duplicate_of" in documents.columns:  # flags are consistent here (_orphans_unflagged, the loader)
        documents = documents[documents["duplicate_of"].fillna("").astype(str) == ""].reset_index(drop=True)
    clock = time.perf_counter
    spent: dict[str, float] = {}

    t0 = clock()
    sentences = text.split_sentences(documents)
    t1 = clock()
    mentions = actors.find_mentions(sentences, knowledge.lexicon)
    t2 = clock()
    sentences = sentiment.score_tone(sentiment.score_sentiment(sentences), knowledge.scorer)
    t3 = clock()
    sentences = stance.score_stance(sentences, mentions, knowledge.target, knowledge.scorer)
    t4 = clock()
    frames = framing.assign_frames(sentences, mentions, knowledge.target, knowledge.codebook)
    sentences = framing.frames_column(sentences, frames)
    t5 = clock()
    quote_table = quotes.extract_quotes(documents, sentences, knowledge.registry)
    # A quote is about the target only through a mention inside its quoted words,
    # not one in its attribution ("Putin said"): the mentions carry the offsets.
    target = actors.target_actor(knowledge.target, mentions)
    quote_table = quotes.attach_quote_stance(quote_table, sentences, mentions[mentions["actor"] == target])
    t6 = clock()

    spent.update(split=t1 - t0, mentions=t2 - t1, sentiment=t3 - t2, stance=t4 - t3,
                 frames=t5 - t4, quotes=t6 - t5)
    if timings is not None:
        for stage, seconds in spent.items():
            timings[stage] = timings.get(stage, 0.0) + seconds
    return {"sentences": sentences, "mentions": mentions, "frames": frames, "quotes": quote_table}


def _orphans_unflagged(documents: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with the copy flag cleared where the original is not in the table.

    A copy is left unscored because its original is scored; a table filtered by date
    or outlet may have left the original out, and the copy is then the one to score.
    (A loaded corpus always holds the original: the loader flags a text only after
    it has read an earlier one.)

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["b", "c"], "duplicate_of": ["a", "b"]})
        >>> _orphans_unflagged(docs)["duplicate_of"].tolist()
        ['', 'b']
    """
    if "duplicate_of" not in documents.columns:
        return documents
    of = documents["duplicate_of"].fillna("").astype(str)
    orphan = (of != "") & ~of.isin(set(documents["doc_id"].astype(str)))
    if not orphan.any():
        return documents
    out = documents.copy()
    out.loc[orphan, "duplicate_of"] = ""
    out.attrs = documents.attrs
    return out


def check_documents(documents: pd.DataFrame) -> None:
    """Refuse a documents table the tables could not keep apart.

    Sentence, mention and quote ids are built from ``doc_id``, so two documents
    with one id would be mixed in every table (``load_corpus`` renames duplicate
    ids itself; a table built by hand may not).

    Raises:
        ValueError: If ``doc_id`` or ``text`` is missing, or a ``doc_id`` is
            empty or used twice (the message names the rows).

    Example:
        >>> check_documents(pd.DataFrame({"doc_id": ["x", "y", "x"], "text": ["a", "b", "c"]}))
        Traceback (most recent call last):
        ...
        ValueError: documents table: doc_id 'x' is used by rows 0 and 2; give every document its own id (load_corpus renames duplicates 'x__2')
    """
    missing = {"doc_id", "text"} - set(documents.columns)
    if missing:
        raise ValueError(
            f"documents table lacks column(s) {sorted(missing)}; build it with "
            "analysis.corpus.load_corpus(path) or give doc_id and text columns."
        )
    ids = documents["doc_id"].astype("string").fillna("").str.strip()
    empty = [str(i) for i in documents.index[(ids == "").to_numpy()]]
    if empty:
        raise ValueError(f"documents table: empty doc_id in row(s) {', '.join(empty[:5])}; give every document an id")
    repeated = ids[ids.duplicated(keep=False)]
    if len(repeated):
        first = repeated.iloc[0]
        rows = [str(i) for i in repeated.index[(repeated == first).to_numpy()]]
        raise ValueError(
            f"documents table: doc_id {first!r} is used by rows {' and '.join(rows[:5])}; give every document "
            f"its own id (load_corpus renames duplicates {first + '__2'!r})"
        )


def score_corpus(
    documents: pd.DataFrame,
    target: str = config.DEFAULT_TARGET,
    codebook: Any = None,
    scorer: Any = None,
    lexicon: Any = None,
    registry: Any = None,
    timings: dict[str, float] | None = None,
) -> dict[str, pd.DataFrame]:
    """Score a set of documents in memory: split, mentions, sentiment, stance, frames, quotes.

    Args:
        documents: A documents table (``corpus.load_corpus`` contract).
        target: Target actor.
        codebook: ``None``, a codebook YAML path, or a loaded codebook.
        scorer: ``None``, a scorer name, or a scorer object.
        lexicon: ``None``, an actor lexicon YAML path, or a loaded lexicon.
        registry: ``None``, a speaker registry YAML path, or a loaded registry.
        timings: Optional dict; seconds spent per stage (see :data:`STAGES`) are
            added to it, for profiling and the benchmark.

    Returns:
        ``{"sentences", "mentions", "frames", "quotes"}`` tables, sorted in
        document order then sentence order. Documents with a ``duplicate_of``
        (syndicated copies) have no rows: a text is counted once.

    Raises:
        ValueError: If ``documents`` lacks ``doc_id`` or ``text``, or its ids are
            not unique (:func:`check_documents`).

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Moscow is a threat."]})
        >>> score_corpus(docs)["mentions"]["actor"].tolist()
        ['Russia']
    """
    check_documents(documents)
    knowledge = load_knowledge(target, codebook, scorer, lexicon, registry)
    tables = _score_with_knowledge(_orphans_unflagged(documents), knowledge, timings)
    return _sort_tables(documents, tables)


def _sort_tables(documents: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Sort every table in document order, then sentence order (deterministic output)."""
    doc_position = {doc_id: i for i, doc_id in enumerate(documents["doc_id"].astype(str))}

    def ordered(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        if df.empty:
            return df.reset_index(drop=True)
        sort_frame = pd.DataFrame(index=df.index)
        sort_frame["_doc"] = df["doc_id"].astype(str).map(doc_position).fillna(len(doc_position))
        names = ["_doc"]
        for key in keys:
            if key in df.columns:
                sort_frame[key] = df[key]
                names.append(key)
        order = sort_frame.sort_values(names, kind="mergesort").index
        return df.loc[order].reset_index(drop=True)

    sentences = ordered(tables["sentences"], ["start", "end"])
    # Sentence ordinal from the sorted sentences: "d:10000" sorts before "d:9999"
    # as a string, the ordinal does not.
    sentence_position = {sid: i for i, sid in enumerate(sentences.get("sentence_id", []))}

    def by_sentence(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        if df.empty or "sentence_id" not in df.columns:
            return ordered(df, keys)
        df = df.assign(_sentence=df["sentence_id"].map(sentence_position).fillna(-1))
        return ordered(df, ["_sentence"] + keys).drop(columns="_sentence")

    out = dict(tables)
    out["sentences"] = sentences
    out["mentions"] = by_sentence(tables["mentions"], ["start", "end", "actor"])
    out["frames"] = by_sentence(tables["frames"], ["frame"])
    out["quotes"] = ordered(tables["quotes"], ["start", "end", "quote_id"])
    return out


@dataclass
class ChunkResult:
    """What a worker sends back: statistics only (the tables are on disk)."""

    index: int
    n_documents: int
    n_sentences: int
    computed: bool
    timings: dict[str, float]


#: Formats of each chunk part: Parquet (consolidated Parquet) and CSV (formatted in
#: the worker, so the consolidation only concatenates bytes: no serial formatting).
PART_FORMATS: tuple[str, ...] = ("parquet", "csv")


def _part_path(parts_dir: Path, table: str, index: int, fmt: str = "parquet") -> Path:
    return parts_dir / table / f"part-{index:05d}.{fmt}"


def _part_files(parts_dir: Path, index: int) -> dict[str, Path]:
    """``{"sentences.parquet": path, "sentences.csv": path, ...}`` of chunk ``index``."""
    return {f"{table}.{fmt}": _part_path(parts_dir, table, index, fmt)
            for table in CHUNK_TABLES for fmt in PART_FORMATS}


def _process_chunk(
    index: int,
    documents: pd.DataFrame,
    knowledge: Knowledge | None,
    parts_dir: str,
    cache_dir: str | None,
    key: str | None,
) -> ChunkResult:
    """Score one chunk and write its parts (runs in a worker, or in this process)."""
    knowledge = knowledge if knowledge is not None else _WORKER_KNOWLEDGE
    if knowledge is None:  # pragma: no cover - a programming error, not a user one
        raise RuntimeError("worker started without knowledge; use run_pipeline")
    timings: dict[str, float] = {}
    tables = _sort_tables(documents, _score_with_knowledge(documents, knowledge, timings))
    start = time.perf_counter()
    counts = tables["sentences"]["doc_id"].value_counts() if len(tables["sentences"]) else pd.Series(dtype=int)
    doc_table = documents.drop(columns=["text"], errors="ignore").copy()
    doc_table.attrs = {}
    doc_table["n_sentences"] = doc_table["doc_id"].map(counts).fillna(0).astype("int64")
    tables = {"documents": doc_table.reset_index(drop=True), **tables}
    written = {}
    for name, path in _part_files(Path(parts_dir), index).items():
        frame = tables[name.split(".")[0]]
        frame.attrs = {}
        written[name] = write_table(frame, path)
    if cache_dir is not None and key is not None:
        ChunkCache(cache_dir).put(key, written)
    timings["write_parts"] = time.perf_counter() - start
    return ChunkResult(index, len(documents), len(tables["sentences"]), True, timings)


#: Set once per worker process by :func:`_init_worker` (process pool engine).
_WORKER_KNOWLEDGE: Knowledge | None = None


def _init_worker(knowledge: Knowledge) -> None:
    """Process-pool initializer: receive the knowledge once per worker process."""
    global _WORKER_KNOWLEDGE
    _WORKER_KNOWLEDGE = knowledge


# --------------------------------------------------------------------------- engines
class _Engine:
    """Minimal submit / wait-for-any interface over the three ways of running chunks."""

    def submit(self, index: int, documents: pd.DataFrame, *args: Any) -> Any:
        raise NotImplementedError

    def wait_any(self, pending: set) -> tuple[set, set]:
        raise NotImplementedError

    def result(self, future: Any) -> ChunkResult:
        return future.result()

    def close(self) -> None:
        pass


class _Done:
    """An already-computed result, shaped like a future (inline engine)."""

    def __init__(self, value: ChunkResult) -> None:
        self.value = value

    def result(self) -> ChunkResult:
        return self.value


class _InlineEngine(_Engine):
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    def submit(self, index: int, documents: pd.DataFrame, *args: Any) -> Any:
        return _Done(_process_chunk(index, documents, self.knowledge, *args))

    def wait_any(self, pending: set) -> tuple[set, set]:
        return set(pending), set()


class _ProcessEngine(_Engine):
    def __init__(self, knowledge: Knowledge, workers: int) -> None:
        # The knowledge is pickled once per worker process (initializer), not per chunk.
        # Scorers built on torch are not fork-safe (its thread pool deadlocks in a forked
        # child), so their workers start from a fresh forkserver process instead.
        context = None if getattr(knowledge.scorer, "fork_safe", True) else multiprocessing.get_context("forkserver")
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                        initargs=(knowledge,), mp_context=context)

    def submit(self, index: int, documents: pd.DataFrame, *args: Any) -> Any:
        return self.pool.submit(_process_chunk, index, documents, None, *args)

    def wait_any(self, pending: set) -> tuple[set, set]:
        done, rest = wait_futures(pending, return_when=FIRST_COMPLETED)
        return set(done), set(rest)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _DaskEngine(_Engine):
    def __init__(self, knowledge: Knowledge, workers: int, scheduler: str | None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as error:
            raise ImportError(DASK_MISSING_MESSAGE) from error
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        # Scattered once and broadcast: every worker deserialises it once and
        # reuses it for all its chunks.
        self.knowledge = self.client.scatter(knowledge, broadcast=True, hash=False)

    def submit(self, index: int, documents: pd.DataFrame, *args: Any) -> Any:
        return self.client.submit(_process_chunk, index, documents, self.knowledge, *args,
                                  pure=False, key=f"chunk-{index:05d}-{time.time_ns()}")

    def wait_any(self, pending: set) -> tuple[set, set]:
        from dask.distributed import wait

        done, rest = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done), set(rest)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _make_engine(engine: str, workers: int, scheduler: str | None, knowledge: Knowledge) -> _Engine:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, got {workers!r}")
    if engine == "dask":
        return _DaskEngine(knowledge, workers, scheduler)
    if workers == 1:
        return _InlineEngine(knowledge)
    return _ProcessEngine(knowledge, workers)


# --------------------------------------------------------------------------- corpus input
def _iter_chunks(corpus: Any, chunk_size: int, date_order: str = config.DEFAULT_DATE_ORDER,
                 keep_non_english: bool = False) -> Iterator[pd.DataFrame]:
    """Chunks of documents from a path (``corpus.iter_corpus``) or an in-memory table.

    The loader options apply to a path only. The corpus is read here, in the driver,
    so the workers of every engine receive documents already read with them.
    A path's problems (missing file, unknown ``date_order``) are raised at once, not
    at the first chunk: before the output folder is touched.
    """
    if isinstance(corpus, pd.DataFrame):
        return _table_chunks(corpus, chunk_size)
    from analysis.corpus import iter_corpus

    return iter_corpus(corpus, chunk_size, date_order=date_order, keep_non_english=keep_non_english)


def _table_chunks(corpus: pd.DataFrame, chunk_size: int) -> Iterator[pd.DataFrame]:
    skipped = corpus.attrs.get("skipped")
    for start in range(0, max(len(corpus), 1), chunk_size):
        chunk = corpus.iloc[start:start + chunk_size].reset_index(drop=True)
        # The loader's skipped list travels with the first chunk, even an empty
        # one (a corpus whose documents were all skipped).
        chunk.attrs = {"skipped": skipped} if start == 0 and skipped is not None else {}
        if len(chunk) or chunk.attrs:
            yield chunk


# --------------------------------------------------------------------------- consolidation
def _first_line(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.readline()


def _copy_body(source: Path, handle: Any, skip_header: bool) -> None:
    """Append a CSV part to ``handle`` (without its header line when asked), in blocks."""
    with open(source, "rb") as part:
        if skip_header:
            part.readline()
        shutil.copyfileobj(part, handle, 1 << 20)


def _unified_schema(part_paths: list[Path]) -> Any:
    """One schema for the parts of a table, columns in the order the parts give them.

    Types come from parts that have rows: pandas stores an empty column as
    ``double`` whatever it holds elsewhere (``assessments`` of a chunk without
    sentences), which would not unify with the ``string`` of the other parts.
    All-empty columns are stored as the null type and unify to the real type.
    A column only rowless parts have keeps their type.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [(pq.read_schema(p).remove_metadata(), pq.read_metadata(p).num_rows) for p in part_paths]
    if not schemas:
        return pa.schema([])
    with_rows = [schema for schema, rows in schemas if rows] or [schema for schema, _ in schemas]
    typed = pa.unify_schemas(with_rows, promote_options="permissive")
    fields: dict[str, Any] = {}
    for schema, _ in schemas:
        for f in schema:
            fields.setdefault(f.name, typed.field(f.name) if f.name in typed.names else f)
    return pa.schema(list(fields.values()))


def _consolidate(
    parts_dir: Path, tables_dir: Path, n_chunks: int, skipped: pd.DataFrame | None = None,
) -> dict[str, Path]:
    """Stream the parts of each table, in chunk order, into one CSV and one Parquet file.

    CSV parts were formatted by the workers, so the CSV is their concatenation
    (one header). Should the parts' headers differ (a stage returning other
    columns for some chunk), the CSV is re-formatted from the Parquet parts
    with the unified schema instead, so the columns always line up.

    Every table (and ``skipped.csv``) is written to a temporary file first and
    all are renamed only when all are written: a failure leaves the previous
    run's tables as they were, never a mix of two runs.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths: dict[str, Path] = {}
    with contextlib.ExitStack() as renames:
        for table in CHUNK_TABLES:
            paths[table] = _consolidate_table(parts_dir, tables_dir, n_chunks, table, renames, pa, pq)
        if skipped is not None:
            paths["skipped"] = tables_dir / "skipped.csv"
            skipped_tmp = renames.enter_context(atomic_path(paths["skipped"]))
            skipped.to_csv(skipped_tmp, index=False, lineterminator="\n", encoding="utf-8")
    return paths


def _consolidate_table(
    parts_dir: Path, tables_dir: Path, n_chunks: int, table: str, renames: contextlib.ExitStack, pa: Any, pq: Any,
) -> Path:
    """One table of :func:`_consolidate`, written to temporary files renamed when ``renames`` closes."""
    part_paths = [_part_path(parts_dir, table, i) for i in range(n_chunks)]
    csv_parts = [_part_path(parts_dir, table, i, "csv") for i in range(n_chunks)]
    schema = _unified_schema(part_paths)
    same_header = len({_first_line(p) for p in csv_parts}) <= 1
    csv_path, parquet_path = tables_dir / f"{table}.csv", tables_dir / f"{table}.parquet"
    csv_tmp = renames.enter_context(atomic_path(csv_path))
    pq_tmp = renames.enter_context(atomic_path(parquet_path))
    with open(csv_tmp, "wb") as handle, pq.ParquetWriter(pq_tmp, schema) as writer:
        for i, path in enumerate(part_paths):
            part = pq.read_table(path).replace_schema_metadata(None)
            columns = [
                part.column(f.name).cast(f.type) if f.name in part.column_names and part.num_rows
                else pa.nulls(part.num_rows, f.type)
                for f in schema
            ]
            part = pa.Table.from_arrays(columns, schema=schema)
            writer.write_table(part)
            if same_header:
                _copy_body(csv_parts[i], handle, skip_header=i > 0)
            else:
                handle.write(part.to_pandas().to_csv(
                    index=False, header=(i == 0), lineterminator="\n").encode("utf-8"))
        if not part_paths:
            handle.write(b"\n")
    return csv_path


# --------------------------------------------------------------------------- run
def _progress_bar(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(unit="doc", desc="scoring", dynamic_ncols=True)


def run_pipeline(
    corpus: str | os.PathLike | pd.DataFrame,
    out_dir: str | os.PathLike,
    target: str = config.DEFAULT_TARGET,
    codebook: Any = None,
    scorer: Any = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    chunk_size: int = 500,
    cache: bool | str | os.PathLike = True,
    progress: bool = True,
    lexicon: Any = None,
    registry: Any = None,
    date_order: str = config.DEFAULT_DATE_ORDER,
    keep_non_english: bool = False,
) -> dict[str, Path]:
    """Score a corpus chunk by chunk and write the consolidated tables.

    Args:
        corpus: A corpus path (anything ``corpus.iter_corpus`` reads) or a
            documents DataFrame.
        out_dir: Output folder (``parts/``, ``tables/``, ``run_manifest.json``).
            Its ``parts/`` folder is replaced on every run.
        target: Target actor.
        codebook: ``None``, a codebook YAML path, or a loaded codebook.
        scorer: ``None``, a scorer name, or a scorer object (must be picklable
            when ``workers > 1`` or ``engine="dask"``).
        engine: ``"local"`` (this process when ``workers == 1``, else a process
            pool) or ``"dask"`` (dask.distributed).
        workers: Worker processes (local pool or LocalCluster workers).
        scheduler: Dask scheduler address (``"tcp://host:8786"``); ``None`` starts
            a LocalCluster. Workers write the parts, so ``out_dir`` (and the cache)
            must be on a file system they share.
        chunk_size: Documents per chunk (the unit of work, caching and memory).
        cache: ``True`` (``out_dir/.cache``), ``False`` (no cache), or a folder
            (e.g. ``config.CACHE_DIR`` to share the cache between output folders).
        progress: Show a tqdm bar (documents/s); ``False`` for tests and logs.
        lexicon: ``None``, an actor lexicon YAML path, or a loaded lexicon.
        registry: ``None``, a speaker registry YAML path, or a loaded registry.
        date_order: How a corpus path's numeric dates that read both ways are read:
            ``"day-first"`` (``04/05/2021`` is 4 May) or ``"month-first"`` (US style,
            5 April); see ``corpus.iter_corpus``.
        keep_non_english: Keep a corpus path's documents that are clearly not
            English instead of skipping them with the reason.

    Returns:
        ``{table: csv path}`` for documents, sentences, mentions, frames, quotes,
        plus ``skipped`` (CSV) and ``manifest`` (JSON with ``chunks``,
        ``chunks_computed``, ``chunks_cached``, per-stage ``timings`` summed over
        workers, wall ``startup_seconds`` (knowledge + engine start, included
        in ``scoring_seconds``) and ``consolidate_seconds``, and the ``loader``
        options).

    Raises:
        ValueError: On an unknown engine, ``workers < 1`` or ``chunk_size < 1``, a
            documents table with duplicate or empty ids (:func:`check_documents`),
            an unknown ``date_order`` or a missing corpus path (``corpus.CorpusError``),
            or loader options other than the defaults with a documents table (it is
            already loaded: pass them to ``load_corpus``).
        ImportError: If ``engine="dask"`` and dask.distributed is not installed.
        RuntimeError: If a chunk fails; the message names its documents.

    Example:
        >>> import tempfile
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Russia won.", "Baku spoke."]})
        >>> out = run_pipeline(docs, tempfile.mkdtemp(), progress=False)
        >>> pd.read_csv(out["documents"])["n_sentences"].tolist()
        [1, 1]
    """
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    if isinstance(corpus, pd.DataFrame):
        given = [f"{name}={value!r}" for name, value, default in (
            ("date_order", date_order, config.DEFAULT_DATE_ORDER), ("keep_non_english", keep_non_english, False))
            if value != default]
        if given:  # ignoring them would score the table as it was loaded, not as asked
            raise ValueError(
                f"{', '.join(given)}: loader options apply to a corpus path; this documents table is already "
                f"loaded. Load it with load_corpus(path, date_order=..., keep_non_english=...) or pass the path.")
        check_documents(corpus)  # before anything in out_dir is replaced
        corpus = _orphans_unflagged(corpus)
    wall_start = time.perf_counter()
    # Opened here: a missing path or an unknown date_order is refused before out_dir is touched.
    chunks = _iter_chunks(corpus, chunk_size, date_order, keep_non_english)
    out = Path(out_dir)
    parts_dir, tables_dir = out / "parts", out / "tables"
    knowledge = load_knowledge(target, codebook, scorer, lexicon, registry)
    chunk_cache: ChunkCache | None = None
    if cache is not False and cache is not None:
        chunk_cache = ChunkCache(out / ".cache" if cache is True else Path(cache))
    # Parts of an earlier, longer run would be consolidated with this one's.
    if parts_dir.exists():
        shutil.rmtree(parts_dir)
    for table in CHUNK_TABLES:
        (parts_dir / table).mkdir(parents=True, exist_ok=True)

    timings: dict[str, float] = {stage: 0.0 for stage in ("load",) + STAGES + ("write",)}
    stats = {"chunks": 0, "chunks_computed": 0, "chunks_cached": 0, "documents": 0, "sentences": 0}
    skipped_frames: list[pd.DataFrame] = []
    max_in_flight = 2 * workers
    engine_impl = _make_engine(engine, workers, scheduler, knowledge)
    startup_seconds = time.perf_counter() - wall_start
    bar = _progress_bar(progress)
    pending: set = set()
    empty_documents: pd.DataFrame = pd.DataFrame({c: pd.Series([], dtype=str) for c in DOCUMENT_COLUMNS})
    chunk_docs: dict[Any, tuple[int, str]] = {}

    def collect(done: set) -> None:
        for future in done:
            index, first_doc = chunk_docs.pop(future)
            try:
                result = engine_impl.result(future)
            except Exception as error:
                raise RuntimeError(
                    f"chunk {index} (documents from {first_doc!r}) failed: {error}"
                ) from error
            stats["chunks_computed"] += 1
            stats["sentences"] += result.n_sentences
            for stage, seconds in result.timings.items():
                key = "write" if stage == "write_parts" else stage
                timings[key] = timings.get(key, 0.0) + seconds
            if bar is not None:
                bar.update(result.n_documents)

    try:
        index = 0
        while True:
            t0 = time.perf_counter()
            try:
                documents = next(chunks)
            except StopIteration:
                break
            timings["load"] += time.perf_counter() - t0
            skipped = documents.attrs.get("skipped")
            if isinstance(skipped, pd.DataFrame) and len(skipped):
                skipped_frames.append(skipped)
            if not len(documents):
                empty_documents = documents
                continue
            stats["chunks"] += 1
            stats["documents"] += len(documents)
            key = chunk_key(documents, knowledge.fingerprint) if chunk_cache else None
            destinations = _part_files(parts_dir, index)
            if chunk_cache is not None and chunk_cache.restore(key, destinations):
                stats["chunks_cached"] += 1
                import pyarrow.parquet as pq

                stats["sentences"] += pq.read_metadata(destinations["sentences.parquet"]).num_rows
                if bar is not None:
                    bar.update(len(documents))
            else:
                while len(pending) >= max_in_flight:
                    done, pending = engine_impl.wait_any(pending)
                    collect(done)
                future = engine_impl.submit(
                    index, documents, str(parts_dir),
                    str(chunk_cache.directory) if chunk_cache else None, key,
                )
                chunk_docs[future] = (index, str(documents["doc_id"].iloc[0]))
                pending.add(future)
            index += 1
        while pending:
            done, pending = engine_impl.wait_any(pending)
            collect(done)
    finally:
        engine_impl.close()
        if bar is not None:
            bar.close()

    if stats["chunks"] == 0:
        # Nothing to score (every document skipped): one empty chunk still gives
        # every table its header, so readers see the columns, not an empty file.
        _process_chunk(0, empty_documents, knowledge, str(parts_dir), None, None)
        stats["chunks"] = 1
    scoring_seconds = time.perf_counter() - wall_start
    t0 = time.perf_counter()
    skipped_table = (
        pd.concat(skipped_frames, ignore_index=True)[["source_path", "reason"]]
        if skipped_frames else pd.DataFrame({"source_path": [], "reason": []}, dtype=str)
    )
    from analysis.corpus import natural_sort_key  # local, like iter_corpus above

    skipped_table = skipped_table.sort_values(  # natural order: #line=9 before #line=10
        ["source_path", "reason"], kind="mergesort", key=lambda c: c.map(natural_sort_key))
    paths = _consolidate(parts_dir, tables_dir, stats["chunks"], skipped_table)
    for row in skipped_table.itertuples(index=False):
        logger.warning("skipped %s: %s", row.source_path, row.reason)
    consolidate_seconds = time.perf_counter() - t0
    timings["write"] += consolidate_seconds

    manifest = {
        "engine": engine,
        "workers": workers,
        "chunk_size": chunk_size,
        **stats,
        "skipped": len(skipped_table),
        "wall_seconds": time.perf_counter() - wall_start,
        "startup_seconds": startup_seconds,
        "scoring_seconds": scoring_seconds,
        "consolidate_seconds": consolidate_seconds,
        "timings": timings,
        "fingerprint": knowledge.fingerprint,
        "loader": {"date_order": date_order, "keep_non_english": keep_non_english},
    }
    paths["manifest"] = out / "run_manifest.json"
    with atomic_path(paths["manifest"]) as tmp:
        tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str), encoding="utf-8")
    return paths
