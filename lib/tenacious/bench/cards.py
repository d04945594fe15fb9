"""Dataset cards (Hugging Face YAML front matter) and the count tables, computed from the files.

Every number on a card is counted from the JSONL files the build just wrote, never copied from
a constant, so a card cannot disagree with the data it describes. The same counts feed
data/reports/counts.json, the diagnostic figures, the notebook tables and the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from tenacious.bench import contamination, load, rubric
from tenacious.bench.agreement import summary_rows
from tenacious.bench.schema import STRATA
from tenacious.bench.splits import counts_by
from tenacious.io import atomic_write_text, read_jsonl
from tenacious.render import markdown_table

LICENSE = "apache-2.0"
PROBES = (*rubric.PROBES, rubric.PASS_PROBE)
DECISIONS = rubric.DECISIONS


def _kind_family(pair: dict) -> str:
    """`mutator:<kind>` pairs count as one family on the cards; the report keeps the detail."""
    return pair["kind"].split(":")[0]


def dataset_counts(data_dir: Path) -> dict:
    """Counts per split and stratum / probe / decision / pair kind, read from the written files."""
    held = read_jsonl(load.critic_heldout_pairs_path(data_dir))
    emails = read_jsonl(load.critic_heldout_emails_path(data_dir))
    critic: dict = {"tasks": {}, "pairs": {},
                    "heldout_pairs": {"total": len(held), "by_dimension": counts_by(held, lambda p: p["dimension"])},
                    "heldout_emails": {"total": len(emails), "by_label": counts_by(emails, lambda e: e["label"]),
                                       "by_voice": counts_by(emails, lambda e: e["voice"])}}
    judge: dict = {"cases": {}, "items": {}, "pairs": {}}
    for split in load.SPLITS:
        tasks = read_jsonl(load.critic_tasks_path(split, data_dir))
        critic["tasks"][split] = {"total": len(tasks), "by_stratum": counts_by(tasks, lambda t: t["stratum"])}
        items = read_jsonl(load.judge_items_path(split, data_dir))
        judge["cases"][split] = len({i["case_id"] for i in items})
        judge["items"][split] = {
            "total": len(items),
            "by_probe": counts_by(items, lambda i: i["probe_id"]),
            "by_decision": counts_by(items, lambda i: i["gold_decision"]),
            "by_draft_kind": counts_by(items, lambda i: i["draft_kind"]),
            "by_authoring_mode": counts_by(items, lambda i: i["authoring_mode"]),
            "by_kind": counts_by(items, lambda i: i["kind"]),
            "by_stratum": counts_by(items, lambda i: i["stratum"]),
        }
    for track, out in (("critic", critic), ("judge", judge)):
        for split in load.PAIR_SPLITS:
            pairs = read_jsonl(load.pairs_path(track, split, data_dir))
            out["pairs"][split] = {
                "total": len(pairs),
                "by_family": counts_by(pairs, _kind_family),
                "by_kind": counts_by(pairs, lambda p: p["kind"]),
            }
    return {"critic": critic, "judge": judge}


def _split_table(by_split: dict, field: str, columns: Sequence[str], splits: Sequence[str]) -> str:
    rows = [{"split": s, "total": by_split[s]["total"], **{c: by_split[s][field].get(c, 0) for c in columns}}
            for s in splits]
    rows.append({k: "all" if k == "split" else sum(r[k] for r in rows) for k in rows[0]})
    return markdown_table(rows)


def count_tables(counts: dict) -> dict[str, str]:
    """The count tables as Markdown, keyed by a short title (cards and notebook show the same)."""
    critic, judge = counts["critic"], counts["judge"]
    families = sorted({f for s in load.PAIR_SPLITS for f in critic["pairs"][s]["by_family"]})
    judge_families = sorted({f for s in load.PAIR_SPLITS for f in judge["pairs"][s]["by_family"]})
    case_rows = [{"split": s, "cases": judge["cases"][s], "items": judge["items"][s]["total"]} for s in load.SPLITS]
    return {
        "critic tasks: split x stratum": _split_table(critic["tasks"], "by_stratum", STRATA, load.SPLITS),
        "critic pairs: split x kind": _split_table(critic["pairs"], "by_family", families, load.PAIR_SPLITS),
        "judge cases and items per split": markdown_table(case_rows),
        "judge items: split x probe": _split_table(judge["items"], "by_probe", PROBES, load.SPLITS),
        "judge items: split x gold decision": _split_table(judge["items"], "by_decision", DECISIONS, load.SPLITS),
        "judge items: split x draft kind": _split_table(judge["items"], "by_draft_kind", ("good", "bad"),
                                                         load.SPLITS),
        "judge pairs: split x kind": _split_table(judge["pairs"], "by_family", judge_families, load.PAIR_SPLITS),
    }


def _size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if n < limit:
            return label
    return "100K<n<1M"


def _front_matter(pretty_name: str, task_categories: list[str], tags: list[str], n: int, configs: list) -> str:
    meta = {
        "pretty_name": pretty_name,
        "license": LICENSE,
        "language": ["en"],
        "task_categories": task_categories,
        "tags": tags,
        "size_categories": [_size_category(n)],
        "configs": [
            {"config_name": name, "data_files": [{"split": s, "path": f"{s}_{stem}.jsonl"} for s in splits]}
            for name, stem, splits in configs
        ],
    }
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n"


def _contamination_lines(report: dict, what: str) -> str:
    ngram, emb = report["ngram_jaccard"], report["embedding_cosine"]
    rows = [{"measure": "word 8-gram Jaccard", "max": ngram["max"], "threshold": f"< {ngram['threshold']}",
             "violations": len(ngram["violations"])}]
    if "skipped" in emb:
        rows.append({"measure": f"{emb['model']} cosine", "max": "not computed",
                     "threshold": f"< {contamination.COSINE_MAX}", "violations": emb["skipped"]})
    else:
        rows.append({"measure": f"{emb['model']} cosine", "max": emb["max"], "threshold": f"< {emb['threshold']}",
                     "violations": len(emb["violations"])})
    return (f"Each of the {report['n_heldout']} held-out model inputs against all {report['n_reference']} "
            f"train + dev inputs, on the item-specific prompt text ({what}, rendered as in the prompt; the "
            "system prompt and rule wording are shared by every item and left out):\n\n"
            + markdown_table(rows, digits=4))


def _kappa_table(agreement_report: dict, track: str) -> str:
    rows = [{k: v for k, v in row.items() if k != "track"} for row in summary_rows(agreement_report, (track,))]
    return markdown_table(rows, digits=4)


_SEAL_NOTE = (
    "## Seal\n\n`data/manifest.json` records the SHA-256 of every file; the held-out files are sealed. "
    "Every evaluation calls `tenacious.bench.seal.verify_seal()` first and refuses to run on any "
    "mismatch. Check by hand with `python -m tenacious verify`.\n"
)


def _critic_shortcut_lines(report: dict) -> str:
    shorter, filler = report["shorter_email"], report["template_filler"]
    rows = [{"baseline": f"pick the shorter email ({split} pairs)", "n": entry["n"], "value": entry["accuracy"]}
            for split, entry in shorter.items()]
    rows.append({"baseline": "template filler: best GOOD style-guide template, mean scorer overall (held-out tasks)",
                 "n": filler["n"], "value": filler["mean"]})
    rows.append({"baseline": "template filler: share of held-out tasks at exactly 1.000", "n": filler["n"],
                 "value": filler["share_at_1"]})
    return ("What a system gets without reading the task (`data/reports/shortcuts.json`); a trained critic "
            "that does not beat these has learned nothing:\n\n" + markdown_table(rows, digits=4))


def critic_card(counts: dict, contamination_report: dict, agreement_report: dict, shortcuts: dict) -> str:
    tables = count_tables(counts)
    n = sum(counts["critic"]["tasks"][s]["total"] for s in load.SPLITS)
    n += sum(counts["critic"]["pairs"][s]["total"] for s in load.PAIR_SPLITS) + counts["critic"]["heldout_pairs"]["total"]
    head = _front_matter(
        "Tenacious-Bench (critic track)", ["text-generation"], ["preference", "simpo", "synthetic", "sales-outreach"],
        n, [("tasks", "tasks", load.SPLITS), ("pairs", "pairs", (*load.PAIR_SPLITS, "heldout"))],
    )
    return "\n".join([
        head,
        "# Tenacious-Bench — critic track\n",
        ("Cold-email writing tasks for Tenacious, a fictional vendor of engineering-team extension, and "
         "SimPO preference pairs built from them. Every company and person is fictional; all text is "
         "written by the project's generators. A task is a prospect brief, an instruction, the style-guide "
         "rule ids that apply and must-include / must-not lists; `tenacious.bench.scorer.score` rates any "
         "email against it on five dimensions.\n"),
        ("Strata: ADV hand-authored adversarial, PRG combinatorial programmatic, SYN template-grammar "
         "synthesis in several writer voices, TRC replies inside logged threads, HND the tasks of the "
         "hand-authored pairs that train and validate. Splits are grouped by `template_id` (no template "
         "appears in two splits) and stratified; the held-out takes as many templates per stratum as its "
         "counts allow. `dev` is the validation split; `heldout` is the sealed test split: its tasks have no "
         "pairs.\n"),
        "## Tasks\n", tables["critic tasks: split x stratum"],
        "## Hand-authored pairs\n",
        (f"{counts['critic']['heldout_pairs']['total'] + sum(counts['critic']['pairs'][s]['by_kind'].get('hand_authored', 0) for s in load.PAIR_SPLITS)} "
         "email pairs written by hand (`data/raw/critic_hand_pairs.jsonl`, varied voices): both emails are "
         "plausible and one is better for a stated one-line reason on one dimension. About 70 % (whole "
         "templates, stratified by dimension) form the sealed `heldout_pairs.jsonl` for pair-ranking "
         "evaluation (does a critic prefer the better email?); the rest are `hand_authored` train/dev pairs "
         "whose margin is the scorer's reading, which can be small or negative where the scorer misses the "
         "reason. Held-out pairs per dimension:\n"),
        markdown_table([{"dimension": d, "pairs": n}
                        for d, n in counts["critic"]["heldout_pairs"]["by_dimension"].items()]),
        "## Preference pairs\n",
        ("`style_anchor`: best GOOD style-guide draft vs worst BAD draft for the task (margin >= 0.30); "
         "`mutator`: a strong draft vs a copy corrupted along one scorer dimension (margin >= 0.30 and the "
         "target dimension dropped); `hand_authored`: a hand-written pair (below).\n"),
        tables["critic pairs: split x kind"],
        "## Contamination\n",
        _contamination_lines(contamination_report["critic"], "brief, instruction and must lists"),
        "## Label agreement\n",
        ("Intended label of each filled style-guide template (GOOD / BAD) against the scorer's verdict "
         f"(overall >= {agreement_report['critic']['threshold']}); Cohen's kappa, undefined reported as such.\n"),
        _kappa_table(agreement_report, "critic"),
        "## Shortcut baselines\n",
        _critic_shortcut_lines(shortcuts["critic"]),
        _SEAL_NOTE,
    ])


def _sentence_lines(report: dict) -> str:
    rows = [{"measure": "held-out draft sentences found in train + dev", "share": report["sentence_share"],
             "gate": f"<= {report['sentence_share_max']}"},
            {"measure": "held-out evidence sentences found in train + dev", "share": report["evidence_share"],
             "gate": f"<= {report['evidence_share_max']}"},
            {"measure": f"shared sentences deciding the label (>= {report['label_deciding_min_train']} in train)",
             "share": len(report["label_deciding_sentences"]), "gate": "0"}]
    return ("Wording split: train/dev drafts and held-out drafts are written from two disjoint wording pools "
            "(violations and honest twins in each probe's module under `tenacious.bench.probes`; subjects, greetings, "
            "openers, asks and sign-offs in `tenacious.bench.wording`). "
            f"Sentence-level check ({report['masking']}):\n\n" + markdown_table(rows, digits=4))


def _judge_shortcut_lines(report: dict) -> str:
    rows = [{"split": split, "n": e["n"], "bag-of-words accuracy": e["bow_accuracy"],
             "best constant": f"{e['best_constant']} {e['best_constant_accuracy']}"} for split, e in report.items()]
    return ("A TF-IDF + logistic-regression judge fitted on train (`tenacious.bench.bow_judge`) reads the same "
            "brief and draft a model judge reads but knows nothing of the rubric; whatever it gets right is "
            "learnable from surface wording alone:\n\n" + markdown_table(rows, digits=4))


def _stratum_accuracy(agreement_report: dict) -> str:
    rows = [{"stratum": s, "items": e["n"], "rule engine v2 accuracy": e["accuracy"],
             "second labeler accuracy": agreement_report["judge"]["second_by"]["stratum"][s]["accuracy"]}
            for s, e in agreement_report["judge"]["rules_v2_by"]["stratum"].items()]
    return markdown_table(rows, digits=4)


def judge_card(counts: dict, contamination_report: dict, agreement_report: dict, sentences: dict,
               shortcuts: dict) -> str:
    tables = count_tables(counts)
    n = sum(counts["judge"]["items"][s]["total"] for s in load.SPLITS)
    n += sum(counts["judge"]["pairs"][s]["total"] for s in load.PAIR_SPLITS)
    head = _front_matter(
        "Tenacious-Bench (judge track)", ["text-classification"], ["preference", "orpo", "synthetic", "send-gate"],
        n, [("items", "items", load.SPLITS), ("pairs", "pairs", load.PAIR_SPLITS)],
    )
    return "\n".join([
        head,
        "# Tenacious-Bench — judge track\n",
        ("Pre-send gate items: a prospect brief and one agent draft, with a gold decision (SUPPRESS, "
         "ESCALATE, BLOCK, PENALISE or PASS) and the rubric-v2 rule that decides it. Gold comes from "
         "construction: the violation the author injected (`evidence` gives its character span in the "
         "draft, or the context field) or its honest twin / a clean draft (PASS); no case is dropped or "
         "relabelled by a rule engine. Each case yields two drafts for the same brief, so PASS is a real "
         "class in every split. Authoring modes: `programmatic` and `template` (template grammars, no "
         "language model), `trace_derived` (replies inside logged threads) and `hand_authored` (stratum HND: "
         "drafts written one by one in curt, warm, formal, salesy, sloppy and non-native voices, "
         "`data/raw/judge_hand*.jsonl`, each labelled by intent with a one-line reason; about 70 % of them, "
         "whole cases stratified by probe, are held out, on top of the generated cases). Every company and "
         "person is fictional.\n"),
        ("Splits are grouped by `template_id` (no template appears in two splits) and stratified by "
         "probe; both items of a case stay together. `dev` is the validation split; `heldout` is the "
         "sealed test split and has no pairs.\n"),
        "## Items\n", tables["judge cases and items per split"],
        tables["judge items: split x probe"], tables["judge items: split x gold decision"],
        tables["judge items: split x draft kind"],
        _split_table(counts["judge"]["items"], "by_kind", ("violation", "twin", "clean"), load.SPLITS),
        _split_table(counts["judge"]["items"], "by_authoring_mode",
                     ("programmatic", "template", "trace_derived", "hand_authored"), load.SPLITS),
        "## Preference pairs (ORPO)\n", tables["judge pairs: split x kind"],
        "## Contamination\n", _contamination_lines(contamination_report["judge"], "brief and draft"),
        _sentence_lines(sentences),
        "## Label agreement\n",
        ("Multi-class Cohen's kappa of gold against the rubric-v2 rule engine (`judge_rules`, a deterministic "
         "baseline) and against `second_labeler` (keyword rules over the prompt text, sharing no code with "
         "the engine or the rubric module), and of the two labelers against each other. Below 1.0 is where a "
         "labeler misses a paraphrase; undefined kappa is reported as undefined, never forced to 1.\n"),
        _kappa_table(agreement_report, "judge"),
        ("Accuracy against gold per authoring stratum. Caveat on the HND row: the v0.2 rule engine was revised "
         "after reading its misses on the hand-written drafts, so its accuracy there is an in-sample figure, not "
         "an estimate of how it reads drafts nobody on the team wrote; the second labeler was not tuned on "
         "them.\n"),
        _stratum_accuracy(agreement_report),
        "## Shortcut baselines\n",
        _judge_shortcut_lines(shortcuts["judge"]),
        _SEAL_NOTE,
    ])


_GALLERY_SIZE = 6
_INDEPENDENT_INTRO = (
    "Stratum IND (`data/raw/v3/`, `tenacious.bench.independent`): text by independent writers with distinct "
    "personas who never saw the scorer, the rules or the generators; all of it is sealed in held-out. Rows `dev` are "
    "the development voices, so `dev` figures are in-sample: terse and chatty were read from the start; formal, "
    "non-native and analyst were first measured unseen (the 'before' figures below) and then read; the voices of "
    "blind rounds 1 (hurried, engineer), 2 (legal, brit, story) and 3 (bullets, academic, bangalore, founder, german, "
    "mexico, texter) were each measured once, before any of their misses were read (the blind-round table below), "
    "and only then read to fix general mechanisms. Rows `unseen` are round 4's blind voices (recruiter, french, "
    "aussie, japanese), written while the mechanisms were built, copied in once they were final and measured once "
    "with no fix after (`benchmarks/results/independent_blind_round4.json`). Every figure below is quoted from "
    "`data/reports/independent.json`.\n")


def _first_measurement(report: dict, track: str) -> str:
    first = report.get("first_unseen_measurement")
    if not first:
        return ""
    rows = [{"measure": k, "value": v} for k, v in first[track].items()]
    return (f"Before: the first measurement of the formal, non-native and analyst voices while they were unseen, "
            f"recorded before any fix that followed it ({first['note']}):\n\n"
            + markdown_table(rows, digits=4) + "\n")


def _blind_rounds(report: dict, track: str) -> str:
    """Each blind round as it was measured once, before its voices were read (benchmarks/blind_round.py), beside
    the same voices under the mechanisms before that round's fixes and the development voices of the same tree."""
    rounds = report.get("blind_rounds", [])
    if not rounds:
        return ""
    targets = report["targets"]
    measures = {"judge": ("items", "accuracy", "lowest probe recall"),
                "critic": ("good", "bad", "AUC", f"good >= {targets['good_min']}", f"bad <= {targets['bad_max']}",
                           "min good", "max bad")}[track]
    rows = []
    for r in rounds:
        for label, block in (("blind, before the round's fixes", r.get("before_same_voices")),
                             ("blind, as measured", r), ("development, same tree", r.get("development"))):
            if block and track in block:
                rows.append({"round": r["round"], "voices": ", ".join(r["voices"]["blind"]), "set": label,
                             **{m: block[track].get(m) for m in measures}})
    return ("Blind rounds: voices written while the mechanisms were built, copied in after the last fix and "
            "measured once with no fix after (`benchmarks/results/independent_blind*.json`); each round's voices "
            "were read only afterwards, as development voices of the next round:\n\n"
            + markdown_table(rows, digits=4) + "\n")


