"""The data stage: sizes, class balance, grouped splits, contamination, seal, determinism, bad input.

Most tests read the committed data/ tree (never modifying it: anything that tampers works on a copy
under tmp_path). One fresh build without the embedding model (the slow part) runs per session and
must reproduce the committed tree byte for byte, apart from the files that carry the embedding
numbers; the slow tests rebuild with embeddings (all bytes) and with another seed.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tenacious import paths
from tenacious.bench import agreement, build, cards, contamination, load, seal
from tenacious.bench.__main__ import main as cli
from tenacious.bench.splits import SplitError, grouped_split
from tenacious.io import InputError
from tenacious.profiles import load_profile

SEED = load_profile("smoke").data.seed
DECISIONS = ("SUPPRESS", "ESCALATE", "BLOCK", "PENALISE", "PASS")
# Files whose bytes depend on the embedding check (they print its numbers or hash those that do).
EMBEDDING_DEPENDENT = {"reports/contamination.json", "critic/README.md", "judge/README.md", "manifest.json"}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> Path:
    """One build of the default seed without the embedding check (the rest of the stage in full)."""
    out = tmp_path_factory.mktemp("fresh") / "data"
    build.build_all(SEED, out_dir=out, embedding_check=False, progress=False)
    return out


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A copy of the committed tree, named data/ like the original, safe to tamper with."""
    dst = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, dst)
    return dst


# --- sizes and balance -------------------------------------------------------------------------------


def test_critic_counts_match_defaults():
    heldout = load.load_critic_tasks("heldout")
    assert Counter(t["stratum"] for t in heldout) == build.CRITIC_HELDOUT
    for split, (n_style, n_mutator) in build.CRITIC_PAIRS.items():
        kinds = Counter(p["kind"].split(":")[0] for p in load.load_pairs("critic", split))
        assert kinds == {"style_anchor": n_style, "mutator": n_mutator}
    assert sum(build.CRITIC_PAIRS["train"]) == 306 and sum(build.CRITIC_PAIRS["dev"]) == 31
    n_rest = len(load.load_critic_tasks("train")) + len(load.load_critic_tasks("dev"))
    assert len(load.load_critic_tasks("dev")) == build.critic_dev_tasks(n_rest)


def test_judge_counts_match_defaults():
    total = Counter()
    for split, n_cases in build.JUDGE_CASES.items():
        items = load.load_judge_items(split)
        cases = Counter(i["case_id"] for i in items)
        assert len(cases) == n_cases and set(cases.values()) == {2}
        assert Counter(i["draft_kind"] for i in items) == {"good": n_cases, "bad": n_cases}
        if split in load.PAIR_SPLITS:  # one ORPO pair per item; no held-out pairs
            assert len(load.load_pairs("judge", split)) == len(items)
        total.update(i["probe_id"] for i in items)
    assert (build.JUDGE_CASES["train"], build.JUDGE_CASES["dev"], build.JUDGE_CASES["heldout"]) == (169, 93, 61)
    for split in load.SPLITS:  # every probe (and the PASS controls) in every split
        assert {i["probe_id"] for i in load.load_judge_items(split)} == set(cards.PROBES)


def test_judge_splits_are_stratified_by_probe():
    """Held-out and dev hold every probe within one case of its proportional share (train, the rest, within two)."""
    cases = {split: Counter(i["probe_id"] for i in load.load_judge_items(split) if i["draft_kind"] == "good")
             for split in load.SPLITS}
    pool = sum(cases.values(), Counter())
    for split, n_split in build.JUDGE_CASES.items():
        for probe, n_probe in pool.items():
            bound = 2.0 if split == "train" else 1.0
            assert abs(cases[split][probe] - n_probe * n_split / sum(pool.values())) < bound, (split, probe)


def test_counts_report_and_cards_agree_with_files():
    counts = json.loads((paths.DATA_DIR / "reports" / "counts.json").read_text())
    assert counts == cards.dataset_counts(paths.DATA_DIR)
    for track in load.TRACKS:
        text = (paths.DATA_DIR / track / "README.md").read_text()
        meta = yaml.safe_load(text.split("---\n")[1])
        assert {"pretty_name", "license", "task_categories", "size_categories", "configs"} <= set(meta)
        for config in meta["configs"]:
            for entry in config["data_files"]:
                assert (paths.DATA_DIR / track / entry["path"]).is_file()


