"""Tests for analysis.corpus: hand-checked expectations on the five seeds, bad
input of every kind, other input formats, and property-based hostile input."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.corpus import (
    DOCUMENT_COLUMNS,
    CorpusError,
    CorpusWarning,
    iter_corpus,
    load_corpus,
    load_furniture_patterns,
    load_metadata,
    normalize_whitespace,
    parse_article,
)

SEED_IDS = [
    "000_1226ae9bc1f03672",
    "001_d8019474688abbb6",
    "002_5687704603584099",
    "003_ba0f68d250da273a",
    "004_8e6bc3ac408dff73",
]


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load_corpus(config.SEEDS_DIR).set_index("doc_id", drop=False)


# --------------------------------------------------------------------------- seeds: fields
# Hand-checked against the raw files (see seeds/README.md and seeds/metadata.csv).
SEED_FIELDS = {
    "000_1226ae9bc1f03672": dict(
        title="Elkhan Aleskerov: ”The militaries talk the most of all about the peace”",
        published="2018-04-06", date_source="metadata", outlet="Vestnik Kavkaza", author=""),
    "001_d8019474688abbb6": dict(
        title="A SIGNAL FROM THE LEADERS",
        published="2017-08-01", date_source="text", outlet="", author=""),
    "002_5687704603584099": dict(
        title="Expert: Moscow and Baku’s positions on ISIL ‘very close’",
        published="2015-10-12", date_source="text", outlet="Oxu.Az", author=""),
    "003_ba0f68d250da273a": dict(
        title="Russia favors Azerbaijan in the region",
        published="2017-07-25", date_source="text", outlet="", author="Bakhtiyar Mammadli"),
    "004_8e6bc3ac408dff73": dict(
        title="Ilham Aliyev received secretary of the Security Council of the Russian Federation",
        published="2024-08-07", date_source="metadata", outlet="", author=""),
}

# The first and the last real paragraph of each article (start / end of the line).
SEED_FIRST_PARAGRAPH_START = {
    "000_1226ae9bc1f03672": "Yesterday, the 7th Moscow International Security Conference MCIS-2018",
    "001_d8019474688abbb6": "Meeting of the presidents of Azerbaijan and Russia should be a warning",
    "002_5687704603584099": "Oxu.Az interviews General Director of the Institute for Caspian Cooperation",
    "003_ba0f68d250da273a": "As the geopolitical situation in the world changes",
    "004_8e6bc3ac408dff73": "During his visit to Azerbaijan on August 6, Russian Security Council",
}
SEED_LAST_PARAGRAPH = {
    "000_1226ae9bc1f03672": ("- For Azerbaijan, of course, it is extremely important",
                             "negotiations of the neighbor countries of Turkey, Russia, and Iran."),
    "001_d8019474688abbb6": ("Apparently, the situation as a whole does not bode well",
                             "a possible shift in the process from the deadlock."),
    "002_5687704603584099": ("Now they are accusing Russia of striking the anti-Assad opposition.",
                             "Iran had got additional points in the eyes of the West in this light."),
    "003_ba0f68d250da273a": ("At the meeting of the Presidents, the issues of restoration",
                             "her position on these issues in front of the Russian President. \""),
    "004_8e6bc3ac408dff73": ("Miller added, \"The United States does not know why Shoigu's visit",
                             "as it continues to seek support for its aggression against Ukraine.\""),
}
# Page furniture that must not survive anywhere in the body.
SEED_FURNITURE = {
    "000_1226ae9bc1f03672": ["Vestnik Kavkaza", "in Instagram"],
    "001_d8019474688abbb6": ["26 April 2024", "Friday, 21:00", "Author:", "01.08.2017", "RECOMMEND", "397",
                             "A SIGNAL FROM THE LEADERS"],
    "002_5687704603584099": ["Mon 12 October 2015", "Text size", "bigger smaller", "Most read articles",
                             "More from Interviews", "In The Region", "Editor Picks", "Azerbaijan Cuisine",
                             "Explore the food of Azerbaijan", "Follow us", "Find us on Facebook",
                             "Real estate"],
    "003_ba0f68d250da273a": ["25 July 2017", "16:53 870", "Bakhtiyar Mammadli"],
    "004_8e6bc3ac408dff73": ["Leave a review", "Social", "Follow us on social networks", "News Line"],
}


def test_seeds_load_in_sorted_order_with_contract_columns(seeds):
    assert list(seeds.columns) == list(DOCUMENT_COLUMNS)
    assert seeds["doc_id"].tolist() == SEED_IDS
    assert seeds["n_words"].dtype == "int64"
    assert len(seeds.attrs["skipped"]) == 0
    assert (seeds["duplicate_of"] == "").all()


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_title_date_outlet_author(seeds, doc_id):
    row = seeds.loc[doc_id]
    for column, expected in SEED_FIELDS[doc_id].items():
        assert row[column] == expected, column


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_first_and_last_paragraph_survive(seeds, doc_id):
    paragraphs = seeds.loc[doc_id, "text"].split("\n\n")
    assert paragraphs[0].startswith(SEED_FIRST_PARAGRAPH_START[doc_id])
    start, end = SEED_LAST_PARAGRAPH[doc_id]
    assert paragraphs[-1].startswith(start)
    assert paragraphs[-1].endswith(end)


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_furniture_and_headline_removed(seeds, doc_id):
    paragraphs = seeds.loc[doc_id, "text"].split("\n\n")
    for furniture in SEED_FURNITURE[doc_id]:
        # Whole-line furniture; the words may still occur inside sentences
        # (000: "Vestnik Kavkaza spoke about the conference results ...").
        assert not any(p.startswith(furniture) for p in paragraphs), furniture
    # The headline is not part of the body, and is not repeated in it.
    assert seeds.loc[doc_id, "title"] not in paragraphs


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_whitespace_normalised_but_characters_kept(seeds, doc_id):
    text = seeds.loc[doc_id, "text"]
    paragraphs = text.split("\n\n")
    assert "\xa0" not in text and "  " not in text
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    # n_words counts the words of the clean body
    assert 500 < seeds.loc[doc_id, "n_words"] < 2500


def test_seed_paragraph_counts_match_raw_lines(seeds):
    # Hand-counted real paragraphs (raw non-empty lines minus header and furniture).
    counts = {d: len(t.split("\n\n")) for d, t in seeds["text"].items()}
    assert counts == {
        "000_1226ae9bc1f03672": 9,   # 13 lines - 2 headlines - sign-off - "in Instagram"
        "001_d8019474688abbb6": 38,  # 43 lines - clock(2) - headline - Author: - date - RECOMMEND - 397 + dek kept
        "002_5687704603584099": 14,
        "003_ba0f68d250da273a": 9,
        "004_8e6bc3ac408dff73": 16,
    }


def test_seed_curly_quotes_and_diacritics_kept(seeds):
    assert "Moscow and Baku’s positions" in seeds.loc["002_5687704603584099", "text"]
    assert "“A wide range of issues" in seeds.loc["004_8e6bc3ac408dff73", "text"]
    assert "Hikmat Babaoğlu" in seeds.loc["004_8e6bc3ac408dff73", "text"]
    # NBSP inside a sentence became one plain space (002: "in \xa0Kazakhstan").
    assert "neutralized in Kazakhstan" in seeds.loc["002_5687704603584099", "text"]


def test_seed_notes_trace_every_field(seeds):
    notes = seeds["notes"]
    assert "page clock: line 1 '26 April 2024'" in notes["001_d8019474688abbb6"]
    assert "published: text line 11 ('01.08.2017')" in notes["001_d8019474688abbb6"]
    assert "furniture removed: line 3, 9, 89, 91" in notes["001_d8019474688abbb6"]
    assert "(standfirst): line 7" in notes["001_d8019474688abbb6"]
    assert "published: metadata.csv" in notes["000_1226ae9bc1f03672"]
    assert "MCIS-2018 was held in Moscow on 4-5 April 2018" in notes["000_1226ae9bc1f03672"]
    assert "outlet: text line 24 (sign-off 'Vestnik Kavkaza'" in notes["000_1226ae9bc1f03672"]
    assert "outlet: text line 7" in notes["002_5687704603584099"]
    assert "author: text line 29 (byline 'Bakhtiyar Mammadli'" in notes["003_ba0f68d250da273a"]
    assert "repeated headline removed: line 3" in notes["004_8e6bc3ac408dff73"]
    assert "outlet: missing" in notes["004_8e6bc3ac408dff73"]


def test_text_date_wins_over_metadata():
    meta = pd.DataFrame({"doc_id": ["002_5687704603584099"], "published": ["2015-10-20"]})
    docs = load_corpus(config.SEEDS_DIR, metadata=meta).set_index("doc_id")
    assert docs.loc["002_5687704603584099", "published"] == "2015-10-12"
    assert docs.loc["002_5687704603584099", "date_source"] == "text"
    assert "metadata date 2015-10-20 differs" in docs.loc["002_5687704603584099", "notes"]
    # Without the curated file, undated seeds have no date, and say so.
    assert docs.loc["000_1226ae9bc1f03672", "published"] == ""
    assert docs.loc["000_1226ae9bc1f03672", "date_source"] == "missing"


def test_metadata_rows_matching_no_document_warn():
    meta = pd.DataFrame({"doc_id": ["000_1226ae9bc1f03672", "000_typo"], "published": ["2018-04-06", ""]})
    with pytest.warns(CorpusWarning, match=r"metadata table: 1 doc_id\(s\) match no document, e.g. \['000_typo'\]"):
        load_corpus(config.SEEDS_DIR, metadata=meta)


def test_single_seed_file_uses_metadata_beside_it():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the other seeds' metadata rows are not a problem here
        docs = load_corpus(config.SEEDS_DIR / "004_8e6bc3ac408dff73.txt")
    assert docs[["doc_id", "published", "date_source"]].values.tolist() == [
        ["004_8e6bc3ac408dff73", "2024-08-07", "metadata"]]


def test_iter_corpus_chunks_concat_to_load_corpus(seeds):
    chunks = list(iter_corpus(config.SEEDS_DIR, chunk_size=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    assert all("skipped" in c.attrs for c in chunks)
    for c in chunks:
        c.attrs = {}
    joined = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(joined, seeds.reset_index(drop=True))


def test_loading_is_deterministic(seeds):
    again = load_corpus(config.SEEDS_DIR)
    pd.testing.assert_frame_equal(again, seeds.reset_index(drop=True))


# --------------------------------------------------------------------------- parse_article
def test_page_clock_above_headline_used_only_when_no_clock_line():
    with_clock = parse_article("26 April 2024\n\nFriday, 21:00\n\nHeadline here\n\nThe body says a thing here.")
    assert with_clock.published == "" and with_clock.title == "Headline here"
    plain = parse_article("26 April 2024\n\nHeadline here\n\nThe body says a thing here.")
    assert plain.published == "2024-04-26"


def test_byline_forms_and_month_first_date():
    art = parse_article("Title of piece\n\nBy Jane Roe\n\nJuly 25, 2017\n\nSomething happened in Baku today.")
    assert (art.title, art.author, art.published) == ("Title of piece", "Jane Roe", "2017-07-25")
    assert art.paragraphs == ["Something happened in Baku today."]


def test_invalid_calendar_date_is_not_a_date():
    art = parse_article("Title\n\n31.02.2017\n\nSomething happened in Baku today.")
    assert art.published == ""


def test_first_line_that_is_a_sentence_is_not_a_title():
    art = parse_article("This is a plain sentence that reads as body text.\n\nAnd another one here.")
    assert art.title == ""
    assert art.paragraphs == ["This is a plain sentence that reads as body text.", "And another one here."]


def test_section_words_after_body_are_not_bylines():
    art = parse_article("Title\n\nA long enough body sentence ends here.\n\nEditor Picks")
    assert art.author == "" and art.paragraphs == ["A long enough body sentence ends here."]


def test_normalize_whitespace_keeps_word_characters():
    assert normalize_whitespace("“Ürək”\u00a0\u00a0x\u200b\ty \r\n") == ["“Ürək” x y", ""]


# --------------------------------------------------------------------------- bad input
GOOD = "A headline\n\nRussia and Azerbaijan signed a deal in Baku on Monday.\n"


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_missing_path_names_it(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(CorpusError, match="nope: corpus path does not exist"):
        load_corpus(missing)


def test_unsupported_file_type(tmp_path):
    with pytest.raises(CorpusError, match=r"unsupported file type '\.docx'"):
        load_corpus(_write(tmp_path / "a.docx", "x"))


def test_bad_chunk_size(tmp_path):
    with pytest.raises(CorpusError, match="chunk_size"):
        iter_corpus(_write(tmp_path / "a.txt", GOOD), chunk_size=0)


def test_empty_and_binary_files_are_skipped_with_reasons(tmp_path):
    _write(tmp_path / "a_good.txt", GOOD)
    _write(tmp_path / "b_empty.txt", "")
    _write(tmp_path / "c_binary.txt", b"\x89PNG\x00\x00\x01")
    _write(tmp_path / "d_blank.txt", " \n\xa0\n")
    _write(tmp_path / "notes.md", "ignored: folders hold .txt documents")
    with pytest.warns(CorpusWarning) as caught:
        docs = load_corpus(tmp_path)
    assert docs["doc_id"].tolist() == ["a_good"]
    skipped = docs.attrs["skipped"]
    assert skipped["source_path"].map(lambda p: Path(p).name).tolist() == ["b_empty.txt", "c_binary.txt",
                                                                           "d_blank.txt"]
    assert skipped["reason"].tolist()[:2] == ["empty file", "binary file (contains NUL bytes); convert it "
                                                            "to UTF-8 text"]
    assert skipped["reason"].tolist()[2].startswith("no body text")
    messages = " ".join(str(w.message) for w in caught)
    assert "b_empty.txt" in messages and "c_binary.txt" in messages


def test_folder_without_usable_documents_is_an_error(tmp_path):
    _write(tmp_path / "a.txt", "")
    with pytest.warns(CorpusWarning), pytest.raises(CorpusError, match="no usable documents.*empty file"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="No .txt files found"):
        load_corpus(_write(tmp_path / "sub" / "x.md", "x").parent)


def test_cp1251_and_latin1_fallbacks_warn_with_encoding(tmp_path):
    _write(tmp_path / "ru.txt", "Заголовок\n\nРоссия и Азербайджан подписали соглашение в Баку.\n".encode("cp1251"))
    # 0x81 is undefined in cp1252 (cp1252 now comes before latin-1; the old 0x98 is its small
    # tilde), and the Latin word "caf\xe9" rules out cp1251, so this one falls through to latin-1.
    _write(tmp_path / "xx.txt", b"Caf\xe9 title\n\nThe caf\xe9 \x81 was busy in Baku on Monday.\n")
    with pytest.warns(CorpusWarning) as caught:
        # Russian text is skipped by default (not English); keep it to see how it was decoded.
        docs = load_corpus(tmp_path, keep_non_english=True).set_index("doc_id")
    messages = [str(w.message) for w in caught]
    assert any("ru.txt: not valid UTF-8; decoded as cp1251" in m for m in messages)
    assert any("xx.txt: not valid UTF-8; decoded as latin-1" in m for m in messages)
    assert docs.loc["ru", "text"] == "Россия и Азербайджан подписали соглашение в Баку."
    assert "encoding: cp1251" in docs.loc["ru", "notes"]
    assert docs.loc["xx", "title"] == "Café title"


def test_utf8_bom_is_not_part_of_the_title(tmp_path):
    docs = load_corpus(_write(tmp_path / "bom.txt", "\ufeff" + GOOD))
    assert docs.loc[0, "title"] == "A headline"


def test_duplicates_are_kept_and_flagged(tmp_path):
    _write(tmp_path / "a.txt", GOOD)
    _write(tmp_path / "b.txt", "Other headline\n\nRussia  and Azerbaijan signed a deal in Baku on Monday.\n")
    docs = load_corpus(tmp_path)
    assert docs["duplicate_of"].tolist() == ["", "a"]
    assert "duplicate: same normalised text as a" in docs.loc[1, "notes"]


def test_same_file_stem_in_subfolders_gets_unique_ids(tmp_path):
    _write(tmp_path / "x" / "a.txt", GOOD)
    _write(tmp_path / "y" / "a.txt", "H\n\nA different story about Tbilisi and Yerevan today.\n")
    with pytest.warns(CorpusWarning, match="doc_id 'a' already used; renamed to 'a__2'"):
        docs = load_corpus(tmp_path)
    assert docs["doc_id"].tolist() == ["a", "a__2"]


def test_csv_without_text_column_lists_columns(tmp_path):
    path = _write(tmp_path / "c.csv", "id,body\n1,hello\n")
    with pytest.raises(CorpusError, match=r"c\.csv: no 'text' column; found columns \['body', 'id'\]"):
        load_corpus(path)


def test_csv_with_title_is_taken_as_clean(tmp_path):
    frame = pd.DataFrame({
        "id": ["x1", "x2", "x3"],
        "title": ["T1", "", "T3"],
        "date": ["2020-03-04", "", "04.03.2020"],
        "text": ["Share\nRussia\xa0acted  in Baku.", "Headline two\n\nBody sentence about Russia here.", ""],
        "author": ["Ann Lee", "", ""],
    })
    path = tmp_path / "c.csv"
    frame.to_csv(path, index=False)
    with pytest.warns(CorpusWarning, match=r"c\.csv#row=4: skipped \(empty text\)"):
        docs = load_corpus(path)
    assert docs["doc_id"].tolist() == ["x1", "x2"]
    # with a title column the text is clean: "Share" stays, only whitespace changes
    assert docs.loc[0, "text"] == "Share\n\nRussia acted in Baku."
    assert docs.loc[0, ["title", "published", "date_source", "author"]].tolist() == [
        "T1", "2020-03-04", "metadata", "Ann Lee"]
    # an empty title falls back to the raw-text heuristics
    assert docs.loc[1, ["title", "text", "date_source"]].tolist() == [
        "Headline two", "Body sentence about Russia here.", "missing"]
    assert docs.attrs["skipped"]["reason"].tolist() == ["empty text"]


def test_csv_without_id_gets_row_based_ids(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"text": [GOOD, "T\n\nAnother body sentence about Baku."]}).to_csv(path, index=False)
    docs = load_corpus(path)
    assert docs["doc_id"].tolist() == ["news-r000000", "news-r000001"]
    assert docs["source_path"].tolist() == [f"{path}#row=2", f"{path}#row=3"]


def test_jsonl_malformed_line_is_skipped_with_line_number(tmp_path):
    lines = [json.dumps({"id": "a", "text": GOOD}), "{not json", "", json.dumps([1, 2]),
             json.dumps({"body": "x"}), json.dumps({"id": "b", "title": "T", "text": "Body text."})]
    path = _write(tmp_path / "d.jsonl", "\n".join(lines) + "\n")
    with pytest.warns(CorpusWarning) as caught:
        docs = load_corpus(path)
    assert any("d.jsonl, line 2: malformed JSON" in str(w.message) for w in caught)
    assert docs["doc_id"].tolist() == ["a", "b"]
    reasons = docs.attrs["skipped"]["reason"].tolist()
    assert reasons[0].startswith("line 2: malformed JSON")
    assert reasons[1] == "line 4: expected a JSON object, got list"
    assert reasons[2].startswith("line 5: no 'text' field")
    assert docs.attrs["skipped"]["source_path"].tolist()[0] == f"{path}#line=2"


def test_parquet_streams_in_batches(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"doc_id": [f"d{i}" for i in range(5)],
                      "text": [f"Head {i}\n\nBody sentence number {i} about Russia." for i in range(5)]})
    path = tmp_path / "p.parquet"
    pq.write_table(table, path, row_group_size=2)
    chunks = list(iter_corpus(path, chunk_size=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    assert chunks[2].loc[0, ["doc_id", "title", "text"]].tolist() == [
        "d4", "Head 4", "Body sentence number 4 about Russia."]


def test_parquet_that_is_not_parquet(tmp_path):
    with pytest.raises(CorpusError, match=r"x\.parquet: not a readable Parquet file"):
        load_corpus(_write(tmp_path / "x.parquet", "plain text"))


def test_metadata_errors_name_the_line(tmp_path):
    bad = _write(tmp_path / "m.csv", "doc_id,published\na,2020-01-01\nb,01/02/2020\n")
    with pytest.raises(CorpusError, match=r"m\.csv, line 3: published '01/02/2020' is not an ISO date"):
        load_metadata(bad)
    with pytest.raises(CorpusError, match="needs a doc_id column"):
        load_metadata(pd.DataFrame({"id": ["a"]}))


def test_bad_furniture_file(tmp_path):
    bad = _write(tmp_path / "f.yaml", "furniture_lines:\n  - pattern: '(unclosed'\n")
    with pytest.raises(CorpusError, match=r"f\.yaml: .*month_names|f\.yaml: furniture_lines\[0\]"):
        load_furniture_patterns(bad)


def test_user_furniture_file_is_used(tmp_path):
    import yaml

    data = yaml.safe_load(config.FURNITURE_PATTERNS_PATH.read_text(encoding="utf-8"))
    data["furniture_lines"].append({"pattern": r"click here to subscribe!*", "why": "test"})
    custom = _write(tmp_path / "my.yaml", yaml.safe_dump(data, allow_unicode=True))
    page = _write(tmp_path / "c" / "a.txt", GOOD + "\nClick here to subscribe!\n")
    assert load_corpus(page).loc[0, "text"].endswith("Click here to subscribe!")
    assert load_corpus(page, furniture=custom).loc[0, "text"] == (
        "Russia and Azerbaijan signed a deal in Baku on Monday.")


# --------------------------------------------------------------------------- hostile input
HOSTILE_TEXT = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(list("\n\r\t \xa0\u2028\u200b\ufeff.!?:”“’|0123456789")),
        st.sampled_from(["\n\n", "Share", "Author:", "12.03.2020", "Mon 12 October 2015 07:35 GMT",
                         "By Jane Roe", "Vestnik Kavkaza", "Friday, 21:00", "RECOMMEND:",
                         "A sentence of several words ends here."]),
    ),
    max_size=30,
).map("".join)
HYPOTHESIS = settings(max_examples=50, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


def _load_or_corpus_error(path: Path) -> pd.DataFrame | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        try:
            return load_corpus(path)
        except CorpusError:
            return None


def _check_contract(docs: pd.DataFrame | None) -> None:
    if docs is None:
        return
    assert list(docs.columns) == list(DOCUMENT_COLUMNS)
    for text in docs["text"]:
        assert text and all(p and p == p.strip() for p in text.split("\n\n"))
        assert "\xa0" not in text and "\r" not in text
    assert set(docs["date_source"]) <= {"text", "metadata", "missing"}


@HYPOTHESIS
@given(data=st.binary(max_size=600))
def test_random_bytes_as_txt_never_crash(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    _write(folder / "a.txt", data)
    _check_contract(_load_or_corpus_error(folder))


@HYPOTHESIS
@given(text=HOSTILE_TEXT)
def test_hostile_text_never_crashes(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("text")
    _write(folder / "a.txt", text.encode("utf-8", "surrogatepass"))
    _check_contract(_load_or_corpus_error(folder))


@HYPOTHESIS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".jsonl", ".parquet"]))
def test_random_bytes_as_tabular_never_crash(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("tab")
    _check_contract(_load_or_corpus_error(_write(folder / f"a{suffix}", b"text\n" + data)))


@HYPOTHESIS
@given(texts=st.lists(HOSTILE_TEXT, min_size=1, max_size=4))
def test_hostile_jsonl_values_never_crash(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("jsonl")
    lines = [json.dumps({"text": t}) for t in texts]
    _check_contract(_load_or_corpus_error(_write(folder / "a.jsonl", "\n".join(lines))))


def test_csv_row_numbers_match_a_spreadsheet_across_blank_lines(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(f'id,text\na,"{GOOD}"\n\nb,\nc,"T\n\nAnother body sentence about Baku."\n', encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"news\.csv#row=4: skipped \(empty text\)"):
        docs = load_corpus(path)  # the blank line is row 3 in a spreadsheet and is passed over silently
    assert docs["doc_id"].tolist() == ["a", "c"] and docs["source_path"].tolist() == [f"{path}#row=2", f"{path}#row=5"]
    assert docs.attrs["skipped"]["reason"].tolist() == ["empty text"]


def test_metadata_line_numbers_count_blank_lines_and_blank_rows_are_passed_over(tmp_path):
    # Review finding: blank lines were skipped by pandas, so the error named line 3 for line 5.
    bad = _write(tmp_path / "m.csv", "doc_id,published\n\n\na,2020-01-02\nb,02/03/2020\n")
    with pytest.raises(CorpusError, match=r"m\.csv, line 5: published '02/03/2020'"):
        load_metadata(bad)
    good = _write(tmp_path / "g.csv", "doc_id,published\n\na,2020-01-02\n,\nb,2020-03-02\n")
    assert load_metadata(good)[["doc_id", "published"]].values.tolist() == [["a", "2020-01-02"], ["b", "2020-03-02"]]


@pytest.mark.parametrize("content, reason", [
    ("doc_id,text\n", "CSV has a header but no rows"),
    ("doc_id,text\n,\n\n", r"CSV has only empty rows \(2\)"),
])
def test_a_csv_without_rows_is_named_with_its_reason(tmp_path, content, reason):
    # Review finding: the error said "No .txt files found", the wording for a folder.
    with pytest.warns(Warning), pytest.raises(CorpusError, match=rf"h\.csv: no usable documents\. .*h\.csv: {reason}"):
        load_corpus(_write(tmp_path / "h.csv", content))


def test_a_knowledge_file_that_is_not_utf8_is_named_with_its_line(tmp_path):
    from analysis.quotes import load_speaker_registry

    bad = tmp_path / "speakers.yaml"
    bad.write_bytes("speakers:\n  - name: Caf\u00e9 Owner\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"speakers\.yaml: speaker registry is not UTF-8 \(byte 0xe9 on line 2\)"):
        load_speaker_registry(bad)


def test_hard_wrapped_text_is_joined_into_paragraphs(tmp_path):
    # Review finding: every line break was a paragraph break, so sentences were cut at line
    # ends, a quotation got two quote ids, and a wrapped first line became the title.
    folder = tmp_path / "c"
    folder.mkdir()
    _write(folder / "a.txt", "Russia and Azerbaijan signed an agreement on\nMonday, officials in Baku said. The text\n"
                             "of the agreement was not published, and the\nKremlin declined to comment.\n\n"
                             'Lavrov said: "We will\nnot leave."\n')
    csv = _write(tmp_path / "b.csv", 'doc_id,title,text\nx,Talks,"Lavrov said: ""We will\nnot leave. Never."" Then he left\nquietly."\n')
    docs = load_corpus(folder)
    a = docs.set_index("doc_id").loc["a"]
    assert a["title"] == "" and a["text"] == (
        "Russia and Azerbaijan signed an agreement on Monday, officials in Baku said. The text of the agreement "
        'was not published, and the Kremlin declined to comment.\n\nLavrov said: "We will not leave."')
    assert "4 line break(s) inside paragraphs removed" in a["notes"]
    x = load_corpus(csv).iloc[0]
    assert x["text"] == 'Lavrov said: "We will not leave. Never." Then he left quietly.'


def test_one_paragraph_per_line_and_header_lines_stay_apart(tmp_path):
    text = ("Peacekeepers to stay in Karabakh\nBy Jane Roe\n"
            "The Russian peacekeepers will stay in the region, officials said on Monday.\n"
            "The decision was announced after talks in Moscow between the two sides.\n"
            "Neither side commented on how long the mission would last.\n")
    doc = load_corpus(_write(tmp_path / "p.txt", text)).iloc[0]
    assert doc["title"] == "Peacekeepers to stay in Karabakh" and doc["author"] == "Jane Roe"
    assert doc["text"].split("\n\n") == text.splitlines()[2:]
    assert "line break" not in doc["notes"]


# --------------------------------------------------------------------------- user test findings
def test_one_bad_metadata_row_costs_that_row_only(tmp_path):
    # User finding: one non-ISO date made the loader ignore the whole metadata.csv, with only a warning.
    _write(tmp_path / "a.txt", "Undated a\n\nRussia and Azerbaijan signed a deal in Baku on Monday.\n")
    _write(tmp_path / "b.txt", "Undated b\n\nArmenia froze its membership of the CSTO on Friday.\n")
    _write(tmp_path / "metadata.csv", "doc_id,published,outlet\na,2024-06-01,Baku Herald\nb,24/02/2024,Armenia Daily\n")
    with pytest.warns(CorpusWarning, match=r"metadata\.csv, line 3: published '24/02/2024' is not an ISO date "
                                           r"YYYY-MM-DD; the row is not applied \(the other rows are\)"):
        docs = load_corpus(tmp_path).set_index("doc_id")
    assert docs.loc["a", ["published", "outlet"]].tolist() == ["2024-06-01", "Baku Herald"]
    assert docs.loc["b", ["published", "date_source", "outlet"]].tolist() == ["", "missing", ""]
    assert ("metadata.csv line 3: published '24/02/2024' is not an ISO date YYYY-MM-DD; row not applied"
            in docs.loc["b", "notes"])


def test_load_metadata_reports_bad_rows_when_asked_and_raises_by_default(tmp_path):
    path = _write(tmp_path / "m.csv", "doc_id,published\na,2020-01-01\nb,01/02/2020\n,2020-01-01\nc,\nc,\n")
    with pytest.raises(CorpusError, match=r"m\.csv, line 3: published '01/02/2020'"):
        load_metadata(path)
    table = load_metadata(path, errors="report")
    assert table["doc_id"].tolist() == ["a"]
    assert table.attrs["problems"].values.tolist() == [
        ["line 3", "b", "published '01/02/2020' is not an ISO date YYYY-MM-DD"],
        ["line 4", "", "empty doc_id"],
        ["line 5", "c", "doc_id 'c' appears more than once (line 5, line 6)"],
        ["line 6", "c", "doc_id 'c' appears more than once (line 5, line 6)"],
    ]
    with pytest.raises(ValueError, match="errors must be"):
        load_metadata(path, errors="ignore")


LATIN_TEXTS = {
    "fr": "Les émigrés russes à Tbilissi\n\nLes émigrés se sont réunis dans un café à Tbilissi dimanche.\n",
    "de": "Grüße aus Baku\n\nDie Gespräche über die Öllieferungen wurden am Montag fortgesetzt, sagte ein Sprecher.\n",
    # Azerbaijani Latin words that cp1252/latin-1 can hold (ə, ş, ğ, ı are outside them).
    "az": "Böyük Göygöl\n\nGürcüstan üç gün çox böyük Göygöl gördü, deyir.\n",
}


@pytest.mark.parametrize("lang", ["fr", "de", "az"])
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_latin_code_page_files_are_not_read_as_cyrillic(tmp_path, lang, encoding):
    # User finding: cp1251 was tried first and decodes nearly any bytes ("Russian йmigrйs ... cafй").
    text = LATIN_TEXTS[lang]
    path = _write(tmp_path / f"{lang}.txt", text.encode(encoding))
    with pytest.warns(CorpusWarning, match=r"not valid UTF-8; decoded as cp1252 \(\d+ word\(s\) read as Cyrillic, "
                                           r"\d+ as accented Latin; not cp1251\)"):
        doc = load_corpus(path).iloc[0]
    assert doc["title"] + "\n\n" + doc["text"] == text.strip()
    assert "encoding: cp1252 (file is not valid UTF-8;" in doc["notes"]


def test_cp1252_curly_quotes_and_the_user_file_are_read_as_cp1252(tmp_path):
    raw = "Russian émigrés protest in Tbilisi café\n\nSeñor García said Russia’s influence was fading – again.\n"
    doc = load_corpus(_write(tmp_path / "e.txt", raw.encode("cp1252"))).iloc[0]
    assert doc["title"] == "Russian émigrés protest in Tbilisi café"
    assert doc["text"] == "Señor García said Russia’s influence was fading – again."


@pytest.mark.parametrize("text", [
    "Россия и Азербайджан\n\nПрезиденты России и Азербайджана встретились в Баку в понедельник.\n",
    # Latin words (Gazprom, CSTO) and one-letter words (в, с) among the Russian ones: still Cyrillic.
    "Газ и ОДКБ\n\nGazprom и CSTO: посол встретился с журналистами в Тбилиси во вторник.\n",
], ids=["russian", "russian-with-latin-words"])
def test_russian_cp1251_files_stay_cyrillic(tmp_path, text):
    path = _write(tmp_path / "ru.txt", text.encode("cp1251"))
    with pytest.warns(CorpusWarning, match=r"decoded as cp1251 \(\d+ word\(s\) read as Cyrillic, 0 as accented Latin; "
                                           r"not cp1252\)"):
        doc = load_corpus(path, keep_non_english=True).iloc[0]
    assert doc["title"] + "\n\n" + doc["text"] == text.strip()
    assert "encoding: cp1251 (file is not valid UTF-8; " in doc["notes"]


@pytest.mark.parametrize("header, dateline", [
    ("Tbilisi, 14 March 2023", "'Tbilisi, 14 March 2023'"),
    ("TBILISI, March 14, 2023 (Reuters)", "'TBILISI, March 14, 2023 (Reuters)'"),
])
def test_a_dateline_line_is_the_date_and_leaves_the_body(tmp_path, header, dateline):
    # User finding: "Tbilisi, 14 March 2023" under the headline became a sentence; the article was undated.
    body = "Georgia is considering increasing purchases of Russian gas, officials said on Tuesday."
    doc = load_corpus(_write(tmp_path / "g.txt", f"Georgia weighs more Russian gas\n\n{header}\n\n{body}\n")).iloc[0]
    assert doc[["published", "date_source", "text"]].tolist() == ["2023-03-14", "text", body]
    assert f"published: text line 3 (dateline {dateline})" in doc["notes"]


def test_a_dateline_opening_the_first_paragraph_is_the_date(tmp_path):
    body = "Tbilisi, 14 March 2023 — Georgia is considering buying more Russian gas, officials said on Tuesday."
    doc = load_corpus(_write(tmp_path / "g.txt", f"Georgia weighs more Russian gas\n\n{body}\n")).iloc[0]
    assert doc[["published", "date_source", "text"]].tolist() == ["2023-03-14", "text", body]
    assert "published: text line 3 (dateline 'Tbilisi, 14 March 2023 —')" in doc["notes"]


def test_a_dateline_without_a_year_is_noted_not_used(tmp_path):
    body = "Georgia is considering buying more Russian gas, officials said on Tuesday."
    inline = load_corpus(_write(tmp_path / "a.txt", f"Gas talks\n\nTBILISI, March 14 (Reuters) - {body}\n")).iloc[0]
    line = load_corpus(_write(tmp_path / "b.txt", f"Gas talks\n\nTBILISI, March 14 (Reuters)\n\n{body}\n")).iloc[0]
    assert inline["published"] == line["published"] == ""
    assert inline["text"] == f"TBILISI, March 14 (Reuters) - {body}" and line["text"] == body
    assert "dateline line 3 'TBILISI, March 14 (Reuters) -' has no year; not used as the date" in inline["notes"]
    assert "dateline line 3 'TBILISI, March 14 (Reuters)' has no year" in line["notes"]


def test_a_sentence_with_commas_and_dashes_is_not_a_dateline(tmp_path):
    body = "However, on 14 March 2023 - officials said - Georgia bought more Russian gas than before."
    doc = load_corpus(_write(tmp_path / "a.txt", f"Gas talks\n\n{body}\n")).iloc[0]
    assert doc["published"] == "" and doc["text"] == body


def test_an_ambiguous_numeric_date_is_read_day_first_and_noted(tmp_path):
    lines = [{"doc_id": "us", "published": "03/04/2024", "text": GOOD},
             {"doc_id": "eu", "published": "25/03/2024", "text": "H\n\nArmenia froze its CSTO membership on Friday.\n"}]
    path = _write(tmp_path / "n.jsonl", "\n".join(json.dumps(line) for line in lines))
    docs = load_corpus(path).set_index("doc_id")
    assert docs["published"].tolist() == ["2024-04-03", "2024-03-25"]
    assert ("column 'published' value '03/04/2024' is ambiguous (day and month both 12 or less), "
            "read day-first as 2024-04-03") in docs.loc["us", "notes"]
    assert "ambiguous" not in docs.loc["eu", "notes"]
    assert "published: column 'published' (given with the text, not stated in it)" in docs.loc["eu", "notes"]
    text = load_corpus(_write(tmp_path / "t.txt", "Headline\n\n03.04.2024\n\nIt rained in Baku today.\n")).iloc[0]
    assert "date '03.04.2024' is ambiguous (day and month both 12 or less), read day-first as 2024-04-03" in text["notes"]


def test_a_metadata_row_matching_several_files_is_applied_to_none(tmp_path):
    # User finding: a/story.txt and b/story.txt both took the row "story" (the second renamed story__2).
    _write(tmp_path / "a" / "story.txt", GOOD)
    _write(tmp_path / "b" / "story.txt", "H\n\nA different story about Tbilisi and Yerevan today.\n")
    _write(tmp_path / "metadata.csv", "doc_id,published,outlet\nstory,2020-01-01,Who Knows\n")
    with pytest.warns(CorpusWarning, match=r"row 'story' matches 2 files \(a/story\.txt, b/story\.txt\) and is "
                                           r"applied to none; use the relative path \(e\.g\. 'a/story'\)"):
        docs = load_corpus(tmp_path)
    assert docs["doc_id"].tolist() == ["story", "story__2"]
    assert docs["published"].tolist() == ["", ""] and docs["outlet"].tolist() == ["", ""]
    assert all("metadata.csv row 'story' not applied: it matches 2 files" in n for n in docs["notes"])


def test_a_metadata_row_can_name_a_file_by_its_relative_path(tmp_path):
    _write(tmp_path / "a" / "story.txt", GOOD)
    _write(tmp_path / "b" / "story.txt", "H\n\nA different story about Tbilisi and Yerevan today.\n")
    _write(tmp_path / "metadata.csv", "doc_id,published,outlet\na/story,2020-01-01,Who Knows\nb/story.txt,,Baku Herald\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # no "matches no document", no "applied to none"
        warnings.filterwarnings("ignore", ".*doc_id 'story' already used", CorpusWarning)
        docs = load_corpus(tmp_path)
    assert docs[["doc_id", "published", "outlet"]].values.tolist() == [
        ["story", "2020-01-01", "Who Knows"], ["story__2", "", "Baku Herald"]]
    assert "metadata: metadata.csv row 'a/story' (relative path)" in docs.loc[0, "notes"]


def test_a_repeated_tabular_doc_id_takes_its_metadata_row_once(tmp_path):
    path = _write(tmp_path / "n.jsonl", "\n".join(json.dumps({"id": "x", "text": t}) for t in (
        GOOD, "H\n\nA different story about Tbilisi and Yerevan today.\n")))
    meta = pd.DataFrame({"doc_id": ["x"], "outlet": ["Baku Herald"]})
    with pytest.warns(CorpusWarning, match=r"doc_id 'x' repeats an earlier document's; metadata table row 'x' was "
                                           r"applied to the first one only"):
        docs = load_corpus(path, metadata=meta)
    assert docs["outlet"].tolist() == ["Baku Herald", ""]
    assert "metadata table row 'x' not applied: an earlier document with this doc_id took it" in docs.loc[1, "notes"]


def test_natural_sort_key_orders_line_numbers_as_numbers():
    from analysis.corpus import natural_sort_key

    paths = ["news.jsonl#line=10", "news.jsonl#line=9", "a/10.txt", "a/9.txt", "news.jsonl#line=09"]
    assert sorted(paths, key=natural_sort_key) == [
        "a/9.txt", "a/10.txt", "news.jsonl#line=09", "news.jsonl#line=9", "news.jsonl#line=10"]


def test_skipped_csv_is_in_natural_order(tmp_path):
    # User finding: skipped.csv listed news.jsonl#line=10 before #line=9 (sorted as text).
    from analysis.pipeline import run_pipeline

    lines = [json.dumps({"id": f"d{i}", "text": GOOD if i == 1 else ""}) for i in range(1, 12)]
    path = _write(tmp_path / "news.jsonl", "\n".join(lines))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = run_pipeline(path, tmp_path / "out")
    skipped = pd.read_csv(paths["skipped"], keep_default_na=False)
    assert [p.rsplit("=", 1)[1] for p in skipped["source_path"]] == [str(i) for i in range(2, 12)]


def test_page_furniture_after_hard_wrapped_lines_is_not_joined_into_the_paragraph():
    # Review: "Read more" after a long wrapped line became part of the paragraph.
    page = ("Gas talks\n\nRussia and Azerbaijan signed an agreement on\nMonday, officials in Baku said. The text\n"
            "of the agreement was not published, and the\nKremlin declined to comment on the matter.\nRead more\n")
    article = parse_article(page)
    assert article.paragraphs == ["Russia and Azerbaijan signed an agreement on Monday, officials in Baku said. The text "
                                  "of the agreement was not published, and the Kremlin declined to comment on the matter."]


# --------------------------------------------------------------------------- header fields (user test)
_WIRE_BODY = ("YEREVAN, April 8 (CWS) - Armenian President Serzh Sargsyan on Friday criticised fellow members of the "
              "Collective Security Treaty Organization for failing to condemn Azerbaijan.\n\n"
              "Russia, which keeps a military base in the Armenian city of Gyumri, has sold tanks and artillery "
              "to both Armenia and Azerbaijan.\n")


@pytest.mark.parametrize("header, outlet_line", [
    ("Armenia presses CSTO allies after April fighting\nCaucasus Wire Service\nBy Staff reporter\n2016-04-08", 2),
    ("Armenia presses CSTO allies after April fighting\nCaucasus Wire Service\n2016-04-08\nBy Staff reporter", 2),
    ("Armenia presses CSTO allies after April fighting\n2016-04-08\nCaucasus Wire Service\nBy Staff reporter", 3),
], ids=["outlet-byline-date", "outlet-date-byline", "date-outlet-byline"])
def test_a_short_line_between_headline_and_byline_is_the_outlet_not_part_of_the_title(tmp_path, header, outlet_line):
    # User finding: the outlet line was joined to the headline by the hard-wrap rule
    # ("... after April fighting Caucasus Wire Service") and the outlet was missing.
    doc = load_corpus(_write(tmp_path / "a01.txt", f"{header}\n\n{_WIRE_BODY}")).iloc[0]
    assert doc[["title", "outlet", "author", "published"]].tolist() == [
        "Armenia presses CSTO allies after April fighting", "Caucasus Wire Service", "Staff reporter", "2016-04-08"]
    assert (f"outlet: text line {outlet_line} ('Caucasus Wire Service', a short line between the headline "
            "and the byline or date)") in doc["notes"]
    assert "line break" not in doc["notes"] and "Caucasus Wire Service" not in doc["text"]


@pytest.mark.parametrize("title_lines", [
    # ends with a preposition: the width, not the writer, ended the line
    ("Russia and Azerbaijan sign a long-term agreement on gas transit through", "Georgia and Turkey"),
    # the next line starts with a small letter
    ("Russia and Azerbaijan sign a long-term agreement on gas transit", "through Georgia and Turkey"),
    # ends with a comma
    ("Peacekeepers stay, Moscow says,", "As talks in Brussels stall"),
], ids=["preposition", "small-letter", "comma"])
def test_a_wrapped_headline_above_the_byline_is_still_joined(tmp_path, title_lines):
    header = "\n".join(title_lines) + "\nBy Jane Roe\n2020-01-15"
    doc = load_corpus(_write(tmp_path / "w.txt", f"{header}\n\n{_WIRE_BODY}")).iloc[0]
    assert doc[["title", "outlet", "author", "published"]].tolist() == [
        " ".join(title_lines), "", "Jane Roe", "2020-01-15"]
    assert "1 line break(s) inside paragraphs removed" in doc["notes"]


def test_a_hard_wrapped_body_under_a_header_block_is_still_joined(tmp_path):
    page = ("Gas talks in Baku\nCaucasus Wire Service\nBy Jane Roe\n2020-01-15\n\n"
            "Russia and Azerbaijan signed an agreement on\nMonday, officials in Baku said. The text\n"
            "of the agreement was not published, and the\nKremlin declined to comment on the matter.\n")
    doc = load_corpus(_write(tmp_path / "h.txt", page)).iloc[0]
    assert doc[["title", "outlet", "author"]].tolist() == ["Gas talks in Baku", "Caucasus Wire Service", "Jane Roe"]
    assert doc["text"] == ("Russia and Azerbaijan signed an agreement on Monday, officials in Baku said. The text "
                           "of the agreement was not published, and the Kremlin declined to comment on the matter.")
    assert "3 line break(s) inside paragraphs removed" in doc["notes"]


def test_a_standfirst_sentence_under_the_headline_is_not_an_outlet(tmp_path):
    page = ("Gas talks in Baku\nThe two sides met again on Monday.\nBy Jane Roe\n\n"
            "Russia and Azerbaijan signed an agreement on Monday, officials in Baku said.\n")
    doc = load_corpus(_write(tmp_path / "s.txt", page)).iloc[0]
    assert doc["outlet"] == "" and doc["text"].startswith("The two sides met again on Monday.")


# --------------------------------------------------------------------------- language (user test)
_ENGLISH_BODY = (
    "Russian Foreign Minister Sergey Lavrov said on Monday that Moscow would keep its military base in Gyumri "
    "and that the peacekeepers would stay in the region until the end of their mandate. The statement came "
    "after talks with his Armenian counterpart, who has asked the Kremlin for guarantees against a new "
    "offensive. Officials in Baku did not comment on the remarks, which were published by the ministry.\n")
_NON_ENGLISH = {
    # the user's file: Russian in Cyrillic (cp1251)
    "ru": ("Россия и Армения\n2019-05-05\n\nВсе знают, что Россия продаёт оружие и Армении, и Азербайджану.\n",
           "not English: 100% of its 65 letters are Cyrillic"),
    "hy": ("Հայաստան և Ռուսաստան\n\nՀայաստանի նախագահը քննադատել է դաշնակիցներին։\n",
           "not English: 100% of its 58 letters are Armenian"),
    "fr": ("La Russie et l'Arménie\n\nLe président arménien a critiqué jeudi ses alliés de l'Organisation du traité "
           "de sécurité collective, qui n'ont pas condamné l'Azerbaïdjan après quatre jours de combats. La Russie, "
           "qui dispose d'une base militaire à Gyumri, a vendu des chars et de l'artillerie aux deux pays. Selon le "
           "ministre russe, Moscou continuera d'honorer ses contrats.\n",
           "not English: only 0 of its 64 Latin-script words (0%) are common English words"),
    "az": ("Rusiya və Ermənistan\n\nErmənistan prezidenti cümə günü Kollektiv Təhlükəsizlik Müqaviləsi "
           "Təşkilatındakı müttəfiqlərini dörd gün davam edən döyüşlərdən sonra Azərbaycanı pisləmədikləri üçün "
           "tənqid edib. Gümrüdə hərbi bazası olan Rusiya hər iki ölkəyə tank və artilleriya satıb. Rusiyanın "
           "xarici işlər naziri bildirib ki, Moskva müqavilələrinə əməl etməyə davam edəcək.\n",
           "not English: only 0 of its 47 Latin-script words (0%) are common English words"),
}


@pytest.mark.parametrize("lang", sorted(_NON_ENGLISH))
def test_a_document_that_is_not_english_is_skipped_with_what_was_found(tmp_path, lang):
    # User finding: a Russian file went through silently and was scored by English lexicons.
    text, reason = _NON_ENGLISH[lang]
    _write(tmp_path / "en.txt", "Lavrov on Gyumri\n\n" + _ENGLISH_BODY)
    path = _write(tmp_path / f"{lang}.txt", text.encode("cp1251") if lang == "ru" else text)
    with pytest.warns(CorpusWarning, match=re.escape(f"{lang}.txt: skipped ({reason}")):
        docs = load_corpus(tmp_path)
    assert docs["doc_id"].tolist() == ["en"]
    skipped = docs.attrs["skipped"]
    assert skipped["source_path"].tolist() == [str(path)]
    assert skipped["reason"].iloc[0].startswith(reason) and "English-only" in skipped["reason"].iloc[0]
    kept = load_corpus(path, keep_non_english=True)
    assert len(kept) == 1 and len(kept.attrs["skipped"]) == 0


@pytest.mark.parametrize("text", [
    # English quoting Russian names and a headline in Cyrillic
    "Lavrov on Gyumri\n\nSergey Lavrov (Сергей Лавров) said the base in Gyumri (Гюмри) would stay. The daily "
    "Izvestia (Известия) ran the headline «Мы не уйдём», which means \"We will not leave\".\n",
    # short English texts: too few words to judge by function words
    "Aliyev, Putin meet\n\nGas, transit, Karabakh top agenda. Lavrov: Russia ready to mediate.\n",
    "H\n\nArmenia froze its CSTO membership on Friday.\n",
    # long English text
    "Lavrov on Gyumri\n\n" + _ENGLISH_BODY * 3,
], ids=["quotes-cyrillic", "headlinese", "one-sentence", "long"])
def test_english_texts_are_not_skipped_as_foreign(tmp_path, text):
    docs = load_corpus(_write(tmp_path / "e.txt", text))
    assert len(docs) == 1 and len(docs.attrs["skipped"]) == 0


def test_the_language_rule_keeps_every_seed_and_user_test_document(seeds):
    from analysis.corpus import non_english_reason

    assert [non_english_reason(t + "\n\n" + x) for t, x in zip(seeds["title"], seeds["text"])] == [""] * len(seeds)


# --------------------------------------------------------------------------- date_note (user test)
def test_date_note_flags_ambiguous_and_unreadable_dates(tmp_path):
    # User finding: ambiguous and unreadable dates were only mentioned inside the notes text.
    body = "Armenia froze its CSTO membership on Friday, officials said."
    lines = [{"doc_id": "amb", "published": "08/04/2016", "text": body},
             {"doc_id": "bad", "published": "2020-13-45", "text": body + " Again."},
             {"doc_id": "iso", "published": "2016-04-08", "text": body + " Twice."},
             {"doc_id": "eu", "published": "25/03/2024", "text": body + " Thrice."},
             # the text states a date (it wins): the column's ambiguity does not matter
             {"doc_id": "won", "published": "03/04/2024", "text": "H\n\n12 May 2024\n\n" + body}]
    docs = load_corpus(_write(tmp_path / "d.jsonl", "\n".join(json.dumps(line) for line in lines))).set_index("doc_id")
    assert docs["date_note"].to_dict() == {"amb": "ambiguous", "bad": "unreadable", "iso": "", "eu": "", "won": ""}
    assert docs.loc["bad", "published"] == "" and docs.loc["won", "published"] == "2024-05-12"
    text = load_corpus(_write(tmp_path / "t.txt", "Headline\n\n03.04.2024\n\nIt rained in Baku today.\n")).iloc[0]
    assert text[["published", "date_note"]].tolist() == ["2024-04-03", "ambiguous"]
    both = [{"doc_id": "x", "published": "soon", "text": "H\n\n03.04.2024\n\n" + body}]
    x = load_corpus(_write(tmp_path / "x.jsonl", json.dumps(both[0]))).iloc[0]
    assert x[["published", "date_note"]].tolist() == ["2024-04-03", "ambiguous; unreadable"]


def test_month_first_date_order_reads_numeric_dates_month_first(tmp_path):
    body = "Armenia froze its CSTO membership on Friday, officials said."
    lines = [{"doc_id": "amb", "published": "08/04/2016", "text": body},
             {"doc_id": "us", "published": "03/25/2024", "text": body + " Again."},
             {"doc_id": "eu", "published": "25/03/2024", "text": body + " Twice."},
             {"doc_id": "iso", "published": "2024-03-05", "text": body + " Thrice."}]
    path = _write(tmp_path / "d.jsonl", "\n".join(json.dumps(line) for line in lines))
    default = load_corpus(path).set_index("doc_id")
    assert default["published"].tolist() == ["2016-04-08", "", "2024-03-25", "2024-03-05"]
    docs = load_corpus(path, date_order="month-first").set_index("doc_id")
    assert docs["published"].tolist() == ["2016-08-04", "2024-03-25", "", "2024-03-05"]
    assert docs["date_note"].tolist() == ["ambiguous", "", "unreadable", ""]
    assert ("column 'published' value '08/04/2016' is ambiguous (day and month both 12 or less), "
            "read month-first as 2016-08-04") in docs.loc["amb", "notes"]
    text = load_corpus(_write(tmp_path / "t.txt", "Headline\n\n03.04.2024\n\nIt rained in Baku today.\n"),
                       date_order="month-first").iloc[0]
    assert text["published"] == "2024-03-04" and "read month-first as 2024-03-04" in text["notes"]
    with pytest.raises(CorpusError, match=r"date_order must be 'day-first' or 'month-first', not 'mdy'\."):
        load_corpus(path, date_order="mdy")


def test_the_date_order_default_is_written_once_in_config():
    # A literal "day-first" beside config's default would let the loader, the pipeline and the
    # report drift apart if the default ever changed. narrative.py reads the loader's note wording.
    import ast

    allowed = {"config.py", "narrative.py"}
    literal = []
    for path in sorted(Path(config.__file__).parent.rglob("*.py")):
        if path.name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value == config.DEFAULT_DATE_ORDER:
                literal.append(f"{path.name}:{node.lineno}")
    assert literal == []
    assert config.DEFAULT_DATE_ORDER == config.DATE_ORDERS[0]

