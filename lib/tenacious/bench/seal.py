"""Seal the data tree: a manifest of SHA-256 hashes that every later stage verifies first.

Held-out files are what the paper's numbers are measured on; a silently edited held-out file
would make every number untraceable. `write_manifest` records the hash of every file under
`data/` (the manifest itself excepted) and names the held-out files as sealed; `verify_seal`
recomputes the hashes and refuses, naming the first offending file, on any difference, a
missing file or an unlisted one. `data_hash` is the single value later stages stamp as the
provenance of the data they used.
"""

from __future__ import annotations

from pathlib import Path

from tenacious import paths
from tenacious.io import read_json, sha256_file, sha256_text, stable_json, write_json

MANIFEST_NAME = "manifest.json"
SEALED_FILES = ("critic/heldout_emails.jsonl", "critic/heldout_pairs.jsonl", "critic/heldout_tasks.jsonl",
                "judge/heldout_items.jsonl")
REBUILD_HINT = "rebuild with `python -m tenacious build`"


class SealError(RuntimeError):
    """The data tree does not match its manifest; the message names the file."""


def _tree_files(data_dir: Path) -> list[str]:
    """Every file the manifest covers, as sorted POSIX paths relative to `data_dir`.

    Dot-files and dot-directories (editor and OS litter, atomic-write temporaries) are not data.
    """
    out = []
    for path in data_dir.rglob("*"):
        rel = path.relative_to(data_dir)
        if path.is_file() and rel.as_posix() != MANIFEST_NAME and not any(p.startswith(".") for p in rel.parts):
            out.append(rel.as_posix())
    return sorted(out)


def _table_hash(files: dict[str, str]) -> str:
    return sha256_text(stable_json(files))


def write_manifest(data_dir: Path = paths.DATA_DIR, seed: int | None = None) -> dict:
    """Hash every file under `data_dir` and write `manifest.json`; call it after the last write."""
    data_dir = Path(data_dir)
    files = {rel: sha256_file(data_dir / rel) for rel in _tree_files(data_dir)}
    missing = [rel for rel in SEALED_FILES if rel not in files]
    if missing:
        raise SealError(f"{data_dir.name}/{missing[0]}: held-out file to seal does not exist")
    manifest = {
        "algorithm": "sha256",
        "data_hash": _table_hash(files),
        "files": files,
        "sealed": list(SEALED_FILES),
        "seed": seed,
    }
    write_json(data_dir / MANIFEST_NAME, manifest)
    return manifest


def _read_manifest(data_dir: Path) -> dict:
    path = data_dir / MANIFEST_NAME
    if not path.is_file():
        raise SealError(f"{data_dir.name}/{MANIFEST_NAME}: manifest not found — {REBUILD_HINT}")
    manifest = read_json(path)
    if _table_hash(manifest["files"]) != manifest["data_hash"]:
        raise SealError(f"{data_dir.name}/{MANIFEST_NAME}: file table does not match its data_hash — {REBUILD_HINT}")
    return manifest


def verify_seal(data_dir: Path = paths.DATA_DIR) -> None:
    """Recompute every hash; raise SealError naming the file on the first difference.

    Sealed (held-out) files are checked first so that the most consequential tampering is the
    one reported.
    """
    data_dir = Path(data_dir)
    manifest = _read_manifest(data_dir)
    expected: dict[str, str] = manifest["files"]
    sealed = set(manifest["sealed"])
    for rel in sorted(expected, key=lambda r: (r not in sealed, r)):
        shown = f"{data_dir.name}/{rel}"
        what = "the held-out set was modified" if rel in sealed else "the data tree differs from its manifest"
        path = data_dir / rel
        if not path.is_file():
            raise SealError(f"{shown}: listed in the manifest but missing — {what}; {REBUILD_HINT}")
        found = sha256_file(path)
        if found != expected[rel]:
            raise SealError(
                f"{shown}: SHA-256 mismatch (expected {expected[rel]}, found {found}) — {what}; {REBUILD_HINT}"
            )
    extra = sorted(set(_tree_files(data_dir)) - set(expected))
    if extra:
        raise SealError(f"{data_dir.name}/{extra[0]}: not listed in the manifest — {REBUILD_HINT}")


def data_hash(data_dir: Path = paths.DATA_DIR) -> str:
    """The provenance stamp of a data tree: SHA-256 of its manifest's file table."""
    return _read_manifest(Path(data_dir))["data_hash"]
