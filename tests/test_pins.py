"""One set of pins: pyproject.toml, environment.yml and the Colab install cell agree."""

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


def test_environment_yml_agrees_with_pyproject():
    base, extras = _pyproject()
    env = yaml.safe_load((paths.REPO_ROOT / "environment.yml").read_text())
    pip_specs = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    env_pins = _pins(pip_specs)
    assert env_pins == {**base, **extras["gpu"], **extras["dev"]}


def test_cpu_extra_is_the_local_torch_build():
    _, extras = _pyproject()
    assert extras["cpu"] == {"torch": "2.13.0"}


def test_colab_install_cell_agrees_with_pyproject():
    base, extras = _pyproject()
    nb = json.loads((paths.NOTEBOOKS_DIR / "colab.ipynb").read_text())
    source = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    colab_pins = _pins(re.findall(r"[A-Za-z0-9_.\-]+==[0-9][^\s\"']*", source))
    wanted = {**base, **extras["gpu"]}
    assert {k: colab_pins.get(k) for k in wanted} == wanted