def test_heldout_has_every_decision_and_enough_pass():
    heldout = load.load_judge_items("heldout")
    decisions = Counter(i["gold_decision"] for i in heldout)
    assert set(decisions) == set(DECISIONS)
    assert decisions["PASS"] / len(heldout) >= 0.20


def test_no_constant_answer_reaches_60_percent():
    heldout = load.load_judge_items("heldout")
    for label in DECISIONS:
        accuracy = sum(i["gold_decision"] == label for i in heldout) / len(heldout)
        assert accuracy < 0.60, f"always {label} scores {accuracy:.2f}"


def test_no_template_crosses_partitions():
    for track, units in (("critic", load.load_critic_tasks), ("judge", load.load_judge_items)):
        templates = {split: {u["template_id"] for u in units(split)} for split in load.SPLITS}
        for a, b in (("train", "dev"), ("train", "heldout"), ("dev", "heldout")):
            assert not templates[a] & templates[b], f"{track}: {a} and {b} share templates"
        for split in load.PAIR_SPLITS:  # pairs come from their own split only
            assert {p["template_id"] for p in load.load_pairs(track, split)} <= templates[split]


def test_grouped_split_is_exact_and_refuses_the_impossible():
    units = [{"g": f"g{i // 3}", "s": "A" if i < 30 else "B"} for i in range(60)]  # groups of three
    out = grouped_split(units, lambda u: u["g"], lambda u: u["s"], [("heldout", {"A": 6, "B": 9})], "train", seed=1)
    assert Counter(u["s"] for u in out["heldout"]) == {"A": 6, "B": 9}
    assert not {u["g"] for u in out["heldout"]} & {u["g"] for u in out["train"]}
    other = grouped_split(units, lambda u: u["g"], lambda u: u["s"], [("heldout", {"A": 6, "B": 9})], "train", 2)
    assert other["heldout"] != out["heldout"]
    with pytest.raises(SplitError, match="cannot be made of whole template groups"):
        grouped_split(units, lambda u: u["g"], lambda u: u["s"], [("heldout", {"A": 7})], "train", seed=1)


# --- contamination and agreement --------------------------------------------------------------------


def test_committed_contamination_report_passes():
    report = json.loads((paths.DATA_DIR / "reports" / "contamination.json").read_text())
    for track in load.TRACKS:
        assert report[track]["passed"]
        assert report[track]["ngram_jaccard"]["max"] < contamination.JACCARD_MAX
        assert report[track]["embedding_cosine"]["max"] < contamination.COSINE_MAX


def test_planted_near_duplicate_is_caught():
    heldout = load.load_critic_tasks("heldout")[:3]
    train = load.load_critic_tasks("train")[:20]
    planted = dict(heldout[0], task_id="PLANTED", instruction=heldout[0]["instruction"] + " Thanks!")
    h = {t["task_id"]: contamination.critic_input(t) for t in heldout}
    r = {t["task_id"]: contamination.critic_input(t) for t in [*train, planted]}
    report = contamination.check(h, r, embedding_check=True)
    for measure in ("ngram_jaccard", "embedding_cosine"):
        hits = {(v["heldout"], v["reference"]) for v in report[measure]["violations"]}
        assert (heldout[0]["task_id"], "PLANTED") in hits, measure
    assert not report["passed"]
    with pytest.raises(contamination.ContaminationError, match="PLANTED"):
        contamination.raise_on_violations({"critic": report})


def test_agreement_reports_undefined_kappa_as_undefined():
    entry = agreement.kappa_entry(["PASS"] * 4, ["PASS"] * 4, DECISIONS)
    assert entry["kappa"] is None and entry["kappa_undefined"].startswith("undefined")
    report = json.loads((paths.DATA_DIR / "reports" / "agreement.json").read_text())
    for comparison in ("gold_vs_second", "rules_v2_vs_second"):
        entry = report["judge"][comparison]["heldout"]
        assert entry["n"] == 2 * build.JUDGE_CASES["heldout"]
        assert entry["kappa"] is not None or "kappa_undefined" in entry


# --- seal --------------------------------------------------------------------------------------------


def test_committed_tree_verifies():
    seal.verify_seal(paths.DATA_DIR)
    assert len(seal.data_hash(paths.DATA_DIR)) == 64


