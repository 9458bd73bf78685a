"""Report prose: what it claims about change over time must follow from the figures."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis import narrative


def _by_year(sentences_per_year: dict[str, list[float]], articles_per_year: int = 1) -> pd.DataFrame:
    """stance_by_year of one year's sentences dealt round-robin over ``articles_per_year`` articles."""
    ids = {y: [y if articles_per_year == 1 else f"{y}-{k}" for k in range(articles_per_year)] for y in sentences_per_year}
    docs = pd.DataFrame({"doc_id": [d for y in ids for d in ids[y]],
                         "published": [f"{y}-06-01" for y in ids for _ in ids[y]]})
    rows = [
        {"doc_id": ids[y][i % articles_per_year], "sentence_id": f"{y}:{i}", "mentions_target": True, "stance_score": v,
         "stance": "favourable" if v > 0.1 else "critical" if v < -0.1 else "neutral"}
        for y, values in sentences_per_year.items() for i, v in enumerate(values)
    ]
    frames = pd.DataFrame(columns=["doc_id", "sentence_id", "frame"])
    return narrative.stance_by_year(docs, pd.DataFrame(rows), frames)


def test_a_large_shift_is_called_with_its_interval_and_a_small_one_is_not():
    rng = np.random.default_rng(0)
    years = {"2015": list(rng.normal(-0.4, 0.3, 200).clip(-1, 1)), "2024": list(rng.normal(0.3, 0.3, 200).clip(-1, 1))}
    big = _by_year(years, articles_per_year=5)
    text = narrative.describe_shift(big, "Russia", {})
    assert "becomes **more favourable**" in text and "95% CI" in text and "article as the unit" in text
    change = big["mean_stance"].iloc[1] - big["mean_stance"].iloc[0]
    assert f"change {change:+.2f}" in text
    flat = _by_year({"2015": list(rng.normal(0, 0.5, 50).clip(-1, 1)), "2024": list(rng.normal(0.02, 0.5, 50).clip(-1, 1))})
    assert "shows **no clear change**" in narrative.describe_shift(flat, "Russia", {})


def test_a_year_with_one_sentence_gives_neither_an_interval_nor_a_direction():
    text = narrative.describe_shift(_by_year({"2015": [-0.5], "2024": [0.5, 0.4]}), "Russia", {})
    assert "**cannot be compared**" in text and "single sentence" in text and "95% CI" not in text
    assert "more favourable" not in text


def _lean(scores: list[float], articles: str) -> str:
    return narrative.describe_mean_stance(pd.Series(scores), pd.Series(list(articles)))


def test_the_overall_lean_is_called_only_when_its_interval_excludes_zero():
    # the same mean (-0.30) over six articles: consistent articles give a lean, scattered ones do not
    assert "on balance the coverage is **critical**" in _lean([-0.3, -0.2, -0.4, -0.3, -0.25, -0.35], "aabbcc")
    scattered = _lean([-0.9, -0.9, 0.3, 0.3, -0.3, -0.3], "aabbcc")
    assert "mean stance is -0.30" in scattered and "**neither** clearly favourable nor critical" in scattered
    # the interval is mean -/+ t(0.975, articles - 1) * article-clustered SE, shown within the scale
    scores, docs = pd.Series([-0.9, -0.9, 0.3, 0.3, -0.3, -0.3]), pd.Series(list("aabbcc"))
    se, unit = narrative.mean_standard_error(scores, docs)
    t = narrative.critical_value(unit, 3)
    assert unit == "articles" and round(t, 3) == 4.303
    low, high = max(-0.3 - t * se, -1.0), min(-0.3 + t * se, 1.0)
    assert f"95% CI {low:+.2f} to {high:+.2f}" in scattered
    # one article: a lean of that article, not of the coverage; one sentence: no interval at all
    single = _lean([0.5, 0.6, 0.4], "aaa")
    assert "on balance this article is **favourable**" in single and "single article" in single and "coverage" not in single
    assert "no interval, no lean" in _lean([0.5], "a")
    # a lean is never called beside a bound printed as 0.00
    tiny = _lean([0.004, 0.005, 0.003, 0.004, 0.005, 0.004], "aabbcc")
    assert "+0.00" in tiny and "**neither**" in tiny


def test_counts_in_the_prose_have_thousands_separators():
    assert narrative.plural(25318, "sentence") == "25,318 sentences"


def test_unattributed_quotations_are_not_reported_as_a_speaker():
    voices = pd.DataFrame({
        "speaker": ["unknown", "Sergey Markov"], "speaker_country": ["", "Russia"], "speaker_role": ["", "political scientist"],
        "n_quotes": [40, 7], "n_target_quotes": [10, 5], "n_favourable": [1, 0], "n_neutral": [2, 3], "n_critical": [7, 2],
        "mean_stance": [float("nan"), -0.39],
    })
    text = narrative.describe_voices(voices, "Russia")
    assert "40 quotations could not be attributed to a speaker, 10 of them about Russia" in text
    assert "unknown voices" not in text.lower() and "most quoted speakers are Sergey Markov" in text


def test_a_bloc_quoted_on_other_topics_gets_no_empty_breakdown():
    voices = pd.DataFrame({
        "speaker": ["Nikol Pashinyan"], "speaker_country": ["Armenia"], "speaker_role": ["prime minister"],
        "n_quotes": [2], "n_target_quotes": [0], "n_favourable": [0], "n_neutral": [0], "n_critical": [0],
        "mean_stance": [float("nan")],
    })
    text = narrative.describe_voices(voices, "Russia")
    assert "account for 2 quotations, none of them about Russia" in text and "0 favourable" not in text


