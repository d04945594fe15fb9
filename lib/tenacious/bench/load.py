"""Read the built benchmark: one place that knows the data/ layout, verifies the seal and validates.

Later stages never open data/ files themselves: held-out reads go through `verify_seal` first (so
no number is ever measured on a modified held-out set) and every record is schema-checked on the
way in (so a hand-edited file fails loudly, naming file and line).
"""

from __future__ import annotations

from pathlib import Path

from tenacious import paths
from tenacious.bench import schema
from tenacious.bench.seal import verify_seal
from tenacious.io import read_jsonl

SPLITS: tuple[str, ...] = ("train", "dev", "heldout")
PAIR_SPLITS: tuple[str, ...] = ("train", "dev")  # held-out pairs would leak the held-out answers
TRACKS: tuple[str, ...] = ("critic", "judge")


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; expected one of {allowed}")


def critic_tasks_path(split: str, data_dir: Path = paths.DATA_DIR) -> Path:
    _check(split, SPLITS, "split")
    return Path(data_dir) / "critic" / f"{split}_tasks.jsonl"


def judge_items_path(split: str, data_dir: Path = paths.DATA_DIR) -> Path:
    _check(split, SPLITS, "split")
    return Path(data_dir) / "judge" / f"{split}_items.jsonl"


def pairs_path(track: str, split: str, data_dir: Path = paths.DATA_DIR) -> Path:
    _check(track, TRACKS, "track")
    _check(split, PAIR_SPLITS, "pair split")
    return Path(data_dir) / track / f"{split}_pairs.jsonl"


def critic_heldout_pairs_path(data_dir: Path = paths.DATA_DIR) -> Path:
    """The sealed hand-written critic pairs for pair-ranking evaluation (held-out only: no split argument)."""
    return Path(data_dir) / "critic" / "heldout_pairs.jsonl"


def critic_heldout_emails_path(data_dir: Path = paths.DATA_DIR) -> Path:
    """The sealed independently written emails, good or bad by their writer (held-out only: no split argument)."""
    return Path(data_dir) / "critic" / "heldout_emails.jsonl"


def _read(path: Path, split: str, data_dir: Path, validate) -> list[dict]:
    if split == "heldout":
        verify_seal(data_dir)
    return read_jsonl(path, validate=validate)


def load_critic_tasks(split: str, data_dir: Path = paths.DATA_DIR) -> list[dict]:
    """Critic tasks of one split (train | dev | heldout)."""
    return _read(critic_tasks_path(split, data_dir), split, data_dir, schema.validate_critic_task)


def load_judge_items(split: str, data_dir: Path = paths.DATA_DIR) -> list[dict]:
    """Judge items of one split (train | dev | heldout)."""
    return _read(judge_items_path(split, data_dir), split, data_dir, schema.validate_judge_item)


def load_pairs(track: str, split: str, data_dir: Path = paths.DATA_DIR) -> list[dict]:
    """Preference pairs of one track (critic | judge) and split (train | dev)."""
    return _read(pairs_path(track, split, data_dir), split, data_dir, schema.validate_preference_pair)


def load_critic_heldout_emails(data_dir: Path = paths.DATA_DIR) -> list[dict]:
    """The held-out independent emails (task, email, label, violation family), after the seal is verified."""
    return _read(critic_heldout_emails_path(data_dir), "heldout", data_dir, schema.validate_critic_heldout_email)


def load_critic_heldout_pairs(data_dir: Path = paths.DATA_DIR) -> list[dict]:
    """The held-out hand-written critic pairs (task, chosen, rejected, reason), after the seal is verified."""
    return _read(critic_heldout_pairs_path(data_dir), "heldout", data_dir, schema.validate_critic_heldout_pair)