def _fenced(text: str) -> str:
    return "```text\n" + text.replace("```", "` ` `") + "\n```\n"


def independent_critic_lines(report: dict) -> str:
    """The scorer on the independent emails: per voice group, per family, and the worst misses with their text."""
    critic, targets = report["critic"], report["targets"]
    groups = critic["groups"]
    rows = [{"voices": g, "good": e["n_good"], "bad": e["n_bad"], "AUC": e["auc"], "min good": e["min_good"],
             "max bad": e["max_bad"], f"good >= {targets['good_min']}": e["good_at_least_min"],
             f"bad <= {targets['bad_max']}": e["bad_at_most_max"]} for g, e in groups.items()]
    fam = [{"family": f, **{f"{g} n": groups[g]["per_family"][f]["n"] for g in groups},
            **{f"{g} recall": groups[g]["per_family"][f]["recall"] for g in groups}} for f in groups["all"]["per_family"]]
    gallery = [f"**{m['email_id']}** ({m['voice']}, {m['label']}"
               + (f", {m['violation']}" if m["violation"] else "") + f"): scored {m['overall']}; writer's reason: "
               f"{m['reason']}\n\n" + _fenced(m["email"]) for m in critic["misses"][:_GALLERY_SIZE]]
    return "\n".join([
        _INDEPENDENT_INTRO,
        (f"Targets: AUC >= {targets['scorer_auc_min']}, every good email >= {targets['good_min']}, every bad email "
         f"<= {targets['bad_max']}. Scorer `{critic['scorer']}`.\n"),
        markdown_table(rows, digits=4), "Recall per violation family (bad emails at or below the line):\n",
        markdown_table(fam, digits=4), _first_measurement(report, "critic"), _blind_rounds(report, "critic"),
        (f"### Failure gallery\n\nThe {min(_GALLERY_SIZE, len(critic['misses']))} worst of "
        f"{len(critic['misses'])} emails on the wrong side of a target, furthest first:\n"),
        *gallery])


