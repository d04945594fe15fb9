"""The `tenacious` command: build and verify the benchmark, judge and score drafts, evaluate a judge, import formats.

    tenacious build [--profile auto|smoke|cpu|paper] [--seed N] [--out DIR]   # generate, split, check, seal data/
    tenacious verify [--data DIR]                    # check data/ against its manifest
    tenacious judge FILE [--rubric v2|v1]            # decision, rule that fired, explanation per draft
    tenacious judge --item ID [--item ID ...]        # the same for benchmark judge items, found by id in data/
    tenacious judge FILE --adapter DIR [--backbone NAME] [--device auto|cpu|cuda]   # a trained judge
    tenacious judge FILE --eval [--json]             # accuracy (Wilson CI), per class, per probe, confusion
    tenacious score FILE                             # explained critic score per email
    tenacious score --task ID --email FILE           # one email against a benchmark critic task, by id
    tenacious import {judge-card,pairs,widget} FILE  # the published formats -> the project's records

FILE is JSONL or one JSON object, '-' reads stdin. Each record is in the project's input schema
(tenacious.bench.inputs, data/schema/draft_input.schema.json) or in a published format (the judge
card's flat context or widget text, preference pairs: tenacious.importers), detected per record and
mapped by the rules `tenacious import` uses; the summary says how many records were mapped and what
each mapping lost. Results go to stdout as JSONL (an --eval report as Markdown tables, or one JSON
object with --json), a summary to stderr. Every input is read and checked before anything is
written, so a known failure (bad input, an unknown id or profile, a broken seal, contamination, an
impossible split) prints one line `error: ...` (for a file: `error: file:line: field: message`),
exits with status 2 and leaves stdout empty.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from tqdm.auto import tqdm

from tenacious import importers, paths, stats
from tenacious.backbones import BackboneError
from tenacious.bench import inputs, judge_rules, load, rubric, seal
from tenacious.bench.build import BuildError, build_all
from tenacious.bench.contamination import ContaminationError
from tenacious.bench.embeddings import EmbeddingError
from tenacious.bench.scorer import score
from tenacious.bench.splits import SplitError
from tenacious.io import InputError, read_json, stable_json
from tenacious.profiles import ProfileError, load_profile
from tenacious.render import markdown_table

EXIT_BAD_INPUT = 2  # every known failure: one line `error: ...` on stderr, nothing on stdout
KNOWN_ERRORS = (InputError, BackboneError, seal.SealError, ContaminationError, EmbeddingError, SplitError, BuildError,
                ProfileError)
PROGRESS_MIN_RECORDS = 50  # fewer records finish before a progress bar would be read
UNSPECIFIED_PROBE = "unspecified"


# --- judges ----------------------------------------------------------------------------------------


def _verdict(item: dict, judge: str, decision: str, explanation: list[dict], likelihoods: dict | None) -> dict:
    """One output line; rules fill rule, reason, evidence span and explanation, a model fills label_likelihoods."""
    first = explanation[0] if explanation else {}
    out = {"item_id": item["item_id"], "judge": judge, "decision": decision, "rule": first.get("rule"),
           "rule_name": first.get("name"), "reason": first.get("reason"), "evidence": first.get("evidence"),
           "span": first.get("span"), "explanation": explanation,
           "label_likelihoods": likelihoods}
    out.update({k: item[k] for k in ("gold_decision", "gold_rule") if k in item})
    return out


def judge_with_rules(items: list[dict], rubric_name: str) -> list[dict]:
    """The rule engine on every item: the first rule that fires decides; all that fire explain it."""
    out = []
    for item in tqdm(items, desc="judge", unit="draft", disable=len(items) < PROGRESS_MIN_RECORDS, file=sys.stderr):
        fired = judge_rules.explain(item, rubric_name)
        out.append(_verdict(item, f"rules-{rubric_name}", fired[0]["decision"], fired, None))
    return out


def _adapter_backbone(adapter: Path, backbone: str | None) -> tuple[str, int, str]:
    """(backbone name, seed, prompt format): --backbone wins; else the run_config.json that training wrote
    beside the adapter.

    The seed matters for the `tiny` test backbone, whose random weights are drawn from it; the prompt format is
    the one the adapter was trained on (`full` for adapters trained before the setting existed)."""
    config_path = adapter.parent / "run_config.json"
    config = read_json(config_path) if config_path.is_file() else {}
    name = backbone or config.get("backbone", {}).get("name")
    if name is None:
        raise InputError(f"{adapter}: no run_config.json beside the adapter; name its base model with --backbone")
    return name, int(config.get("seed", 0)), config.get("prompt_format", "full")


def judge_with_adapter(items: list[dict], adapter: Path, backbone: str | None, device: str) -> list[dict]:
    """Load the backbone and the PEFT adapter once, then classify every draft by label likelihood."""
    from peft import PeftModel

    from tenacious.backbones import load_backbone
    from tenacious.bench.prompts import trained_messages
    from tenacious.infer import classify_by_likelihood, encode_prompt, judge_label_scorer

    if not (adapter / "adapter_config.json").is_file():
        raise InputError(f"{adapter}: not a PEFT adapter folder (no adapter_config.json)")
    name, seed, prompt_format = _adapter_backbone(adapter, backbone)
    loaded = load_backbone(name, device=device, seed=seed)
    model = PeftModel.from_pretrained(loaded.model, str(adapter)).eval()
    judge = f"adapter:{adapter.name}@{name}"
    out = []
    for item in tqdm(items, desc="judge", unit="draft", file=sys.stderr):
        prompt = encode_prompt(loaded.tokenizer, trained_messages("judge", item, prompt_format))
        decision, likelihoods = classify_by_likelihood(judge_label_scorer(model, loaded.tokenizer, prompt))
        out.append(_verdict(item, judge, decision, [], {k: round(v, 4) for k, v in likelihoods.items()}))
    return out


# --- evaluation ------------------------------------------------------------------------------------


def evaluate(items: list[dict], verdicts: list[dict]) -> dict:
    """Accuracy with its Wilson interval, per-class precision/recall, per-probe accuracy, confusion matrix."""
    gold = [item["gold_decision"] for item in items]
    pred = [v["decision"] for v in verdicts]
    by_probe: dict[str, list[bool]] = {}
    for item, g, p in zip(items, gold, pred, strict=True):
        by_probe.setdefault(item.get("probe_id", UNSPECIFIED_PROBE), []).append(g == p)
    per_probe = []
    for probe, hits in sorted(by_probe.items()):
        interval = stats.wilson_interval(sum(hits), len(hits))
        per_probe.append({"probe": probe, "n": len(hits), "correct": sum(hits), "accuracy": interval.point,
                          "ci_low": interval.low, "ci_high": interval.high})
    return {"judge": verdicts[0]["judge"], "n": len(items), "accuracy": stats.accuracy(gold, pred).as_dict(),
            "per_class": {label: row for label, row in stats.per_class_prf(gold, pred, rubric.DECISIONS).items()},
            "per_probe": per_probe,
            "confusion": {"labels": list(rubric.DECISIONS),
                          "matrix": stats.confusion_matrix(gold, pred, rubric.DECISIONS)}}


def evaluation_markdown(report: dict) -> str:
    """The --eval report as Markdown tables (rows of the confusion matrix are gold, columns predicted)."""
    acc = report["accuracy"]
    per_class = [{"decision": label, **row} for label, row in report["per_class"].items()]
    labels = report["confusion"]["labels"]
    confusion = [{"gold \\ predicted": g, **dict(zip(labels, row, strict=True))}
                 for g, row in zip(labels, report["confusion"]["matrix"], strict=True)]
    return "\n".join([
        f"**Judge evaluation: {report['judge']} on {report['n']} labelled drafts**\n",
        markdown_table([{"accuracy": acc["point"], "95% CI (Wilson)": f"[{acc['low']:.3f}, {acc['high']:.3f}]",
                         "n": acc["n"]}]),
        "### Per class\n", markdown_table(per_class, ["decision", "precision", "recall", "f1", "support", "predicted"]),
        "### Per probe\n", markdown_table(report["per_probe"]),
        "### Confusion matrix\n", markdown_table(confusion),
    ])


# --- commands --------------------------------------------------------------------------------------


def _emit(records: list[dict]) -> None:
    sys.stdout.write("".join(stable_json(r, indent=None) + "\n" for r in records))


def _benchmark_records(load_split, key: str, wanted: list[str], what: str, data: Path) -> list[dict]:
    """The benchmark records with these ids, searched in train, dev, then held-out (the seal is verified only
    when the search gets that far)."""
    found: dict[str, dict] = {}
    for split in load.SPLITS:
        if set(wanted) <= found.keys():
            break
        found.update({r[key]: r for r in load_split(split, data) if r[key] in wanted and r[key] not in found})
    missing = [w for w in wanted if w not in found]
    if missing:
        raise InputError(f"no {what} with {key} {missing[0]!r} in {data}")
    return [found[w] for w in wanted]


def _note(mapped: importers.Mapped, total: int) -> None:
    line = mapped.summary(total)
    if line:
        print(line, file=sys.stderr)


def _judge_items(args: argparse.Namespace) -> list[dict]:
    """The items to judge: benchmark items by id, or every record of FILE in any accepted format."""
    if args.item:
        return _benchmark_records(load.load_judge_items, "item_id", args.item, "judge item", args.data)
    name, records = inputs.read_records(args.file)
    located, mapped = importers.judge_items(name, records)
    if args.eval:
        for line, item in located:
            if "gold_decision" not in item:
                raise InputError(f"{name}:{line}: gold_decision: missing required field (--eval needs one per record)")
    _note(mapped, len(records))
    return [item for _, item in located]


def _judge(args: argparse.Namespace) -> None:
    items = _judge_items(args)
    if args.adapter is None:
        verdicts = judge_with_rules(items, args.rubric)
    else:
        verdicts = judge_with_adapter(items, args.adapter, args.backbone, args.device)
    counts = Counter(v["decision"] for v in verdicts)
    summary = ", ".join(f"{counts[d]} {d}" for d in rubric.DECISIONS if counts[d])
    print(f"judged {len(verdicts)} drafts with {verdicts[0]['judge']}: {summary}", file=sys.stderr)
    if not args.eval:
        _emit(verdicts)
        return
    report = evaluate(items, verdicts)
    sys.stdout.write(stable_json(report) if args.json else evaluation_markdown(report))
    acc = report["accuracy"]
    print(f"accuracy {acc['point']:.3f} (95% CI {acc['low']:.3f}-{acc['high']:.3f}, n={acc['n']})", file=sys.stderr)


def _score_pairs(args: argparse.Namespace) -> list[tuple[dict, str]]:
    """(critic task, email) pairs: one email against a benchmark task by id, or every record of FILE."""
    if args.task:
        task, = _benchmark_records(load.load_critic_tasks, "task_id", [args.task], "critic task", args.data)
        try:
            return [(task, args.email.read_text(encoding="utf-8"))]
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{args.email}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    name, records = inputs.read_records(args.file)
    pairs, mapped = importers.score_items(name, records)
    _note(mapped, len(records))
    return pairs


def _score(args: argparse.Namespace) -> None:
    pairs = _score_pairs(args)
    out = [{"task_id": task["task_id"], **score(task, email)}
           for task, email in tqdm(pairs, desc="score", unit="email", disable=len(pairs) < PROGRESS_MIN_RECORDS,
                                   file=sys.stderr)]
    _emit(out)
    overall = [r["overall"] for r in out]
    print(f"scored {len(out)} emails: mean overall {sum(overall) / len(overall):.3f} "
          f"(min {min(overall):.3f}, max {max(overall):.3f})", file=sys.stderr)


def _build(args: argparse.Namespace) -> None:
    profile = load_profile(args.profile)
    build_all(seed=profile.data.seed if args.seed is None else args.seed, out_dir=args.out,
              figures_dir=paths.diagnostics_dir(profile.name), embedding_check=profile.data.embedding_check)


def _verify(args: argparse.Namespace) -> None:
    seal.verify_seal(args.data)
    print(f"seal OK: {args.data} matches its manifest (data hash {seal.data_hash(args.data)})")


def _import(args: argparse.Namespace) -> None:
    name, records = inputs.read_records(args.file)
    items, losses = importers.FORMATS[args.format](name, records)
    _emit(items)
    lost = ", ".join(f"{key} {count}" for key, count in sorted(losses.items()) if count) or "none"
    print(f"imported {len(items)} records from {len(records)} {args.format} lines; mapping losses: {lost}",
          file=sys.stderr)


def _data_option(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--data", type=Path, default=paths.DATA_DIR, help=f"{what} (default data/)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tenacious", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate, split, check and seal data/")
    b.add_argument("--profile", default="auto", help="profile naming figures/<profile>/ and the data seed "
                                                      "(default auto; data/ is the same for every profile)")
    b.add_argument("--seed", type=int, default=None, help="override the profile's data seed")
    b.add_argument("--out", type=Path, default=paths.DATA_DIR, help="output data directory (default data/)")
    b.set_defaults(run=_build)
    v = sub.add_parser("verify", help="verify data/ against data/manifest.json")
    _data_option(v, "data directory")
    v.set_defaults(run=_verify)
    j = sub.add_parser("judge", help="send-gate decisions for drafts (rules, or a trained adapter)")
    j.add_argument("file", nargs="?", help="JSONL or one JSON object; '-' reads stdin")
    j.add_argument("--item", action="append", metavar="ID", help="judge a benchmark judge item by id instead of "
                                                                 "FILE (repeatable)")
    j.add_argument("--rubric", default="v2", choices=rubric.RUBRICS, help="rule engine rubric (default v2)")
    j.add_argument("--adapter", type=Path, help="a trained judge adapter folder (PEFT), instead of the rules")
    j.add_argument("--backbone", help="base model of the adapter (default: from its run_config.json)")
    j.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"), help="for --adapter (default auto)")
    j.add_argument("--eval", action="store_true", help="compare with each record's gold_decision; print tables")
    j.add_argument("--json", action="store_true", help="with --eval: one JSON object instead of tables")
    _data_option(j, "where --item looks")
    j.set_defaults(run=_judge)
    s = sub.add_parser("score", help="explained critic score for emails against their task")
    s.add_argument("file", nargs="?", help="JSONL or one JSON object; '-' reads stdin")
    s.add_argument("--task", metavar="ID", help="score one email against a benchmark critic task instead of FILE")
    s.add_argument("--email", type=Path, help="with --task: the file holding the email ('Subject: ...' first)")
    _data_option(s, "where --task looks")
    s.set_defaults(run=_score)
    i = sub.add_parser("import", help="convert a published format into the project's judge records")
    i.add_argument("format", choices=sorted(importers.FORMATS))
    i.add_argument("file", help="JSONL or one JSON object; '-' reads stdin")
    i.set_defaults(run=_import)
    return p


def _check_usage(p: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Option combinations argparse cannot express; a usage error exits 2 like every known failure."""
    if args.command == "judge":
        if (args.file is None) == (args.item is None):
            p.error("judge needs FILE or --item ID (one of them)")
        if args.json and not args.eval:
            p.error("--json needs --eval")
    if args.command == "score" and ((args.file is None) == (args.task is None) or (args.task is None) != (
            args.email is None)):
        p.error("score needs FILE, or --task ID with --email FILE")


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    _check_usage(p, args)
    try:
        args.run(args)
    except KNOWN_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


if __name__ == "__main__":
    sys.exit(main())
