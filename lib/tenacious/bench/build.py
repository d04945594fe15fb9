"""The data stage: generate, split, pair, validate, check, document and seal the benchmark.

`build_all` writes the whole data/ tree into a staging directory beside the target and swaps it in
only after every step has passed, so a failure (a malformed raw line, a contamination violation,
a split that cannot be met) leaves the previous tree untouched and no partial output behind. The
manifest is written last, over the finished tree. Everything is a function of the seed: two builds
with the same seed are byte-identical.

Default sizes follow the published cards: critic 52 held-out tasks (ADV 9 / PRG 22 / SYN 10 /
TRC 11) and 306 preference pairs, 275 train + 31 validation (the card's 280 steps over 8 epochs at
batch 8); judge 323 generated cases (train 169 / dev 93 / held-out 61), each a good and a bad item.
The hand-authored slice (hand_slice, stratum HND) comes on top for the judge and inside the pair
totals for the critic: about HAND_HELDOUT_SHARE of it is held out (whole cases / templates,
stratified by probe / dimension), the judge's rest joins train and dev, the critic's rest becomes
train/dev pairs and its held-out part the sealed pair-ranking file critic/heldout_pairs.jsonl.
Generated critic pairs fill each split's total, half style-anchored, half mutator.
These counts are met exactly with whole template groups (splits.grouped_split); should a
generator change make one unreachable, the build stops with SplitError naming the stratum and
the free group sizes instead of silently missing a count. Critic dev gets the share of tasks that
validation pairs have of all pairs; the judge's per-probe counts are the reachable ones closest to
proportional.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from tenacious import paths
from tenacious.bench import (
    agreement,
    bow_judge,
    cards,
    contamination,
    diagnostics,
    hand_slice,
    independent,
    independent_report,
    judge_cases,
    judge_pairs,
    load,
    schema,
    seal,
)
from tenacious.bench.critic_pairs import make_critic_pairs
from tenacious.bench.critic_tasks import generate_critic_tasks
from tenacious.bench.scorer import score
from tenacious.bench.shortcuts import critic_shortcuts
from tenacious.bench.splits import grouped_split
from tenacious.io import sha256_file, write_json, write_jsonl

CRITIC_HELDOUT: dict[str, int] = {"ADV": 9, "PRG": 22, "SYN": 10, "TRC": 11}
CRITIC_PAIRS: dict[str, int] = {"train": 275, "dev": 31}  # all pairs per split, hand-authored ones included
JUDGE_CASES: dict[str, int] = {"train": 169, "dev": 93, "heldout": 61}
HAND_HELDOUT_SHARE = 0.7


class BuildError(RuntimeError):
    """The generators did not produce what the stage promises (counts, unique ids), or data/raw moved under it."""


def _log(progress: bool, start: float, message: str) -> None:
    if progress:
        print(f"[data {time.perf_counter() - start:6.1f} s] {message}", flush=True)


def _unique(records: list[dict], key: str, what: str) -> None:
    seen: set[str] = set()
    for record in records:
        if record[key] in seen:
            raise BuildError(f"duplicate {what} {key} {record[key]!r}")
        seen.add(record[key])


def critic_dev_tasks(n_not_heldout: int) -> int:
    """Dev tasks: the share of the non-held-out tasks that validation pairs hold of all pairs (31 / 306)."""
    return round(n_not_heldout * CRITIC_PAIRS["dev"] / sum(CRITIC_PAIRS.values()))


def split_critic(tasks: list[dict], seed: int) -> dict[str, list[dict]]:
    """Critic tasks -> train / dev / heldout, grouped by template, stratified by stratum, held-out widest."""
    dev = critic_dev_tasks(len(tasks) - sum(CRITIC_HELDOUT.values()))
    return grouped_split(tasks, lambda t: t["template_id"], lambda t: t["stratum"],
                         [("heldout", CRITIC_HELDOUT), ("dev", dev)], "train", seed, widest=True)


def split_hand(units: list[dict], group_of, stratum_of, dev_share: float, seed: int) -> dict[str, list[dict]]:
    """A hand slice -> HAND_HELDOUT_SHARE held out, `dev_share` of the rest dev, the rest train."""
    heldout = round(len(units) * HAND_HELDOUT_SHARE)
    dev = round((len(units) - heldout) * dev_share)
    return grouped_split(units, group_of, stratum_of, [("heldout", heldout), ("dev", dev)], "train", seed)


def split_judge(cases: list[dict], seed: int) -> dict[str, list[dict]]:
    """Judge cases -> train / dev / heldout, grouped by template, stratified by probe (both items together)."""
    if len(cases) != sum(JUDGE_CASES.values()):
        raise BuildError(f"the judge generator gave {len(cases)} cases; the stage needs {sum(JUDGE_CASES.values())}")
    return grouped_split(cases, lambda c: c["template_id"], lambda c: c["probe_id"],
                         [("heldout", JUDGE_CASES["heldout"]), ("dev", JUDGE_CASES["dev"])], "train", seed)


def _raw_files(raw_dir: Path | None = None) -> list[Path]:
    """Every raw input below data/raw (the independent slice's data/raw/v3 included); dot-files are not data."""
    raw_dir = Path(raw_dir or paths.RAW_DIR)
    return [p for p in sorted(raw_dir.rglob("*")) if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)]


