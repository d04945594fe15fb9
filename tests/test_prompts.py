"""Prompt formats: `compact` keeps every field a rule reads and drops shared text; training and inference
render the trained models' prompt with one function; the zero-shot baseline keeps the full rubric."""

import pytest

from tenacious.bench import rubric, style_guide
from tenacious.bench.load import load_critic_tasks, load_judge_items, load_pairs
from tenacious.bench.prompts import (
    PROMPT_FORMATS,
    critic_instance_text,
    critic_messages,
    judge_instance_text,
    judge_messages,
    trained_messages,
)
from tenacious.train import pair_messages


def _text(messages):
    return "\n".join(m["content"] for m in messages)


def test_compact_critic_prompt_keeps_the_task_and_names_rules_by_id():
    task = load_critic_tasks("train")[0]
    compact, full = critic_messages(task, prompt_format="compact"), critic_messages(task)
    user = compact[1]["content"]
    assert critic_instance_text(task) in user
    assert all(rid in user for rid in task["style_guide_excerpts"]) and task["style_guide_excerpts"]
    assert not any(style_guide.RULES[rid] in _text(compact) for rid in task["style_guide_excerpts"])
    assert len(_text(compact)) < 0.8 * len(_text(full))


def test_compact_judge_prompt_keeps_brief_and_draft_but_not_the_rubric():
    item = load_judge_items("train")[0]
    compact, full = judge_messages(item, "compact"), judge_messages(item)
    assert judge_instance_text(item) in compact[1]["content"] and item["draft"] in compact[1]["content"]
    assert all(line not in _text(compact) for line in rubric.PROMPT_LINES)
    assert all(d in compact[0]["content"] for d in rubric.DECISIONS)  # the answer format is still stated
    assert all(line in full[0]["content"] for line in rubric.PROMPT_LINES)  # zero-shot keeps the rubric
    assert compact[1] == full[1] and len(compact[0]["content"]) < len(full[0]["content"]) / 3


@pytest.mark.parametrize("track,split", [("critic", "train"), ("critic", "dev"), ("judge", "train"), ("judge", "dev")])
def test_full_format_re_rendered_from_sources_is_what_the_pairs_store(track, split):
    """The pairs in data/ were rendered by the same builder: re-rendering from the source records is exact."""
    pairs = load_pairs(track, split)
    records = load_critic_tasks(split) if track == "critic" else load_judge_items(split)
    key = "task_id" if track == "critic" else "item_id"
    by_id = {r[key]: r for r in records}
    assert [trained_messages(track, by_id[p["source_id"]], "full") for p in pairs] == \
        [p["prompt_messages"] for p in pairs]


def test_training_re_renders_compact_prompts_with_the_inference_renderer():
    pairs = load_pairs("judge", "dev")[:3]
    items = {i["item_id"]: i for i in load_judge_items("dev")}
    got = pair_messages(pairs, "judge", "compact", "dev")
    assert got == [judge_messages(items[p["source_id"]], "compact") for p in pairs]
    assert pair_messages(pairs, "judge", "full", "dev") == [p["prompt_messages"] for p in pairs]


def test_bad_format_and_compact_promptaug_are_refused():
    task, item = load_critic_tasks("train")[0], load_judge_items("train")[0]
    assert PROMPT_FORMATS == ("full", "compact")
    with pytest.raises(ValueError, match="prompt_format must be one of"):
        judge_messages(item, "tiny")
    with pytest.raises(ValueError, match="no promptaug variant"):
        critic_messages(task, "promptaug", "compact")
