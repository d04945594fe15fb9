"""One blind round of the independent slice, measured once (issue 19, v0.3).

A blind round is a set of voices written by writers who never saw the code, copied into data/raw/v3 only after
the mechanisms (scorer, rules) were final. This script measures them once, beside the development voices of the
same tree, and the same blind voices under the mechanisms of an earlier commit (`--before`, read from a
`git archive` of its lib/, on this tree's data/raw/v3, so the comparison runs on identical text), and writes
the round's file (`independent_report.BLIND_ROUNDS`), which the data build carries into
data/reports/independent.json and the cards, and redraws every round's figures
(benchmarks/results/independent_blind_rounds.png). No fix may follow
a round's measurement; the next round's voices are the next test.

    .venv/bin/python benchmarks/blind_round.py --round "round 4" --voices recruiter,french,aussie,japanese \
        --before 576486b --compare "e81d93f=round 4's readings without the learned backstop"
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tenacious import paths, provenance
from tenacious.bench import independent, independent_report
from tenacious.io import read_json, write_json


def summary(items: list[dict], emails: list[dict]) -> dict:
    """The round files' figures for one set of voices: rules accuracy and per-probe recall, scorer targets."""
    judge = independent_report.judge_report(items)["groups"]["all"]
    critic = independent_report.critic_report(emails)["groups"]["all"]
    targets = independent_report.TARGETS
    return {
        "judge": {"items": judge["n"], "accuracy": judge["accuracy"], "accuracy by voice": judge.get("by_voice"),
                  "lowest probe recall": judge["min_probe_recall"],
                  **{f"recall {p}": v["recall"] for p, v in sorted(judge["per_probe"].items())
                     if v["recall"] is not None}},
        "critic": {"good": critic["n_good"], "bad": critic["n_bad"], "AUC": critic["auc"],
                   "min good": critic["min_good"], "max bad": critic["max_bad"],
                   f"good >= {targets['good_min']}": critic["good_at_least_min"],
                   f"bad <= {targets['bad_max']}": critic["bad_at_most_max"],
                   **{f"recall {f}": v["recall"] for f, v in sorted(critic["per_family"].items())
                      if v["recall"] is not None}},
    }


def _of(records: list[dict], voices: list[str]) -> list[dict]:
    return [r for r in records if r["voice"] in voices]


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """A subprocess whose failure ends the script with its own last lines, not a traceback of ours."""
    done = subprocess.run(command, capture_output=True, check=False, **kwargs)
    if done.returncode:
        tail = "\n".join(done.stderr.decode(errors="replace").strip().splitlines()[-5:])
        sys.exit(f"blind_round: {Path(command[0]).name} {command[1]} ... failed:\n{tail}")
    return done


def _full_sha(commit: str) -> str:
    return _run(["git", "-C", str(paths.REPO_ROOT), "rev-parse", "--verify", f"{commit}^{{commit}}"]).stdout.decode().strip()


