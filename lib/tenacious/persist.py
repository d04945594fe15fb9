"""A run that outlives its machine: its state in a persist folder, one archive, the trained adapters on the Hub.

A Colab VM loses everything on a disconnect. `link_state` replaces each folder a run writes (stage
receipts, checkpoints, adapters and traces under runs/, the data stage's figures, paper/<profile>/, the
converted-model cache) by a link into a persist folder (a Google Drive folder on Colab), so every file
lands there as it is written. A re-opened notebook clones afresh and links again: the runner finds its
receipts and skips the stages that are up to date, and training finds its checkpoints and resumes from
the last one. data/ is not linked: it is committed and rebuilt byte for byte from the seed.

`archive` zips the paper outputs with the trained adapters; `push_to_hub` uploads each adapter folder
with its track's model card as README.md (the card's metadata carries the measured `model-index`).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

import yaml

from tenacious import paths


class PersistError(RuntimeError):
    """A persist, archive or push request that cannot be met; the message says what is missing."""


def persisted_paths(profile: str) -> list[Path]:
    """Repository-relative folders a run writes; everything else is in git or rebuilt identically."""
    here = Path()
    return [Path("runs"), paths.diagnostics_dir(profile, here), paths.paper_dir(profile, here), Path(".cache")]


def _merge_into(local: Path, remote: Path) -> None:
    """Move every file of `local` that `remote` lacks into it (the persisted copy wins), then drop `local`."""
    for item in sorted(local.rglob("*")):
        target = remote / item.relative_to(local)
        if (item.is_file() or item.is_symlink()) and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(item), str(target))
    shutil.rmtree(local)


def link_state(root: Path, folder: Path, profile: str) -> list[Path]:
    """Link each persisted folder of the run at `root` into `folder` (files already written locally move there
    first); returns the links. Linking again, or from a fresh clone, finds what earlier runs wrote."""
    folder = Path(folder).resolve()
    links = []
    for rel in persisted_paths(profile):
        local, remote = Path(root) / rel, folder / rel
        if local.exists() and not local.is_dir():
            raise PersistError(f"{local}: a file where the run writes a folder; move it away first")
        try:
            remote.mkdir(parents=True, exist_ok=True)
            if local.is_symlink():
                local.unlink()
            elif local.is_dir():
                _merge_into(local, remote)
            local.parent.mkdir(parents=True, exist_ok=True)
            local.symlink_to(remote, target_is_directory=True)
        except OSError as exc:
            raise PersistError(f"cannot link {local} to {remote}: {exc.strerror or exc}") from None
        links.append(local)
    return links


def adapter_dirs(root: Path, profile: str) -> list[Path]:
    """Every trained adapter folder of the profile (runs/<profile>/<track>/seed<N>/adapter)."""
    return sorted(p.parent for p in paths.runs_dir(profile, root).glob("*/seed*/adapter/adapter_config.json"))


def archive(root: Path, profile: str, out: Path) -> Path:
    """One zip: paper/<profile>/ and, per trained run, its adapter, history and run config."""
    files = sorted(p for p in paths.paper_dir(profile, root).rglob("*") if p.is_file())
    for adapter in adapter_dirs(root, profile):
        files += sorted(p for p in adapter.rglob("*") if p.is_file())
        files += [adapter.parent / n for n in (paths.HISTORY_FILE, paths.RUN_CONFIG_FILE)
                  if (adapter.parent / n).is_file()]
    if not files:
        raise PersistError(f"nothing to archive under {paths.paper_dir(profile, root)} or "
                           f"{paths.runs_dir(profile, root)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            zf.write(f, str(f.relative_to(root)))  # repository-relative names, also when the folder is a link
    return out


def card_metadata(card: Path) -> dict:
    """The YAML front matter of a model card (empty when it has none)."""
    text = card.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        return {}
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0]) or {}


def push_to_hub(root: Path, profile: str, repo_prefix: str, token: str) -> list[str]:
    """Upload every adapter folder with its track's model card as README.md to a private repo
    `<repo_prefix>-<track>-seed<N>`, one commit each; returns the repo ids.

    Every card is checked before anything is uploaded: it must exist and carry `model-index` (the figures
    stage writes it from numbers.json), so a repo never gets an adapter without its measured numbers."""
    from huggingface_hub import HfApi

    adapters = adapter_dirs(root, profile)
    if not adapters:
        raise PersistError(f"no trained adapter under {paths.runs_dir(profile, root)} to push")
    cards = {}
    for adapter in adapters:
        track = adapter.parent.parent.name
        card = paths.cards_dir(profile, root) / track / "README.md"
        if not card.is_file() or "model-index" not in card_metadata(card):
            raise PersistError(f"{card}: no model card with model-index metadata; run the figures stage first")
        cards[adapter] = card
    api, pushed = HfApi(token=token), []
    for adapter in adapters:
        track, seed = adapter.parent.parent.name, adapter.parent.name
        repo_id = f"{repo_prefix}-{track}-{seed}"
        try:
            api.create_repo(repo_id, private=True, exist_ok=True)
            with tempfile.TemporaryDirectory() as staging:
                shutil.copytree(adapter, staging, dirs_exist_ok=True)
                shutil.copyfile(cards[adapter], Path(staging) / "README.md")
                api.upload_folder(repo_id=repo_id, folder_path=staging, commit_message=f"{profile} {track} {seed}")
        except OSError as exc:  # huggingface_hub's HTTP errors are OSErrors too
            raise PersistError(f"{repo_id}: push failed: {exc}") from None
        pushed.append(repo_id)
    return pushed
