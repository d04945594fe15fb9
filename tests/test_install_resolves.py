"""The GPU requirement set resolves: pip's resolver over exactly what scripts/install.py installs on CUDA.

It asks the package index, so it is slow and marked `install`; CI runs it explicitly (`.ci/run`). A dry run
with --ignore-installed installs nothing (the CUDA torch it picks is only resolved, never downloaded into .venv).
"""

import importlib.util
import json
import subprocess
import sys

import pytest

from tenacious import paths

_spec = importlib.util.spec_from_file_location("install", paths.REPO_ROOT / "scripts" / "install.py")
install = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(install)

pytestmark = [pytest.mark.slow, pytest.mark.install]


def test_gpu_pins_resolve_together(tmp_path):
    report = tmp_path / "report.json"
    cmd = install.dry_run_command("gpu", ("dev",), sys.executable, report)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=1500, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    chosen = {i["metadata"]["name"].lower().replace("_", "-"): i["metadata"]["version"]
              for i in json.loads(report.read_text())["install"]}
    for req in install.requirements("gpu", ("dev",)):
        name, version = req.split("==")
        assert chosen.get(name.lower().replace("_", "-")) == version, req
    assert "torch" in chosen  # unsloth brings a CUDA torch on this path
