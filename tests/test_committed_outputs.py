"""Committed results carry no trace of the machine that made them and name a clean commit.

Fails on an absolute local path, a stderr stream (warnings, progress bars) in an executed notebook, or a
`+dirty` commit stamp anywhere under paper/. Regenerate with `./run_all.sh --profile cpu` from a clean tree.
"""

import json
import re

import pytest

from tenacious import paths

PAPER = paths.REPO_ROOT / "paper"
TEXT_SUFFIXES = (".md", ".json", ".ipynb", ".html", ".yaml", ".txt")
# The repository's own location, or a typical home / temporary / environment folder.
LOCAL_PATH = re.compile("|".join([re.escape(str(paths.REPO_ROOT)), r"/home/[A-Za-z0-9_.-]+/",
                                  r"/Users/[A-Za-z0-9_.-]+/", r"/tmp/", r"/root/", r"site-packages",
                                  r"[A-Z]:\\\\Users"]))
FILES = sorted(p for p in PAPER.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES) if PAPER.is_dir() else []


def _where(text: str, match: re.Match) -> str:
    line = text.count("\n", 0, match.start()) + 1
    return f"line {line}: …{text[max(0, match.start() - 40):match.end() + 40]!r}…"


def test_there_are_committed_outputs_to_check():
    assert FILES, "paper/ holds no committed outputs"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(PAPER).as_posix())
def test_no_local_path_and_no_dirty_commit(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    local = LOCAL_PATH.search(text)
    assert local is None, f"{path.relative_to(paths.REPO_ROOT)}: absolute local path, {_where(text, local)}"
    dirty = re.search(r"[0-9a-f]{7,40}\+dirty", text)
    assert dirty is None, f"{path.relative_to(paths.REPO_ROOT)}: produced from a dirty tree, {_where(text, dirty)}"


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".ipynb"], ids=lambda p: p.name)
def test_executed_notebooks_hold_no_stderr(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    noisy = [i for i, c in enumerate(nb["cells"]) for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not noisy, f"{path.relative_to(paths.REPO_ROOT)}: stderr output (warnings, progress bars) in cells {noisy}"
