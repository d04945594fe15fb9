"""A run that survives a disconnect: state in a persist folder (a temporary folder standing in for Google Drive)
outlives the clone, the runner resumes from it, the archive carries the adapters, the Hub push sends adapter + card."""

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest

from tenacious import paths, persist
from tenacious.pipeline import PipelineError, main, run_pipeline
from tenacious.stages import StageRun

SCRIPT = paths.REPO_ROOT / "scripts" / "colab_outputs.py"
NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
CARD = {track: paths.cards_dir("cpu") / track / "README.md" for track in ("critic", "judge")}  # real cards


def _fake_run(root):
    """What a finished paper run leaves behind: outputs, a receipt, a checkpoint and two adapters."""
    files = ["paper/paper/numbers.json", "figures/paper/a.png", "runs/paper/receipts/01_data.json",
             "runs/paper/critic/seed11/checkpoints/checkpoint-20/x.bin",
             "runs/paper/critic/seed11/adapter/adapter_config.json",
             "runs/paper/critic/seed11/adapter/adapter_model.safetensors", "runs/paper/critic/seed11/history.json",
             "runs/paper/judge/seed3407/adapter/adapter_config.json",
             "runs/paper/judge/seed3407/adapter/adapter_model.safetensors"]
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)
    for track, card in CARD.items():
        target = paths.cards_dir("paper", root) / track / "README.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(card.read_text(encoding="utf-8"), encoding="utf-8")


# --- persist ---------------------------------------------------------------------------------------------


def test_state_in_the_persist_folder_survives_a_fresh_clone(tmp_path):
    first, drive = tmp_path / "clone1", tmp_path / "drive"
    _fake_run(first)
    links = persist.link_state(first, drive, "paper")
    assert sorted(str(p.relative_to(first)) for p in links) == [".cache", "figures/paper", "paper/paper", "runs"]
    assert (drive / "runs/paper/receipts/01_data.json").is_file() and (first / "runs").is_symlink()
    (first / "runs/paper/critic/seed11/checkpoints/checkpoint-30").mkdir()  # written after linking: on the drive
    assert (drive / "runs/paper/critic/seed11/checkpoints/checkpoint-30").is_dir()
    # After a disconnect: a new clone holds the committed copy of an output and one file of its own.
    second = tmp_path / "clone2"
    (second / "paper/paper").mkdir(parents=True)
    (second / "paper/paper/numbers.json").write_text("committed copy")
    (second / "paper/paper/only_here.md").write_text("new")
    persist.link_state(second, drive, "paper")
    assert (second / "runs/paper/critic/seed11/checkpoints/checkpoint-20/x.bin").read_text().endswith("x.bin")
    assert (second / "paper/paper/numbers.json").read_text() == "paper/paper/numbers.json"  # the persisted copy wins
    assert (drive / "paper/paper/only_here.md").read_text() == "new"  # nothing local is lost
    persist.link_state(second, drive, "paper")  # linking again changes nothing
    assert (second / "paper/paper/only_here.md").is_file()


def _plan():
    """A run that finishes, then a training run that a disconnect interrupts once."""
    return [StageRun(stage, "resume.ipynb", {"profile": "fixture", "name": stage, "interrupt": stage == "train"},
                     inputs=("in.txt",), outputs=(f"runs/fixture/{stage}/adapter.txt",)) for stage in ("data", "train")]


def _clone(path: Path) -> Path:
    path.mkdir()
    (path / "in.txt").write_text("input v1")  # what git gives every clone
    return path


def _statuses(root: Path, drive: Path) -> list[str]:
    summary = run_pipeline(_plan(), "fixture", root=root, notebooks_dir=NOTEBOOKS, persist_dir=drive, log=print)
    return [row["status"] for row in summary]


def test_the_runner_resumes_from_the_persist_folder_after_a_disconnect(tmp_path):
    drive = tmp_path / "drive"
    with pytest.raises(PipelineError, match="disconnected after step 10"):
        _statuses(_clone(tmp_path / "clone1"), drive)
    # written there as they were produced: the finished run, its receipt and executed notebook, the checkpoint
    assert (drive / "runs/fixture/data/adapter.txt").read_text() == "trained in one go"
    assert [p.name for p in (drive / "runs/fixture/receipts").iterdir()] == ["resume_False_data.json"]
    assert (drive / "paper/fixture/executed/resume_False_data.html").is_file()
    assert (drive / "runs/fixture/train/checkpoint.txt").read_text() == "step 10"
    second = _clone(tmp_path / "clone2")
    assert _statuses(second, drive) == ["skipped", "ran"]  # up to date: skipped; training: from its checkpoint
    assert (second / "runs/fixture/train/adapter.txt").read_text() == "resumed from step 10"
    assert _statuses(_clone(tmp_path / "clone3"), drive) == ["skipped", "skipped"]