def test_the_reliability_paragraph_names_a_stronger_scorer_from_the_stored_figures():
    stored = {"scorers": {
        "linear": {"dev_rw": {"macro_f1": 0.68}, "dev_mt": {"macro_f1": 0.66}, "nyt": {"pearson_r": 0.54}},
        "transformer": {"dev_rw": {"macro_f1": 0.82}, "dev_mt": {"macro_f1": 0.73}, "nyt": {"pearson_r": 0.61}},
        "vader": {"unavailable": "not installed"},
    }}
    validation = pd.DataFrame([{"scorer": "linear", "dataset": "newsmtsc dev_rw", "metric": "macro_f1", "value": 0.68,
                                "ci_low": 0.63, "ci_high": 0.73, "n": 343}])
    text = narrative.describe_reliability(validation, "linear", stored)
    assert "A stronger scorer exists: `transformer` measured macro-F1 0.820" in text and "Pearson r 0.610" in text
    assert "stronger scorer" not in narrative.describe_reliability(validation, "transformer", stored)


def test_with_several_articles_per_year_the_interval_counts_articles_not_sentences():
    rng = np.random.default_rng(1)
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "published": ["2015-01-01", "2015-06-01", "2024-01-01", "2024-06-01"]})
    means = {"a": -0.5, "b": 0.3, "c": 0.5, "d": -0.1}  # articles disagree more than sentences within them
    rows = [{"doc_id": d, "sentence_id": f"{d}:{i}", "mentions_target": True, "stance": "neutral",
             "stance_score": float(np.clip(m + rng.normal(0, 0.05), -1, 1))} for d, m in means.items() for i in range(60)]
    by_year = narrative.stance_by_year(docs, pd.DataFrame(rows), pd.DataFrame(columns=["doc_id", "sentence_id", "frame"]))
    assert by_year["se_unit"].tolist() == ["articles", "articles"] and by_year["n_target_articles"].tolist() == [2, 2]
    text = narrative.describe_shift(by_year, "Russia", {})
    # 120 sentences a year would make +0.30 look certain; two articles a year cannot (t with 1 degree of freedom).
    assert "shows **no change that can be assessed**" in text and "2 articles about Russia in 2015 and 2 in 2024" in text
    naive_se = float(np.hypot(*(by_year["sd_stance"] / np.sqrt(by_year["n_target"]))))
    assert abs(by_year["mean_stance"].diff().iloc[1]) > 1.96 * naive_se


def test_frames_tied_with_the_third_most_frequent_are_not_dropped():
    sentences = pd.DataFrame({"doc_id": list("aabbcc"), "sentence_id": [f"s{i}" for i in range(6)], "mentions_target": True,
                              "stance": "neutral", "stance_score": [0.0, 0.1, -0.1, 0.0, 0.05, -0.05]})
    frames = pd.DataFrame({"sentence_id": ["s0", "s1", "s2", "s0", "s1", "s3", "s4"],
                           "frame": ["x", "x", "x", "y", "y", "z", "w"]})
    text = narrative.describe_framing(sentences, frames, "Russia", {"z": "Zed", "w": "Dub"}, "lexicon")
    assert "the most frequent roles are *x* (3 sentences), *y* (2 sentences), *Dub* (1 sentence), *Zed* (1 sentence)." in text
    many = pd.DataFrame({"sentence_id": [f"s{i}" for i in range(6)], "frame": list("pqrstu")})
    assert "6 frames with 1 sentence each" in narrative.describe_framing(sentences, many, "Russia", {}, "lexicon")


def test_a_low_alpha_beside_high_agreement_is_explained():
    assert "discounts the agreement expected by chance" in narrative._alpha_note(0.83, 0.0)
    assert narrative._alpha_note(0.83, 0.7) == ""
    assert "undefined" in narrative._alpha_note(1.0, float("nan"))


def test_the_corpus_paragraph_reports_unreadable_dates_and_skipped_documents_in_good_grammar():
    documents = pd.DataFrame({"doc_id": ["a", "b"], "published": ["2020-01-01", ""], "outlet": ["X", ""],
                              "n_words": [10, 20], "date_source": ["metadata", "missing"],
                              "notes": ["", "column 'published' value 'soon' is not a date; ignored"]})
    quotes = pd.DataFrame(columns=["quotation_id", "speaker"])
    text = narrative.describe_corpus(documents, pd.DataFrame({"source_path": ["n.csv#row=4"], "reason": ["empty text"]}), quotes)
    assert "1 article has no date: neither the text nor the metadata gives one." in text
    assert "1 article has a given date that could not be read as a date and was ignored: b" in text
    assert "1 document was skipped and is in no figure: `n.csv#row=4` (empty text); it is also listed" in text
    assert "0 dates" not in narrative.describe_corpus(documents.assign(date_source=["text", "missing"]),
                                                      pd.DataFrame(columns=["source_path", "reason"]), quotes)
    limits = narrative.describe_limitations(documents, "Russia", "linear")
    assert limits.startswith("The findings rest on 2 articles (1 from X; 1 names no outlet).")
    assert "negation" not in limits
    with_rule = narrative.describe_limitations(documents, "Russia", "linear", codebook_negation=True)
    assert "does not count an indicator that a negation governs" in with_rule
    assert "misread. The codebook" in with_rule and "ally\"). Every label" in with_rule
    assert "1 article names no outlet." in text
    # A date column is used as given, so the paragraph must not claim the text states no date.
    assert "1 date came from metadata (a date column or the metadata file), not from a date line in the text." in text
    assert "states none" not in text


def test_tied_top_frames_per_year_and_the_single_article_years_are_named():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "published": ["2015-06-01", "2024-06-01"]})
    sentences = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "sentence_id": ["a0", "a1", "b0", "b1"],
                              "mentions_target": True, "stance_score": [-0.5, -0.3, 0.2, 0.4],
                              "stance": ["critical", "critical", "favourable", "favourable"]})
    frames = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "b"], "sentence_id": ["a0", "a1", "b0", "b0", "b1"],
                           "frame": ["x", "y", "p", "q", "r"]})
    by_year = narrative.stance_by_year(docs, sentences, frames)
    assert by_year["top_frame"].tolist() == ["x|y", ""]  # two tie: both named; three tie: none stands out
    text = narrative.describe_shift(by_year, "Russia", {"x": "Ex", "y": "Why"})
    assert "mostly *Ex* and *Why* (tied)" in text and "2024: mean +0.30 over 2 sentences." in text
    assert "2015 and 2024 each have a single article about Russia, so the interval treats their sentences" in text


