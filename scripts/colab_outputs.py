"""Colab outputs that survive a disconnect: state on Google Drive, one archive with the adapters, optional Hub push.

The Colab VM loses everything on a disconnect. `persist` links the folders a run writes (stage receipts,
checkpoints and adapters under runs/, figures, the paper outputs, the converted-model cache) to a Drive
folder, so re-running the notebook skips finished stages and resumes training from its last checkpoint.
`archive` zips the paper outputs with the trained adapters; `push` uploads each adapter with its model card
to the Hugging Face Hub (only when the notebook asks and HF_TOKEN is set).

    python scripts/colab_outputs.py persist --drive /content/drive/MyDrive/tenacious --profile paper
    python scripts/colab_outputs.py archive --profile paper --out /content/tenacious-paper.zip
    python scripts/colab_outputs.py push --profile paper --repo-prefix you/tenacious
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def persisted_paths(profile: str) -> list[str]:
    """Repo-relative folders a run writes; everything else is in git or rebuilt identically."""
    return ["runs", f"figures/{profile}", f"paper/{profile}", ".cache"]


def persist(root: Path, drive: Path, profile: str) -> list[Path]:
    """Replace each written folder by a link into `drive` (existing local files move there first)."""
    linked = []
    for rel in persisted_paths(profile):
        local, remote = root / rel, drive / rel
        remote.mkdir(parents=True, exist_ok=True)
        if local.is_symlink():
            local.unlink()
        elif local.is_dir():
            for item in sorted(local.iterdir()):
                if not (remote / item.name).exists():
                    shutil.move(str(item), str(remote / item.name))
            shutil.rmtree(local)
        local.parent.mkdir(parents=True, exist_ok=True)
        local.symlink_to(remote, target_is_directory=True)
        linked.append(local)
    return linked


def adapter_dirs(root: Path, profile: str) -> list[Path]:
    return sorted(p.parent for p in (root / "runs" / profile).glob("*/seed*/adapter/adapter_config.json"))


def archive(root: Path, profile: str, out: Path) -> Path:
    """One zip: paper/<profile>/ and, per trained run, its adapter, history and run config."""
    files = sorted(p for p in (root / "paper" / profile).rglob("*") if p.is_file())
    for adapter in adapter_dirs(root, profile):
        files += sorted(p for p in adapter.rglob("*") if p.is_file())
        files += [adapter.parent / n for n in ("history.json", "run_config.json") if (adapter.parent / n).is_file()]
    if not files:
        raise FileNotFoundError(f"nothing to archive under {root}/paper/{profile} or {root}/runs/{profile}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            zf.write(f, str(f.relative_to(root)))  # repo-relative names, also when the folder links to Drive
    return out


def push(root: Path, profile: str, repo_prefix: str, token: str) -> list[str]:
    """Upload every adapter (and its track's model card as README.md) to `<prefix>-<track>-seed<N>`, private."""
    from huggingface_hub import HfApi

    api, pushed = HfApi(token=token), []
    for adapter in adapter_dirs(root, profile):
        track, seed = adapter.parent.parent.name, adapter.parent.name
        repo_id = f"{repo_prefix}-{track}-{seed}"
        api.create_repo(repo_id, private=True, exist_ok=True)
        api.upload_folder(repo_id=repo_id, folder_path=str(adapter), commit_message=f"{profile} {track} {seed}")
        card = root / "paper" / profile / "model_cards" / track / "README.md"
        if card.is_file():
            api.upload_file(path_or_fileobj=str(card), path_in_repo="README.md", repo_id=repo_id)
        pushed.append(repo_id)
    return pushed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("persist", "archive", "push"))
    parser.add_argument("--profile", default="paper")
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--drive", type=Path, help="persist: the Drive folder that keeps the run")
    parser.add_argument("--out", type=Path, help="archive: the zip to write")
    parser.add_argument("--repo-prefix", help="push: Hub repos are <prefix>-<track>-seed<N>")
    args = parser.parse_args(argv)
    try:
        if args.action == "persist":
            if args.drive is None:
                raise ValueError("persist needs --drive")
            for link in persist(args.root, args.drive, args.profile):
                print(f"{link} -> {link.resolve()}")
        elif args.action == "archive":
            if args.out is None:
                raise ValueError("archive needs --out")
            print(archive(args.root, args.profile, args.out))
        else:
            token = os.environ.get("HF_TOKEN")
            if not token or not args.repo_prefix:
                raise ValueError("push needs HF_TOKEN in the environment and --repo-prefix")
            for repo_id in push(args.root, args.profile, args.repo_prefix, token):
                print(f"pushed https://huggingface.co/{repo_id}")
    except (ValueError, OSError) as exc:
        print(f"colab_outputs: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
