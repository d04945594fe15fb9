"""The independently written slice (stratum IND, v0.3): the third wording source, held out only.

Independent writers, each with a persona of their own and none of them shown the scorer, the rule engine or the
generators, wrote judge items and scored emails into data/raw/v3/ (`judge_<voice>.jsonl` in the
judge_hand_a.jsonl format, `critic_<voice>.jsonl` one labelled email per line). Their text is the
benchmark's test of whether the scorer and the rules hold on wording nobody on the team wrote, so all of
it is sealed in held-out: judge items join judge/heldout_items.jsonl, emails form critic/heldout_emails.jsonl,
and nothing of it reaches train or dev. Seventeen voices are the development voices (their misses were read
to fix general mechanisms: the blind voices of rounds 1 to 3 after their one blind measurement); the round-4
blind voices are measured, not read (`VOICE_GROUPS`).

Rows are validated like the other hand rows (hand_slice), plus: the id names the slice ("V3-..."), the voice
is the file's, an email's evidence is a verbatim substring, a bad email names one violation family and a
good one none. A bad row fails with file:line and the field.
"""

from __future__ import annotations

import json
from pathlib import Path

from tenacious import io, paths
from tenacious.bench import critic_tasks, hand_slice, schema

RAW_SUBDIR = "v3"
VOICES: tuple[str, ...] = ("terse", "chatty", "formal", "nonnative", "analyst", "hurried", "engineer", "legal", "brit",
                           "story", "bullets", "academic", "bangalore", "founder", "german", "mexico", "texter",
                           "recruiter", "french", "aussie", "japanese")
# Development voices (their misses were read to fix general mechanisms; the voices of blind rounds 1 (hurried,
# engineer), 2 (legal, brit, story) and 3 (bullets ... texter) were each measured once before they were read:
# benchmarks/results/independent_blind*.json) and unseen voices (round 4's blind voices: written by writers who
# never saw the code, copied in once the mechanisms were final and measured once, never read for fixes).
VOICE_GROUPS: dict[str, tuple[str, ...]] = {"dev": ("terse", "chatty", "formal", "nonnative", "analyst", "hurried",
                                                    "engineer", "legal", "brit", "story", "bullets", "academic",
                                                    "bangalore", "founder", "german", "mexico", "texter"),
                                            "unseen": ("recruiter", "french", "aussie", "japanese")}
MODE = "independent"
ID_PREFIX = "V3-"


def raw_dir(root: Path | None = None) -> Path:
    """data/raw/v3 (or `root`/v3)."""
    return Path(root or paths.RAW_DIR) / RAW_SUBDIR


def voice_group(voice: str) -> str:
    """'dev' or 'unseen' for a voice of the slice."""
    return next(group for group, voices in VOICE_GROUPS.items() if voice in voices)


def _files(kind: str, root: Path | None) -> list[tuple[str, Path]]:
    """(voice, path) of every existing `<kind>_<voice>.jsonl`, in VOICES order; an unknown voice is an error."""
    folder = raw_dir(root)
    if not folder.is_dir():
        return []
    found = {p.stem.split("_", 1)[1]: p for p in sorted(folder.glob(f"{kind}_*.jsonl"))}
    unknown = sorted(set(found) - set(VOICES))
    if unknown:
        raise io.InputError(f"{found[unknown[0]]}: unknown voice {unknown[0]!r}; expected one of {VOICES}")
    return [(voice, found[voice]) for voice in VOICES if voice in found]


# --- judge items ------------------------------------------------------------------------------------


def _check_judge_row(row: dict, voice: str, seen: set[str]) -> None:
    hand_slice._check_judge_row(row, seen)
    for field in ("item_id", "case_id"):
        if not row[field].startswith(ID_PREFIX):
            raise ValueError(f"field '{field}': {row[field]!r} must start with {ID_PREFIX!r}")
    if row["voice"] != voice:
        raise ValueError(f"field 'voice': {row['voice']!r} in the file of voice {voice!r}")


def judge_item(row: dict) -> dict:
    """One JudgeItem of stratum IND from a validated row (its case is its template group)."""
    item = hand_slice.judge_item(row)
    item.update(authoring_mode=MODE, stratum=schema.INDEPENDENT_STRATUM)
    if "prospect_id" not in row["context"]:
        item["context"] = {**item["context"], "prospect_id": f"IND-{row['case_id']}"}
    schema.validate_judge_item(item)
    return item


def judge_items(root: Path | None = None) -> list[dict]:
    """Every judge item of data/raw/v3/judge_<voice>.jsonl, voices in VOICES order, rows in file order."""
    seen: set[str] = set()
    rows = [row for voice, path in _files("judge", root)
            for row in io.read_jsonl(path, validate=lambda r, v=voice: _check_judge_row(r, v, seen))]
    return [judge_item(row) for row in rows]


# --- scored emails ----------------------------------------------------------------------------------


def _check_email_row(row: dict, voice: str, seen: set[str]) -> None:
    schema.validate("critic_independent_row", row)
    if row["email_id"] in seen:
        raise ValueError(f"field 'email_id': duplicate {row['email_id']!r}")
    seen.add(row["email_id"])
    if row["voice"] != voice:
        raise ValueError(f"field 'voice': {row['voice']!r} in the file of voice {voice!r}")
    if (row["label"] == "bad") != (row["violation"] is not None):
        raise ValueError(f"field 'violation': a {row['label']} email must {'' if row['label'] == 'bad' else 'not '}"
                         "name a violation family")
    if isinstance(row["evidence"], str) and row["evidence"] not in row["email"]:
        raise ValueError(f"field 'evidence': {row['evidence'][:60]!r} is not a substring of the email")
    critic_task(row, "check")


def critic_task(row: dict, template_id: str) -> dict:
    """The full CriticTask of an email: its brief and lists, the style rules the shared policy picks."""
    spec = row["task"]
    ctx = hand_slice.complete_context(spec["context"], row["email_id"])
    rules, _, _ = critic_tasks.task_policy(ctx, spec["goal"], spec["needs_slot"], None)
    task = {"task_id": f"{schema.INDEPENDENT_STRATUM}-{row['email_id']}", "template_id": template_id,
            "stratum": schema.INDEPENDENT_STRATUM, "context": ctx, "instruction": spec["instruction"],
            "goal": spec["goal"], "needs_slot": spec["needs_slot"], "offer": None, "style_guide_excerpts": rules,
            "must_include": spec["must_include"], "must_not": spec["must_not"], "notes": row["reason"]}
    schema.validate_critic_task(task)
    return task


def heldout_emails(root: Path | None = None) -> list[dict]:
    """Every email of data/raw/v3/critic_<voice>.jsonl as a sealed held-out record.

    Emails written for the same task (the same task object in one file) share a template group, so a split
    could never separate them; here they all go to held-out anyway.
    """
    seen: set[str] = set()
    out = []
    for voice, path in _files("critic", root):
        groups: dict[str, str] = {}
        for row in io.read_jsonl(path, validate=lambda r, v=voice: _check_email_row(r, v, seen)):
            key = json.dumps(row["task"], sort_keys=True)
            template = groups.setdefault(key, f"ind-{voice}-t{len(groups) + 1:02d}")
            record = {"email_id": row["email_id"], "voice": voice, "label": row["label"],
                      "violation": row["violation"], "evidence": row["evidence"], "reason": row["reason"],
                      "email": row["email"], "stratum": schema.INDEPENDENT_STRATUM, "template_id": template,
                      "task": critic_task(row, template)}
            schema.validate_critic_heldout_email(record)
            out.append(record)
    return out