def independent_judge_lines(report: dict) -> str:
    """The rule engine on the independent judge items: per voice group and probe, and the worst misses."""
    judge, targets = report["judge"], report["targets"]
    groups = judge["groups"]
    rows = [{"voices": g, "items": e["n"], "accuracy": e["accuracy"], "lowest probe recall": e["min_probe_recall"]}
            for g, e in groups.items()]
    probes = [{"probe": p, **{f"{g} P": groups[g]["per_probe"][p]["precision"] for g in ("dev", "unseen")},
               **{f"{g} R": groups[g]["per_probe"][p]["recall"] for g in ("dev", "unseen")}}
              for p in groups["all"]["per_probe"]]
    gallery = [f"**{m['item_id']}** ({m['voice']}, {m['probe']} {m['kind']}): gold {m['gold']}, rules {m['predicted']} "
               f"({m['fired']}); writer's reason: {m['reason']}\n\n" + _fenced(m["draft"])
               for m in judge["misses"][:_GALLERY_SIZE]]
    return "\n".join([
        _INDEPENDENT_INTRO,
        (f"Targets: accuracy >= {targets['rules_accuracy_min']} and recall >= {targets['rules_recall_min_per_probe']} "
         f"per probe. Engine: {judge['engine']}.\n"),
        markdown_table(rows, digits=4), "Precision (P) and recall (R) per probe, development and blind (unseen) voices:\n",
        markdown_table(probes, digits=4), _first_measurement(report, "judge"), _blind_rounds(report, "judge"),
        (f"### Failure gallery\n\nThe {min(_GALLERY_SIZE, len(judge['misses']))} worst of {len(judge['misses'])} "
        "misses (largest gap in caution first):\n"), *gallery])


def write_cards(data_dir: Path, counts: dict, contamination_report: dict, agreement_report: dict,
                sentences: dict, shortcuts: dict, independent_report: dict) -> list[Path]:
    """Write data/critic/README.md and data/judge/README.md; returns the paths."""
    texts = {"critic": critic_card(counts, contamination_report, agreement_report, shortcuts)
             + "\n## Independent slice (v0.3)\n\n" + independent_critic_lines(independent_report),
             "judge": judge_card(counts, contamination_report, agreement_report, sentences, shortcuts)
             + "\n## Independent slice (v0.3)\n\n" + independent_judge_lines(independent_report)}
    out = []
    for track in ("critic", "judge"):
        path = Path(data_dir) / track / "README.md"
        atomic_write_text(path, texts[track])
        out.append(path)
    return out