def _copy_raw(staging: Path) -> None:
    """The raw inputs are part of the sealed tree: copied byte for byte."""
    (staging / "raw").mkdir(parents=True)
    for src in _raw_files():
        target = staging / "raw" / src.relative_to(paths.RAW_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)


def _check_raw_unchanged(staging: Path) -> None:
    """Refuse to swap in a tree whose raw copy no longer matches data/raw (edited while the build ran)."""
    current = {p.relative_to(paths.RAW_DIR).as_posix(): sha256_file(p) for p in _raw_files()}
    copied = {p.relative_to(staging / "raw").as_posix(): sha256_file(p) for p in _raw_files(staging / "raw")}
    changed = sorted(set(current) ^ set(copied) | {n for n in current if current[n] != copied.get(n)})
    if changed:
        raise BuildError(f"{paths.RAW_DIR / changed[0]} changed while the build ran; run the build again")


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` by the finished staging tree with two renames; the old tree is then removed."""
    old = out_dir.with_name(f".{out_dir.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staging, out_dir)
    if old.exists():
        shutil.rmtree(old)


def _hand_pair(row: dict) -> dict:
    """A hand pair as a train/dev SimPO pair, with the scorer's margin (it may miss the stated reason)."""
    task = hand_slice.critic_task(row)
    return hand_slice.preference_pair(row, score(task, row["chosen"])["overall"] - score(task, row["rejected"])["overall"])


def _critic(seed: int, log: Callable[[str], None]) -> tuple[dict, dict, dict, list[dict]]:
    """Critic tasks per split (generated and hand pairs' ones, then generated only), SimPO pairs per pair split
    (hand pairs included) and the held-out hand pairs."""
    tasks = generate_critic_tasks(seed)
    _unique(tasks, "task_id", "critic task")
    critic = split_critic(tasks, seed)
    log(f"critic: {len(tasks)} tasks -> " + ", ".join(f"{s} {len(critic[s])}" for s in load.SPLITS))
    hand = split_hand(hand_slice.critic_rows(), lambda r: r["template_id"], lambda r: r["dimension"],
                      CRITIC_PAIRS["dev"] / sum(CRITIC_PAIRS.values()), seed)
    pairs = {}
    for split in load.PAIR_SPLITS:
        own = [_hand_pair(row) for row in hand[split]]
        n_generated = CRITIC_PAIRS[split] - len(own)
        generated = make_critic_pairs(critic[split], random.Random(f"{seed}:critic-pairs:{split}"),
                                      n_generated // 2, n_generated - n_generated // 2)
        pairs[split] = sorted(generated + own, key=lambda p: p["pair_id"])
    heldout_pairs = [hand_slice.heldout_pair(row) for row in hand["heldout"]]
    log("critic pairs: " + ", ".join(f"{s} {len(p)}" for s, p in pairs.items())
        + f"; hand pairs held out {len(heldout_pairs)}")
    # A train/dev pair's task lives in its split's task file; held-out hand tasks only in heldout_pairs.
    tasks_out = {split: critic[split] + [hand_slice.critic_task(r) for r in hand[split]] for split in load.PAIR_SPLITS}
    return {**tasks_out, "heldout": critic["heldout"]}, critic, pairs, heldout_pairs


def _near_independent(hand: list[dict], independent_items: list[dict]) -> set[str]:
    """Hand cases whose items come close to an independent item (the contamination gate's measures, both of
    them whatever the build's `embedding_check`: a split must not depend on whether the check runs): they join
    held-out whole, so no train/dev item is a near twin of the independent slice."""
    if not independent_items:
        return set()
    report = contamination.check({i["item_id"]: contamination.judge_input(i) for i in independent_items},
                                 {i["item_id"]: contamination.judge_input(i) for i in hand}, True)
    close = {v["reference"] for measure in ("ngram_jaccard", "embedding_cosine")
             for v in report[measure].get("violations", [])}
    return {i["case_id"] for i in hand if i["item_id"] in close}


def _judge(seed: int, log: Callable[[str], None]) -> tuple[dict, dict]:
    """Judge items per split (both items of a case together) and ORPO pairs per pair split.

    The split is drawn on cases generated from the train wording pool; the held-out cases are then
    generated again from the held-out pool (each case has its own rng, so nothing else moves).
    """
    plan = split_judge(judge_cases.generate_judge_cases(seed), seed)
    heldout = frozenset(c["case_id"] for c in plan["heldout"])
    cases = judge_cases.generate_judge_cases(seed, heldout=heldout)
    by_split = {split: [c for c in cases if c["case_id"] in {p["case_id"] for p in plan[split]}]
                for split in load.SPLITS}
    independent_items = independent.judge_items()  # the independent slice is held out whole, never trained on
    hand_items = hand_slice.judge_items()
    pinned = _near_independent(hand_items, independent_items)
    hand = split_hand([i for i in hand_items if i["case_id"] not in pinned], lambda i: i["case_id"],
                      lambda i: i["probe_id"], JUDGE_CASES["dev"] / (JUDGE_CASES["train"] + JUDGE_CASES["dev"]), seed)
    hand["heldout"] += [i for i in hand_items if i["case_id"] in pinned]
    judge = {split: judge_cases.case_items(by_split[split]) + hand[split] for split in load.SPLITS}
    judge["heldout"] += independent_items
    _unique([i for s in load.SPLITS for i in judge[s]], "item_id", "judge item")
    pairs = {split: judge_pairs.make_judge_pairs(judge[split], random.Random(f"{seed}:judge-pairs:{split}"))
             for split in load.PAIR_SPLITS}
    log(f"judge: {len(cases)} cases -> " + ", ".join(f"{s} {len(by_split[s])}" for s in load.SPLITS)
        + "; hand items -> " + ", ".join(f"{s} {len(hand[s])}" for s in load.SPLITS))
    return judge, pairs


def _write_records(staging: Path, critic: dict, critic_pairs: dict, heldout_pairs: list[dict], judge: dict,
                   judge_pairs: dict, heldout_emails: list[dict]) -> None:
    """Every JSONL file, each record schema-validated before anything is written, plus the schemas."""
    _unique([p for s in load.PAIR_SPLITS for p in critic_pairs[s] + judge_pairs[s]], "pair_id", "pair")
    _unique(heldout_pairs, "pair_id", "held-out pair")
    _unique(heldout_emails, "email_id", "held-out email")
    write_jsonl(load.critic_heldout_emails_path(staging), heldout_emails,
                validate=schema.validate_critic_heldout_email)
    write_jsonl(load.critic_heldout_pairs_path(staging), heldout_pairs, validate=schema.validate_critic_heldout_pair)
    for split in load.SPLITS:
        write_jsonl(load.critic_tasks_path(split, staging), critic[split], validate=schema.validate_critic_task)
        write_jsonl(load.judge_items_path(split, staging), judge[split], validate=schema.validate_judge_item)
    for split in load.PAIR_SPLITS:
        for track, pairs in (("critic", critic_pairs), ("judge", judge_pairs)):
            write_jsonl(load.pairs_path(track, split, staging), pairs[split], validate=schema.validate_preference_pair)
    schema.export_json_schemas(staging / "schema")


def _contamination(critic: dict, heldout_pairs: list[dict], judge: dict, embedding_check: bool,
                   heldout_emails: list[dict]) -> dict:
    """Held-out vs train + dev, per track (the held-out hand pairs' and independent emails' tasks count as critic
    held-out); raises ContaminationError on any violation."""
    reference = ("train", "dev")
    extra = [p["task"] for p in heldout_pairs] + [e["task"] for e in heldout_emails]
    report = {
        "critic": contamination.check(
            {t["task_id"]: contamination.critic_input(t) for t in critic["heldout"] + extra},
            {t["task_id"]: contamination.critic_input(t) for s in reference for t in critic[s]},
            embedding_check),
        "judge": contamination.check(
            {i["item_id"]: contamination.judge_input(i) for i in judge["heldout"]},
            {i["item_id"]: contamination.judge_input(i) for s in reference for i in judge[s]},
            embedding_check),
    }
    contamination.raise_on_violations(report)
    return report


def _sentence_leak(judge: dict) -> dict:
    """Sentence-level wording leakage of held-out judge drafts; raises ContaminationError above the gates."""
    report = contamination.sentence_check(judge["heldout"], judge["train"] + judge["dev"], judge["train"])
    contamination.raise_on_sentence_leak(report)
    return report


def _shortcuts(generated: dict, critic_pairs: dict, heldout_pairs: list[dict], judge: dict, seed: int) -> dict:
    """What surface shortcuts score: a bag-of-words judge fitted on train, and the critic-pair heuristics
    (pick the shorter email, on train/dev pairs and the held-out hand pairs; the template filler on
    held-out generated tasks)."""
    return {"judge": bow_judge.judge_shortcuts(judge, seed),
            "critic": critic_shortcuts(generated, {**critic_pairs, "heldout": heldout_pairs})}


def _generate(staging: Path, seed: int, embedding_check: bool, log: Callable[[str], None]) -> dict:
    """Every step up to (not including) the manifest, written into `staging`; returns what the summary needs."""
    _copy_raw(staging)
    critic, generated, critic_pairs, heldout_pairs = _critic(seed, log)
    judge, judge_pairs = _judge(seed, log)
    heldout_emails = independent.heldout_emails()
    _write_records(staging, critic, critic_pairs, heldout_pairs, judge, judge_pairs, heldout_emails)
    contamination_report = _contamination(critic, heldout_pairs, judge, embedding_check, heldout_emails)
    sentences = _sentence_leak(judge)
    log(f"judge sentences: {sentences['sentence_share']:.1%} of held-out sentences and "
        f"{sentences['evidence_share']:.1%} of evidence sentences occur in train+dev")
    log("contamination: " + ", ".join(
        f"{track} jaccard max {r['ngram_jaccard']['max']}, cosine max {r['embedding_cosine'].get('max', 'skipped')}"
        for track, r in contamination_report.items()))
    scores = {split: agreement.template_scores(generated[split]) for split in load.SPLITS}
    agreement_report = {"critic": agreement.critic_agreement(scores), "judge": agreement.judge_agreement(judge)}
    shortcuts = _shortcuts(generated, critic_pairs, heldout_pairs, judge, seed)
    log(f"shortcuts: bag-of-words judge held-out accuracy {shortcuts['judge']['heldout']['bow_accuracy']}")
    counts = cards.dataset_counts(staging)
    write_json(staging / "reports" / "contamination.json", {**contamination_report, "judge_sentences": sentences})
    write_json(staging / "reports" / "agreement.json", agreement_report)
    write_json(staging / "reports" / "counts.json", counts)
    write_json(staging / "reports" / "shortcuts.json", shortcuts)
    slice_report = independent_report.report([i for i in judge["heldout"] if i["stratum"] == schema.INDEPENDENT_STRATUM],
                                             heldout_emails)
    write_json(staging / "reports" / "independent.json", slice_report)
    judge_all = slice_report["judge"]["groups"]["all"]
    log(f"independent slice: rules accuracy {judge_all['accuracy']}, scorer AUC "
        f"{slice_report['critic']['groups']['all']['auc']}")
    cards.write_cards(staging, counts, contamination_report, agreement_report, sentences, shortcuts, slice_report)
    log("reports and dataset cards written")
    return {"counts": counts, "contamination": contamination_report, "agreement": agreement_report,
            "scores": {label: [x for s in load.SPLITS for x in scores[s][label]] for label in agreement.CRITIC_LABELS}}


def build_all(seed: int, out_dir: Path = paths.DATA_DIR, figures_dir: Path | None = None,
              embedding_check: bool = True, progress: bool = True) -> dict:
    """Build, check and seal the benchmark into `out_dir`; write diagnostics to `figures_dir` if given.

    Returns a summary (counts, contamination maxima, kappas, data hash, figure paths, seconds).
    """
    start = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    staging = out_dir.with_name(f".{out_dir.name}.building")
    if staging.exists():
        shutil.rmtree(staging)  # left over from an interrupted build
    staging.mkdir(parents=True)
    try:
        built = _generate(staging, seed, embedding_check, lambda m: _log(progress, start, m))
        manifest = seal.write_manifest(staging, seed=seed)
        seal.verify_seal(staging)
        _check_raw_unchanged(staging)
        _swap_in(staging, out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    figures = []
    if figures_dir is not None:
        figures = diagnostics.write_figures(figures_dir, built["counts"], built["scores"],
                                            agreement.VERDICT_THRESHOLD, seed)
    elapsed = time.perf_counter() - start
    if progress:
        print(f"data stage: wrote {out_dir} ({len(manifest['files'])} files, data hash "
              f"{manifest['data_hash'][:12]}) in {elapsed:.1f} s", flush=True)
    return {
        "seed": seed,
        "out_dir": str(out_dir),
        "data_hash": manifest["data_hash"],
        "counts": built["counts"],
        "contamination": {track: {"ngram_jaccard_max": r["ngram_jaccard"]["max"],
                                  "embedding_cosine_max": r["embedding_cosine"].get("max")}
                          for track, r in built["contamination"].items()},
        "agreement": built["agreement"],
        "figures": [str(p) for p in figures],
        "elapsed_s": round(elapsed, 1),
    }


def promised_files(out_dir: Path = paths.DATA_DIR) -> list[Path]:
    """Every file the data stage promises under `out_dir` (the notebook asserts they exist)."""
    out_dir = Path(out_dir)
    files = [load.critic_tasks_path(s, out_dir) for s in load.SPLITS]
    files += [load.judge_items_path(s, out_dir) for s in load.SPLITS]
    files += [load.pairs_path(t, s, out_dir) for t in load.TRACKS for s in load.PAIR_SPLITS]
    files += [load.critic_heldout_pairs_path(out_dir), load.critic_heldout_emails_path(out_dir)]
    files += [out_dir / "reports" / f"{name}.json"
              for name in ("contamination", "agreement", "counts", "shortcuts", "independent")]
    files += [out_dir / track / "README.md" for track in load.TRACKS]
    files += [out_dir / "schema" / f"{name}.schema.json" for name in sorted(schema.SCHEMAS)]
    return [*files, out_dir / seal.MANIFEST_NAME]
