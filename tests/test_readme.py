"""The README's commands exist and the times it quotes come from committed benchmark files."""

import importlib.util
import os
import re

from tenacious import paths
from tenacious.io import read_json

README = (paths.REPO_ROOT / "README.md").read_text()
CODE = "\n".join(re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL))


def test_scripts_it_lists_exist_and_are_executable():
    scripts = set(re.findall(r"\./([\w.-]+\.sh)", CODE))
    assert {"run_all.sh", "run_tests.sh"} <= scripts
    for name in scripts:
        assert os.access(paths.REPO_ROOT / name, os.X_OK), name


def test_modules_it_runs_exist():
    modules = set(re.findall(r"python -m ([\w.]+)", CODE))
    assert {"tenacious.backbones", "tenacious"} <= modules
    for module in modules:
        assert importlib.util.find_spec(module) is not None, module


def test_quoted_profile_times_match_the_benchmark_file():
    times = read_json(paths.BENCHMARKS_DIR / "results" / "pipeline_times.json")
    quoted = dict(re.findall(r"^\| `(\w+)` \|.*\| ([\d.]+) min \(measured", README, flags=re.MULTILINE))
    assert quoted, "the profiles table quotes no measured time"
    for profile, minutes in quoted.items():
        assert float(minutes) == times[profile]["total_minutes"], profile


def test_quoted_benchmark_figures_match_their_files():
    for match in re.finditer(r"`benchmarks/results/([\w.]+\.json)`", README):
        assert (paths.BENCHMARKS_DIR / "results" / match.group(1)).is_file(), match.group(1)
