"""Command line for the benchmark: build, score, judge, verify.

    python -m tenacious.bench build [--profile smoke|cpu|paper] [--seed N] [--out DIR]
    python -m tenacious.bench score --task ID --email FILE    # explained critic score as JSON
    python -m tenacious.bench judge --item ID [--rubric v2]   # decision and the rule that fired
    python -m tenacious.bench verify                          # check data/ against its manifest

Known failures (bad input, broken seal, contamination, impossible split) print one line naming
the cause and exit with status 1 instead of a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tenacious import paths
from tenacious.bench import judge_rules, load, rubric, seal
from tenacious.bench.build import BuildError, build_all
from tenacious.bench.contamination import ContaminationError
from tenacious.bench.scorer import score
from tenacious.bench.splits import SplitError
from tenacious.io import InputError, stable_json
from tenacious.profiles import ProfileError, load_profile


class NotFoundError(LookupError):
    """No record with the requested id."""


KNOWN_ERRORS = (InputError, seal.SealError, ContaminationError, SplitError, BuildError, ProfileError, NotFoundError)


def _find(records_of, split_names, key: str, wanted: str, what: str) -> dict:
    """Search train, dev, then held-out (verifying the seal only when it gets that far)."""
    for split in split_names:
        for record in records_of(split):
            if record[key] == wanted:
                return record
    raise NotFoundError(f"no {what} with {key} {wanted!r} in data/")


def _build(args: argparse.Namespace) -> None:
    profile = load_profile(args.profile)
    build_all(seed=profile.data.seed if args.seed is None else args.seed, out_dir=args.out,
              figures_dir=paths.diagnostics_dir(profile.name), embedding_check=profile.data.embedding_check)


def _score(args: argparse.Namespace) -> None:
    task = _find(lambda s: load.load_critic_tasks(s, args.data), load.SPLITS, "task_id", args.task, "critic task")
    email = Path(args.email).read_text(encoding="utf-8")
    print(stable_json({"task_id": args.task, **score(task, email)}), end="")


def _judge(args: argparse.Namespace) -> None:
    item = _find(lambda s: load.load_judge_items(s, args.data), load.SPLITS, "item_id", args.item, "judge item")
    fired = judge_rules.explain(item, args.rubric)
    print(stable_json({
        "item_id": item["item_id"],
        "rubric": args.rubric,
        "decision": fired[0]["decision"],
        "rule": fired[0]["rule"],
        "rule_name": fired[0]["name"],
        "reason": fired[0]["reason"],
        "rules_fired": fired,
        "gold_decision": item["gold_decision"],
        "gold_rule": item["gold_rule"],
    }), end="")


def _verify(args: argparse.Namespace) -> None:
    seal.verify_seal(args.data)
    print(f"seal OK: {args.data} matches its manifest (data hash {seal.data_hash(args.data)})")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tenacious.bench", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate, split, check and seal data/")
    b.add_argument("--profile", default="auto", help="profile naming figures/<profile>/ and the data seed "
                                                      "(default auto; data/ is the same for every profile)")
    b.add_argument("--seed", type=int, default=None, help="override the profile's data seed")
    b.add_argument("--out", type=Path, default=paths.DATA_DIR, help="output data directory (default data/)")
    b.set_defaults(run=_build)
    s = sub.add_parser("score", help="score one email for one critic task (JSON)")
    s.add_argument("--task", required=True, help="critic task id, e.g. PRG-0001")
    s.add_argument("--email", required=True, type=Path, help="file holding the email ('Subject: ...' first)")
    s.set_defaults(run=_score)
    j = sub.add_parser("judge", help="apply the judge rubric to one item (JSON)")
    j.add_argument("--item", required=True, help="judge item id")
    j.add_argument("--rubric", default="v2", choices=rubric.RUBRICS)
    j.set_defaults(run=_judge)
    v = sub.add_parser("verify", help="verify data/ against data/manifest.json")
    v.set_defaults(run=_verify)
    for command in (s, j, v):
        command.add_argument("--data", type=Path, default=paths.DATA_DIR, help="data directory (default data/)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.run(args)
    except KNOWN_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