# --- archive and push ------------------------------------------------------------------------------------


def _cli(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def test_archive_holds_paper_outputs_and_adapters(tmp_path):
    _fake_run(tmp_path)
    out = tmp_path / "out.zip"
    done = _cli("archive", "--root", str(tmp_path), "--profile", "paper", "--out", str(out))
    assert done.returncode == 0, done.stderr
    names = set(zipfile.ZipFile(out).namelist())
    assert {"paper/paper/numbers.json", "runs/paper/critic/seed11/adapter/adapter_model.safetensors",
            "runs/paper/critic/seed11/history.json", "paper/paper/model_cards/judge/README.md"} <= names
    assert not any("checkpoints" in n for n in names)


def test_archive_of_nothing_is_a_one_line_error(tmp_path):
    done = _cli("archive", "--root", str(tmp_path), "--out", str(tmp_path / "x.zip"))
    assert done.returncode == 2 and done.stderr.startswith("colab_outputs: error: nothing to archive")
    assert "Traceback" not in done.stderr and not (tmp_path / "x.zip").exists()


class FakeHub:
    """Stands in for huggingface_hub.HfApi: records each call and the files of each uploaded folder."""

    calls: ClassVar[list] = []

    def __init__(self, token):
        self.calls.append(("token", token))

    def create_repo(self, repo_id, private, exist_ok):
        self.calls.append(("create_repo", repo_id, private))

    def upload_folder(self, repo_id, folder_path, commit_message):
        files = {p.relative_to(folder_path).as_posix(): p.read_text(encoding="utf-8")
                 for p in sorted(Path(folder_path).rglob("*")) if p.is_file()}
        self.calls.append(("upload_folder", repo_id, files))


@pytest.fixture()
def hub(monkeypatch):
    import huggingface_hub

    FakeHub.calls = []
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeHub)
    return FakeHub


def test_push_uploads_each_adapter_folder_with_its_model_card(tmp_path, hub):
    _fake_run(tmp_path)
    assert persist.push_to_hub(tmp_path, "paper", "me/tenacious", "hf_x") == [
        "me/tenacious-critic-seed11", "me/tenacious-judge-seed3407"]
    uploads = [c for c in hub.calls if c[0] == "upload_folder"]
    assert [c[1] for c in uploads] == ["me/tenacious-critic-seed11", "me/tenacious-judge-seed3407"]
    assert ("create_repo", "me/tenacious-judge-seed3407", True) in hub.calls and ("token", "hf_x") in hub.calls
    for (_, _, files), track in zip(uploads, ("critic", "judge"), strict=True):
        assert sorted(files) == ["README.md", "adapter_config.json", "adapter_model.safetensors"]
        assert files["README.md"] == CARD[track].read_text(encoding="utf-8")
        card = tmp_path / "card.md"
        card.write_text(files["README.md"], encoding="utf-8")
        index = persist.card_metadata(card)["model-index"]
        assert index[0]["results"] and index[0]["name"].startswith(f"Tenacious-{track.capitalize()}-")


def test_push_without_a_measured_card_uploads_nothing(tmp_path, hub):
    _fake_run(tmp_path)
    card = paths.cards_dir("paper", tmp_path) / "judge" / "README.md"
    card.write_text("# a card without metadata\n")
    with pytest.raises(persist.PersistError, match=r"judge/README\.md: no model card with model-index"):
        persist.push_to_hub(tmp_path, "paper", "me/tenacious", "hf_x")
    assert hub.calls == []


def test_a_failed_upload_is_one_line_naming_the_repo(tmp_path, hub, monkeypatch):
    def refuse(self, repo_id, folder_path, commit_message):
        raise OSError("401 Unauthorized")

    _fake_run(tmp_path)
    monkeypatch.setattr(FakeHub, "upload_folder", refuse)
    with pytest.raises(persist.PersistError, match=r"^me/t-critic-seed11: push failed: 401 Unauthorized$"):
        persist.push_to_hub(tmp_path, "paper", "me/t", "hf_x")


def test_push_to_hub_needs_a_token_before_anything_runs(monkeypatch, capsys):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    assert main(["--profile", "smoke", "--push-to-hub", "me/tenacious"]) == 1
    assert capsys.readouterr().err.strip() == ("error: --push-to-hub needs a token: --hub-token or HF_TOKEN in the "
                                               "environment")
