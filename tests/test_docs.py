"""Documentation keeps up with the code: every command and option is documented, the README's
two commands are at the top, and CI runs exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from diplograph.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def documentation() -> str:
    parts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("**/*.md"))]
    return "\n".join(parts)


def commands() -> list[str]:
    return sorted(cli.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_is_documented(name):
    assert f"diplograph {name}" in documentation(), f"document `diplograph {name}` in README.md or docs/"


@pytest.mark.parametrize("name", commands())
def test_every_option_is_documented(name):
    docs = documentation()
    command = cli.commands[name]
    for param in command.params:
        if isinstance(param, click.Option) and "--help" not in param.opts:
            longest = max(param.opts, key=len)
            assert re.search(re.escape(longest) + r"\b", docs), \
                f"document option {longest} of `diplograph {name}` in README.md or docs/"


def _fenced_commands(text: str) -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", text, flags=re.DOTALL)


def test_readme_starts_with_the_set_up_and_test_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_two = _fenced_commands(readme)[:2]
    assert "diplograph build examples" in first_two[0]
    assert "pytest" in first_two[1]
    assert readme.index(first_two[1]) < readme.index("## ")  # before any section


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = _fenced_commands(readme)[1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_examples_exist_for_the_readme_command():
    kinds = {p.suffix for p in (ROOT / "examples").iterdir()}
    assert {".txt", ".html", ".jsonl"} <= kinds