def test_word_for_word_copies_are_named_and_counted_once():
    # User report: a syndicated copy was counted as a second article everywhere and never mentioned.
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "published": ["2020-01-01", "2020-01-01", "2021-05-01"],
                              "outlet": ["X", "Y", "X"], "n_words": [10, 10, 20], "date_source": ["text"] * 3,
                              "duplicate_of": ["", "a", ""]})
    quotes = pd.DataFrame(columns=["quotation_id", "speaker"])
    text = narrative.describe_corpus(documents, pd.DataFrame(columns=["source_path", "reason"]), quotes)
    assert text.startswith("The corpus holds **2 articles** (30 words), published between 2020-01-01 and 2021-05-01, "
                           "after 1 word-for-word copy of another article was counted once (b repeats a).")
    assert narrative.counted_documents(documents)["doc_id"].tolist() == ["a", "c"]


def test_the_printed_change_is_the_difference_of_the_printed_means():
    # User report: "-0.12 to +0.07; change +0.20" (each figure rounded on its own).
    by_year = pd.DataFrame({"year": ["2015", "2024"], "n_articles": [3, 3], "n_target": [40, 40],
                            "mean_stance": [-0.124, 0.074], "n_target_articles": [3, 3], "se_stance": [0.05, 0.05],
                            "se_unit": ["articles", "articles"], "top_frame": ["", ""]})
    assert "(-0.12 to +0.07; change +0.19," in narrative.describe_shift(by_year, "Russia", {})


