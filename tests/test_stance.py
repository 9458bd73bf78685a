"""Rule-based target stance: the required examples, clause scoping, aggregation."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import config
from analysis.actors import find_mentions
from analysis.scorers.base import Scorer, StanceResult
from analysis.stance import LexiconStanceScorer, score_stance, stance_counts

SCORER = LexiconStanceScorer()


def _stance(sentence: str, surface: str) -> StanceResult:
    start = sentence.index(surface)
    return SCORER.analyze(sentence, start, start + len(surface))


@pytest.mark.parametrize(
    ("sentence", "surface", "labels"),
    [
        # "fight" carries no sentiment here; "supports" drives it.
        ("Russia supports the anti-ISIL fight of Shiites.", "Russia", {"favourable"}),
        ("Russia is accused of involvement in the murderous assault on Sergei Skripal "
         "without evidence.", "Russia", {"critical"}),
        ("However, former ambassador Arif Mammadov believes that Moscow is not interested in "
         "the signing of a peace agreement between Baku and Yerevan.", "Moscow", {"critical"}),
        ("Russia is a significant factor and reality.", "Russia", {"favourable", "neutral"}),
        ("We wanted Azerbaijan to sign a peace agreement in a short time because we anticipated "
         "that Russia would reveal its imperial ambitions.", "Russia", {"critical"}),
        ("Political scientist Fikret Sadikhov said that the format of strategic partnership "
         "between Russia and Azerbaijan exists and is constantly developing:", "Russia",
         {"favourable"}),
        ("On August 5, U.S. State Department spokesperson Matthew Miller stated that they do not "
         "expect Russia to play a productive role in reducing tensions.", "Russia", {"critical"}),
    ],
)
def test_required_examples(sentence, surface, labels):
    assert _stance(sentence, surface).label in labels


def test_cues_are_evidence_with_negation_marker():
    assert _stance("Russia supports the anti-ISIL fight of Shiites.", "Russia").cues == (
        "supports +0.50",)
    cues = _stance("Russia does not support the deal.", "Russia").cues
    assert cues == ("NOT support -0.50",)


def test_other_clause_and_other_actor_do_not_drive_russia():
    sentence = "Russia supports peace, but the West does not want ISIL to be defeated."
    result = _stance(sentence, "Russia")
    assert result.label == "favourable" and result.cues == ("supports +0.50",)
    # A cue nearer another actor is that actor's: Azerbaijan is the "aggressive state".
    sentence = ("We also spoke about the false information spread in the Russian media that "
                "Azerbaijan is allegedly an aggressive state that claims the neighbor’s land.")
    assert not any("aggressive" in c for c in _stance(sentence, "Russian").cues)
    # Quoted words belong to the quote, not to the speaker after it.
    sentence = "This includes the West's very active attempts to interfere in this process,” Shoigu added."
    assert _stance(sentence, "Shoigu").label == "neutral"


def test_score_stance_without_target_and_with_several_mentions():
    s = pd.DataFrame({
        "doc_id": ["d"] * 3, "sentence_id": ["d:0000", "d:0001", "d:0002"],
        "text": ["Or the West does not want ISIL to be defeated.",
                 "Russia supports the talks, but Moscow obstructs the treaty.",
                 "Russia favors Azerbaijan in the region"],
    })
    out = score_stance(s, find_mentions(s), "Russia", scorer="lexicon")
    assert out.mentions_target.tolist() == [False, True, True]
    assert math.isnan(out.stance_score[0]) and out.stance[0] == "" and out.stance_cues[0] == ""
    # Two mentions: the mean of +0.50 (supports) and -0.70 (obstructs).
    assert out.stance_score[1] == pytest.approx(-0.1)
    assert out.target_surfaces[1] == "Russia|Moscow"
    assert out.stance_cues[1] == "supports +0.50; obstructs -0.70"
    assert out.stance[2] == "favourable" and (out.stance_scorer == "lexicon").all()


class _CountingScorer(Scorer):
    name = "counting"

    def __init__(self):
        self.batches = 0

    def analyze_many(self, items):
        self.batches += 1
        return [StanceResult(-0.5, "critical", ("x",)) for _ in items]


def test_scorer_instance_is_called_once_per_batch():
    s = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": ["d:0000", "d:0001"],
                      "text": ["Russia and Moscow.", "The Kremlin."]})
    scorer = _CountingScorer()
    out = score_stance(s, find_mentions(s), "Kremlin", scorer=scorer)
    assert scorer.batches == 1
    assert out.stance.tolist() == ["critical", "critical"] and out.stance_scorer[0] == "counting"


class _WordCueScorer(Scorer):
    """Cues as the linear scorer gives them: the same feature names other words per mention."""

    name = "word-cues"

    def analyze_many(self, items):
        return [StanceResult(-0.5, "critical", (f'VADER negative words near the target: "{s[a:b]}"', '"x"'))
                for s, a, b in items]


def test_a_feature_named_by_several_mentions_is_one_cue():
    s = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"], "text": ["Russia and Moscow."]})
    out = score_stance(s, find_mentions(s), "Russia", scorer=_WordCueScorer())
    # One cue per feature, with the words of the sentence's first mention, as before words were named.
    assert out.stance_cues[0] == 'VADER negative words near the target: "Russia"; "x"'


def test_unknown_target_is_a_clear_error():
    s = pd.DataFrame({"doc_id": ["d"], "sentence_id": ["d:0000"], "text": ["Russia."]})
    with pytest.raises(ValueError, match="Available actors"):
        score_stance(s, find_mentions(s), "Narnia")


def test_seed_stance_counts_by_document_and_corpus():
    from analysis.corpus import load_corpus
    from analysis.text import split_sentences

    sentences = split_sentences(load_corpus(config.SEEDS_DIR))
    out = score_stance(sentences, find_mentions(sentences), scorer="lexicon")
    assert out.equals(score_stance(sentences, find_mentions(sentences), scorer="lexicon"))
    by_text = out.set_index("text")
    assert by_text.loc["Clearly, Russia will not quietly allow the West into the region.",
                       "mentions_target"]
    assert by_text.loc["Armenia's economy is heavily dependent on Russia.", "stance"] == "neutral"
    per_doc = stance_counts(out)
    corpus = stance_counts(out, by=None)
    assert len(per_doc) == 5 and len(corpus) == 1
    assert corpus.n_sentences.item() == len(sentences)
    assert corpus.n_target.item() == per_doc.n_target.sum() == out.mentions_target.sum()
    assert (per_doc.n_favourable + per_doc.n_neutral + per_doc.n_critical == per_doc.n_target).all()
    # The Shoigu/Mammadov article (004) is the most critical of Russia in the seeds.
    worst = per_doc.sort_values("share_critical", ascending=False).doc_id.iloc[0]
    assert worst.startswith("004")


def _scored_paragraphs(*paragraphs: list[str]) -> pd.DataFrame:
    rows = [(p, t) for p, texts in enumerate(paragraphs) for t in texts]
    s = pd.DataFrame({"doc_id": "d", "paragraph_id": [p for p, _ in rows],
                      "sentence_id": [f"d:{i:04d}" for i in range(len(rows))], "text": [t for _, t in rows]})
    return score_stance(s, find_mentions(s), "Russia", scorer=_CountingScorer())


def test_a_question_opening_a_paragraph_asks_and_is_not_scored():
    from analysis.stance import QUESTION_CUE

    out = _scored_paragraphs(
        ["Does he see Russia as an enemy?", "Russia, he says, is a weather system."],  # interview in prose
        ["What does Moscow say?"],  # an explainer's heading
        ["Q: Is Russia still Armenia's security guarantor?"],  # an interviewer's question
        ["Q: Baku signed a declaration with Moscow.", "Is Russia now Azerbaijan's ally?"],  # also the interviewer's
    )
    asked = out.sentence_id.isin(["d:0000", "d:0002", "d:0003", "d:0005"])
    assert out.mentions_target.all()  # still mentions: counted among the target sentences
    assert (out.loc[asked, "stance"] == "neutral").all() and (out.loc[asked, "stance_score"] == 0.0).all()
    assert (out.loc[asked, "stance_cues"] == QUESTION_CUE).all()
    assert out.loc[~asked, "stance"].tolist() == ["critical"] * 2  # the answer and the statement are scored


def test_rhetorical_quoted_or_closing_questions_are_scored():
    out = _scored_paragraphs(
        ["Russia broke its promise.", "Who would trust Moscow now?"],  # closes a paragraph: rhetorical
        ["Isn't Russia the aggressor here?"],  # a negative question asserts
        ["\"Where were the Russian peacekeepers?\" she asked."],  # a speaker's question
        ["Why, then, does the law read like a Russian statute?"],
    )
    assert out.stance.tolist() == ["critical"] * 5


def test_without_paragraphs_every_question_sentence_is_taken_as_asking():
    s = pd.DataFrame({"doc_id": "d", "sentence_id": ["d:0000", "d:0001"],
                      "text": ["What would it mean for Russia?", "Russia said no."]})
    out = score_stance(s, find_mentions(s), "Russia", scorer=_CountingScorer())
    assert out.stance.tolist() == ["neutral", "critical"]