def test_tampering_one_heldout_byte_breaks_the_seal(data_copy):
    seal.verify_seal(data_copy)
    target = data_copy / "judge" / "heldout_items.jsonl"
    raw = bytearray(target.read_bytes())
    raw[100] = ord("X") if raw[100] != ord("X") else ord("Y")
    target.write_bytes(bytes(raw))
    with pytest.raises(seal.SealError, match=r"data/judge/heldout_items\.jsonl: SHA-256 mismatch .*held-out set"):
        seal.verify_seal(data_copy)
    with pytest.raises(seal.SealError, match="heldout_items"):
        load.load_judge_items("heldout", data_copy)
    assert cli(["verify", "--data", str(data_copy)]) == 1


def test_missing_or_unlisted_files_break_the_seal(data_copy):
    (data_copy / "critic" / "dev_pairs.jsonl").unlink()
    with pytest.raises(seal.SealError, match=r"data/critic/dev_pairs\.jsonl: listed in the manifest but missing"):
        seal.verify_seal(data_copy)
    shutil.copyfile(paths.DATA_DIR / "critic" / "dev_pairs.jsonl", data_copy / "critic" / "dev_pairs.jsonl")
    (data_copy / "critic" / "extra.jsonl").write_text("{}\n")
    with pytest.raises(seal.SealError, match=r"data/critic/extra\.jsonl: not listed"):
        seal.verify_seal(data_copy)


# --- determinism and bad input -----------------------------------------------------------------------


def test_fresh_build_reproduces_the_committed_tree(fresh_build):
    fresh, committed = _tree(fresh_build), _tree(paths.DATA_DIR)
    assert set(fresh) == set(committed)
    differing = sorted(name for name in fresh if fresh[name] != committed[name])
    assert set(differing) <= EMBEDDING_DEPENDENT, differing
    seal.verify_seal(fresh_build)


@pytest.mark.slow
def test_full_build_is_byte_identical_and_another_seed_differs(tmp_path):
    build.build_all(SEED, out_dir=tmp_path / "data", progress=False)
    assert _tree(tmp_path / "data") == _tree(paths.DATA_DIR)
    build.build_all(SEED + 1, out_dir=tmp_path / "other", embedding_check=False, progress=False)
    other = _tree(tmp_path / "other")
    assert other["critic/heldout_tasks.jsonl"] != _tree(paths.DATA_DIR)["critic/heldout_tasks.jsonl"]
    assert other["judge/heldout_items.jsonl"] != _tree(paths.DATA_DIR)["judge/heldout_items.jsonl"]


def test_malformed_raw_line_names_file_and_line_and_writes_nothing(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, raw)
    lines = (raw / "adv_tasks.jsonl").read_text().splitlines(keepends=True)
    lines[2] = lines[2][: len(lines[2]) // 2] + "\n"  # line 3 cut in half
    (raw / "adv_tasks.jsonl").write_text("".join(lines))
    monkeypatch.setattr(paths, "RAW_DIR", raw)
    out = tmp_path / "data"
    out.mkdir()
    (out / "previous.txt").write_text("the tree from the last good build\n")
    with pytest.raises(InputError, match=r"adv_tasks\.jsonl:3: invalid JSON"):
        build.build_all(SEED, out_dir=out, embedding_check=False, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "raw"]  # no staging directory left
    assert _tree(out) == {"previous.txt": b"the tree from the last good build\n"}


# --- CLI ---------------------------------------------------------------------------------------------


def test_cli_score_and_judge_explain_themselves(tmp_path, capsys):
    task = load.load_critic_tasks("train")[0]
    email = tmp_path / "email.txt"
    email.write_text("Subject: Quick question\n\nHi there, world-class synergy awaits. Call me?\n")
    assert cli(["score", "--task", task["task_id"], "--email", str(email)]) == 0
    scored = json.loads(capsys.readouterr().out)
    assert 0.0 <= scored["overall"] <= 1.0 and any(v["rule"] == "SG-03" for v in scored["violations"])
    item = load.load_judge_items("dev")[0]
    assert cli(["judge", "--item", item["item_id"]]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert (verdict["decision"], verdict["rule"]) == (item["gold_decision"], item["gold_rule"])
    assert verdict["reason"]
    assert cli(["judge", "--item", "no-such-item"]) == 1
    assert "no judge item" in capsys.readouterr().err