def _trend_inputs(points: dict[str, list[float]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = pd.DataFrame({"doc_id": list(points), "published": list(points)})
    rows = [{"doc_id": d, "sentence_id": f"{d}:{i}", "mentions_target": True, "stance_score": v}
            for d, values in points.items() for i, v in enumerate(values)]
    return docs, pd.DataFrame(rows)


def test_the_trend_uses_every_dated_article_and_matches_scipy_linregress():
    from scipy.stats import linregress, t as student_t

    points = {"2015-01-01": [-0.5, -0.3], "2016-07-02": [-0.2], "2019-01-01": [0.1, 0.3, 0.2],
              "2021-10-10": [0.3], "2024-01-01": [0.5]}
    docs, sentences = _trend_inputs(points)
    docs.loc[len(docs)] = ["undated", ""]  # no date: not a point
    sentences.loc[len(sentences)] = ["undated", "undated:0", True, 0.9]
    trend = narrative.stance_trend(docs, sentences)
    dates = pd.to_datetime(list(points))
    x = dates.year + (dates.day_of_year - 1) / (365 + dates.is_leap_year.astype(int))
    fit = linregress(np.asarray(x, dtype=float), [np.mean(v) for v in points.values()])
    span = float(x.max() - x.min())
    assert trend["n_articles"] == 5 and trend["df"] == 3
    assert abs(trend["slope"] - fit.slope) < 1e-12 and abs(trend["se"] - fit.stderr) < 1e-12
    half = student_t.ppf(0.975, 3) * fit.stderr * span
    assert abs(trend["low"] - (fit.slope * span - half)) < 1e-12
    text = narrative.describe_trend(trend, "Russia")
    assert "Over all 5 dated articles about Russia (2015 to 2024)" in text
    assert "**more favourable** over time" in text  # a steady rise: interval above zero


def test_a_trend_is_not_fitted_or_called_without_enough_evidence():
    docs, sentences = _trend_inputs({"2015-01-01": [-0.5], "2024-01-01": [0.5]})
    assert "no trend over all years is fitted" in narrative.describe_trend(narrative.stance_trend(docs, sentences), "Russia")
    noisy = narrative.stance_trend(*_trend_inputs({"2015-01-01": [-0.5], "2017-01-01": [0.6], "2020-01-01": [-0.4],
                                                   "2022-01-01": [0.5], "2024-01-01": [0.1]}))
    text = narrative.describe_trend(noisy, "Russia")
    assert "**no clear trend**" in text and "more favourable" not in text
    two = {"2015": [-0.5, -0.4], "2024": [0.5, 0.4]}
    docs, sentences = _trend_inputs({f"{y}-01-01": v for y, v in two.items()})
    shift = narrative.describe_shift(_by_year(two), "Russia", {}, trend=narrative.stance_trend(docs, sentences))
    assert shift.startswith("With fewer than three dated articles") and "Comparing only the first and the last year: from 2015" in shift


def test_the_score_range_of_neutral_labels_is_stated_when_it_spreads():
    sentences = pd.DataFrame({"doc_id": list("aabb"), "sentence_id": ["s0", "s1", "s2", "s3"], "mentions_target": True,
                              "stance": ["neutral", "neutral", "critical", "neutral"],
                              "stance_score": [0.43, -0.2, -0.8, -0.44]})
    empty = pd.DataFrame(columns=["sentence_id", "frame"])
    text = narrative.describe_framing(sentences, empty, "Russia", {}, "linear")
    assert "the sentences labelled neutral score from -0.44 to +0.43." in text
    same = sentences.assign(stance_score=[0.0, 0.001, -0.8, 0.0])
    assert "labelled neutral score" not in narrative.describe_framing(same, empty, "Russia", {}, "linear")


def test_a_one_year_corpus_still_gets_its_trend_and_a_wide_fit_is_not_clamped():
    months = {f"2022-{m:02d}-01": [v] for m, v in zip(range(1, 13), np.linspace(-0.8, 0.8, 12))}
    docs, sentences = _trend_inputs(months)
    by_year = narrative.stance_by_year(docs, sentences.assign(stance="neutral"),
                                       pd.DataFrame(columns=["doc_id", "sentence_id", "frame"]))
    text = narrative.describe_shift(by_year, "Russia", {}, trend=narrative.stance_trend(docs, sentences))
    assert "**more favourable** over time" in text and "years cannot be compared" in text
    steep = {"2015-01-01": [-0.9], **{f"2019-11-{d:02d}": [-0.9] for d in range(1, 21)},
             **{f"2020-03-{d:02d}": [0.9] for d in range(1, 21)}, "2024-12-31": [0.9]}
    trend = narrative.stance_trend(*_trend_inputs(steep))
    printed = narrative.describe_trend(trend, "Russia")
    change = round(trend["change"], 2)
    low, high = (float(x) for x in re.search(r"95% CI ([-+][\d.]+) to ([-+][\d.]+)", printed).groups())
    assert low <= change <= high and "1 degree of" not in printed


def test_top_frames_are_counted_before_labels_that_contain_brackets():
    summary = pd.DataFrame({"title": ["B"], "published": ["2016"], "outlet": [""], "n_target": [3], "n_favourable": [0],
                            "n_neutral": [1], "n_critical": [2], "mean_stance": [-0.4], "n_frames": [5],
                            "top_frames": ["mediator (4), rival_of_west (2), economic_lever (1)"]})
    text = narrative.describe_articles(summary, "Russia", frame_labels={"mediator": "Mediator (OSCE Minsk Group)"})
    assert "top 3 of 5 frames: Mediator (OSCE Minsk Group) (4)" in text


def test_the_neutral_range_is_not_stated_when_neutral_is_the_band_around_zero():
    # A lexicon scorer labels a score inside +/-STANCE_NEUTRAL_BAND neutral: its range says nothing new.
    band = narrative.config.STANCE_NEUTRAL_BAND
    sentences = pd.DataFrame({"doc_id": list("aabb"), "sentence_id": ["s0", "s1", "s2", "s3"], "mentions_target": True,
                              "stance": ["neutral", "neutral", "critical", "neutral"],
                              "stance_score": [band * 0.9, -band * 0.5, -0.8, 0.0]})
    empty = pd.DataFrame(columns=["sentence_id", "frame"])
    assert "labelled neutral score" not in narrative.describe_framing(sentences, empty, "Russia", {}, "lexicon")
    wider = sentences.assign(stance_score=[band * 1.5, -band * 0.5, -0.8, 0.0])
    assert "labelled neutral score" in narrative.describe_framing(wider, empty, "Russia", {}, "linear")


def _stance_check(diff, low, high, accuracy=0.46, macro_f1=0.42):
    return pd.DataFrame({"label": ["critical", "neutral", "favourable", "all"],
                         "share_difference": [*diff, np.nan], "share_difference_low": [*low, np.nan],
                         "share_difference_high": [*high, np.nan], "n_sentences": 50,
                         "accuracy": [np.nan, np.nan, np.nan, accuracy], "macro_f1": [np.nan, np.nan, np.nan, macro_f1]})


def test_the_headline_shares_carry_the_coding_check_when_there_is_one():
    sentences = pd.DataFrame({"doc_id": list("aabb"), "sentence_id": ["s0", "s1", "s2", "s3"], "mentions_target": True,
                              "stance": ["favourable", "favourable", "critical", "neutral"],
                              "stance_score": [0.6, 0.5, -0.8, 0.0]})
    empty = pd.DataFrame(columns=["sentence_id", "frame"])
    plain = narrative.describe_framing(sentences, empty, "Russia", {}, "linear")
    assert "Checked against" not in plain
    off = _stance_check([-0.02, -0.20, 0.22], [-0.1, -0.33, 0.12], [0.06, -0.08, 0.31])
    text = narrative.describe_framing(sentences, empty, "Russia", {}, "linear", stance_check=off)
    assert "Checked against 50 sentences of this corpus" in text and "agree with the coder on 46% (macro-F1 0.42)" in text
    assert "favourable 22 points more often than the coder (95% CI +12 to +31)" in text
    assert "the neutral share above is likely too low and the favourable share above is likely too high" in text
    assert "critical" not in text.split("Checked against")[1].split("so the")[0].split("the scorer labels")[1]
    fine = _stance_check([-0.02, 0.01, 0.01], [-0.1, -0.09, -0.05], [0.06, 0.1, 0.07])
    text = narrative.describe_framing(sentences, empty, "Russia", {}, "linear", stance_check=fine)
    assert "within chance of the coder's" in text and "likely too" not in text


def test_the_trend_of_an_empty_corpus_has_no_negative_degrees_of_freedom():
    trend = narrative.stance_trend(pd.DataFrame({"doc_id": [], "published": []}),
                                   pd.DataFrame({"doc_id": [], "mentions_target": [], "stance_score": []}))
    assert trend["n_articles"] == 0 and trend["df"] == 0 and np.isnan(trend["slope"])


def test_missing_validation_figures_point_to_the_validation_notebook():
    text = narrative.describe_reliability(pd.DataFrame(columns=["scorer"]), "linear")
    assert "05_validation.ipynb" in text and "out_dir" in text

def test_the_corpus_paragraph_counts_ambiguous_and_unreadable_dates_and_names_them():
    # User finding: '08/04/2016' read day-first and '2020-13-45' ignored were only in documents.csv notes.
    documents = pd.DataFrame({"doc_id": ["a01", "a02", "a03", "a04"],
                              "published": ["2016-04-08", "2018-08-07", "", "2021-05-04"],
                              "outlet": ["X"] * 4, "n_words": [10] * 4,
                              "date_source": ["metadata", "metadata", "missing", "metadata"],
                              "date_note": ["ambiguous", "", "unreadable", "ambiguous"], "notes": [""] * 4})
    quotes = pd.DataFrame(columns=["quotation_id", "speaker"])
    text = narrative.describe_corpus(documents, pd.DataFrame(columns=["source_path", "reason"]), quotes)
    assert ("2 numeric dates could be read either way (day and month both 12 or less): "
            "a01 was read as 8 April 2016, a04 as 4 May 2021.") in text
    assert ("1 article has a given date that could not be read as a date and was ignored: a03 (the `notes` column "
            "of `tables/documents.csv` gives the value).") in text
    many = documents.assign(doc_id=[f"d{i}" for i in range(4)], date_note=["ambiguous"] * 4,
                            published=["2016-04-08"] * 4)
    text = narrative.describe_corpus(many, pd.DataFrame(columns=["source_path", "reason"]), quotes)
    assert "4 numeric dates could be read either way" in text and "d0 was read as 8 April 2016, d1 as 8 April 2016, d2 as 8 April 2016 and 1 more" in text
    # a documents table read back from CSV: empty cells are NaN
    assert "either way" not in narrative.describe_corpus(documents.assign(date_note=float("nan")),
                                                         pd.DataFrame(columns=["source_path", "reason"]), quotes)
def test_a_codebook_for_another_actor_is_named_where_the_frames_are_reported():
    sentences = pd.DataFrame({"doc_id": list("ab"), "sentence_id": ["s0", "s1"], "mentions_target": True,
                              "stance": "neutral", "stance_score": [0.0, 0.1]})
    frames = pd.DataFrame({"sentence_id": ["s0"], "frame": ["economic_lever"]})
    text = narrative.describe_framing(sentences, frames, "Georgia", {}, "lexicon", codebook_target="Russia")
    roles = text.index("the most frequent roles")
    assert text.index("written for Russia's roles", roles) > roles and "`--codebook`" in text
    none = narrative.describe_framing(sentences, frames.iloc[:0], "Georgia", {}, "lexicon", codebook_target="Russia")
    assert "written for Russia's roles" in none
    for same in ("Russia", "russia", ""):
        assert "written for" not in narrative.describe_framing(sentences, frames, "Russia", {}, "lexicon",
                                                               codebook_target=same)


def test_the_corpus_paragraph_says_how_ambiguous_dates_were_read_and_how_to_read_them_the_other_way():
    # A user of a US corpus reading "a04 was read as 4 May 2021" needs the option that reads it as 5 April.
    documents = pd.DataFrame({"doc_id": ["a01", "a04"], "published": ["2016-04-08", "2021-05-04"],
                              "outlet": ["X"] * 2, "n_words": [10] * 2, "date_source": ["metadata"] * 2,
                              "date_note": ["ambiguous", "ambiguous"],
                              "notes": ["column 'published' value '08/04/2016' is ambiguous (day and month both 12 or "
                                        "less), read day-first as 2016-04-08",
                                        "date: line 3 '04/05/2021' is ambiguous (day and month both 12 or less), "
                                        "read day-first as 2021-05-04"]})
    none = pd.DataFrame(columns=["source_path", "reason"])
    quotes = pd.DataFrame(columns=["quotation_id", "speaker"])
    text = narrative.describe_corpus(documents, none, quotes)
    assert ("a01 was read as 8 April 2016, a04 as 4 May 2021. They were read day-first; if the corpus writes "
            "the month first (US style), rerun with `-p date_order=month-first`.") in text
    us = documents.assign(published=["2016-08-04", "2021-04-05"],
                          notes=documents["notes"].str.replace("day-first as 2016-04-08", "month-first as 2016-08-04")
                          .str.replace("day-first as 2021-05-04", "month-first as 2021-04-05"))
    text = narrative.describe_corpus(us, none, quotes)
    assert ("a01 was read as 4 August 2016, a04 as 5 April 2021. They were read month-first (US style, "
            "`date_order=month-first`); `-p date_order=day-first` reads them day-first.") in text


def test_the_year_by_year_caveat_counts_the_articles_about_the_target():
    # Articles of those years that never mention the target are not the trend's articles.
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "published": ["2015-06-01", "2015-07-01", "2024-06-01"]})
    sentences = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "sentence_id": ["a0", "a1", "b0", "c0", "c1"],
                              "mentions_target": [True, True, False, True, True],
                              "stance_score": [-0.2, -0.1, np.nan, 0.3, 0.2],
                              "stance": ["critical", "neutral", "", "favourable", "favourable"]})
    by_year = narrative.stance_by_year(docs, sentences, pd.DataFrame(columns=["doc_id", "sentence_id", "frame"]))
    text = narrative.describe_shift(by_year, "Russia", {})
    assert "With 2 articles about Russia across 2 years" in text
