"""Frames and stance against human coding: the sample without machine labels, the coded sheet, agreement figures, CLI."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import narrative
from analysis.cli import main
from analysis.coding import (
    CODING_SHEET_COLUMNS,
    MACRO,
    POOLED,
    CodingSheetError,
    coding_sheet,
    cohen_kappa,
    evaluate_coding_sheet,
    evaluate_frames,
    evaluate_stance_coding,
    frame_agreement,
    machine_stance,
    frame_disagreements,
    frame_validation_table,
    load_coding_sheet,
    stance_validation_table,
)
from analysis.framing import load_codebook

CODED = Path(__file__).parent / "data" / "coded_sheet_sample.csv"
IDS = load_codebook().ids


def test_cohen_kappa_hand_computed():
    # observed 3/4; chance 1/2 * 1/4 + 1/2 * 3/4 = 1/2 -> (0.75 - 0.5) / 0.5
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5)
    assert cohen_kappa([1, 0, 1, 0], [0, 1, 0, 1]) == pytest.approx(-1.0)
    assert math.isnan(cohen_kappa([0, 0, 0], [0, 0, 0]))  # no variation: undefined, not "perfect"


def test_frame_agreement_per_frame_and_pooled_hand_computed():
    human = [{"a"}, {"a", "b"}, set(), {"b"}]
    machine = [{"a"}, {"a"}, {"b"}, {"b"}]
    t = frame_agreement(human, machine, ["a", "b"]).set_index("frame")
    # a: tp 2, fp 0, fn 0; b: tp 1, fp 1, fn 1 -> P = R = F1 = 0.5
    assert t.loc["a", ["n_human", "n_machine", "n_both", "precision", "recall", "f1", "kappa"]].tolist() == [2, 2, 2, 1.0, 1.0, 1.0, 1.0]
    assert t.loc["b", ["precision", "recall", "f1"]].tolist() == [0.5, 0.5, 0.5]
    # pooled: tp 3, fp 1, fn 1 -> 0.75; over 8 decisions: agree 6/8, chance (4/8)^2 + (4/8)^2 = 1/2 -> 0.5
    assert t.loc[POOLED, ["n_both", "precision", "recall", "f1", "kappa"]].tolist() == [3, 0.75, 0.75, 0.75, 0.5]
    with pytest.raises(ValueError, match="same, non-zero number"):
        frame_agreement([{"a"}], [], ["a"])


def test_evaluate_frames_on_the_hand_coded_sample():
    result = evaluate_frames(CODED, n_boot=200)
    # 7 coded rows (line 8 is blank). The codebook hits rows 1, 2, 3, 8 as coded, fires on the
    # labour "strikes" of row 4 (fp) and misses the "soft power" of row 5 (fn): tp 4, fp 1, fn 1.
    assert result["n"] == 7 and result["not_coded"] == [8] and result["target"] == "Russia" and result["no_target_mention"] == []
    assert result["micro"]["precision"] == 0.8 and result["micro"]["recall"] == 0.8 and result["micro"]["f1"] == 0.8
    # 56 frame decisions, 54 agree, 5 positives on each side: (54/56 - 2626/3136) / (1 - 2626/3136) = 398/510
    assert result["micro"]["kappa"] == round(398 / 510, 4)
    # frames with a label on either side: military 2/3, mediator 1, economic 1, imperial 2/3
    assert result["macro_f1"] == round((2 / 3 + 1 + 1 + 2 / 3) / 4, 4)
    assert result["exact_match"] == round(5 / 7, 4)
    assert result["per_frame"]["military_actor"]["kappa"] == round(10 / 17, 4)
    assert result["per_frame"]["counter_terrorism"]["f1"] is None
    low, high = result["ci"]["micro_f1"]
    assert 0 <= low <= 0.8 <= high <= 1


def test_frame_validation_table_and_disagreements():
    table = frame_validation_table(evaluate_frames(CODED, n_boot=50))
    assert table["frame"].tolist() == IDS + [POOLED, MACRO]
    assert set(table["n_not_coded"]) == {1}
    wrong = frame_disagreements(CODED)
    assert wrong[["line", "codebook_only", "coder_only"]].values.tolist() == [[5, "military_actor", ""], [6, "", "imperial_threat"]]
    assert wrong.loc[0, "indicators"] == "military_actor: strikes"


def _sheet(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "sheet.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"sentence_id": "a", "text": "Russia."}], r"missing column\(s\) human_frames or human_stance"),
        ([{"sentence_id": "a", "text": "Russia.", "human_frames": "mediator|peace_broker"}],
         r"sheet.csv, line 2, human_frames: unknown frame id\(s\) peace_broker; the codebook has: counter_terrorism"),
        ([{"sentence_id": "a", "text": "Russia.", "human_frames": "none", "human_frames_2": "broker"}],
         r"line 2, human_frames_2: unknown frame id\(s\) broker"),
        ([{"sentence_id": "a", "text": "Russia.", "human_frames": "none|mediator"}], r"line 2, human_frames: .*mixes 'none'"),
        ([{"sentence_id": "a", "text": "Russia.", "human_frames": "none"},
          {"sentence_id": "a", "text": "Moscow.", "human_frames": "none"}], r"line 3: sentence_id 'a' appears twice \(first on line 2\)"),
        ([{"sentence_id": "a", "text": "Russia.", "human_frames": ""}], r"no coded row"),
        ([{"sentence_id": "a", "text": " ", "human_frames": "none"}], r"line 2: empty text"),
    ],
)
def test_bad_sheets_name_the_file_line_and_fix(tmp_path, rows, message):
    with pytest.raises(CodingSheetError, match=message):
        load_coding_sheet(_sheet(tmp_path, rows), IDS)


def test_codes_are_case_and_separator_tolerant(tmp_path):
    path = _sheet(tmp_path, [{"sentence_id": "a", "text": "Russia.", "human_frames": " Mediator ; economic_lever "}])
    coded, blank = load_coding_sheet(path, IDS)
    assert coded.loc[0, "human"] == frozenset({"mediator", "economic_lever"}) and blank.empty


def _sentences() -> pd.DataFrame:
    texts = ["Intro.", "Russia mediates.", "Moscow sells gas.", "Other doc starts.", "Russia mediates.", "Russia arms Armenia."]
    return pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b", "b"],
        "sentence_id": [f"s{i}" for i in range(6)],
        "text": texts,
        "mentions_target": [False, True, True, False, True, True],
        "frames": ["", "mediator", "economic_lever", "", "mediator", "military_actor"],
        "stance": ["", "neutral", "critical", "", "neutral", "critical"],
    })


def test_coding_sheet_hides_machine_labels_is_deduplicated_reproducible_and_keeps_context():
    sheet = coding_sheet(_sentences(), n=10, seed=3)
    assert list(sheet.columns) == CODING_SHEET_COLUMNS  # no frames, stance or scores: the coder is not led by them
    assert sorted(sheet["sentence_id"]) == ["s1", "s2", "s5"]  # s4 repeats s1's text
    assert sheet.equals(coding_sheet(_sentences(), n=10, seed=3))
    row = sheet.set_index("sentence_id").loc["s5"]
    assert (row.context_before, row.context_after) == ("Russia mediates.", "")  # same document only
    assert sheet.set_index("sentence_id").loc["s1", "context_before"] == "Intro."
    assert len(coding_sheet(_sentences(), n=2, seed=3)) == 2
    orders = {tuple(coding_sheet(_sentences(), n=3, seed=s)["sentence_id"]) for s in range(6)}
    assert len(orders) > 1  # the seed matters
    with pytest.raises(ValueError, match="no sentence mentions the target"):
        coding_sheet(_sentences().assign(mentions_target=False))


def test_describe_frame_validation_with_and_without_a_sheet():
    table = frame_validation_table(evaluate_frames(CODED, n_boot=50))
    labels = {"military_actor": "Military actor", "imperial_threat": "Imperial threat"}
    text = narrative.describe_frame_validation(table, "Russia", labels)
    assert "checked against 7 sentences about Russia that a person coded by hand" in text
    assert "(`coded_sheet_sample.csv`)" in text
    assert "Of the 5 labels the codebook gave, the coder also gave 80% (precision)" in text
    assert "The F1 pooled over frames is 0.80 (95% CI" in text and "resampling sentences" in text
    assert "Cohen's kappa over all 56 sentence-frame decisions is 0.78" in text
    assert "mean F1 over the 4 frames either side used is 0.83" in text
    assert "cannot be judged on their own" in text  # every frame was given fewer than 5 times
    assert "A second coder coded 6 of the sentences independently" in text
    assert "Krippendorff's alpha 0.73" in text and "Left out: 1 row not coded." in text
    one_coder = narrative.describe_frame_validation(table.assign(n_double_coded=0), "Russia", labels)
    assert "Only one person coded the frames" in one_coder
    none = narrative.describe_frame_validation(None, "Russia", labels, "out")
    assert "have not been checked" in none and "analysis coding-sheet out --n 100" in none


def test_a_sheet_where_nobody_gives_a_frame_says_so_without_nan(tmp_path):
    path = _sheet(tmp_path, [{"sentence_id": "a", "text": "Russia is a neighbour.", "human_frames": "none"}])
    text = narrative.describe_frame_validation(frame_validation_table(evaluate_frames(path, n_boot=20)), "Russia", {})
    assert "agreement cannot be measured" in text and "nan" not in text.lower()


def test_the_intercoder_figures_are_hand_computed():
    inter = evaluate_frames(CODED, n_boot=20)["intercoder"]
    # rows 1-6 coded by both; coder 2 adds imperial_threat on row 3, omits it on row 5: tp 3, fp 1, fn 1
    assert inter["n"] == 6 and inter["coders"]["f1"] == 0.75
    # 48 decisions, 2 differ, 8 "yes" of 96 values: 1 - 95 * 2 / (88 * 8)
    assert inter["coders"]["alpha"] == round(1 - 95 * 2 / (88 * 8), 4)
    assert inter["codebook_vs_first_coder"]["f1"] == 0.75


def test_krippendorff_alpha_matches_the_published_example():
    from analysis.coding import krippendorff_alpha

    # Krippendorff (2011), binary data, two observers, ten units: alpha = 0.095
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert round(krippendorff_alpha(a, b), 3) == 0.095
    assert krippendorff_alpha(a, a) == 1.0 and math.isnan(krippendorff_alpha([0, 0], [0, 0]))


def test_line_numbers_follow_the_file_with_multiline_cells_blank_and_emptied_rows(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "sentence_id,text,human_frames,coder_note\n"
        "a,Russia mediates.,mediator,\"first line\nsecond line\"\n"
        "\n"
        ",,,\n"
        "b,Russia sells gas.,gas_lever,\n", encoding="utf-8")
    with pytest.raises(CodingSheetError, match=r"line 6, human_frames: unknown frame id\(s\) gas_lever"):
        load_coding_sheet(path, IDS)


def test_spreadsheet_exports_are_read_or_explained(tmp_path):
    semicolon = tmp_path / "semi.csv"
    semicolon.write_bytes("\ufeffsentence_id;text;human_frames\na;Russia, again, mediates.;mediator\n".encode("utf-8"))
    coded, _ = load_coding_sheet(semicolon, IDS)  # BOM and European delimiter
    assert coded.loc[0, "text"] == "Russia, again, mediates." and coded.loc[0, "human"] == frozenset({"mediator"})
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("sentence_id,text,human_frames\na,Russia\x92s role,none\n".encode("latin-1"))
    with pytest.raises(CodingSheetError, match=r"legacy.csv: not UTF-8 .*CSV UTF-8"):
        load_coding_sheet(legacy, IDS)


def test_sentences_without_a_target_mention_are_listed_not_scored(tmp_path):
    path = _sheet(tmp_path, [{"sentence_id": "a", "text": "We buy weapons from Russia.", "human_frames": "military_actor"},
                             {"sentence_id": "b", "text": "Baku buys weapons from Ankara.", "human_frames": "military_actor"}])
    result = evaluate_frames(path, n_boot=20)
    assert result["n"] == 1 and result["no_target_mention"] == [3] and result["micro"]["recall"] == 1.0


def test_the_sheet_target_is_used_by_the_command(tmp_path, capsys):
    path = _sheet(tmp_path, [{"sentence_id": "a", "text": "Armenia is a strategic partner of France.",
                              "human_frames": "strategic_partner", "target": "Armenia"}])
    assert main(["evaluate", "coding", str(path), "--n-boot", "20"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["stance"] is None
    assert printed["frames"]["target"] == "Armenia" and printed["frames"]["micro"]["f1"] == 1.0


def test_intervals_resample_articles_when_there_are_enough():
    from analysis.coding import MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP

    rows = [{"sentence_id": f"s{i}", "doc_id": f"d{i % MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP}",
             "text": "We buy weapons from Russia.", "human_frames": "military_actor" if i % 3 else "none"}
            for i in range(2 * MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP)]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = evaluate_frames(_sheet(Path(tmp), rows), n_boot=50)
    assert result["ci"]["unit"] == "article" and result["ci"]["n_units"] == MIN_DOCUMENTS_FOR_ARTICLE_BOOTSTRAP


def test_cli_coding_sheet_and_evaluate_frames(tmp_path, capsys):
    tables = tmp_path / "run" / "tables"
    tables.mkdir(parents=True)
    _sentences().to_csv(tables / "sentences.csv", index=False)
    pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"]}).to_csv(tables / "documents.csv", index=False)
    (tables / "run.json").write_text(json.dumps({"parameters": {"target": "Russia"}}))
    out = tmp_path / "sheet.csv"
    assert main(["coding-sheet", str(tmp_path / "run"), "--n", "2", "--out", str(out)]) == 0
    sheet = pd.read_csv(out, keep_default_na=False)
    assert len(sheet) == 2 and set(sheet["target"]) == {"Russia"} and set(sheet["human_frames"]) == {""}
    codes = pd.read_csv(tmp_path / "sheet_codes.csv", encoding="utf-8-sig")
    assert codes["column"].value_counts().to_dict() == {"human_frames": len(IDS) + 1, "human_stance": 4}
    capsys.readouterr()

    assert main(["evaluate", "coding", str(CODED), "--scorer", "lexicon", "--n-boot", "50"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["frames"]["n"] == 7 and printed["frames"]["micro"]["f1"] == 0.8
    assert printed["stance"]["scorer"] == "lexicon" and printed["stance"]["n"] == 7

    assert main(["evaluate", "coding", str(out)]) == 2  # drawn but not coded yet
    assert "no coded row" in capsys.readouterr().err
    assert main(["coding-sheet", str(tmp_path / "nowhere"), "--out", str(tmp_path / "other.csv")]) == 2
    assert "run `analysis report --out" in capsys.readouterr().err
    # A drawn (maybe coded) sheet is never overwritten without --force; a second sheet can exclude the first.
    assert main(["coding-sheet", str(tmp_path / "run"), "--n", "2", "--out", str(out)]) == 2
    assert "may hold a coder's work" in capsys.readouterr().err
    again = tmp_path / "again.csv"
    assert main(["coding-sheet", str(tmp_path / "run"), "--n", "5", "--exclude", str(out), "--out", str(again)]) == 0
    assert not set(pd.read_csv(again)["text"]) & set(sheet["text"])
    assert "only 1 sentence mentions Russia" in capsys.readouterr().err  # fewer than --n: said, not silent
    assert main(["coding-sheet", str(tmp_path / "run"), "--out", str(tmp_path / "sheet.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "written as .csv" in err and "run `analysis report" not in err
    # a missing codebook or a damaged run.json is an error message, not a traceback
    assert main(["coding-sheet", str(tmp_path / "run"), "--codebook", str(tmp_path / "no.yaml"),
                 "--out", str(tmp_path / "c.csv")]) == 2
    assert "no.yaml" in capsys.readouterr().err and not (tmp_path / "c.csv").exists()
    for damaged in ("{not json", "[]", '{"parameters": [1]}'):
        (tables / "run.json").write_text(damaged)
        assert main(["coding-sheet", str(tmp_path / "run"), "--out", str(tmp_path / "d.csv")]) == 2, damaged
        assert "run.json: not readable JSON" in capsys.readouterr().err
    assert main(["evaluate", "coding", str(CODED), "--codebook", str(tmp_path)]) == 2  # a folder, not a YAML file
    assert "analysis evaluate:" in capsys.readouterr().err
    # --codebook and --target mean nothing to the benchmark commands, so they are refused rather than ignored
    assert main(["evaluate", "nyt", "x.tsv", "--target", "Iran"]) == 2
    assert "--target only apply to `evaluate coding`" in capsys.readouterr().err


def test_a_sheet_naming_a_missing_codebook_says_to_pass_it(tmp_path):
    path = _sheet(tmp_path, [{"sentence_id": "a", "text": "Russia mediates.", "human_frames": "mediator",
                              "human_stance": "neutral", "codebook": "nowhere/codebook.yaml"}])
    for evaluate in (evaluate_frames, lambda p: evaluate_stance_coding(p, scorer="lexicon")):
        with pytest.raises(CodingSheetError, match="drawn with codebook nowhere/codebook.yaml, which is not there; pass --codebook"):
            evaluate(path)
    assert evaluate_stance_coding(path, scorer="lexicon", codebook=load_codebook(), n_boot=10)["n"] == 1


def test_the_prose_reads_tables_with_empty_count_cells():
    table = frame_validation_table(evaluate_frames(CODED, n_boot=20)).assign(n_articles=float("nan"), n_double_coded=float("nan"))
    text = narrative.describe_frame_validation(table, "Russia", {})
    assert "F1 pooled over frames" in text and "Only one person coded the frames" in text
    stance = stance_validation_table(evaluate_stance_coding(CODED, scorer="lexicon", n_boot=20)).assign(
        n_skipped=float("nan"), n_double_coded=float("nan"))
    assert "Only one person coded the stance" in narrative.describe_stance_coding(stance, "Russia")


def test_stance_coding_is_measured_with_the_scorer_reading_the_text():
    result = evaluate_stance_coding(CODED, scorer="lexicon", n_boot=50)
    # lines 2-7 and 9 carry stance codes; line 8 (t:07) is not coded
    assert result["n"] == 7 and result["not_coded"] == [8] and result["no_target_mention"] == [] and result["scorer"] == "lexicon"
    machine = machine_stance(pd.read_csv(CODED, keep_default_na=False)["text"].tolist(), scorer="lexicon")
    coded = pd.read_csv(CODED, keep_default_na=False)
    kept = coded["human_stance"] != ""
    human, predicted = coded.loc[kept, "human_stance"].tolist(), machine.loc[kept.to_numpy(), "stance"].tolist()
    from analysis.evaluate import accuracy, confusion_matrix, macro_f1

    order = ("critical", "neutral", "favourable")
    used = [lab for lab in order if lab in set(human) | set(predicted)]  # a label nobody used has no F1
    assert result["confusion"]["matrix"] == confusion_matrix(human, predicted, order)
    assert result["macro_f1"] == round(macro_f1(human, predicted, used), 4) and result["macro_labels"] == used
    assert result["accuracy"] == round(accuracy(human, predicted), 4)
    # second coder: C N C N N N against the first coder's C N C N C N; values C 5, N 7 of 12; one unit differs
    inter = {k: v for k, v in result["intercoder"].items() if k != "scorer_agreement"}
    assert inter == {"n": 6, "agreement": round(5 / 6, 4), "alpha": round(1 - 11 * 2 / (144 - 25 - 49), 4)}
    assert stance_validation_table(result)["label"].tolist() == ["critical", "neutral", "favourable", "all"]


def test_stance_figures_hand_computed(monkeypatch):
    import analysis.coding as coding

    # the scorer says C F C N N N C for the seven coded rows; the coder C N C N C N C
    said = ["critical", "favourable", "critical", "neutral", "neutral", "neutral", "critical"]
    monkeypatch.setattr(coding, "machine_stance", lambda texts, target, scorer: pd.DataFrame({
        "mentions_target": True, "stance": said[: len(texts)], "stance_score": 0.0, "stance_cues": "", "stance_scorer": "fake"}))
    result = evaluate_stance_coding(CODED, n_boot=20)
    assert result["confusion"]["matrix"] == [[3, 1, 0], [0, 2, 1], [0, 0, 0]]
    assert result["per_class"]["critical"] == {"n_human": 4, "n_machine": 3, "n_both": 3, "precision": 1.0,
                                               "recall": 0.75, "f1": round(6 / 7, 4)}
    # F1: critical 6/7, neutral 2/3, favourable 0 (given once by the scorer, never by the coder)
    assert result["macro_f1"] == round((6 / 7 + 2 / 3 + 0) / 3, 4) and result["accuracy"] == round(5 / 7, 4)
    wrong = coding.stance_disagreements(CODED)
    assert wrong[["line", "human", "scorer"]].values.tolist() == [[3, "neutral", "favourable"], [6, "critical", "neutral"]]
    text = narrative.describe_stance_coding(stance_validation_table(result), "Russia")
    assert "7 sentences about Russia" in text and f"macro-F1 {result['macro_f1']:.2f}" in text and "accuracy 71%" in text
    assert "the coder called 4 critical, 3 neutral and 0 favourable, the scorer 3, 3 and 1" in text
    assert "favourable, which the scorer gave but the coder never did, counts as zero" in text
    assert "Krippendorff's alpha 0.69" in text and "the scorer agrees with the first coder on 67%" in text
    # the label shares, paired on the same sentences: scorer minus coder (critical 3/7 - 4/7, favourable 1/7 - 0)
    shares = result["share_difference"]
    assert shares["critical"][0] == round(-1 / 7, 4) and shares["neutral"][0] == 0.0 and shares["favourable"][0] == round(1 / 7, 4)
    assert all(low <= d <= high for d, low, high in (shares[lab] for lab in ("critical", "neutral", "favourable")))
    assert "critical -14 points" in text and "within chance" in text and "more often" not in text
    assert "resampling sentences; the 7 sentences come from 1 article" in text
    assert "have not been checked against human coding of this corpus" in narrative.describe_stance_coding(None, "Russia")
    assert narrative.describe_stance_coding(None, "Russia", missing_reason="s.csv has no codes") == \
        "The stance labels were not checked against the coding sheet: s.csv has no codes."


def test_labels_nobody_used_do_not_count_as_zero_and_skip_is_left_out(tmp_path, monkeypatch):
    import analysis.coding as coding

    rows = [{"sentence_id": f"s{i}", "text": "Russia acts.", "human_stance": lab}
            for i, lab in enumerate(["critical", "neutral", "neutral", "skip", "critical"])]
    path = _sheet(tmp_path, rows)
    said = ["critical", "neutral", "neutral", "critical"]  # perfect agreement on the four coded rows
    monkeypatch.setattr(coding, "machine_stance", lambda texts, target, scorer: pd.DataFrame({
        "mentions_target": True, "stance": said[: len(texts)], "stance_score": 0.0, "stance_cues": "", "stance_scorer": "fake"}))
    result = evaluate_stance_coding(path, n_boot=50)
    assert result["macro_f1"] == 1.0 and result["macro_labels"] == ["critical", "neutral"] and result["skipped"] == [5]
    assert result["ci"]["macro_f1"] == [1.0, 1.0]
    text = narrative.describe_stance_coding(stance_validation_table(result), "Russia")
    assert "macro-F1 1.00 over the labels either side used (critical and neutral)" in text
    assert "Left out: 1 row the coder marked `skip`" in text


def test_one_part_that_cannot_be_measured_does_not_stop_the_other(tmp_path):
    path = _sheet(tmp_path, [{"sentence_id": "a", "text": "We buy weapons from Russia.", "human_frames": "military_actor",
                              "human_stance": ""},
                             {"sentence_id": "b", "text": "Baku buys weapons from Ankara.", "human_frames": "",
                              "human_stance": "critical"}])
    out = evaluate_coding_sheet(path, scorer="lexicon", n_boot=20)
    assert out["frames"]["n"] == 1 and out["stance"] is None
    assert out["reasons"] == {"stance": "sheet.csv: none of the stance-coded sentences mentions Russia by the actor "
                                        "lexicon; check the target the sheet was drawn for"}


def test_a_sheet_coded_for_one_part_only_evaluates_that_part(tmp_path):
    path = _sheet(tmp_path, [{"sentence_id": "t:01", "text": "We buy modern weapons from Russia.",
                              "human_frames": "", "human_stance": "negative"}])
    both = evaluate_coding_sheet(path, scorer="lexicon", n_boot=20)
    assert both["frames"] is None and both["stance"]["n"] == 1
    with pytest.raises(CodingSheetError, match="line 2, human_stance: unknown stance 'hostile'"):
        load_coding_sheet(_sheet(tmp_path, [{"sentence_id": "a", "text": "Russia.", "human_stance": "hostile"}]), IDS)


def test_coding_results_round_trip_and_a_later_run_without_a_sheet_removes_them(tmp_path):
    from analysis.coding import CODING_RESULT_FILES, read_coding_results, write_coding_results

    result = evaluate_coding_sheet(CODED, scorer="lexicon", n_boot=20)
    written = write_coding_results(result, tmp_path)
    frames, stance, reasons = read_coding_results(tmp_path)
    assert frames["f1"].tolist() == pytest.approx(written["frame_validation"]["f1"].tolist(), nan_ok=True)
    assert stance["label"].tolist() == ["critical", "neutral", "favourable", "all"] and reasons == {}
    write_coding_results(dict(result, stance=None, reasons={"stance": "no stance codes"}), tmp_path)
    assert read_coding_results(tmp_path)[1:] == (None, {"stance": "no stance codes"})
    write_coding_results(None, tmp_path)
    assert read_coding_results(tmp_path) == (None, None, {})
    assert not any((tmp_path / name).exists() for name in CODING_RESULT_FILES)
    write_coding_results(result, tmp_path)
    (tmp_path / "coding_sheet.json").write_text("{damaged")
    with pytest.warns(UserWarning, match="coding_sheet.json: unreadable"):
        assert read_coding_results(tmp_path)[2] == {}


def test_a_sheet_coded_for_another_target_or_drawn_from_another_corpus_is_refused(tmp_path):
    from analysis.coding import check_sheet_sentences

    path = _sheet(tmp_path, [{"sentence_id": "d:1", "text": "Russia mediates.", "human_stance": "neutral", "target": "Russia"}])
    with pytest.raises(CodingSheetError, match="drawn and coded for Russia, not Azerbaijan"):
        evaluate_coding_sheet(path, scorer="lexicon", target="Azerbaijan", n_boot=10)
    with pytest.raises(CodingSheetError, match="drawn and coded for Russia, not Azerbaijan"):
        evaluate_stance_coding(path, scorer="lexicon", target="Azerbaijan", n_boot=10)
    assert evaluate_coding_sheet(path, scorer="lexicon", target="russia", n_boot=10)["stance"]["n"] == 1  # same actor
    run = pd.DataFrame({"sentence_id": ["d:0", "d:1"], "text": ["Intro.", "Russia mediates."]})
    check_sheet_sentences(path, run)  # drawn from this run: passes
    assert evaluate_coding_sheet(path, scorer="lexicon", n_boot=10, sentences=run)["stance"]["n"] == 1
    with pytest.raises(CodingSheetError, match=r"1 of 1 coded row has a sentence_id this run does not have \(line 2, 'd:1'\)"):
        evaluate_coding_sheet(path, scorer="lexicon", n_boot=10, sentences=run.assign(sentence_id=["x:0", "x:1"]))
    with pytest.raises(CodingSheetError, match=r"1 coded row has another text .*sheet 'Russia mediates.', run 'Russia mediated.'"):
        evaluate_coding_sheet(path, scorer="lexicon", n_boot=10, sentences=run.assign(text=["Intro.", "Russia mediated."]))
    check_sheet_sentences(path, run.assign(text=["Intro.", "  Russia   mediates. "]))  # whitespace is not a difference
    with pytest.raises(CodingSheetError, match="no such coding sheet"):
        check_sheet_sentences(tmp_path / "gone.csv", run)


def test_cells_a_spreadsheet_would_read_as_formulas_are_guarded_and_read_back(tmp_path):
    from analysis.coding import check_sheet_sentences

    sentences = pd.DataFrame({"doc_id": ["d"] * 2, "sentence_id": ["d:0", "d:1"],
                              "text": ["- Is Russia a partner?", "- Russia is a partner."], "mentions_target": [True, True]})
    sheet = coding_sheet(sentences, n=2)
    assert sorted(sheet["text"]) == [" - Is Russia a partner?", " - Russia is a partner."]  # not "=- ..." to Excel
    sheet["human_stance"] = "neutral"
    path = tmp_path / "s.csv"
    sheet.to_csv(path, index=False)
    check_sheet_sentences(path, sentences)
    coded, _ = load_coding_sheet(path, IDS)
    assert sorted(coded["text"]) == ["- Is Russia a partner?", "- Russia is a partner."]  # scored as the pipeline did


def test_every_bad_row_of_a_sheet_is_reported_at_once(tmp_path, capsys):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "sentence_id,text,human_frames,human_stance\n"
        "a,Russia mediates.,mediator,neutral\n"
        "b,Russia sells gas.,gas_lever,neutral\n"          # line 3: unknown frame
        "c,Russia arms Armenia.,military_actor,hostile\n"  # line 4: unknown stance
        "a,Moscow mediates.,mediator,neutral\n"            # line 5: duplicate id
        "d, ,none,neutral\n"                               # line 6: empty text
        "e,Russia, again, mediates.,mediator,neutral\n"    # line 7: unquoted commas
        "f,Russia threatens.,none|mediator,critical\n",    # line 8: none mixed with a frame
        encoding="utf-8")
    with pytest.raises(CodingSheetError) as err:
        load_coding_sheet(path, IDS)
    message = str(err.value)
    assert message.startswith(f"{path}: 6 problems:\n")
    for expected in (r"line 3, human_frames: unknown frame id\(s\) gas_lever", r"line 4, human_stance: unknown stance 'hostile'",
                     r"line 5: sentence_id 'a' appears twice \(first on line 2\)", r"line 6: empty text",
                     r"line 7: 6 cells but 4 columns", r"line 8, human_frames: .*mixes 'none'"):
        assert len(re.findall(expected, message)) == 1, expected
    assert [int(m) for m in re.findall(r", line (\d+)", message)] == [3, 4, 5, 6, 7, 8]  # file order
    assert len(err.value.problems) == 6
    # the command: exit 2, every problem on stderr, no traceback, nothing on stdout
    assert main(["evaluate", "coding", str(path), "--scorer", "lexicon", "--n-boot", "10"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert all(f"{path}, line {n}" in captured.err for n in range(3, 9))


def test_a_long_list_of_sheet_problems_is_capped(tmp_path):
    from analysis.evaluate import MAX_LISTED_PROBLEMS

    rows = [{"sentence_id": f"s{i}", "text": "Russia mediates.", "human_frames": "broker"} for i in range(MAX_LISTED_PROBLEMS + 5)]
    with pytest.raises(CodingSheetError) as err:
        load_coding_sheet(_sheet(tmp_path, rows), IDS)
    message = str(err.value)
    assert f"{MAX_LISTED_PROBLEMS + 5} problems" in message and message.rstrip().endswith("... and 5 more")
    assert message.count("unknown frame id(s) broker") == MAX_LISTED_PROBLEMS
    assert len(err.value.problems) == MAX_LISTED_PROBLEMS + 5


def test_a_changed_sheet_text_shows_where_it_differs(tmp_path):
    from analysis.coding import check_sheet_sentences

    long = "The Russian Defence Ministry said on Tuesday that the base in Gyumri would remain in Armenia."
    path = _sheet(tmp_path, [
        {"sentence_id": "d:0", "text": long + " (edited)", "human_stance": "neutral"},
        {"sentence_id": "d:1", "text": "Russia mediates.", "human_stance": "neutral"},
    ])
    run = pd.DataFrame({"sentence_id": ["d:0", "d:1"], "text": [long, "Russia mediates."]})
    with pytest.raises(CodingSheetError) as err:
        check_sheet_sentences(path, run)
    message = str(err.value)
    # the texts agree on their first 60 characters: the message shows the part that differs, and where
    assert f"1 coded row has another text than this run's sentence (line 2, 'd:0', differing from character {len(long) + 1}" in message
    assert re.search(r"sheet '…[^']{10,30} remain in Armenia\. \(edited\)', run '…[^']{10,30} remain in Armenia\.'", message)
    run2 = run.assign(text=[long, "Russia mediated."])
    with pytest.raises(CodingSheetError, match=r"2 coded rows have another text .*\(lines 2 and 3; first: line 2, 'd:0'"):
        check_sheet_sentences(path, run2)
    with pytest.raises(CodingSheetError, match=r"2 of 2 coded rows have a sentence_id this run does not have \(lines 2 and 3; first"):
        check_sheet_sentences(path, run.assign(sentence_id=["x:0", "x:1"]))
