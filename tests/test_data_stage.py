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
from tenacious.bench import agreement, build, cards, contamination, judge_pairs, load, seal
from tenacious.bench.prompts import critic_messages
from tenacious.bench.splits import SplitError, grouped_split
from tenacious.cli import main as cli
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


def _generated(items: list[dict]) -> list[dict]:
    """The generator's items (the hand-written HND and the independently written IND slices left out)."""
    return [i for i in items if i["stratum"] not in ("HND", "IND")]


def _rows(paths_: list[Path]) -> int:
    return sum(1 for p in paths_ for line in p.read_text().splitlines() if line.strip())


def test_critic_counts_match_defaults():
    heldout = load.load_critic_tasks("heldout")
    assert Counter(t["stratum"] for t in heldout) == build.CRITIC_HELDOUT
    for split, total in build.CRITIC_PAIRS.items():
        kinds = Counter(p["kind"].split(":")[0] for p in load.load_pairs("critic", split))
        assert sum(kinds.values()) == total and kinds["hand_authored"] >= 1
        generated = total - kinds["hand_authored"]
        assert (kinds["style_anchor"], kinds["mutator"]) == (generated // 2, generated - generated // 2)
    assert (build.CRITIC_PAIRS["train"], build.CRITIC_PAIRS["dev"]) == (275, 31)  # 306 pairs, as the card says
    generated = {s: [t for t in load.load_critic_tasks(s) if t["stratum"] != "HND"] for s in load.PAIR_SPLITS}
    assert len(generated["dev"]) == build.critic_dev_tasks(len(generated["train"]) + len(generated["dev"]))


def test_judge_counts_match_defaults():
    total = Counter()
    for split, n_cases in build.JUDGE_CASES.items():
        items = _generated(load.load_judge_items(split))
        cases = Counter(i["case_id"] for i in items)
        assert len(cases) == n_cases and set(cases.values()) == {2}
        assert Counter(i["draft_kind"] for i in items) == {"good": n_cases, "bad": n_cases}
        if split in load.PAIR_SPLITS:  # at least one ORPO pair per item (rarer decisions repeated); no held-out pairs
            assert len(load.load_pairs("judge", split)) == len(judge_pairs.balanced_copies(load.load_judge_items(split)))
        total.update(i["probe_id"] for i in items)
    assert (build.JUDGE_CASES["train"], build.JUDGE_CASES["dev"], build.JUDGE_CASES["heldout"]) == (169, 93, 61)
    # the independent slice: every row of data/raw/v3/judge_*.jsonl is one held-out item, none elsewhere
    v3_rows = _rows(sorted((paths.RAW_DIR / "v3").glob("judge_*.jsonl")))
    strata = {split: Counter(i["stratum"] for i in load.load_judge_items(split)) for split in load.SPLITS}
    assert v3_rows > 0 and strata["heldout"]["IND"] == v3_rows
    assert strata["train"]["IND"] == strata["dev"]["IND"] == 0
    for split in load.SPLITS:  # every probe (and the PASS controls) in every split
        assert {i["probe_id"] for i in load.load_judge_items(split)} == set(cards.PROBES)


def test_judge_splits_are_stratified_by_probe():
    """Held-out and dev hold every probe within one case of its proportional share (train, the rest, within two)."""
    cases = {split: Counter(i["probe_id"] for i in _generated(load.load_judge_items(split)) if i["draft_kind"] == "good")
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
        assert entry["n"] == len(load.load_judge_items("heldout")) > 2 * build.JUDGE_CASES["heldout"]
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
    assert cli(["verify", "--data", str(data_copy)]) == 2


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
    assert cli(["judge", "--item", "no-such-item"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: no judge item with item_id 'no-such-item' in ")


# --- judge v0.2: gold from construction, wording split, sentence-level leakage -------------------------

@pytest.fixture(scope="module")
def judge_v2():
    from tenacious.bench import build as build_mod
    return build_mod._judge(11, lambda m: None)[0]


def test_gold_from_construction_keeps_every_case_and_quotes_its_evidence(judge_v2):
    from tenacious.bench import probes, rubric
    items = [i for s in load.SPLITS for i in _generated(judge_v2[s])]
    assert len({i["case_id"] for i in items}) == sum(probes.CASE_COUNTS.values()) == 323
    for item in items:
        assert item["gold_rule"] == rubric.intended_rule(item["probe_id"], item["kind"])
        ev = item["evidence"]
        if item["kind"] == "violation":
            assert ev is not None
        if ev and "start" in ev:
            assert item["draft"][ev["start"]:ev["end"]] == ev["text"]


def test_heldout_violation_wordings_never_occur_in_train_or_dev(judge_v2):
    from tenacious.bench import probes
    for bank in (probes.VIOLATIONS, probes.TWINS):
        for probe, pools in bank.items():
            assert len(set(pools["train"])) >= 8 and len(set(pools["heldout"])) >= 4, probe
            assert not set(pools["train"]) & set(pools["heldout"]), probe
    assert all(i["wording"] is None for s in load.SPLITS for i in judge_v2[s] if i["stratum"] == "HND")
    seen = {i["wording"] for s in ("train", "dev") for i in judge_v2[s] if i["wording"]}
    held = {i["wording"] for i in judge_v2["heldout"] if i["wording"]}
    assert all(":heldout:" in w for w in held) and not held & seen
    texts = {i["evidence"]["text"] for s in ("train", "dev") for i in _generated(judge_v2[s]) if i["evidence"]}
    assert not any(i["evidence"]["text"] in texts for i in _generated(judge_v2["heldout"]) if i["kind"] == "violation")


def test_sentence_leakage_is_under_its_gates_and_the_gate_fires_on_copies(judge_v2):
    report = contamination.sentence_check(judge_v2["heldout"], judge_v2["train"] + judge_v2["dev"], judge_v2["train"])
    assert report["passed"], report
    assert report["sentence_share"] <= 0.30 and report["evidence_share"] <= 0.10
    leaky = contamination.sentence_check(judge_v2["train"][:60], judge_v2["train"], judge_v2["train"])
    assert not leaky["passed"]
    with pytest.raises(contamination.ContaminationError, match="sentence leakage"):
        contamination.raise_on_sentence_leak(leaky)


def test_masking_hides_names_numbers_and_dates():
    names, heads = contamination._name_parts()
    masked = contamination.mask_sentence("As I told Greta at Galdrnest on 2026-03-01, $14M at 10:00.", names, heads,
                                         frozenset())
    assert masked == "As I told NAME at NAME on DATE, NUM at DATE."


def test_second_labeler_imports_neither_engine_nor_rubric():
    import inspect

    from tenacious.bench import second_labeler
    source = inspect.getsource(second_labeler)
    assert "judge_rules" not in source.split('"""', 2)[2] and "rubric" not in source.split('"""', 2)[2]


# --- hand-authored slice, held-out pairs, domains, PRG coverage -------------------------------------


def test_hand_slice_is_loaded_mostly_held_out_and_grouped_by_case():
    from tenacious.bench import hand_slice
    hand = {s: [i for i in load.load_judge_items(s) if i["stratum"] == "HND"] for s in load.SPLITS}
    raw = hand_slice.judge_items()
    assert len(raw) >= 120 and sorted(i["item_id"] for s in hand for i in hand[s]) == sorted(i["item_id"] for i in raw)
    assert all(i["authoring_mode"] == "hand_authored" and i["wording"] is None for s in hand for i in hand[s])
    n = sum(len(v) for v in hand.values())
    assert abs(len(hand["heldout"]) - round(n * build.HAND_HELDOUT_SHARE)) <= 1 and hand["train"] and hand["dev"]
    cases = {s: {i["case_id"] for i in hand[s]} for s in load.SPLITS}
    assert not cases["train"] & cases["heldout"] and not cases["dev"] & cases["heldout"]
    assert not cases["train"] & cases["dev"]
    for probe in cards.PROBES:  # stratified: every probe mostly held out
        per = Counter(s for s in load.SPLITS for i in hand[s] if i["probe_id"] == probe)
        assert per["heldout"] / sum(per.values()) >= 0.5, probe
    by_id = {i["item_id"]: i for i in raw}
    for item in hand["train"] + hand["dev"]:  # train/dev hand items have their ORPO pairs
        assert by_id[item["item_id"]]["gold_decision"] == item["gold_decision"]
    pair_sources = {p["source_id"] for s in load.PAIR_SPLITS for p in load.load_pairs("judge", s)}
    assert {i["item_id"] for i in hand["train"] + hand["dev"]} <= pair_sources
    assert not {i["item_id"] for i in hand["heldout"]} & pair_sources


def test_hand_rows_are_checked_against_the_rubric_with_file_line_field(tmp_path):
    from tenacious.bench import hand_slice
    rows = [json.loads(line) for line in (paths.RAW_DIR / "judge_hand_authored.jsonl").read_text().splitlines()]
    violation = next(r for r in rows if r["kind"] == "violation" and r["probe_id"] == "E01")
    (tmp_path / "judge_hand_x.jsonl").write_text(
        json.dumps(rows[0]) + "\n" + json.dumps(dict(violation, gold_decision="PASS")) + "\n")
    with pytest.raises(InputError, match=r"judge_hand_x\.jsonl:2: field 'gold_decision': PASS but a violation"):
        hand_slice.judge_items(tmp_path)
    (tmp_path / "judge_hand_x.jsonl").write_text(json.dumps(dict(violation, evidence="not in the draft")) + "\n")
    with pytest.raises(InputError, match=r"judge_hand_x\.jsonl:1: field 'evidence': .* not a substring"):
        hand_slice.judge_items(tmp_path)
    partial = {k: v for k, v in violation.items() if k != "context"} | {
        "context": {"company": "Quillmere Tools", "recipient": {"name": "Ada Quill", "role": "cto"}}}
    (tmp_path / "judge_hand_x.jsonl").write_text(json.dumps(partial) + "\n")
    item = hand_slice.judge_items(tmp_path)[0]  # missing fields take the documented defaults
    assert item["context"]["domain"] == "quillmere-tools.example" and item["context"]["channel"] == "email"
    assert item["context"]["segment"] == "abstain" and item["stratum"] == "HND"
    assert item["draft"][item["evidence"]["start"]:item["evidence"]["end"]] == violation["evidence"]


def test_critic_heldout_pairs_are_sealed_and_most_hand_pairs():
    from tenacious.bench import hand_slice
    held = load.load_critic_heldout_pairs()
    hand_train = [p for s in load.PAIR_SPLITS for p in load.load_pairs("critic", s) if p["kind"] == "hand_authored"]
    assert len(held) + len(hand_train) == len(hand_slice.critic_rows()) >= 40
    assert abs(len(held) - round((len(held) + len(hand_train)) * build.HAND_HELDOUT_SHARE)) <= 1
    assert not {p["template_id"] for p in held} & {p["template_id"] for p in hand_train}
    assert all(p["task"]["stratum"] == "HND" and p["chosen"] != p["rejected"] for p in held)
    manifest = json.loads((paths.DATA_DIR / seal.MANIFEST_NAME).read_text())
    assert "critic/heldout_pairs.jsonl" in manifest["sealed"]
    tasks = {t["task_id"]: t for s in load.PAIR_SPLITS for t in load.load_critic_tasks(s)}
    for pair in hand_train:  # a hand pair's task is in its split's task file and prompts like the others
        assert pair["prompt_messages"] == critic_messages(tasks[pair["source_id"]])


def test_tampering_heldout_pairs_breaks_the_seal(data_copy):
    target = data_copy / "critic" / "heldout_pairs.jsonl"
    target.write_text(target.read_text().replace("Subject", "Subjekt", 1))
    with pytest.raises(seal.SealError, match=r"heldout_pairs\.jsonl: SHA-256 mismatch .*held-out set"):
        load.load_critic_heldout_pairs(data_copy)


def test_different_companies_never_share_a_domain():
    """Generated, team-written and independently written briefs (stratum IND, whose writers chose their own
    domains: three that collided with team-written companies were given each company's own in data/raw/v3)."""
    companies: dict[str, set[str]] = {}
    contexts = [t["context"] for s in load.SPLITS for t in load.load_critic_tasks(s)]
    contexts += [i["context"] for s in load.SPLITS for i in load.load_judge_items(s)]
    contexts += [p["task"]["context"] for p in load.load_critic_heldout_pairs()]
    contexts += [e["task"]["context"] for e in load.load_critic_heldout_emails()]
    for ctx in contexts:
        companies.setdefault(ctx["domain"], set()).add(ctx["company"])
    shared = {d: c for d, c in companies.items() if len(c) > 1}
    assert not shared, sorted(shared.items())[:3]
    assert len(companies) > 300


def test_prg_heldout_covers_more_cells_than_three():
    prg = [t for t in load.load_critic_tasks("heldout") if t["stratum"] == "PRG"]
    cells = {t["template_id"] for t in prg}  # PRG-<segment>-<goal>
    assert len(prg) == build.CRITIC_HELDOUT["PRG"] and len(cells) > 3
    units = [{"g": f"g{i // 6}"} for i in range(36)] + [{"g": f"s{i // 2}"} for i in range(12)]
    wide = grouped_split(units, lambda u: u["g"], lambda u: "A", [("heldout", {"A": 12})], "train", 3, widest=True)
    assert len({u["g"] for u in wide["heldout"]}) == 6  # six groups of two beat two groups of six


def test_shortcut_report_is_written_and_on_the_cards():
    report = json.loads((paths.DATA_DIR / "reports" / "shortcuts.json").read_text())
    assert set(report["judge"]) == {"dev", "heldout"} and 0 <= report["judge"]["heldout"]["bow_accuracy"] <= 1
    assert report["critic"]["shorter_email"]["heldout"]["n"] == len(load.load_critic_heldout_pairs())
    assert report["critic"]["template_filler"]["share_at_1"] < 1.0
    judge_card = (paths.DATA_DIR / "judge" / "README.md").read_text()
    critic_card = (paths.DATA_DIR / "critic" / "README.md").read_text()
    assert str(report["judge"]["heldout"]["bow_accuracy"]) in judge_card and "hand_authored" in judge_card
    assert "heldout_pairs.jsonl" in critic_card and str(report["critic"]["template_filler"]["mean"]) in critic_card
