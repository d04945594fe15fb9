"""The Colab notebook's download: one zip of the paper outputs with the trained adapters (tenacious.persist.archive).

Keeping the run on Google Drive and pushing adapters to the Hub are options of the pipeline itself
(`python -m tenacious.pipeline --persist DIR --push-to-hub PREFIX`), so `./run_all.sh` has them too.

    python scripts/colab_outputs.py archive --profile paper --out /content/tenacious-paper.zip
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tenacious import paths
from tenacious.persist import PersistError, archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("archive",))
    parser.add_argument("--profile", default="paper")
    parser.add_argument("--root", type=Path, default=paths.REPO_ROOT)
    parser.add_argument("--out", type=Path, required=True, help="the zip to write")
    args = parser.parse_args(argv)
    try:
        print(archive(args.root, args.profile, args.out))
    except (PersistError, OSError) as exc:
        print(f"colab_outputs: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
