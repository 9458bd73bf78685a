"""Metrics on hand-computed cases, loaders and the CLI on bad files."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from analysis import config
from analysis.evaluate import (
    BenchmarkFormatError,
    accuracy,
    bootstrap_ci,
    confusion_matrix,
    disagreements,
    evaluate_file,
    load_newsmtsc,
    load_nyt,
    macro_f1,
    main_evaluate,
    pearson_r,
    per_class_f1,
    spearman_r,
)

SAMPLE_DIR = Path(__file__).parent / "data" / "benchmarks_sample"

# Hand-computed: rows are human labels -1, 0, 1; columns predictions.
Y_TRUE = [-1, -1, 0, 1, 1, 1]
Y_PRED = [-1, 0, 0, 1, 1, -1]


def test_confusion_matrix_hand_computed():
    assert confusion_matrix(Y_TRUE, Y_PRED) == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]


def test_per_class_and_macro_f1_hand_computed():
    # -1: tp 1, 2 true, 2 predicted -> 0.5; 0: tp 1, 1 true, 2 predicted -> 2/3;
    # 1: tp 2, 3 true, 2 predicted -> 0.8.
    f1 = per_class_f1(Y_TRUE, Y_PRED)
    assert f1 == pytest.approx({-1: 0.5, 0: 2 / 3, 1: 0.8})
    assert macro_f1(Y_TRUE, Y_PRED) == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)
    assert accuracy(Y_TRUE, Y_PRED) == pytest.approx(4 / 6)


def test_macro_f1_counts_an_absent_class_as_zero():
    # Class 1 is neither present nor predicted: F1m averages 1, 1, 0.
    assert macro_f1([-1, 0], [-1, 0]) == pytest.approx(2 / 3)


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError):
        confusion_matrix([1, 0], [1])
    with pytest.raises(ValueError):
        accuracy([1, 0], [1])


def test_pearson_and_spearman_hand_computed():
    assert pearson_r([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    assert pearson_r([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    # deviations (-2,-1,0,1,2) and (-1,-2,1,0,2): 8 / sqrt(10 * 10)
    assert pearson_r([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)
    # ties share the mean rank: x ranks (1, 2.5, 2.5, 4): 4.5 / sqrt(4.5 * 5)
    assert spearman_r([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))
    assert math.isnan(pearson_r([1, 1, 1], [1, 2, 3]))


def test_bootstrap_ci_is_deterministic_and_brackets_the_estimate():
    y_true = Y_TRUE * 10
    y_pred = Y_PRED * 10
    first = bootstrap_ci(macro_f1, y_true, y_pred, n=200, seed=7)
    assert first == bootstrap_ci(macro_f1, y_true, y_pred, n=200, seed=7)
    assert first[0] <= macro_f1(y_true, y_pred) <= first[1]
    assert first[0] < first[1]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = {"sentence": "Putin met Aliyev.", "mention": "Putin", "from": 0, "to": 5, "polarity": 0, "id": "a"}


@pytest.mark.parametrize(
    "second_line, message",
    [
        ('{"sentence": "x", "mention"', "not valid JSON"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "polarity"}), "missing field(s) polarity"),
        (json.dumps({**GOOD, "from": 1, "to": 6}), "offsets 1:6"),
        (json.dumps({**GOOD, "polarity": 2}), "polarity must be -1, 0 or 1"),
        (json.dumps({**GOOD, "polarity": "neg"}), "polarity must be -1, 0 or 1"),
    ],
)
def test_load_newsmtsc_names_file_and_line(tmp_path, second_line, message):
    path = _write(tmp_path, "bad.jsonl", json.dumps(GOOD) + "\n" + second_line + "\n")
    with pytest.raises(BenchmarkFormatError) as err:
        load_newsmtsc(path)
    assert f"{path}:2:" in str(err.value)
    assert message in str(err.value)


def test_load_newsmtsc_empty_file(tmp_path):
    path = _write(tmp_path, "empty.jsonl", "\n")
    with pytest.raises(BenchmarkFormatError, match="empty"):
        load_newsmtsc(path)


def test_load_newsmtsc_reads_the_dev_files():
    rw = load_newsmtsc(config.NEWSMTSC_DIR / "dev_rw.jsonl")
    mt = load_newsmtsc(config.NEWSMTSC_DIR / "dev_mt.jsonl")
    assert (len(rw), len(mt)) == (343, 442)
    first = rw.iloc[0]
    assert first["sentence"][first["from"] : first["to"]] == first["mention"] == "Cruz"
    assert first["line"] == 1


@pytest.mark.parametrize(
    "content, where, message",
    [
        ("id\tmean_rating\n1_1\t0.4\n", ":1:", "header lacks column(s) text"),
        ("id\tmean_rating\ttext\n1_1\t0.4\tFine.\n1_2\tabc\tBad.\n", ":3:", "is not a number"),
        ("id\tmean_rating\ttext\n1_1\t0.4\n", ":2:", "2 tab-separated fields"),
        ("id\tmean_rating\ttext\n1_1\t0.4\t \n", ":2:", "empty text"),
        ("id\tmean_rating\ttext\n", ":2:", "no data rows"),
        ("", ":1:", "empty"),
    ],
)
def test_load_nyt_names_file_and_line(tmp_path, content, where, message):
    path = _write(tmp_path, "bad.tsv", content)
    with pytest.raises(BenchmarkFormatError) as err:
        load_nyt(path)
    assert f"{path}{where}" in str(err.value)
    assert message in str(err.value)


def test_load_nyt_reads_the_dev_file():
    nyt = load_nyt(config.NYT_DIR / "dev.tsv")
    assert len(nyt) == 2568
    assert nyt.iloc[0]["id"] == "1_1" and nyt.iloc[0]["mean_rating"] == pytest.approx(0.4)


def test_evaluate_textblob_on_sample_is_hand_checkable():
    result = evaluate_file("newsmtsc", SAMPLE_DIR / "dev_rw_sample.jsonl", "textblob", n_boot=50)
    assert result["n"] == 30 and result["scorer"] == "textblob"
    assert sum(map(sum, result["confusion_matrix"])) == 30
    assert result["labels"] == ["critical", "neutral", "favourable"]
    low, high = result["ci"]["macro_f1"]
    assert low <= result["macro_f1"] <= high


def test_evaluate_unknown_kind():
    with pytest.raises(ValueError, match="newsmtsc"):
        evaluate_file("imdb", SAMPLE_DIR / "dev_rw_sample.jsonl", "textblob")


def test_disagreements_are_real_disagreements():
    table = disagreements(SAMPLE_DIR / "dev_rw_sample.jsonl", "textblob", k=5)
    assert 0 < len(table) <= 5
    assert (table["human"] != table["predicted"]).all()


def test_cli_prints_one_sorted_json_object(capsys):
    code = main_evaluate(["nyt", str(SAMPLE_DIR / "nyt_sample.tsv"), "--scorer", "vader", "--n-boot", "20"])
    out = capsys.readouterr().out
    assert code == 0
    result = json.loads(out)
    assert list(result) == sorted(result)
    assert result["n"] == 40 and result["scorer"] == "vader"
    # Deterministic: a second run prints the same bytes.
    main_evaluate(["nyt", str(SAMPLE_DIR / "nyt_sample.tsv"), "--scorer", "vader", "--n-boot", "20"])
    assert capsys.readouterr().out == out


def test_cli_bad_file_exits_2_with_message(tmp_path, capsys):
    path = _write(tmp_path, "bad.jsonl", json.dumps({**GOOD, "polarity": 5}) + "\n")
    assert main_evaluate(["newsmtsc", str(path), "--scorer", "textblob"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{path}:1:" in captured.err


def test_cli_unknown_scorer_and_missing_file_exit_2(capsys):
    assert main_evaluate(["nyt", str(SAMPLE_DIR / "nyt_sample.tsv"), "--scorer", "nope"]) == 2
    assert "available" in capsys.readouterr().err
    assert main_evaluate(["nyt", "/nonexistent/file.tsv", "--scorer", "vader"]) == 2
    assert "not found" in capsys.readouterr().err


def test_load_newsmtsc_reports_every_bad_line_at_once(tmp_path, capsys):
    lines = [
        json.dumps(GOOD),
        json.dumps({**GOOD, "id": "b", "from": 1, "to": 6}),                         # 2: offsets
        json.dumps({**GOOD, "id": "c", "polarity": "negative"}),                     # 3: polarity
        "not json",                                                                   # 4
        "",
        json.dumps({k: v for k, v in GOOD.items() if k not in ("polarity", "id")}),  # 6: missing field
        json.dumps({**GOOD, "id": "d", "polarity": 1.0}),                            # fine
    ]
    path = _write(tmp_path, "bad.jsonl", "\n".join(lines) + "\n")
    with pytest.raises(BenchmarkFormatError) as err:
        load_newsmtsc(path)
    message = str(err.value)
    assert message.startswith(f"{path}: 4 problems:\n")
    for line, text in ((2, "offsets 1:6"), (3, "polarity must be -1, 0 or 1, got 'negative'"), (4, "not valid JSON"),
                       (6, "missing field(s) polarity")):
        assert f"{path}:{line}: {text}" in message
    assert len(err.value.problems) == 4 and isinstance(err.value, ValueError)
    assert main_evaluate(["newsmtsc", str(path), "--scorer", "textblob"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert all(f"{path}:{n}:" in captured.err for n in (2, 3, 4, 6))


def test_a_long_list_of_problems_is_capped(tmp_path):
    from analysis.evaluate import MAX_LISTED_PROBLEMS

    n = MAX_LISTED_PROBLEMS + 7
    path = _write(tmp_path, "bad.tsv", "id\tmean_rating\ttext\n" + "".join(f"{i}\tx\tText.\n" for i in range(n)))
    with pytest.raises(BenchmarkFormatError) as err:
        load_nyt(path)
    message = str(err.value)
    assert message.count("is not a number") == MAX_LISTED_PROBLEMS and message.endswith("  ... and 7 more")
    assert f"{path}: {n} problems:" in message and len(err.value.problems) == n


def test_load_nyt_refuses_ratings_off_the_scale_and_duplicate_ids(tmp_path):
    path = _write(tmp_path, "bad.tsv", "id\tmean_rating\ttext\n1\t-4\tWorst.\n2\t4.0\tBest.\n3\t9\tOff the scale.\n"
                                       "4\t-2\tFine.\n4\t-2\tDuplicate id.\n")
    with pytest.raises(BenchmarkFormatError) as err:
        load_nyt(path)
    message = str(err.value)
    assert f"{path}:4: mean_rating 9 is outside the rating scale -4..+4" in message and "2 * (rating - 3)" in message
    assert f"{path}:6: id '4' appears twice (first on line 5)" in message
    assert len(err.value.problems) == 2  # -4 and +4 are on the scale
    ok = _write(tmp_path, "ok.tsv", "id\tmean_rating\ttext\n1\t-4\tWorst.\n2\t4.0\tBest.\n")
    assert load_nyt(ok)["mean_rating"].tolist() == [-4.0, 4.0]


def test_load_newsmtsc_refuses_a_duplicate_id_but_not_several_targets_of_one_sentence(tmp_path):
    sentence = "Putin met Aliyev."
    first = {"sentence": sentence, "mention": "Putin", "from": 0, "to": 5, "polarity": 0, "id": "s1_Putin"}
    other_target = {"sentence": sentence, "mention": "Aliyev", "from": 10, "to": 16, "polarity": 0, "id": "s1_Aliyev"}
    ok = _write(tmp_path, "ok.jsonl", json.dumps(first) + "\n" + json.dumps(other_target) + "\n")
    assert load_newsmtsc(ok)["id"].tolist() == ["s1_Putin", "s1_Aliyev"]
    conflicting = {**first, "polarity": 1}
    path = _write(tmp_path, "dup.jsonl", "\n".join(json.dumps(r) for r in (first, other_target, conflicting, first)) + "\n")
    with pytest.raises(BenchmarkFormatError) as err:
        load_newsmtsc(path)
    message = str(err.value)
    assert f"{path}:3: id 's1_Putin' is also on line 1, with another sentence, mention, offsets or polarity" in message
    assert f"{path}:4: repeats line 1 (same id 's1_Putin' and content)" in message
