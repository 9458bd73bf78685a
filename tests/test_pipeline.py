"""Tests of the pipeline: composition, engines (identical output), cache, skipped docs."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import config, pipeline
from analysis.corpus import load_corpus

BENCH = config.PROJ_ROOT / "benchmarks" / "bench_pipeline.py"
TABLE_FILES = ["documents", "sentences", "mentions", "frames", "quotes", "skipped"]


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_pipeline", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_documents() -> pd.DataFrame:
    return load_corpus(config.SEEDS_DIR)


@pytest.fixture(scope="module")
def seed_tables(seed_documents) -> dict[str, pd.DataFrame]:
    return pipeline.score_corpus(seed_documents)


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory) -> Path:
    """200 distinct articles built from shuffled seed paragraphs (the benchmark's generator)."""
    path = tmp_path_factory.mktemp("generated") / "corpus.jsonl"
    _bench_module().generate_corpus(200, path)
    return path


def _read_bytes(paths: dict[str, Path]) -> dict[str, bytes]:
    return {name: Path(paths[name]).read_bytes() for name in TABLE_FILES}


def _manifest(paths: dict[str, Path]) -> dict:
    return json.loads(Path(paths["manifest"]).read_text())


# --------------------------------------------------------------------- score_corpus
def test_score_corpus_returns_the_four_contract_tables(seed_tables, seed_documents):
    assert sorted(seed_tables) == ["frames", "mentions", "quotes", "sentences"]
    sentences = seed_tables["sentences"]
    for column in ["doc_id", "paragraph_id", "sentence_id", "start", "end", "text", "quote_id",
                   "polarity", "subjectivity", "assessments", "mentions_target",
                   "target_surfaces", "stance_score", "stance", "stance_cues",
                   "stance_scorer", "frames"]:
        assert column in sentences.columns, column
    assert list(seed_tables["mentions"].columns[:4]) == ["doc_id", "sentence_id", "actor", "surface"]
    assert {"doc_id", "sentence_id", "frame", "indicators"} <= set(seed_tables["frames"].columns)
    assert {"doc_id", "quote_id", "kind", "speaker", "stance"} <= set(seed_tables["quotes"].columns)
    # Every seed is scored and every sentence is traceable to its document text.
    assert set(sentences["doc_id"]) == set(seed_documents["doc_id"])
    texts = dict(zip(seed_documents["doc_id"], seed_documents["text"]))
    for row in sentences.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text


def test_score_corpus_sorts_in_document_then_sentence_order(seed_tables, seed_documents):
    sentences = seed_tables["sentences"]
    doc_order = {d: i for i, d in enumerate(seed_documents["doc_id"])}
    keys = list(zip(sentences["doc_id"].map(doc_order), sentences["start"]))
    assert keys == sorted(keys)
    position = {s: i for i, s in enumerate(sentences["sentence_id"])}
    mention_positions = seed_tables["mentions"]["sentence_id"].map(position).tolist()
    assert mention_positions == sorted(mention_positions)


def test_score_corpus_seed_figures_are_hand_checked(seed_tables):
    """Russia is mentioned in every seed; the Shoigu article quotes Shoigu."""
    mentions = seed_tables["mentions"]
    russia_docs = set(mentions.loc[mentions["actor"] == "Russia", "doc_id"])
    assert len(russia_docs) == 5
    quotes = seed_tables["quotes"]
    shoigu = quotes[quotes["doc_id"].str.startswith("004")]
    assert "Sergey Shoigu" in set(shoigu["speaker"])


def test_score_corpus_rejects_a_table_without_text():
    with pytest.raises(ValueError, match="text"):
        pipeline.score_corpus(pd.DataFrame({"doc_id": ["a"]}))


# --------------------------------------------------------------------- run_pipeline
def test_run_pipeline_writes_parts_tables_and_matches_score_corpus(tmp_path, seed_tables, seed_documents):
    paths = pipeline.run_pipeline(config.SEEDS_DIR, tmp_path, chunk_size=2, progress=False)
    manifest = _manifest(paths)
    assert manifest["chunks"] == 3 and manifest["documents"] == 5
    for table in pipeline.CHUNK_TABLES:
        parts = sorted((tmp_path / "parts" / table).glob("*.parquet"))
        assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
        assert (tmp_path / "tables" / f"{table}.parquet").exists()
    assert not list(tmp_path.rglob("*.tmp"))  # atomic writes leave no temporaries
    sentences = pd.read_csv(paths["sentences"], keep_default_na=False)
    assert sentences["sentence_id"].tolist() == seed_tables["sentences"]["sentence_id"].tolist()
    assert sentences["stance"].tolist() == seed_tables["sentences"]["stance"].tolist()
    mentions = pd.read_csv(paths["mentions"], keep_default_na=False)
    assert len(mentions) == len(seed_tables["mentions"])
    documents = pd.read_csv(paths["documents"], keep_default_na=False)
    assert "text" not in documents.columns
    counts = seed_tables["sentences"].groupby("doc_id").size()
    assert documents.set_index("doc_id")["n_sentences"].to_dict() == counts.to_dict()
    assert documents["doc_id"].tolist() == seed_documents["doc_id"].tolist()


def test_processes_give_byte_identical_tables(tmp_path, generated_corpus):
    one = pipeline.run_pipeline(generated_corpus, tmp_path / "one", chunk_size=40,
                                cache=False, progress=False)
    two = pipeline.run_pipeline(generated_corpus, tmp_path / "two", workers=2, chunk_size=40,
                                cache=False, progress=False)
    assert _manifest(one)["documents"] == 200
    assert _read_bytes(one) == _read_bytes(two)


def test_dask_gives_byte_identical_tables(tmp_path, generated_corpus):
    pytest.importorskip("dask.distributed")
    local = pipeline.run_pipeline(generated_corpus, tmp_path / "local", chunk_size=40,
                                  cache=False, progress=False)
    dask = pipeline.run_pipeline(generated_corpus, tmp_path / "dask", engine="dask", workers=2,
                                 chunk_size=40, cache=False, progress=False)
    assert _manifest(dask)["chunks_computed"] == 5
    assert _read_bytes(local) == _read_bytes(dask)
    # And on the seeds, with a chunk per document.
    seeds_local = pipeline.run_pipeline(config.SEEDS_DIR, tmp_path / "s1", chunk_size=1,
                                        cache=False, progress=False)
    seeds_dask = pipeline.run_pipeline(config.SEEDS_DIR, tmp_path / "s2", engine="dask",
                                       workers=2, chunk_size=1, cache=False, progress=False)
    assert _read_bytes(seeds_local) == _read_bytes(seeds_dask)


def test_second_run_is_served_from_cache_and_changes_recompute(tmp_path):
    cache_dir = tmp_path / "cache"
    first = pipeline.run_pipeline(config.SEEDS_DIR, tmp_path / "a", chunk_size=2,
                                  cache=cache_dir, progress=False)
    assert _manifest(first)["chunks_computed"] == 3
    second = pipeline.run_pipeline(config.SEEDS_DIR, tmp_path / "b", chunk_size=2,
                                   cache=cache_dir, progress=False)
    assert (_manifest(second)["chunks_computed"], _manifest(second)["chunks_cached"]) == (0, 3)
    assert _read_bytes(first) == _read_bytes(second)
    # A changed parameter (the target) changes every key: all chunks recompute.
    other = pipeline.run_pipeline(config.SEEDS_DIR, tmp_path / "c", target="Azerbaijan",
                                  chunk_size=2, cache=cache_dir, progress=False)
    assert _manifest(other)["chunks_computed"] == 3
    # A changed knowledge file (a copy of the codebook with one more byte) too.
    codebook = tmp_path / "codebook.yaml"
    codebook.write_text(config.CODEBOOK_PATH.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = pipeline.run_pipeline(config.SEEDS_DIR, tmp_path / "d", codebook=codebook,
                                   chunk_size=2, cache=cache_dir, progress=False)
    assert _manifest(edited)["chunks_computed"] == 3


def test_one_changed_document_recomputes_only_its_chunk(tmp_path, seed_documents):
    cache_dir = tmp_path / "cache"
    pipeline.run_pipeline(seed_documents, tmp_path / "a", chunk_size=2, cache=cache_dir, progress=False)
    edited = seed_documents.copy()
    edited.loc[4, "text"] = edited.loc[4, "text"] + "\n\nRussia is a partner."
    paths = pipeline.run_pipeline(edited, tmp_path / "b", chunk_size=2, cache=cache_dir, progress=False)
    assert (_manifest(paths)["chunks_computed"], _manifest(paths)["chunks_cached"]) == (1, 2)
    sentences = pd.read_csv(paths["sentences"], keep_default_na=False)
    assert sentences["text"].iloc[-1] == "Russia is a partner."


def test_skipped_documents_are_listed_not_dropped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(config.SEEDS_DIR.glob("*.txt"))[:2]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    paths = pipeline.run_pipeline(corpus, tmp_path / "out", progress=False, cache=False)
    skipped = pd.read_csv(paths["skipped"], keep_default_na=False)
    assert list(skipped.columns) == ["source_path", "reason"]
    assert [Path(p).name for p in skipped["source_path"]] == ["empty.txt"]
    assert len(pd.read_csv(paths["documents"])) == 2


def test_dask_engine_without_dask_says_how_to_install(tmp_path, monkeypatch, seed_documents):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(ImportError, match=r"pip install \.\[dask\]"):
        pipeline.run_pipeline(seed_documents, tmp_path, engine="dask", progress=False)


@pytest.mark.parametrize(
    "kwargs, message",
    [({"engine": "spark"}, "engine must be one of"), ({"workers": 0}, "workers must be"),
     ({"chunk_size": 0}, "chunk_size must be")],
)
def test_bad_arguments_are_refused_clearly(tmp_path, seed_documents, kwargs, message):
    with pytest.raises(ValueError, match=message):
        pipeline.run_pipeline(seed_documents, tmp_path, progress=False, **kwargs)


def test_generated_corpus_texts_are_distinct(generated_corpus):
    records = [json.loads(line) for line in generated_corpus.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 200
    assert len({r["text"] for r in records}) == 200


# --------------------------------------------------------------------- performance changes
def test_hoisted_stance_cue_regex_matches_like_the_per_cue_form(seed_tables):
    """The stance cue regex (word boundaries hoisted out of the alternation for
    speed) finds exactly the spans and cues of the per-alternative form."""
    import re

    import yaml

    from analysis.stance import load_stance_cues

    cues = load_stance_cues()
    data = yaml.safe_load((config.PACKAGE_DATA_DIR / "stance_cues.yaml").read_text(encoding="utf-8"))
    alternatives = sorted((str(c["pattern"]) for c in data["cues"]), key=lambda p: (-len(p), p))
    reference = re.compile(
        "|".join(f"(?P<c{i}>(?<!\\w)(?:{p})(?!\\w))" for i, p in enumerate(alternatives)),
        re.IGNORECASE,
    )
    texts = seed_tables["sentences"]["text"].tolist()
    found = [[(m.span(), m.lastgroup) for m in cues.regex.finditer(t)] for t in texts]
    expected = [[(m.span(), m.lastgroup) for m in reference.finditer(t)] for t in texts]
    assert found == expected
    assert sum(map(len, found)) > 20  # the seeds do exercise the cues


def test_a_folder_without_usable_documents_is_a_loader_error_naming_the_file(tmp_path):
    from analysis.corpus import CorpusError

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="empty.txt"):
        pipeline.run_pipeline(corpus, tmp_path / "out", progress=False, cache=False)


def test_an_empty_documents_table_gives_headed_tables_and_lists_skipped(tmp_path, seed_documents):
    empty = seed_documents.iloc[:0].copy()
    empty.attrs = {"skipped": pd.DataFrame({"source_path": ["x.txt"], "reason": ["empty file"]})}
    paths = pipeline.run_pipeline(empty, tmp_path, progress=False, cache=False)
    assert pd.read_csv(paths["skipped"])["source_path"].tolist() == ["x.txt"]
    sentences = pd.read_csv(paths["sentences"])
    assert len(sentences) == 0 and "stance" in sentences.columns
    documents = pd.read_csv(paths["documents"])
    assert len(documents) == 0 and {"title", "n_sentences"} <= set(documents.columns)


def test_consolidation_realigns_parts_whose_columns_differ(tmp_path):
    """Worker-formatted CSV parts are concatenated only when their headers agree;
    otherwise the CSV is rebuilt from the Parquet parts with the unified schema."""
    from analysis.io import write_table

    first = pd.DataFrame({"doc_id": ["a"], "n": [1], "label": ["x"]})
    second = pd.DataFrame({"doc_id": ["b"], "n": [2]})  # a stage that left out `label`
    for table in pipeline.CHUNK_TABLES:
        for index, frame in enumerate([first, second]):
            for fmt in pipeline.PART_FORMATS:
                write_table(frame, tmp_path / "parts" / table / f"part-{index:05d}.{fmt}")
    paths = pipeline._consolidate(tmp_path / "parts", tmp_path / "tables", 2)
    assert Path(paths["sentences"]).read_text() == "doc_id,n,label\na,1,x\nb,2,\n"
    same = pd.DataFrame({"doc_id": ["c"], "n": [3], "label": ["y"]})
    for table in pipeline.CHUNK_TABLES:
        for fmt in pipeline.PART_FORMATS:
            write_table(same, tmp_path / "parts" / table / f"part-00001.{fmt}")
    paths = pipeline._consolidate(tmp_path / "parts", tmp_path / "tables", 2)
    assert Path(paths["quotes"]).read_text() == "doc_id,n,label\na,1,x\nc,3,y\n"
    assert pd.read_parquet(tmp_path / "tables" / "quotes.parquet")["label"].tolist() == ["x", "y"]


def test_a_loaded_codebook_or_model_edited_in_its_middle_changes_the_cache_key(tmp_path):
    # Review finding: fingerprints came from repr(), which shortens long regexes and
    # prints only the ends of arrays, so an edited codebook or retrained model kept its key.
    import numpy as np

    from analysis.cache import object_fingerprint, scorer_fingerprint
    from analysis.framing import load_codebook
    from analysis.scorers.linear import LinearScorer

    codebook = load_codebook(config.CODEBOOK_PATH)
    edited = tmp_path / "codebook.yaml"
    text = config.CODEBOOK_PATH.read_text(encoding="utf-8")
    first_indicator = text.index("indicators:")
    line_end = text.index("\n", first_indicator)
    indent = " " * (len(text[:first_indicator]) - len(text[:first_indicator].rstrip(" ")) + 2)
    edited.write_text(text[:line_end + 1] + f'{indent}- "gas pipeline"\n' + text[line_end + 1:], encoding="utf-8")
    assert object_fingerprint(load_codebook(edited)) != object_fingerprint(codebook)
    assert object_fingerprint(load_codebook(config.CODEBOOK_PATH)) == object_fingerprint(codebook)

    scorer, retrained = LinearScorer(), LinearScorer()
    assert scorer_fingerprint(scorer) == scorer_fingerprint(retrained)
    weights = next(v for v in retrained._stance_arrays.values() if isinstance(v, np.ndarray) and v.size > 10_000)
    weights.flat[weights.size // 2] += 5.0  # a weight no repr would print
    assert scorer_fingerprint(scorer) != scorer_fingerprint(retrained)


def test_a_chunk_without_sentences_next_to_others_consolidates(tmp_path):
    # Review finding: an empty text made a rowless part whose string columns pandas stored as
    # double; consolidation crashed after all the scoring.
    docs = pd.DataFrame({"doc_id": ["new1", "new2"], "text": ["Russia won the war.", ""]})
    paths = pipeline.run_pipeline(docs, tmp_path, chunk_size=1, progress=False, cache=False)
    assert pd.read_csv(paths["documents"])[["doc_id", "n_sentences"]].values.tolist() == [["new1", 1], ["new2", 0]]
    assert pd.read_csv(paths["sentences"])["doc_id"].tolist() == ["new1"]


def test_a_failed_consolidation_leaves_the_previous_tables_whole(tmp_path, monkeypatch):
    old = pd.DataFrame({"doc_id": ["old"], "text": ["Russia lost the war."]})
    pipeline.run_pipeline(old, tmp_path, progress=False, cache=False)
    before = {p.name: p.read_bytes() for p in (tmp_path / "tables").iterdir()}
    real = pipeline._consolidate_table

    def failing(parts_dir, tables_dir, n_chunks, table, *args):
        if table == "frames":  # after documents and sentences were written
            raise OSError("disk full")
        return real(parts_dir, tables_dir, n_chunks, table, *args)

    monkeypatch.setattr(pipeline, "_consolidate_table", failing)
    new = pd.DataFrame({"doc_id": ["new"], "text": ["Russia won the war."]})
    with pytest.raises(OSError, match="disk full"):
        pipeline.run_pipeline(new, tmp_path, progress=False, cache=False)
    assert {p.name: p.read_bytes() for p in (tmp_path / "tables").iterdir()} == before


@pytest.mark.parametrize("ids, message", [
    (["x", "y", "x"], r"doc_id 'x' is used by rows 0 and 2"),
    (["x", "", "y"], r"empty doc_id in row\(s\) 1"),
])
def test_a_documents_table_with_duplicate_or_empty_ids_is_refused(tmp_path, ids, message):
    # Review finding: duplicate ids mixed two documents' sentences under one id.
    docs = pd.DataFrame({"doc_id": ids, "text": ["Russia won.", "Baku lost.", "Moscow spoke."]})
    with pytest.raises(ValueError, match=message):
        pipeline.score_corpus(docs)
    with pytest.raises(ValueError, match=message):
        pipeline.run_pipeline(docs, tmp_path / "out", progress=False, cache=False)
    assert not (tmp_path / "out").exists()


def test_a_word_for_word_copy_is_listed_but_not_scored(tmp_path):
    # User report: a syndicated copy doubled every count (sentences, quotes, speakers).
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ['"Russia must leave," Lavrov said.'] * 2,
                         "duplicate_of": ["", "a"]})
    assert pipeline.score_corpus(docs)["sentences"]["doc_id"].tolist() == ["a"]
    paths = pipeline.run_pipeline(docs, tmp_path, progress=False, cache=False)
    table = pd.read_csv(paths["documents"], keep_default_na=False)
    assert table[["doc_id", "duplicate_of", "n_sentences"]].values.tolist() == [["a", "", 1], ["b", "a", 0]]
    assert pd.read_csv(paths["quotes"])["doc_id"].tolist() == ["a"]


def test_a_scorer_keeps_its_cache_key_after_it_has_been_used():
    # Found when merging: hashing every attribute took in a vectorizer's lazily filled caches,
    # so a scorer's key changed after its first use and a second run recomputed every chunk.
    from analysis.cache import scorer_fingerprint
    from analysis.scorers.linear import LinearScorer

    scorer = LinearScorer()
    before = scorer_fingerprint(scorer)
    scorer.analyze_many([("Russia is a partner.", 0, 6)])
    assert scorer_fingerprint(scorer) == before == scorer_fingerprint(LinearScorer())


def test_a_copy_whose_original_is_not_in_the_table_is_scored():
    # Review: a table filtered by date kept the copy but not its original, and the text was lost.
    docs = pd.DataFrame({"doc_id": ["copy"], "text": ["Russia is a partner."], "duplicate_of": ["orig"]})
    assert pipeline.score_corpus(docs)["sentences"]["doc_id"].tolist() == ["copy"]



@pytest.mark.parametrize("engine, workers", [("local", 1), ("local", 2), ("dask", 2)])
def test_loader_options_reach_the_documents_on_every_engine(tmp_path, us_corpus, engine, workers):
    # A US corpus (month-first dates) and a request to keep a non-English article must give the
    # same tables whichever engine scores the chunks.
    if engine == "dask":
        pytest.importorskip("dask.distributed")
    corpus = us_corpus
    paths = pipeline.run_pipeline(corpus, tmp_path / "out", engine=engine, workers=workers, chunk_size=1,
                                  cache=False, progress=False, date_order="month-first", keep_non_english=True)
    documents = pd.read_csv(paths["documents"], keep_default_na=False).set_index("doc_id")
    assert documents.loc["us", "published"] == "2021-04-05"  # 5 April, not 4 May
    assert documents.loc["us", "date_note"] == "ambiguous"
    assert "ru" in documents.index
    assert pd.read_csv(paths["skipped"]).empty
    assert _manifest(paths)["loader"] == {"date_order": "month-first", "keep_non_english": True}


def test_loader_defaults_read_day_first_and_skip_a_non_english_article(tmp_path, us_corpus):
    paths = pipeline.run_pipeline(us_corpus, tmp_path / "out", cache=False, progress=False)
    documents = pd.read_csv(paths["documents"], keep_default_na=False)
    assert documents[["doc_id", "published"]].values.tolist() == [["us", "2021-05-04"]]
    skipped = pd.read_csv(paths["skipped"], keep_default_na=False)
    assert skipped["source_path"].str.endswith("news.jsonl#line=2").tolist() == [True]
    assert skipped["reason"].str.contains("not English").all()


def test_an_unknown_date_order_is_refused_before_the_output_folder_is_touched(tmp_path, us_corpus):
    corpus = us_corpus
    parts = tmp_path / "out" / "parts" / "documents"
    parts.mkdir(parents=True)
    (parts / "part-00000.csv").write_text("earlier run\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"date_order must be 'day-first' or 'month-first', not 'US'\."):
        pipeline.run_pipeline(corpus, tmp_path / "out", progress=False, date_order="US")
    assert (parts / "part-00000.csv").exists()


def test_loader_options_with_an_already_loaded_table_are_refused(tmp_path, seed_documents):
    # Silently ignoring them would score the table as it was loaded, not as asked.
    with pytest.raises(ValueError, match=r"date_order.*load_corpus\(path, date_order="):
        pipeline.run_pipeline(seed_documents, tmp_path, progress=False, date_order="month-first")
    with pytest.raises(ValueError, match=r"keep_non_english.*load_corpus"):
        pipeline.run_pipeline(seed_documents, tmp_path, progress=False, keep_non_english=True)