def _before(commit: str, voices: list[str]) -> dict:
    """The blind voices read by the mechanisms of `commit` (its lib/ from git archive, this tree's voices added to
    its voice list), in a subprocess so the two versions of the package never meet."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = _run(["git", "-C", str(paths.REPO_ROOT), "archive", commit, "lib"]).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        # that commit's code on this tree's inputs: its paths point into tmp, so data/raw goes there too
        shutil.copytree(paths.RAW_DIR, Path(tmp) / "data" / "raw")
        code = (
            "import json, sys\n"
            f"sys.path.insert(0, {str(Path(tmp) / 'lib')!r}); sys.path.insert(1, {str(Path(__file__).parent)!r})\n"
            "from tenacious.bench import independent\n"
            f"voices = {voices!r}\n"
            f"new = tuple(v for v in {list(independent.VOICES)!r} if v not in independent.VOICES)\n"
            "independent.VOICES = tuple(independent.VOICES) + new\n"
            "independent.VOICE_GROUPS = {**independent.VOICE_GROUPS,\n"
            "                            'unseen': tuple(independent.VOICE_GROUPS.get('unseen', ())) + new}\n"
            "import blind_round\n"
            f"raw = {str(paths.RAW_DIR)!r}\n"
            "items = [i for i in independent.judge_items(raw) if i['voice'] in voices]\n"
            "emails = [e for e in independent.heldout_emails(raw) if e['voice'] in voices]\n"
            "print(json.dumps(blind_round.summary(items, emails)))\n")
        out = _run([sys.executable, "-c", code], cwd=paths.REPO_ROOT,
                   env={**os.environ, "TENACIOUS_CACHE": str(paths.CACHE_DIR)}).stdout.decode()
    return json.loads(out.strip().splitlines()[-1])


FIGURE = paths.BENCHMARKS_DIR / "results" / "independent_blind_rounds.png"
_PANELS = (("judge", "accuracy", "rules accuracy"), ("judge", "lowest probe recall", "rules: lowest probe recall"),
           ("critic", "AUC", "scorer AUC (good vs bad)"), ("critic", "bad <= 0.6", "scorer: bad emails <= 0.6"))


def plot(rounds: list[dict], path: Path) -> None:
    """Every blind round's figures: the blind voices before the round's fixes and as measured, beside the
    development voices of the same tree, with the issue's target as a dashed line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from tenacious.render import PNG_DPI

    targets = independent_report.TARGETS
    target = {"accuracy": targets["rules_accuracy_min"], "lowest probe recall": targets["rules_recall_min_per_probe"],
              "AUC": targets["scorer_auc_min"], "bad <= 0.6": 1.0}
    sets = (("before_same_voices", "blind, before the round's fixes", "C1"), (None, "blind, as measured", "C3"),
            ("development", "development (in-sample)", "C0"))
    fig, axes = plt.subplots(1, len(_PANELS), figsize=(12, 3.4), sharey=True)
    x = list(range(len(rounds)))
    for ax, (track, measure, title) in zip(axes, _PANELS, strict=True):
        for key, label, color in sets:
            values = [(r.get(key) if key else r) or {} for r in rounds]
            ax.plot(x, [v.get(track, {}).get(measure) for v in values], marker="o", color=color, label=label)
        ax.axhline(target[measure], color="0.5", linestyle="--", linewidth=1)
        ax.set_xticks(x, [f"{r['round']}\n({len(r['voices']['blind'])} voices)" for r in rounds], fontsize=7)
        ax.set_title(title, fontsize=9)
        ax.set_ylim(0.3, 1.02)
    axes[0].legend(fontsize=7, loc="lower left")
    fig.text(0.01, 0.01, "benchmarks/blind_round.py; dashed: the issue's target; each round measured once, "
                         "no fix after", fontsize=6, color="0.4")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(path, dpi=PNG_DPI)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rounds = dict(independent_report.BLIND_ROUNDS)
    parser.add_argument("--round", required=True, choices=sorted(rounds), help="which round's file to write")
    parser.add_argument("--voices", default=",".join(independent.VOICE_GROUPS["unseen"]),
                        help="the round's blind voices, comma-separated (default: independent.VOICE_GROUPS's unseen)")
    parser.add_argument("--force", action="store_true", help="overwrite the round's file (it is measured once)")
    parser.add_argument("--before", help="an earlier commit whose mechanisms read the same blind voices")
    parser.add_argument("--compare", action="append", default=[], metavar="COMMIT=LABEL",
                        help="another commit that reads the same blind voices, kept under 'compared' (repeatable)")
    args = parser.parse_args()
    blind = args.voices.split(",")
    unknown = sorted(set(blind) - set(independent.VOICES))
    if unknown:
        sys.exit(f"blind_round: voices {unknown} are not in tenacious.bench.independent.VOICES")
    path = rounds[args.round]
    if path.is_file() and not args.force:
        sys.exit(f"blind_round: {path.relative_to(paths.REPO_ROOT)} exists: a round is measured once (--force to redo)")
    development = [v for v in independent.VOICES if v not in blind]
    items, emails = independent.judge_items(), independent.heldout_emails()
    out = {**summary(_of(items, blind), _of(emails, blind)),
           "development": summary(_of(items, development), _of(emails, development)),
           "voices": {"blind": blind, "development": development},
           "commit": provenance.git_commit(),
           "note": f"blind voices {', '.join(blind)}: written by writers who never saw the code, copied into "
                   "data/raw/v3 after the mechanisms were final and measured once by benchmarks/blind_round.py; "
                   "no fix followed. 'development' = the voices whose misses were read (in-sample), measured "
                   "in the same tree."}
    if args.before:
        out["before_same_voices"] = {**_before(args.before, blind), "commit": _full_sha(args.before),
                                     "note": f"the same blind voices read by the mechanisms of commit {args.before} "
                                             "(before this round's fixes), from a git-archive copy of its lib/"}
    for entry in args.compare:
        commit, _, label = entry.partition("=")
        out.setdefault("compared", {})[commit] = {**_before(commit, blind), "commit": _full_sha(commit),
                                                  "note": label}
    write_json(path, out)
    for key in ("judge", "critic"):
        print(key, json.dumps({k: v for k, v in out[key].items() if not isinstance(v, dict)}))
        for name, block in ([("before", out["before_same_voices"])] if args.before else []) + sorted(
                out.get("compared", {}).items()):
            print(f"{key} {name}", json.dumps({k: v for k, v in block[key].items() if not isinstance(v, dict)}))
    rounds = [{"round": name, **read_json(p)} for name, p in independent_report.BLIND_ROUNDS if p.is_file()]
    plot(rounds, FIGURE)
    print(f"wrote {path.relative_to(paths.REPO_ROOT)} and {FIGURE.relative_to(paths.REPO_ROOT)}")


if __name__ == "__main__":
    main()