def _unknown_quotes() -> pd.DataFrame:
    # Three quotations of two named unregistered people (one quoted by surname too),
    # two of described or anonymous voices, one of a registered speaker.
    return pd.DataFrame({
        "doc_id": ["d", "d", "d", "e", "e", "e"],
        "quotation_id": ["d:q1", "d:q2", "d:q3", "e:q1", "e:r1", "e:q2"],
        "speaker": ["unknown", "unknown", "unknown", "unknown", "unknown", "Sergey Lavrov"],
        "speaker_surface": ["Anna Petrova", "Petrova", "Western diplomats", "Ivan Sidorov", "", "Lavrov"],
        "mentions_target": [True, False, True, False, True, True],
    })


def test_the_corpus_paragraph_separates_unregistered_named_speakers_from_anonymous_ones():
    docs = pd.DataFrame({"doc_id": ["d", "e"], "published": ["2020-01-02", "2020-01-03"], "outlet": ["X", "Y"],
                         "n_words": [10, 10], "date_source": ["text", "text"], "duplicate_of": ["", ""]})
    skipped = pd.DataFrame(columns=["source_path", "reason"])
    text = narrative.describe_corpus(docs, skipped, _unknown_quotes())
    assert "6 quotations (direct, reported and interview answers): 1 by 1 speaker in the speaker registry and 5 by " \
           "speakers it lacks. Of these 5, 3 are by 2 named people the registry does not know" in text
    assert "Anna Petrova (2)" in text and "--speakers" in text
    assert "1 has an anonymous or described speaker" in text and "1 has a speaker the tool did not identify" in text
    assert "could not be attributed" not in text


