"""Measured wall time of each pipeline stage per profile, from the runner's receipts.

The runner writes `runs/<profile>/receipts/<run>.json` with the seconds each stage run took; this
script collects them into benchmarks/results/pipeline_times.json, which the README quotes (a test
checks the README against this file).

    .venv/bin/python benchmarks/pipeline_times.py --profile cpu [--profile smoke]
"""

from __future__ import annotations

import argparse

from tenacious import paths
from tenacious.io import read_json, write_json
from tenacious.provenance import device_info, git_commit

RESULT = paths.BENCHMARKS_DIR / "results" / "pipeline_times.json"


def collect(profile: str) -> dict:
    receipts = sorted((paths.runs_dir(profile) / "receipts").glob("*.json"))
    if not receipts:
        raise SystemExit(f"no receipts under {paths.runs_dir(profile) / 'receipts'}; run ./run_all.sh --profile {profile}")
    runs = {r.stem: read_json(r)["seconds"] for r in receipts}
    return {"runs_seconds": runs, "total_seconds": round(sum(runs.values()), 1),
            "total_minutes": round(sum(runs.values()) / 60, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="append", required=True)
    args = parser.parse_args()
    result = read_json(RESULT) if RESULT.is_file() else {}
    for profile in args.profile:
        result[profile] = {**collect(profile), "commit": git_commit(), "device": device_info()}
        print(f"{profile}: {result[profile]['total_minutes']} min  {result[profile]['runs_seconds']}")
    write_json(RESULT, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
