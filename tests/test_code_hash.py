"""The one code hash: the whole package for the pipeline's stage keys, a module's import closure for the work a
stage keys itself (training runs, ablation parts), so an unrelated edit does not throw finished work away."""

import shutil

import pytest

from tenacious import provenance


@pytest.fixture()
def package_copy(tmp_path, monkeypatch):
    """A copy of the package that `code_hash` reads instead of the installed one."""
    copy = tmp_path / "tenacious"
    shutil.copytree(provenance.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(provenance, "PACKAGE_DIR", copy)
    return copy


def _names(*roots):
    return {p.relative_to(provenance.PACKAGE_DIR).as_posix() for p in provenance.module_sources(*roots)}


def test_the_closure_follows_imports_and_the_probes_imported_by_name():
    training = _names("tenacious.train")
    assert {"train.py", "backbones.py", "pair_forward.py", "bench/prompts.py", "bench/load.py", "bench/seal.py",
            "io.py", "paths.py", "__init__.py", "bench/__init__.py"} <= training
    assert not {"report.py", "paper.py", "tables.py", "plots.py", "pipeline.py", "ablate.py"} & training
    ablation = _names("tenacious.ablate")
    assert {"ablate.py", "infer.py", "bench/scorer.py", "bench/judge_rules.py", "bench/bow_judge.py",
            "experiment.py"} <= ablation
    probes = {p.name for p in (provenance.PACKAGE_DIR / "bench" / "probes").glob("*.py")}
    assert {f"bench/probes/{p}" for p in probes} <= ablation  # loaded with importlib.import_module
    with pytest.raises(ValueError, match="not a module"):
        provenance.module_sources("tenacious.nope")


def test_an_edit_changes_the_hash_of_the_code_it_belongs_to_only(package_copy):
    whole, training, ablation = provenance.code_hash(), provenance.code_hash("tenacious.train"), \
        provenance.code_hash("tenacious.ablate")
    assert provenance.code_hash("tenacious.train") == training  # deterministic
    with (package_copy / "paper.py").open("a") as fh:
        fh.write("\n# an edit to the paper's code\n")
    assert provenance.code_hash() != whole
    assert (provenance.code_hash("tenacious.train"), provenance.code_hash("tenacious.ablate")) == (training, ablation)
    with (package_copy / "bench" / "scorer.py").open("a") as fh:
        fh.write("\n# a scorer fix\n")
    assert provenance.code_hash("tenacious.ablate") != ablation
    with (package_copy / "pair_forward.py").open("a") as fh:
        fh.write("\n# a training fix\n")
    assert provenance.code_hash("tenacious.train") != training
