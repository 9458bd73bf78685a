"""Sentence splitting and quotation spans, pinned on hand-checked seed passages."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import load_corpus
from analysis.text import (
    SENTENCE_COLUMNS, find_quote_spans, scan_quotes, sentence_spans, split_paragraphs, split_sentences,
)


@pytest.fixture(scope="module")
def documents() -> pd.DataFrame:
    return load_corpus(config.SEEDS_DIR)


@pytest.fixture(scope="module")
def sentences(documents: pd.DataFrame) -> pd.DataFrame:
    return split_sentences(documents)


def _sentence_containing(sentences: pd.DataFrame, doc_prefix: str, fragment: str) -> pd.Series:
    rows = sentences[sentences.doc_id.str.startswith(doc_prefix) & sentences.text.str.contains(fragment, regex=False)]
    assert len(rows) == 1, f"{fragment!r}: {len(rows)} sentences"
    return rows.iloc[0]


def test_contract_and_offsets(documents: pd.DataFrame, sentences: pd.DataFrame) -> None:
    assert list(sentences.columns) == SENTENCE_COLUMNS
    texts = dict(zip(documents.doc_id, documents.text))
    for row in sentences.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
        assert row.text == row.text.strip()
    for doc_id, group in sentences.groupby("doc_id"):
        assert group.sentence_id.tolist() == [f"{doc_id}:{i:04d}" for i in range(len(group))]
        assert group.start.is_monotonic_increasing


@pytest.mark.parametrize(
    "doc_prefix, fragment, starts_with, ends_with",
    [
        # U.S. followed by a capitalised title does not end a sentence.
        ("004", "U.S. Assistant Secretary", "However, recently, U.S. Assistant", "between Azerbaijan and Armenia."),
        ("004", "U.S. State Department spokesperson", "On August 5, U.S. State", "in the Middle East."),
        # Initials with and without a space.
        ("001", "between I. Aliyev and V. Putin", "He believes that scant", "accidental information leakage."),
        ("001", "wrote O. Kuznetsov", "One cannot hide", "in his article on Vesti.az."),
        ("003", "H.Mammadov noted", "H.Mammadov noted", "as well as the world:"),
        ("003", "F. Sadikhov said", "F. Sadikhov said", "meeting of the presidents:"),
        # Numbers: percentages, '3+3', ordinals, decades.
        ("004", "20% of their funding", "According to the law", "or face fines."),
        ("004", "'3+3'", "Therefore, today,", "a certain will for peace."),
        ("004", "10th package", "This includes Armenia's 10th", "interfere in this process,” Shoigu added."),
        ("004", "1980s", "The Karabakh conflict", "between the two countries."),
        ("001", "60 to 80%", '"Firstly, 60 to 80%', "Russian state corporations."),
    ],
)
def test_sentence_boundaries_on_seeds(sentences, doc_prefix, fragment, starts_with, ends_with) -> None:
    row = _sentence_containing(sentences, doc_prefix, fragment)
    assert row.text.startswith(starts_with)
    assert row.text.endswith(ends_with)


def test_abbreviations_in_hand_built_text() -> None:
    docs = pd.DataFrame({"doc_id": ["x"], "text": [
        "Dr. Smith met officials, e.g. envoys, and others etc. in Baku. Growth was 2.5 percent. "
        "They came from the U.S. The talks ended."
    ]})
    assert split_sentences(docs).text.tolist() == [
        "Dr. Smith met officials, e.g. envoys, and others etc. in Baku.",
        "Growth was 2.5 percent.",
        "They came from the U.S.",
        "The talks ended.",
    ]


def test_quotation_parts_share_their_quote_id(documents, sentences) -> None:
    # AZERTAG quoting Putin in 001: four sentences, one quotation (the first in the doc).
    first = _sentence_containing(sentences, "001", "I am glad to be able to talk")
    last = _sentence_containing(sentences, "001", "the state agency AZERTAG quotes Vladimir Putin")
    assert first.quote_id == last.quote_id == "001_d8019474688abbb6:q000"
    part = sentences[sentences.quote_id == first.quote_id]
    assert len(part) == 4
    # The narration sentence after it is outside any quotation.
    assert _sentence_containing(sentences, "001", "President Ilham Aliyev noted the diverse").quote_id == ""


def test_nested_quote_sentences_carry_the_inner_quote(sentences) -> None:
    outer = _sentence_containing(sentences, "003", "Therefore, the meeting of the Presidents of Russia")
    inner = _sentence_containing(sentences, "003", "We discussed a number of regional issues")
    inner_end = _sentence_containing(sentences, "003", "Putin remarked")
    assert outer.quote_id == "003_ba0f68d250da273a:q000"
    assert inner.quote_id == inner_end.quote_id == "003_ba0f68d250da273a:q001"
    # Colon-introduced quotation: the intro is its own sentence, outside the quote.
    intro = _sentence_containing(sentences, "003", "political analyst Hikmat Mammadov said")
    assert intro.quote_id == "" and intro.text.endswith("the two countries:")


def test_apostrophes_are_not_quotes(documents) -> None:
    text = documents.set_index("doc_id").text["004_8e6bc3ac408dff73"]
    quoted = [text[a:b] for a, b in find_quote_spans(text)]
    assert "'fifth column'" in quoted and "'3+3'" in quoted and '"Europe\'s Future"' in quoted
    assert not any(q.startswith("'Brien") or q.startswith("'s") for q in quoted)
    sample = "Russia’s and Baku’s view, O'Brien said, is the countries' view."
    assert find_quote_spans(sample) == []


def test_unclosed_quote_closes_at_paragraph_end_and_continues() -> None:
    text = 'He said: "We buy weapons. They know it.\n\nAt the meeting it was discussed. "\n\nEnd.'
    spans = scan_quotes(text)
    assert [(text[s.start:s.end], s.closed, s.continued) for s in spans] == [
        ('"We buy weapons. They know it.', False, False),
        ('At the meeting it was discussed. "', True, True),
    ]
    assert [text[a:b] for a, b in split_paragraphs(text)][-1] == "End."


def test_deterministic_and_fast(documents) -> None:
    started = time.perf_counter()
    first = split_sentences(documents)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    pd.testing.assert_frame_equal(first, split_sentences(documents))


def test_unknown_splitter_is_a_clear_error(documents) -> None:
    with pytest.raises(ValueError, match="splitter"):
        split_sentences(documents, splitter="spacy")


def _split(text: str, **kwargs) -> list[tuple[str, str]]:
    """(sentence, quote number or '') of a one-document text."""
    table = split_sentences(pd.DataFrame({"doc_id": ["d"], "text": [text]}), **kwargs)
    return [(row.text, row.quote_id.removeprefix("d:")) for row in table.itertuples()]


@pytest.mark.parametrize(
    "text, expected",
    [
        # The attribution sentence holds the quotation's end: linked, however long it is.
        ('"We talk. Yes," the Foreign Minister of Azerbaijan said on Monday in Baku.',
         [('"We talk.', "q000"), ('Yes," the Foreign Minister of Azerbaijan said on Monday in Baku.', "q000")]),
        ("He said ‘We will win. We go’ today.",
         [("He said ‘We will win.", "q000"), ("We go’ today.", "q000")]),
        # A quotation inside one sentence links it only when it is at least half of it.
        ('He called it a "referendum" on Monday. "Talks are over," he said.',
         [('He called it a "referendum" on Monday.', ""), ('"Talks are over," he said.', "q001")]),
    ],
)
def test_every_sentence_of_a_multi_sentence_quotation_carries_it(text, expected) -> None:
    assert _split(text) == expected


def test_nested_curly_quotation_does_not_cut_the_outer_one() -> None:
    text = "“The so-called “referendum” is illegal. It is void,” he said."
    assert [(text[s.start:s.end], s.depth) for s in scan_quotes(text)] == [
        ("“The so-called “referendum” is illegal. It is void,”", 0), ("“referendum”", 1),
    ]
    assert _split(text) == [("“The so-called “referendum” is illegal.", "q000"), ("It is void,” he said.", "q000")]
    # A stray opener with no closing mark left for it is ignored: the outer quotation keeps its end.
    stray = "“The “referendum is illegal,” he said. Fine."
    assert [stray[a:b] for a, b in find_quote_spans(stray)] == ["“The “referendum is illegal,”"]


def test_guillemets_are_quotation_marks() -> None:
    text = "He said: «We will win. Now.» Then we left. It was late."
    assert find_quote_spans(text) == [(9, 28)]
    assert _split(text) == [
        ("He said:", ""), ("«We will win.", "q000"), ("Now.»", "q000"), ("Then we left.", ""), ("It was late.", ""),
    ]
    single = "He said ‹We win. Now.› Done."
    assert _split(single) == [("He said ‹We win.", "q000"), ("Now.›", "q000"), ("Done.", "")]


def test_pysbd_splits_inside_quotations_like_the_regex_splitter() -> None:
    text = 'He said: "We will win. Now." Done. Dr. Smith agreed: "Fine."'
    expected = ["He said:", '"We will win.', 'Now."', "Done.", "Dr. Smith agreed:", '"Fine."']
    for splitter in ("regex", "pysbd"):
        assert [text[a:b] for _, a, b in sentence_spans(text, splitter=splitter)] == expected, splitter
    assert [q for _, q in _split(text, splitter="pysbd")] == ["", "q000", "q000", "", "", "q001"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Words that are also number abbreviations end sentences unless a digit follows.
        ("The answer is no. He left. I said no. They left.",
         ["The answer is no.", "He left.", "I said no.", "They left."]),
        ("It is No. 5 on the list, in force since Jan. 20 under Art. 9. Talks began in Jan. The rest waited.",
         ["It is No. 5 on the list, in force since Jan. 20 under Art. 9.", "Talks began in Jan.", "The rest waited."]),
        # Titles before a name never end a sentence.
        ("Gen. Shoigu came to Baku. Sen. Smith and Prof. Jones met in St. Petersburg.",
         ["Gen. Shoigu came to Baku.", "Sen. Smith and Prof. Jones met in St. Petersburg."]),
        # The word before the period starts after a dash.
        ('"We cannot accept it—Mr. Smith knows that." It ended.',
         ['"We cannot accept it—Mr. Smith knows that."', "It ended."]),
        ("He works at the State Dept. The talks ended.", ["He works at the State Dept.", "The talks ended."]),
    ],
)
def test_abbreviations_end_no_sentence_only_where_they_are_abbreviations(text, expected) -> None:
    assert [sentence for sentence, _ in _split(text)] == expected


def test_a_left_curly_quote_between_letters_is_an_apostrophe():
    # Review: "Azerbaijan‘s" opened a single quotation that ran to "leaders’" and swallowed two sentences.
    docs = pd.DataFrame({"doc_id": ["d"], "text": [
        "Azerbaijan\u2018s president met Putin in Sochi. Lavrov said Russia would stay. The leaders\u2019 summit ended."]})
    assert split_sentences(docs)["quote_id"].fillna("").tolist() == ["", "", ""]