def test_the_voices_paragraph_separates_unregistered_named_speakers_from_anonymous_ones():
    voices = pd.DataFrame({
        "speaker": ["unknown", "Sergey Lavrov"], "speaker_country": ["", "Russia"], "speaker_role": ["", "minister"],
        "n_quotes": [5, 1], "n_target_quotes": [3, 1], "n_favourable": [0, 0], "n_neutral": [3, 1], "n_critical": [0, 0],
        "mean_stance": [float("nan"), 0.0],
    })
    text = narrative.describe_voices(voices, "Russia", quotes=_unknown_quotes())
    assert "Of these, 3 are by 2 named people the registry does not know" in text
    assert "1 has an anonymous or described speaker" in text and "Anna Petrova" in text


def test_a_year_of_a_single_article_gets_no_direction_even_when_the_sentence_interval_excludes_zero():
    # Two single-article years compare two articles, and the sentence-level interval is too narrow.
    rng = np.random.default_rng(1)
    years = {"2019": list(rng.normal(-0.1, 0.3, 60).clip(-1, 1)), "2025": list(rng.normal(-0.6, 0.3, 60).clip(-1, 1))}
    text = narrative.describe_shift(_by_year(years), "Russia", {})
    assert "95% CI" in text and "too narrow" in text
    assert "more critical" not in text and "**no change that can be called**" in text
    assert "becomes **more critical**" in narrative.describe_shift(_by_year(years, articles_per_year=4), "Russia", {})


def test_the_frame_counts_warn_that_keyword_indicators_undercount():
    sentences = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": ["s0", "s1"], "mentions_target": True,
                              "stance": ["neutral", "critical"], "stance_score": [0.0, -0.5]})
    frames = pd.DataFrame({"sentence_id": ["s0"], "frame": ["mediator"]})
    text = narrative.describe_framing(sentences, frames, "Russia", {"mediator": "Mediator"}, "linear")
    assert "*Mediator* (1 sentence). The codebook finds a role only where its words are used" in text
    assert "more likely too low than too high" in text
    none = narrative.describe_framing(sentences, frames.iloc[:0], "Russia", {}, "linear")
    assert "only where its words are used" not in none


# --- ux7 report prose -----------------------------------------------------------------------------------------------


def test_an_interval_clipped_to_the_whole_range_is_not_printed_as_a_finding():
    # Two articles per year: Student t with 1 degree of freedom makes the interval wider than the scale.
    years = {"2019": [-0.6, 0.5, -0.4, 0.4], "2024": [0.6, -0.5, 0.3, -0.3]}
    by_year = _by_year(years, articles_per_year=2)
    text = narrative.describe_shift(by_year, "Russia", {})
    assert "-2.00 to +2.00" not in text and "95% CI" not in text
    counts = by_year.set_index("year")["n_target_articles"]
    assert f"{counts['2019']} articles about Russia in 2019 and {counts['2024']} in 2024" in text
    assert "no usable interval" in text and "more critical" not in text and "more favourable" not in text
    # Enough articles: the interval is printed.
    rng = np.random.default_rng(3)
    many = {"2019": list(rng.normal(-0.1, 0.3, 40).clip(-1, 1)), "2024": list(rng.normal(-0.1, 0.3, 40).clip(-1, 1))}
    assert "95% CI" in narrative.describe_shift(_by_year(many, articles_per_year=8), "Russia", {})


def test_a_change_whose_interval_excludes_zero_says_why_it_is_not_called_in_the_same_clause():
    rng = np.random.default_rng(1)
    years = {"2019": list(rng.normal(-0.1, 0.3, 60).clip(-1, 1)), "2025": list(rng.normal(-0.6, 0.3, 60).clip(-1, 1))}
    text = narrative.describe_shift(_by_year(years), "Russia", {})
    clause = text.split("**no change that can be called**", 1)[1].split(").", 1)[0]
    assert "95% CI" in clause and "excludes 0" in clause and "single article" in clause and "too narrow" in clause
    assert text.count("too narrow") == 1  # not repeated later in the paragraph


def _scored(texts_labels_scores):
    return pd.DataFrame([{"doc_id": f"d{i}", "sentence_id": f"d{i}:0001", "text": t, "mentions_target": True,
                          "stance": lab, "stance_score": s, "stance_cues": "", "frames": ""}
                         for i, (t, lab, s) in enumerate(texts_labels_scores)])


def test_the_example_sentences_are_called_the_scorers_ratings_with_a_caveat():
    sentences = _scored([("A.", "favourable", 0.9), ("B.", "favourable", 0.4), ("C.", "critical", -0.8),
                         ("D.", "neutral", 0.0)])
    docs = pd.DataFrame({"doc_id": sentences["doc_id"], "title": ["t"] * 4})
    text = narrative.describe_evidence(sentences, docs, "Russia", k=1)
    assert "Strongest" not in text
    assert "sentences the `linear` scorer rated most favourable" not in text  # no scorer column: no name invented
    assert "rated most favourable** (1 of its 2 favourable labels, those with the highest scores)" in text
    assert "rated most critical** (its only critical label)" in text
    assert "*How reliable are the labels?*" in text
    # With a coding-sheet check, the agreement on each label is said beside the examples.
    check = pd.DataFrame({"label": ["critical", "neutral", "favourable", "all"], "n_machine": [5, 10, 8, 23],
                          "n_both": [4, 8, 2, 14], "n_sentences": [23] * 4, "accuracy": [None, None, None, 0.61]})
    checked = narrative.describe_evidence(sentences, docs, "Russia", k=1, stance_check=check)
    assert "the coder agreed with 2 of the scorer's 8 favourable labels" in checked
    assert "the coder agreed with 4 of the scorer's 5 critical labels" in checked


