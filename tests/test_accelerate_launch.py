"""Scale-out path: `accelerate launch` over 2 CPU processes (gloo) trains the smoke profile and writes one adapter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tenacious import paths

pytestmark = pytest.mark.slow


def test_two_process_launch_writes_one_adapter(tmp_path):
    accelerate = Path(sys.executable).parent / "accelerate"
    run_dir = tmp_path / "critic-seed11"
    env = {**os.environ, "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    # `--multi_gpu` picks accelerate's torchrun launcher; with no CUDA each process joins a gloo CPU group
    # (`--cpu` would use the single-process launcher, which needs MPI for several CPU processes).
    cmd = [str(accelerate), "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1",
           "--mixed_precision", "no", "--dynamo_backend", "no", "--main_process_port", "29517",
           "-m", "tenacious.train", "--profile", "smoke", "--track", "critic", "--run-dir", str(run_dir)]
    done = subprocess.run(cmd, cwd=paths.REPO_ROOT, env=env, capture_output=True, text=True, timeout=900,
                          check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    assert sorted(p.name for p in run_dir.glob("adapter*")) == ["adapter"]  # one adapter, no leftover tmp
    assert (run_dir / "adapter" / "adapter_model.safetensors").is_file()
    config = json.loads((run_dir / "run_config.json").read_text())
    assert config["global_step"] == 2 and config["world_size"] == 2  # the smoke schedule, over two processes
    assert "critic seed 11: 2 steps" in done.stdout and done.stdout.count("steps in") == 1
