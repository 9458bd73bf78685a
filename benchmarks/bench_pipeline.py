"""Scaling benchmark of the analysis pipeline (not a test; see benchmarks/README.md).

Generates a realistic corpus of N articles from the seed articles (paragraphs
shuffled across seeds, dates varied, analyst and outlet names swapped from
lists, so no two texts are identical), writes it as JSONL in a temporary
folder, runs ``analysis.pipeline.run_pipeline`` on it and prints ONE JSON
object on stdout: throughput, per-stage timings, peak memory (process and its
children, sampled by a thread) and the ratio of the full scoring stage to
TextBlob ``sentiment_assessments`` alone over the same sentences, on the same
worker count, in the same run.

Usage:
    python benchmarks/bench_pipeline.py --articles 1000 --workers 2 [--engine local|dask]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

__all__ = ["generate_corpus", "PeakMemorySampler", "textblob_baseline", "main"]

PROJ_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJ_ROOT / "seeds"

#: Analysts and outlets in the seeds, and the names they are swapped for.
#: Registry speakers (presidents, ministers) are left alone so quote attribution
#: still has work to do; only commentators and outlets vary.
SEED_ANALYSTS = ["Elkhan Aleskerov", "Hikmat Mammadov", "Sergey Mikheev", "James O'Brien"]
SEED_OUTLETS = ["Vestnik Kavkaza", "Oxu.Az", "Kaspi", "AZERTAG", "TASS"]
ANALYSTS = [
    "Rauf Huseynov", "Anna Petrova", "Tigran Sargsyan", "Nino Beridze", "Farid Aliyev",
    "Dmitry Volkov", "Leyla Karimova", "Giorgi Kapanadze", "Armen Grigoryan", "Olga Smirnova",
    "Elnur Mammadli", "Mark Davies", "Sabina Rzayeva", "Pavel Orlov", "Lusine Hakobyan",
]
OUTLETS = [
    "Caucasus Monitor", "Baku Herald", "Yerevan Daily", "Tbilisi Times", "Caspian Review",
    "Region Post", "Eurasia Wire", "South Caucasus Today",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _seed_paragraphs() -> tuple[list[str], list[str]]:
    """Body paragraphs (>= 80 characters) and title lines of the seed articles."""
    bodies: list[str] = []
    titles: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
        paragraphs = [p for p in paragraphs if p]
        titles.append(paragraphs[0])
        bodies.extend(p for p in paragraphs[1:] if len(p) >= 80)
    return bodies, titles


def _swap_names(text: str, rng: random.Random) -> str:
    for name in SEED_ANALYSTS:
        if name in text:
            text = text.replace(name, rng.choice(ANALYSTS))
    for outlet in SEED_OUTLETS:
        if outlet in text:
            text = text.replace(outlet, rng.choice(OUTLETS))
    return text


def generate_corpus(n_articles: int, path: Path, seed: int = 20240806) -> dict[str, float]:
    """Write ``n_articles`` distinct synthetic articles as JSONL (streamed, constant memory).

    Each line: ``{"id", "title", "published", "outlet", "author", "text"}``; the
    text is 5-12 seed paragraphs (shuffled across seeds, names swapped) with a
    dated byline paragraph, so every text is unique (checked by hash).

    Args:
        n_articles: Number of articles.
        path: Destination ``.jsonl`` file.
        seed: Random seed (the same seed gives the same corpus).

    Returns:
        ``{"articles", "mb", "mean_words"}``.
    """
    rng = random.Random(seed)
    bodies, titles = _seed_paragraphs()
    seen: set[bytes] = set()
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        written = 0
        while written < n_articles:
            year, month, day = rng.randint(2008, 2024), rng.randrange(12), rng.randint(1, 28)
            outlet, author = rng.choice(OUTLETS), rng.choice(ANALYSTS)
            chosen = rng.sample(bodies, rng.randint(5, min(12, len(bodies))))
            paragraphs = [_swap_names(p, rng) for p in chosen]
            byline = (f"{outlet} correspondent {author} reports from "
                      f"{rng.choice(['Baku', 'Yerevan', 'Tbilisi', 'Moscow'])} on "
                      f"{day} {MONTHS[month]} {year}.")
            paragraphs.insert(rng.randint(0, 1), byline)
            text = "\n\n".join(paragraphs)
            digest = hashlib.sha256(text.encode()).digest()
            if digest in seen:
                continue
            seen.add(digest)
            record = {
                "id": f"gen{written:07d}",
                "title": _swap_names(rng.choice(titles), rng),
                "published": f"{year:04d}-{month + 1:02d}-{day:02d}",
                "outlet": outlet,
                "author": author,
                "text": text,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            words += len(text.split())
            written += 1
    return {"articles": n_articles, "mb": path.stat().st_size / 1e6,
            "mean_words": words / max(n_articles, 1)}


class PeakMemorySampler:
    """Thread sampling the RSS of this process plus all its children (psutil).

    ``peak_mb`` is the maximum over samples of the summed RSS of the process
    tree (the memory the run really needs); ``peak_single_mb`` the largest
    single process.
    """

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self.process = psutil.Process()
        self.interval = interval
        self.peak_mb = 0.0
        self.peak_single_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        total, single = 0.0, 0.0
        for proc in [self.process] + self.process.children(recursive=True):
            try:
                rss = proc.memory_info().rss / 1e6
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            total += rss
            single = max(single, rss)
        self.peak_mb = max(self.peak_mb, total)
        self.peak_single_mb = max(self.peak_single_mb, single)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its terminated children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _assess(texts: list[str]) -> int:
    from textblob import TextBlob

    for text in texts:
        TextBlob(text).sentiment_assessments
    return len(texts)


def textblob_baseline(texts: list[str], workers: int) -> float:
    """Wall seconds of TextBlob ``sentiment_assessments`` over ``texts`` on ``workers`` processes."""
    start = time.perf_counter()
    if workers == 1:
        _assess(texts)
    else:
        size = max(1, len(texts) // (workers * 8))
        batches = [texts[i:i + size] for i in range(0, len(texts), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            sum(pool.map(_assess, batches))
    return time.perf_counter() - start


def default_scorer_name() -> str:
    """Name of the scorer the pipeline uses when none is given."""
    from analysis.scorers import get_scorer

    return get_scorer(None).name


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--chunk-size", type=int, default=500)
    parser.add_argument("--scorer", default=None, help="scorer name (default: the best installed one)")
    parser.add_argument("--baseline-sample", type=int, default=200_000,
                        help="TextBlob baseline on at most this many sentences (rate extrapolated)")
    parser.add_argument("--keep", type=Path, default=None, help="keep corpus and output here")
    parser.add_argument("--profile", type=Path, default=None,
                        help="write a cProfile of a single-process run here (workers=1 only)")
    args = parser.parse_args(argv)
    if args.keep is None:
        # Generated corpus and outputs are large (~1 GB per 100,000 articles): removed after the run.
        with tempfile.TemporaryDirectory(prefix="bench_pipeline_") as folder:
            return _run(args, Path(folder))
    args.keep.mkdir(parents=True, exist_ok=True)
    return _run(args, args.keep)


def _run(args: argparse.Namespace, work: Path) -> dict:
    """Generate the corpus in ``work``, run the pipeline and the baseline, print the JSON."""
    import pandas as pd

    from analysis.pipeline import run_pipeline

    corpus_path = work / "corpus.jsonl"
    t0 = time.perf_counter()
    corpus_info = generate_corpus(args.articles, corpus_path)
    generate_seconds = time.perf_counter() - t0

    out_dir = work / "out"
    load_before = os.getloadavg()[0]
    cpu_before = _cpu_seconds()
    with PeakMemorySampler() as memory:
        t0 = time.perf_counter()
        if args.profile:
            import cProfile

            cProfile.runctx(
                "run_pipeline(corpus_path, out_dir, engine=args.engine, workers=args.workers,"
                " chunk_size=args.chunk_size, cache=False, progress=False, scorer=args.scorer)",
                globals(), {**locals(), "run_pipeline": run_pipeline}, str(args.profile))
        else:
            run_pipeline(corpus_path, out_dir, engine=args.engine, workers=args.workers,
                         chunk_size=args.chunk_size, cache=False, progress=False, scorer=args.scorer)
        pipeline_seconds = time.perf_counter() - t0
    pipeline_cpu_seconds = _cpu_seconds() - cpu_before
    load_after = os.getloadavg()[0]
    manifest = json.loads((out_dir / "run_manifest.json").read_text())

    # Baseline: TextBlob alone over the same sentences, same worker count.
    texts = pd.read_parquet(out_dir / "tables" / "sentences.parquet", columns=["text"])["text"].tolist()
    n_sentences = len(texts)
    sample = texts if len(texts) <= args.baseline_sample else \
        random.Random(0).sample(texts, args.baseline_sample)
    del texts
    baseline_seconds = textblob_baseline(sample, args.workers) * n_sentences / max(len(sample), 1)

    timings = manifest["timings"]
    scoring_seconds = manifest["scoring_seconds"]
    stage_names = ["load", "split", "mentions", "sentiment", "stance", "frames", "quotes", "write"]
    stages = {
        name: {
            "seconds": round(timings.get(name, 0.0), 3),
            "sentences_per_s": round(n_sentences / timings[name], 1) if timings.get(name) else None,
        }
        for name in stage_names
    }
    result = {
        "articles": args.articles,
        "workers": args.workers,
        "engine": args.engine,
        "chunk_size": args.chunk_size,
        "scorer": args.scorer or default_scorer_name(),
        "sentences": n_sentences,
        "corpus_mb": round(corpus_info["mb"], 1),
        "mean_words": round(corpus_info["mean_words"], 1),
        "generate_seconds": round(generate_seconds, 2),
        "pipeline_seconds": round(pipeline_seconds, 2),
        "scoring_seconds": round(scoring_seconds, 2),
        "startup_seconds": round(manifest["startup_seconds"], 2),
        "consolidate_seconds": round(manifest["consolidate_seconds"], 2),
        "articles_per_s": round(args.articles / pipeline_seconds, 1),
        "sentences_per_s": round(n_sentences / pipeline_seconds, 1),
        "stages": stages,
        "stage_seconds_note": "wall seconds inside each worker, summed over workers; load and consolidation are in the main process",
        # CPU-seconds of this process and its (reaped) children: unlike wall time,
        # not inflated when other jobs share the cores.
        "pipeline_cpu_seconds": round(pipeline_cpu_seconds, 2),
        "articles_per_cpu_s": round(args.articles / pipeline_cpu_seconds, 1),
        "load_average_before_after": [round(load_before, 2), round(load_after, 2)],
        "peak_rss_mb": round(memory.peak_mb, 1),
        "peak_single_process_rss_mb": round(memory.peak_single_mb, 1),
        "textblob_seconds": round(baseline_seconds, 2),
        "textblob_sample": len(sample),
        "ratio_to_textblob": round(scoring_seconds / baseline_seconds, 2),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