def _quotes_with_gaps() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["d"] * 6 + ["e", "e", "e"],
        "quotation_id": ["d:q1", "d:q2", "d:q3", "d:q4", "d:q5", "d:q6", "e:q1", "e:q2", "e:q3"],
        "speaker": ["unknown"] * 6 + ["unknown", "Sergey Lavrov", "Sergey Lavrov"],
        "speaker_surface": ["Nodar Beridze", "Beridze", "", None, "he", "Mnatsakanyan", "a senior official", "Lavrov",
                            "Lavrov"],
        "mentions_target": [True, True, False, False, False, True, False, True, True],
        "stance_score": [-0.4, -0.2, np.nan, np.nan, np.nan, 0.5, np.nan, 0.3, 0.1],
    })


def test_unresolved_speakers_are_not_counted_as_anonymous_and_surnames_take_the_articles_full_name():
    quotes = _quotes_with_gaps()
    docs = pd.DataFrame({"doc_id": ["d", "e"], "published": ["2020-01-02", "2020-01-03"], "outlet": ["X", "Y"],
                         "n_words": [10, 10], "date_source": ["text", "text"], "duplicate_of": ["", ""]})
    sentences = pd.DataFrame({"doc_id": ["d", "d", "e"], "text": ["Armenian Foreign Minister Zohrab Mnatsakanyan arrived.",
                                                                  "He met Nodar Beridze.", "Text."]})
    text = narrative.describe_corpus(docs, pd.DataFrame(columns=["source_path", "reason"]), quotes, sentences=sentences)
    assert "Zohrab Mnatsakanyan (1)" in text and "Nodar Beridze (2)" in text
    assert "Of these 7, 3 are by 2 named people" in text
    assert 'an anonymous or described speaker (e.g. "a senior official")' in text
    assert "3 have a speaker the tool did not identify" in text
    assert "1 has an anonymous or described speaker" in text
    # Without the article text, a bare surname cannot be tied to a person: it is unidentified, not anonymous.
    bare = narrative.describe_corpus(docs, pd.DataFrame(columns=["source_path", "reason"]), quotes)
    assert "Mnatsakanyan" not in bare and "4 have a speaker the tool did not identify" in bare


def test_the_most_quoted_speakers_include_named_people_the_registry_lacks():
    quotes = _quotes_with_gaps()
    voices = pd.DataFrame({
        "speaker": ["unknown", "Sergey Lavrov"], "speaker_country": ["", "Russia"], "speaker_role": ["", "minister"],
        "n_quotes": [7, 1], "n_target_quotes": [3, 1], "n_favourable": [1, 0], "n_neutral": [0, 1], "n_critical": [2, 0],
        "mean_stance": [float("nan"), 0.2],
    })
    sentences = pd.DataFrame({"doc_id": ["d", "e"], "text": ["Zohrab Mnatsakanyan met Nodar Beridze.", "Text."]})
    text = narrative.describe_voices(voices, "Russia", quotes=quotes, sentences=sentences)
    top = text.split("The most quoted speakers are ", 1)[1]
    assert top.index("Nodar Beridze") < top.index("Sergey Lavrov")
    assert "Nodar Beridze (not in the speaker registry; 2 quotations, mean stance -0.30)" in top
    assert "a speaker the tool did not identify" in text


def test_the_translation_caveat_names_what_in_the_corpus_triggers_it():
    plain = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["TASS", "Weekly"], "title": ["T", "U"],
                          "notes": ["", ""], "author": ["", ""]})
    sentences = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Russia said.", "Moscow did."]})
    text = narrative.describe_limitations(plain, "Russia", "linear", sentences=sentences)
    assert "regional outlets of the South Caucasus" not in text
    assert "Nothing in the texts or the metadata marks an article as a translation" in text
    marked = sentences.assign(text=["Russia said. (Translated from Russian by the editors.)", "Moscow did."])
    flagged = narrative.describe_limitations(plain, "Russia", "linear", sentences=marked)
    assert "1 article (a) says it is a translation" in flagged and "Translated from Russian" in flagged
    assert "passes through a translator" in flagged
    # Metadata can say it too (a notes or author field).
    by_meta = narrative.describe_limitations(plain.assign(author=["", "translated by J. Doe"]), "Russia", "linear")
    assert "1 article (b) says it is a translation" in by_meta


def test_articles_that_do_not_mention_the_target_are_listed_apart():
    summary = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"], "published": ["2015", "2016"], "outlet": ["", "X"],
                            "n_target": [0, 3], "n_favourable": [0, 0], "n_neutral": [0, 1], "n_critical": [0, 2],
                            "mean_stance": [float("nan"), -0.4], "top_frames": ["", ""], "n_frames": [0, 0]})
    text = narrative.describe_articles(summary, "Armenia")
    assert "0 sentences about" not in text and "mean n/a" not in text
    assert "1 article does not mention Armenia: **A** (2015)." in text
    assert text.index("**B**") < text.index("does not mention")


def test_questions_counted_as_neutral_without_a_score_are_reported():
    from analysis.stance import QUESTION_CUE

    sentences = pd.DataFrame({"doc_id": list("aab"), "sentence_id": ["s0", "s1", "s2"], "mentions_target": True,
                              "text": ["What does Moscow say?", "Moscow said no.", "Could Russia leave?"],
                              "stance": ["neutral", "critical", "neutral"], "stance_score": [0.0, -0.5, 0.0],
                              "stance_cues": [QUESTION_CUE, "no -0.5", QUESTION_CUE]})
    empty = pd.DataFrame(columns=["sentence_id", "frame"])
    text = narrative.describe_framing(sentences, empty, "Russia", {}, "linear")
    assert ("2 of the neutral sentences are questions that ask rather than assert, a heading or an interviewer's "
            "question (such as \"What does Moscow say?\"): they are not scored and count as neutral" in text)
    one = narrative.describe_framing(sentences.iloc[:2], empty, "Russia", {}, "linear")
    assert "1 of the neutral sentences is a question that asks rather than asserts" in one
    assert "rather than assert" not in narrative.describe_framing(sentences.iloc[1:2], empty, "Russia", {}, "linear")


