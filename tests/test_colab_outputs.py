"""Colab outputs: state linked to a Drive folder survives a fresh clone; the archive carries the adapters."""

import subprocess
import sys
import zipfile

from tenacious import paths

SCRIPT = paths.REPO_ROOT / "scripts" / "colab_outputs.py"


def _fake_run(root):
    """What a finished paper run leaves behind: outputs, a receipt, a checkpoint and an adapter."""
    files = ["paper/paper/numbers.json", "paper/paper/model_cards/critic/README.md", "figures/paper/a.png",
             "runs/paper/receipts/01_data.json", "runs/paper/critic/seed11/checkpoints/checkpoint-20/x.bin",
             "runs/paper/critic/seed11/adapter/adapter_config.json",
             "runs/paper/critic/seed11/adapter/adapter_model.safetensors", "runs/paper/critic/seed11/history.json"]
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)


def _cli(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def test_state_on_drive_survives_a_fresh_clone(tmp_path):
    first, drive = tmp_path / "clone1", tmp_path / "drive"
    _fake_run(first)
    assert _cli("persist", "--root", str(first), "--drive", str(drive), "--profile", "paper").returncode == 0
    assert (drive / "runs/paper/receipts/01_data.json").is_file() and (first / "runs").is_symlink()
    # After a disconnect: a new clone, persist again, and the receipts and checkpoints are back.
    second = tmp_path / "clone2"
    second.mkdir()
    assert _cli("persist", "--root", str(second), "--drive", str(drive), "--profile", "paper").returncode == 0
    assert (second / "runs/paper/critic/seed11/checkpoints/checkpoint-20/x.bin").read_text().endswith("x.bin")
    assert (second / "paper/paper/numbers.json").is_file()


def test_archive_holds_paper_outputs_and_adapters(tmp_path):
    _fake_run(tmp_path)
    out = tmp_path / "out.zip"
    done = _cli("archive", "--root", str(tmp_path), "--profile", "paper", "--out", str(out))
    assert done.returncode == 0, done.stderr
    names = set(zipfile.ZipFile(out).namelist())
    assert {"paper/paper/numbers.json", "runs/paper/critic/seed11/adapter/adapter_model.safetensors",
            "runs/paper/critic/seed11/history.json"} <= names
    assert not any("checkpoints" in n for n in names)


def test_bad_requests_get_one_line_errors(tmp_path):
    done = _cli("archive", "--root", str(tmp_path), "--out", str(tmp_path / "x.zip"))
    assert done.returncode == 2 and done.stderr.startswith("colab_outputs: error: nothing to archive")
    done = _cli("push", "--root", str(tmp_path))
    assert done.returncode == 2 and "HF_TOKEN" in done.stderr and "Traceback" not in done.stderr
