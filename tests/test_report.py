"""The papermill runner: parameter checks, failure messages, and a whole run on the seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import config, narrative
from analysis.io import read_table
from analysis.report import (
    ReportError,
    coerce_parameter,
    ensure_tables,
    notebook_parameters,
    notebook_series,
    rerun_command,
    resolve_run_config,
    run_report,
)


def test_every_notebook_has_one_parameters_cell_with_help_comments():
    for nb_path in notebook_series():
        nb = nbformat.read(str(nb_path), as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, nb_path.name
        for line in tagged[0].source.splitlines():
            if "=" in line and not line.startswith("#"):
                assert "# help:" in line, f"{nb_path.name}: {line}"
        declared = notebook_parameters(nb_path)
        assert {"corpus", "target", "codebook", "scorer", "out_dir"} <= set(declared)


def test_unknown_parameter_is_rejected_with_the_accepted_names(tmp_path):
    with pytest.raises(ReportError, match=r"unknown parameter\(s\) colour.*accept: .*target"):
        run_report({"colour": "red"}, out_dir=tmp_path, progress=False)
    assert not (tmp_path / "report.html").exists()


def test_a_missing_input_file_is_reported_before_any_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ReportError, match=rf"no such file or folder: coding_sheet={re.escape(str(tmp_path))}/nosuch.csv"):
        run_report({"coding_sheet": "nosuch.csv"}, out_dir=tmp_path / "out", progress=False)
    assert not (tmp_path / "out" / "executed").exists()


def test_the_rerun_command_repeats_the_run():
    from analysis.report import rerun_command

    cfg = resolve_run_config(corpus="/data/news.csv", target="Armenia", out_dir="/data/out")
    assert rerun_command(cfg) == "analysis report --corpus /data/news.csv --target Armenia --out /data/out"
    assert rerun_command(resolve_run_config(corpus="/data/my corpus")) == "analysis report --corpus '/data/my corpus'"
    dask = resolve_run_config(engine="dask", workers=4, scheduler="tcp://10.0.0.5:8786")
    assert rerun_command(dask) == "analysis report --engine dask --workers 4 --scheduler tcp://10.0.0.5:8786"


def test_a_notebook_run_directly_with_papermill_rejects_a_misspelt_parameter(tmp_path):
    import papermill

    notebook = next(p for p in notebook_series() if p.name.startswith("02_"))
    with pytest.raises(papermill.PapermillExecutionError, match=r"unknown parameter\(s\) taget; this notebook accepts: corpus"):
        papermill.execute_notebook(str(notebook), str(tmp_path / "out.ipynb"), parameters={"taget": "Armenia"},
                                   cwd=str(notebook.parent), progress_bar=False)
    assert not (tmp_path / "tables").exists()


def test_parameter_values_are_coerced_to_the_declared_type():
    assert coerce_parameter("workers", "3", {"workers": "int"}) == 3
    assert coerce_parameter("flag", "yes", {"flag": "bool"}) is True
    with pytest.raises(ReportError, match="workers.*int"):
        coerce_parameter("workers", "many", {"workers": "int"})


def test_a_failing_notebook_is_named_with_its_cell_and_kept(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('out_dir: str = ""  # help: output folder')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise ValueError('broken input')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "01_broken.ipynb")
    out = tmp_path / "out"
    with pytest.raises(ReportError) as err:
        run_report({}, out_dir=out, notebooks_dir=folder, progress=False)
    message = str(err.value)
    assert "01_broken.ipynb" in message and "ValueError: broken input" in message and "cell [" in message
    assert (out / "executed" / "01_broken.ipynb").exists()
    assert not (out / "report.html").exists()
    assert json.loads((out / "run.json").read_text())["status"] == "failed"


@pytest.mark.slow
def test_whole_series_on_the_seeds_writes_a_consistent_report(tmp_path):
    html_path = run_report({}, out_dir=tmp_path, progress=False)
    assert html_path == tmp_path / "report.html"
    html = html_path.read_text(encoding="utf-8")
    tables = tmp_path / "tables"
    for name in ("documents", "sentences", "quotes", "frames", "frame_counts", "voices", "article_summary", "validation", "skipped"):
        assert (tables / f"{name}.csv").exists(), name
    for name in ("articles", "timeline", "frames_heatmap", "sentiment_target_vs_other", "voices", "confusion_matrix"):
        assert (tmp_path / "figures" / f"{name}.png").stat().st_size > 1000, name
    documents = read_table(tables / "documents.csv")
    sentences = read_table(tables / "sentences.csv")
    frames = read_table(tables / "frames.csv")
    frame_counts = read_table(tables / "frame_counts.csv")
    quotes = read_table(tables / "quotes.csv")
    # The tables agree with each other.
    assert set(sentences["doc_id"]) <= set(documents["doc_id"])
    assert set(frames["sentence_id"]) <= set(sentences.loc[sentences["mentions_target"].astype(bool), "sentence_id"])
    assert frame_counts["n_sentences"].sum() == len(frames)
    assert set(quotes["doc_id"]) <= set(documents["doc_id"])
    assert (documents.set_index("doc_id")["n_sentences"] == sentences.groupby("doc_id").size()).all()
    summary = read_table(tables / "article_summary.csv")
    assert sorted(summary["doc_id"]) == sorted(documents["doc_id"])
    assert summary["n_target"].sum() == int(sentences["mentions_target"].astype(bool).sum())
    # The prose carries the computed figures, and no code is shown.
    n_target = int(sentences["mentions_target"].astype(bool).sum())
    assert f"{n_target} sentences of {len(sentences)}" in html
    assert f"{len(documents)} articles" in html
    assert "import pandas" not in html and "read_table(" not in html
    for title in documents["title"]:
        assert title.replace("'", "&#39;")[:30] in html or title[:30] in html
    # The sentence tone comes from the run's scorer and the report quotes that scorer's NYT figure.
    assert sentences["tone"].between(-1, 1).all()
    assert set(sentences["tone_scorer"]) == set(sentences["stance_scorer"].dropna())
    validation = read_table(tables / "validation.csv")
    nyt = validation[(validation["scorer"] == sentences["tone_scorer"].iloc[0]) & (validation["metric"] == "pearson_r")]
    assert "sentence tone shown in this report" in html and f"{nyt['value'].iloc[0]:.3f}" in html
    status = json.loads((tmp_path / "run.json").read_text())
    assert status["status"] == "finished" and len(status["notebooks"]) == len(notebook_series())
    # Without a coded sheet the frames are said to be unchecked, with the way to check them.
    assert "have not been checked against human coding" in html and not (tables / "frame_validation.csv").exists()
    # `analysis render` of the executed last notebook gives the same page (for runs made with papermill directly).
    from analysis.cli import main

    assert main(["render", str(tmp_path / "executed" / notebook_series()[-1].name), str(tmp_path / "again.html")]) == 0
    assert (tmp_path / "again.html").read_bytes() == html_path.read_bytes()


def test_a_coded_sheet_puts_frame_and_stance_agreement_in_the_report(tmp_path, monkeypatch):
    from analysis.cli import main

    # The user's loop: a run, a sheet drawn from it, codes written by hand, the report rerun with the sheet.
    ensure_tables(resolve_run_config(out_dir=str(tmp_path)))
    monkeypatch.chdir(tmp_path)  # a relative sheet path is read from where the user runs
    assert main(["coding-sheet", str(tmp_path), "--n", "12", "--seed", "1", "--out", "sheet.csv"]) == 0
    sheet = pd.read_csv("sheet.csv", keep_default_na=False, encoding="utf-8-sig")
    frames = read_table(tmp_path / "tables" / "frames.csv").groupby("sentence_id")["frame"].agg(lambda f: "|".join(sorted(f)))
    stance = read_table(tmp_path / "tables" / "sentences.csv").set_index("sentence_id")["stance"]
    flip = {"critical": "neutral", "neutral": "favourable", "favourable": "critical"}
    # the coder agrees with the machine on most rows and differs on every third; a second coder codes six rows
    sheet["human_frames"] = [frames.get(i, "none") if k % 3 else "mediator" for k, i in enumerate(sheet["sentence_id"])]
    sheet["human_stance"] = [stance[i] if k % 3 else flip[stance[i]] for k, i in enumerate(sheet["sentence_id"])]
    sheet["human_frames_2"] = [h if k < 6 else "" for k, h in enumerate(sheet["human_frames"])]
    sheet.to_csv("sheet.csv", index=False)
    html = run_report({"coding_sheet": "sheet.csv", "n_bootstrap": 50}, out_dir=tmp_path,
                      progress=False).read_text(encoding="utf-8")
    table = read_table(tmp_path / "tables" / "frame_validation.csv")
    pooled = table[table["frame"] == "all frames (pooled)"].iloc[0]
    n = int(pooled["n_sentences"])
    assert n >= 10 and f"checked against {n} sentences about Russia that a person coded by hand" in html
    assert f"The F1 pooled over frames is {pooled['f1']:.2f}" in html and "A second coder coded 6" in html
    result = read_table(tmp_path / "tables" / "stance_validation.csv").set_index("label").loc["all"]
    assert f"{int(result['n_sentences'])} sentences about Russia that a person coded for their stance" in html
    assert re.search(rf"<code>{result['scorer']}</code> labels reach macro-F1 {result['macro_f1']:.2f}", html)
    assert 0.5 < result["accuracy"] < 0.8  # two thirds agree by construction
    assert "the corpus the codebook was written on" in html  # the seeds are the codebook's examples


@pytest.mark.slow
def test_a_sheet_from_another_corpus_stops_the_report(tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).parent / "data")  # hand-made sentences, not the seeds'
    with pytest.raises(ReportError, match=r"05_validation.*coded rows have a sentence_id this run does not have"):
        run_report({"coding_sheet": "coded_sheet_sample.csv", "n_bootstrap": 20}, out_dir=tmp_path, progress=False)
    assert not (tmp_path / "report.html").exists() and not (tmp_path / "tables" / "frame_validation.csv").exists()


def test_another_target_gives_a_coherent_report_about_it(tmp_path):
    cfg = resolve_run_config(target="Armenia", out_dir=str(tmp_path))
    ensure_tables(cfg)
    sentences = read_table(cfg.tables_dir / "sentences.csv")
    frames = read_table(cfg.tables_dir / "frames.csv")
    about = sentences[sentences["mentions_target"].astype(bool)]
    assert len(about) and about["text"].str.contains(r"Armenia|Yerevan|Sargsyan", regex=True).all()
    text = narrative.describe_framing(sentences, frames, "Armenia", {}, "lexicon")
    assert "mention Armenia" in text and "Russia" not in text
    assert re.search(r"mean stance is [-+]\d\.\d\d on a -1 to \+1 scale \(95% CI [-+]\d\.\d\d to [-+]\d\.\d\d, with the article", text)
    assert re.search(rf"\b{len(about)} sentences of {len(sentences)}\b", text)


def test_tables_are_rebuilt_when_a_corpus_file_changes_under_the_same_path(tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(config.SEEDS_DIR, corpus)
    cfg = resolve_run_config(corpus=str(corpus), out_dir=str(tmp_path / "out"))
    ensure_tables(cfg)
    before = read_table(cfg.tables_dir / "sentences.csv")
    stamp = (cfg.tables_dir / "run.json").read_text()
    ensure_tables(cfg)  # unchanged inputs: the stamp is reused
    assert (cfg.tables_dir / "run.json").read_text() == stamp
    text_file = sorted(corpus.glob("*.txt"))[0]
    text_file.write_text(text_file.read_text(encoding="utf-8") + "\n\nRussia is a reliable partner of Azerbaijan.\n", encoding="utf-8")
    ensure_tables(cfg)
    after = read_table(cfg.tables_dir / "sentences.csv")
    assert len(after) > len(before)
    assert after["text"].str.contains("Russia is a reliable partner of Azerbaijan.", regex=False).any()


def test_report_help_lists_every_notebook_parameter(capsys):
    from analysis.cli import main

    with pytest.raises(SystemExit) as done:
        main(["report", "--help"])
    assert done.value.code == 0
    printed = capsys.readouterr().out
    declared = set().union(*(notebook_parameters(nb) for nb in notebook_series()))
    assert all(f"  {name} (" in printed for name in declared) and "coding_sheet (str): hand-coded sheet" in printed


def test_a_users_speaker_registry_identifies_their_speakers_and_rebuilds_the_tables(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Yerevan weighs its options\n\n2023-05-02\n\n"
        "\"Russia has not kept its promises to Armenia,\" Anna Hakobyan said on Tuesday.\n\n"
        "The talks in Moscow ended without an agreement.\n", encoding="utf-8")
    registry = tmp_path / "speakers.yaml"
    registry.write_text(
        "speakers:\n  - name: Anna Hakobyan\n    type: person\n    country: Armenia\n"
        "    role: Armenian analyst\n    variants: [Hakobyan]\n", encoding="utf-8")
    out = tmp_path / "out"
    packaged = resolve_run_config(corpus=str(corpus), out_dir=str(out))
    ensure_tables(packaged)
    assert read_table(out / "tables" / "quotes.csv")["speaker"].tolist() == ["unknown"]
    own = resolve_run_config(corpus=str(corpus), out_dir=str(out), speakers=str(registry))
    ensure_tables(own)  # another registry: the tables are rebuilt, not reused
    quotes = read_table(out / "tables" / "quotes.csv")
    assert quotes[["speaker", "speaker_country"]].values.tolist() == [["Anna Hakobyan", "Armenia"]]
    assert json.loads((out / "tables" / "run.json").read_text())["parameters"]["speakers"] == registry.as_posix()
    registry.write_text(registry.read_text(encoding="utf-8").replace("Armenia", "Georgia"), encoding="utf-8")
    ensure_tables(own)  # same parameter, edited file: rebuilt from its fingerprint
    assert read_table(out / "tables" / "quotes.csv")["speaker_country"].tolist() == ["Georgia"]
    from analysis.report import rerun_command

    assert f"--speakers {registry.as_posix()}" in rerun_command(own)


def test_notebook_kernels_encrypt_their_traffic_when_they_can():
    import zmq

    from analysis.report import _kernel_manager_class

    manager = _kernel_manager_class()()
    # ipykernel warns on every notebook about unencrypted TCP otherwise (noise in `make report`)
    assert getattr(manager, "transport_encryption", "disabled") == ("auto" if zmq.has("curve") else "disabled")


def test_the_rerun_command_repeats_the_validation_settings_of_notebook_05():
    from analysis.validation import DEFAULT_N_BOOTSTRAP, benchmark_files

    # The notebook's literal default must be the one rerun_command leaves out.
    assert notebook_parameters(config.NOTEBOOKS_DIR / "05_validation.ipynb")["n_bootstrap"] == "int"
    cell = next(c for c in json.loads((config.NOTEBOOKS_DIR / "05_validation.ipynb").read_text())["cells"]
                if "parameters" in c["metadata"].get("tags", []))
    assert f"n_bootstrap: int = {DEFAULT_N_BOOTSTRAP} " in "".join(cell["source"])
    default_files = [str(path) for _, path in benchmark_files().values()]
    packaged = pd.DataFrame({"file": default_files, "n_bootstrap": DEFAULT_N_BOOTSTRAP})
    assert rerun_command(resolve_run_config(), packaged) == "analysis report"
    own = pd.DataFrame({"file": ["/data/my bench/newsmtsc/dev_rw.jsonl"], "n_bootstrap": [200]})
    assert rerun_command(resolve_run_config(target="Armenia"), own) == (
        "analysis report --target Armenia -p 'benchmarks_dir=/data/my bench' -p n_bootstrap=200")


def test_a_users_lexicon_makes_a_new_actor_a_target(tmp_path):
    # User report: `--target Belarus` failed inside a kernel, and the fix it named (load_lexicon(extra=...))
    # was out of reach from the command line.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Minsk and Moscow\n\n2023-05-02\n\nBelarus hosts Russian troops near the border.\n\n"
                                  "Lukashenko praised the alliance with Russia.\n", encoding="utf-8")
    lexicon = tmp_path / "actors.yaml"
    lexicon.write_text(config.ACTOR_LEXICON_PATH.read_text(encoding="utf-8").replace(
        "\nactors:\n", "\nactors:\n  - name: Belarus\n    kind: country\n    terms: [Belarus, Belarusian, Minsk, Lukashenko]\n", 1),
        encoding="utf-8")
    with pytest.raises(ReportError, match=r"Unknown target 'belarus'.*--lexicon FILE"):
        run_report({"corpus": str(corpus), "target": "belarus"}, out_dir=tmp_path / "x", progress=False)
    assert not (tmp_path / "x").exists()  # refused before any notebook ran
    cfg = resolve_run_config(corpus=str(corpus), target="belarus", lexicon=str(lexicon), out_dir=str(tmp_path / "out"))
    assert cfg.target == "Belarus"
    ensure_tables(cfg)
    sentences = read_table(cfg.tables_dir / "sentences.csv")
    assert sentences["mentions_target"].astype(bool).tolist() == [True, True]
    assert f"--lexicon {lexicon.as_posix()}" in rerun_command(cfg)


def test_the_html_report_is_byte_identical_titled_and_describes_its_figures(tmp_path):
    # User report: report.html differed on every run (papermill's random cell id), was titled
    # "Notebook", showed "¶" anchors and gave every figure nbconvert's "No description" alt text.
    import base64
    import uuid

    from analysis.report import render_html

    png = base64.b64encode(b"\x89PNG not really").decode()

    def executed() -> Path:
        nb = nbformat.v4.new_notebook()
        injected = nbformat.v4.new_code_cell("target = 'Russia'")
        injected.id = uuid.uuid4().hex[:8]
        shown = nbformat.v4.new_code_cell("show")
        shown.outputs = [
            nbformat.v4.new_output("display_data", data={"text/markdown": "# How Russia's role is framed\n\n## The corpus"}),
            # an image of another type first: the texts are matched by content, not position
            nbformat.v4.new_output("display_data", data={"image/jpeg": base64.b64encode(b"jpeg").decode()}),
            nbformat.v4.new_output("display_data", data={"image/png": png},
                                   metadata={"image/png": {"alt": "Figure. Stance per year."}}),
        ]
        nb.cells = [injected, shown]
        path = tmp_path / f"{uuid.uuid4().hex}.ipynb"
        nbformat.write(nb, str(path))
        return path

    first = render_html(executed(), tmp_path / "a.html").read_bytes()
    second = render_html(executed(), tmp_path / "b.html").read_bytes()
    assert first == second
    html = first.decode("utf-8")
    assert "<title>How Russia's role is framed</title>" in html
    assert html.count('alt="Figure. Stance per year."') == 1 and "No description has been provided" in html  # the JPEG
    assert "¶" not in html


def test_render_explains_what_is_wrong_with_the_notebook(tmp_path, capsys):
    from analysis.cli import main

    def written(cells: list) -> Path:
        nb = nbformat.v4.new_notebook()
        nb.cells = cells
        path = tmp_path / f"nb{len(list(tmp_path.iterdir()))}.ipynb"
        nbformat.write(nb, str(path))
        return path

    def message(*argv: str) -> str:
        assert main(["render", *argv]) == 2
        return capsys.readouterr().err

    assert "no such notebook" in message(str(tmp_path / "missing.ipynb"), str(tmp_path / "r.html"))
    (tmp_path / "text.ipynb").write_text("not json")
    assert "not a Jupyter notebook" in message(str(tmp_path / "text.ipynb"), str(tmp_path / "r.html"))
    assert "has not been executed" in message(str(written([nbformat.v4.new_code_cell("x = 1")])), str(tmp_path / "r.html"))
    failed = nbformat.v4.new_code_cell("1/0", execution_count=1)
    failed.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])]
    assert "stopped with ZeroDivisionError" in message(str(written([failed])), str(tmp_path / "r.html"))
    done = nbformat.v4.new_code_cell("show", execution_count=1)
    done.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "# A report"})]
    assert "does not exist" in message(str(written([done])), str(tmp_path / "no" / "r.html"))
    half = nbformat.v4.new_code_cell("later")  # saved mid-run: the second cell never ran
    assert "code cell 2 was not executed" in message(str(written([done, half])), str(tmp_path / "r.html"))
    same = written([done])
    assert "would overwrite a notebook" in message(str(same), str(same))
    assert nbformat.read(str(same), as_version=4).cells[0].source == "show"
    assert not list(tmp_path.glob("**/*.html"))
    assert main(["render", str(written([done])), str(tmp_path / "r.html")]) == 0
    assert "<title>A report</title>" in (tmp_path / "r.html").read_text()



def test_changing_a_loader_option_rebuilds_the_tables(tmp_path, us_corpus):
    # date_order and keep_non_english change the documents table: tables of the other reading
    # must not be reused, as with another corpus.
    corpus = us_corpus
    out = tmp_path / "out"
    day_first = resolve_run_config(corpus=str(corpus), out_dir=str(out))
    assert (day_first.date_order, day_first.keep_non_english) == ("day-first", False)
    ensure_tables(day_first)
    documents = read_table(out / "tables" / "documents.csv")
    assert documents[["doc_id", "published"]].values.tolist() == [["us", "2021-05-04"]]
    month_first = resolve_run_config(corpus=str(corpus), out_dir=str(out), date_order="month-first")
    ensure_tables(month_first)
    assert read_table(out / "tables" / "documents.csv")["published"].tolist() == ["2021-04-05"]
    recorded = json.loads((out / "tables" / "run.json").read_text())["parameters"]
    assert (recorded["date_order"], recorded["keep_non_english"]) == ("month-first", False)
    kept = resolve_run_config(corpus=str(corpus), out_dir=str(out), date_order="month-first", keep_non_english=True)
    ensure_tables(kept)
    assert read_table(out / "tables" / "documents.csv")["doc_id"].tolist() == ["us", "ru"]
    assert read_table(out / "tables" / "skipped.csv").empty
    stamp = (out / "tables" / "run.json").read_text()
    ensure_tables(kept)  # unchanged: reused
    assert (out / "tables" / "run.json").read_text() == stamp


def test_the_rerun_command_repeats_the_loader_options():
    assert rerun_command(resolve_run_config(date_order="day-first", keep_non_english=False)) == "analysis report"
    cfg = resolve_run_config(corpus="/data/us.jsonl", date_order="month-first", keep_non_english=True)
    assert rerun_command(cfg) == (
        "analysis report --corpus /data/us.jsonl -p date_order=month-first -p keep_non_english=true")


@pytest.mark.parametrize("value, message", [
    ("US", r"date_order must be 'day-first' or 'month-first', not 'US'\."),
    ("month_first", r"date_order must be 'day-first' or 'month-first', not 'month_first'\."),
])
def test_an_unknown_date_order_fails_early_naming_the_allowed_values(tmp_path, value, message):
    with pytest.raises(ValueError, match=message):
        resolve_run_config(date_order=value)
    with pytest.raises(ReportError, match=message):
        run_report({"date_order": value}, out_dir=tmp_path, progress=False)
    assert not (tmp_path / "executed").exists()  # before any notebook ran


def test_every_entry_point_refuses_an_unknown_date_order_with_one_message(tmp_path, us_corpus):
    # One check (corpus.checked_date_order) for the loader, the pipeline and the report's parameters:
    # the user reads the same allowed values and the same fix wherever the option was given.
    from analysis import pipeline
    from analysis.corpus import load_corpus

    messages = []
    for refuse in (lambda: load_corpus(us_corpus, date_order="US"),
                   lambda: pipeline.run_pipeline(us_corpus, tmp_path / "out", progress=False, date_order="US"),
                   lambda: resolve_run_config(date_order="US"),
                   lambda: run_report({"date_order": "US"}, out_dir=tmp_path, progress=False)):
        with pytest.raises((ValueError, ReportError)) as err:
            refuse()
        messages.append(str(err.value))
    assert len(set(messages)) == 1, messages
    for allowed in config.DATE_ORDERS:  # the allowed values, what they mean, how to pass one
        assert repr(allowed) in messages[0]
    assert "4 May" in messages[0] and "5 April" in messages[0]
    assert "-p date_order=month-first" in messages[0]


def test_an_empty_date_order_means_the_default_like_every_other_parameter():
    assert resolve_run_config(date_order="").date_order == "day-first"


def test_keep_non_english_reads_the_true_and_false_papermill_passes_as_text():
    # `papermill -p keep_non_english false` injects the string "false", which is truthy.
    assert resolve_run_config(keep_non_english="false").keep_non_english is False
    assert resolve_run_config(keep_non_english="True").keep_non_english is True
    with pytest.raises(ValueError, match=r"keep_non_english must be true or false, not 'maybe'"):
        resolve_run_config(keep_non_english="maybe")


def _parameters_source(nb_path: Path) -> str:
    nb = nbformat.read(str(nb_path), as_version=4)
    return next(c.source for c in nb.cells if "parameters" in c.metadata.get("tags", []))


def test_every_notebook_declares_and_passes_on_the_loader_options():
    # Every notebook builds the tables if they are missing (ensure_tables): one without the options
    # would rebuild them with the defaults.
    for nb_path in notebook_series():
        declared = notebook_parameters(nb_path)
        assert (declared.get("date_order"), declared.get("keep_non_english")) == ("str", "bool"), nb_path.name
        nb = nbformat.read(str(nb_path), as_version=4)
        setup = next(c.source for c in nb.cells if "resolve_run_config(" in c.source and "import" in c.source)
        call = setup[setup.index("resolve_run_config(corpus"):]
        call = call[:call.index(")")]
        assert "date_order=date_order" in call and "keep_non_english=keep_non_english" in call, nb_path.name


def test_every_notebook_defaults_to_the_configured_date_order():
    # Papermill parameter cells hold literals, so the notebooks cannot read config: they are checked here.
    import ast

    for nb_path in notebook_series():
        defaults = {node.target.id: node.value.value for node in ast.parse(_parameters_source(nb_path)).body
                    if isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Constant)}
        assert defaults["date_order"] == config.DEFAULT_DATE_ORDER, nb_path.name


def test_papermill_style_injection_accepts_the_loader_options_and_rejects_unknown_ones():
    from analysis.report import check_injected_parameters

    for nb_path in notebook_series():
        declared = _parameters_source(nb_path)
        injected = '# Parameters\ndate_order = "month-first"\nkeep_non_english = True\n'
        check_injected_parameters(["", declared, injected])
        with pytest.raises(ReportError, match=r"unknown parameter\(s\) date_ordre; this notebook accepts: .*date_order"):
            check_injected_parameters(["", declared, '# Parameters\ndate_ordre = "month-first"\n'])


def test_report_help_explains_the_loader_options():
    from analysis.report import parameter_help

    rows = {name: (kind, text) for name, kind, text in parameter_help()}
    assert rows["date_order"][0] == "str" and "day-first" in rows["date_order"][1] and "month-first" in rows["date_order"][1]
    assert rows["keep_non_english"][0] == "bool" and "English" in rows["keep_non_english"][1]


def test_the_command_line_passes_the_loader_options_on(tmp_path, capsys):
    from analysis.cli import main

    assert main(["report", "--out", str(tmp_path), "--no-progress", "-p", "date_order=dd/mm"]) == 2
    assert "date_order must be 'day-first' or 'month-first', not 'dd/mm'" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path), "--no-progress", "-p", "keep_non_english=perhaps"]) == 2
    assert "keep_non_english" in capsys.readouterr().err