def test_an_off_centre_interval_clipped_at_one_end_is_not_printed_either():
    # User test ux8: "change -0.15, 95% CI -2.00 to +1.95" was printed; an interval as wide as the
    # whole scale says nothing whether it is clipped at both ends or only at one.
    # Two articles a year whose means differ by 0.23: half-width 12.7 x 0.16 = 2.05, change +0.20.
    years = {"2023": [-0.414, -0.186, -0.414, -0.186], "2025": [-0.214, 0.014, -0.214, 0.014]}
    by_year = _by_year(years, articles_per_year=2)
    text = narrative.describe_shift(by_year, "Russia", {})
    assert "95% CI" not in text and "no usable interval" in text


def test_the_voices_paragraph_says_attribution_is_unchecked():
    # User test ux8: the voices section rested on misattributions and said nothing of attribution's reliability.
    voices = pd.DataFrame([{"speaker": "Sergey Lavrov", "speaker_country": "Russia", "speaker_role": "Foreign Minister",
                            "n_quotes": 3, "n_target_quotes": 2, "n_favourable": 1, "n_neutral": 1, "n_critical": 0,
                            "mean_stance": 0.2}])
    text = narrative.describe_voices(voices, "Russia")
    assert "no human coding of this corpus has checked" in text and "tables/quotes.csv" in text


def _source_quotes() -> pd.DataFrame:
    # Unregistered sources of three kinds: organisations named as sources, described people
    # (one a fragment of a clause), and a named person; plus one registered speaker.
    surfaces = ["SOCAR", "Russian Railways", "The European Union", "The ruling Georgian Dream party", "The IMF",
                "critics", "Critics", "Some in Yerevan still", "A Western diplomat in Baku", "Anna Petrova", "Lavrov"]
    return pd.DataFrame({
        "doc_id": ["d"] * len(surfaces),
        "quotation_id": [f"d:q{i}" for i in range(len(surfaces))],
        "speaker": ["unknown"] * (len(surfaces) - 1) + ["Sergey Lavrov"],
        "speaker_surface": surfaces,
        "mentions_target": [True] * len(surfaces),
    })


def test_organisations_quoted_as_sources_are_named_sources_not_anonymous_ones():
    docs = pd.DataFrame({"doc_id": ["d"], "published": ["2020-01-02"], "outlet": ["X"], "n_words": [10],
                         "date_source": ["text"], "duplicate_of": [""]})
    text = narrative.describe_corpus(docs, pd.DataFrame(columns=["source_path", "reason"]), _source_quotes())
    assert "5 are by 5 named organisations" in text
    assert "SOCAR" in text and "the European Union" in text
    assert "4 have an anonymous or described speaker" in text
    # Examples are noun phrases, each once: a clause fragment is counted but not shown.
    assert "Some in Yerevan still" not in text
    assert '"critics", "A Western diplomat in Baku")' in text
    assert "Critics" not in text


def test_the_quotation_counts_add_up_and_registered_is_not_called_identified():
    docs = pd.DataFrame({"doc_id": ["d"], "published": ["2020-01-02"], "outlet": ["X"], "n_words": [10],
                         "date_source": ["text"], "duplicate_of": [""]})
    quotes = pd.concat([_source_quotes(), pd.DataFrame({
        "doc_id": ["d", "d"], "quotation_id": ["d:z1", "d:z2"], "speaker": ["Sergey Lavrov", "Dmitry Peskov"],
        "speaker_surface": ["Lavrov", "Peskov"], "mentions_target": [True, True]})], ignore_index=True)
    text = narrative.describe_corpus(docs, pd.DataFrame(columns=["source_path", "reason"]), quotes)
    assert "identified speaker" not in text
    assert "13 quotations (direct, reported and interview answers): 3 by 2 speakers in the speaker registry " \
           "and 10 by speakers it lacks." in text
    assert "Of these 10, 1 is by 1 named person the registry does not know" in text


def test_organisation_names_are_told_from_people_and_descriptions():
    from analysis.speakers import organisation_name

    assert organisation_name("SOCAR") == "SOCAR"
    assert organisation_name("The IMF") == "the IMF"
    assert organisation_name("Russian Railways") == "Russian Railways"
    assert organisation_name("The ruling Georgian Dream party") == "the ruling Georgian Dream party"
    assert organisation_name("Armenia's Foreign Ministry") == "Armenia's Foreign Ministry"
    assert organisation_name("The U.S. State Department") == "the U.S. State Department"
    assert organisation_name("The European Union Monitoring Mission") == "the European Union Monitoring Mission"
    for not_an_organisation in ["Anna Petrova", "critics", "Critics", "A Western diplomat in Baku", "Some in Yerevan still",
                                "Kremlin aide", "Analysts at one regional consultancy", "he", "", "Lali",
                                "A NATO official", "Western diplomats", "a SOCAR executive", "Many Armenians",
                                "the ministry", "The Kremlin leader"]:
        assert organisation_name(not_an_organisation) is None, not_an_organisation


def test_a_date_column_of_a_tabular_corpus_is_not_reported_as_a_missing_date_line():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "published": ["2020-01-02", "2020-01-03"], "outlet": ["X", "X"],
                         "n_words": [10, 10], "date_source": ["metadata", "metadata"], "duplicate_of": ["", ""],
                         "notes": ["published: column 'published' (given with the text, not stated in it)"] * 2})
    quotes = pd.DataFrame(columns=["quotation_id", "speaker"])
    text = narrative.describe_corpus(docs, pd.DataFrame(columns=["source_path", "reason"]), quotes)
    assert "date line" not in text
    assert "The dates are those of the corpus's `published` column." in text
    # A .txt corpus whose metadata.csv filled a date that the text does not state: said as before.
    txt = docs.assign(notes=["published: metadata.csv", "published: column 'date' (given with the text, not stated in it)"])
    text = narrative.describe_corpus(txt, pd.DataFrame(columns=["source_path", "reason"]), quotes)
    assert "1 date came from the metadata file, not from a date line in the text." in text
    assert "1 date came from the corpus's `date` column." in text
