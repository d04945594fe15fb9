"""Importers: the issue's pair mapping rules, flat judge-card contexts, and counted mapping losses."""

from collections import Counter

import pytest

from tenacious import importers
from tenacious.bench import schema
from tenacious.io import InputError

FLAT = {"company": "Quarnfield Logistics", "headcount": 140, "disqualifiers": [], "opt_out_channels": ["phone"],
        "recipient_role": "Head of Platform", "funding_stage": "series_a", "funding_amount_usd": None,
        "funding_confidence": "low", "thread_id": "th-q-001",
        "available_signals": {"hiring": {"value": 9, "text": "Nine backend openings"}, "weather": "sunny"}}


@pytest.mark.parametrize("chosen, rejected, probe, expected", [
    ("suppress", "send", "A07", ("SUPPRESS", "SUPPRESS")),   # a chosen suppress: every draft shares it
    ("escalate", "send", "G03", ("ESCALATE", "ESCALATE")),
    ("send", "send", "B04", ("PASS", "BLOCK")),              # rejected send takes its probe's rule
    ("send", "send", "E02", ("PASS", "PENALISE")),
    ("send", "suppress", "E03", ("PASS", "PASS")),           # over-cautious rejected action: PASS
    ("send", "escalate", "PASS", ("PASS", "PASS")),
])
def test_pair_golds_follow_the_issue(chosen, rejected, probe, expected):
    assert importers.pair_golds(chosen, rejected, probe) == expected


def test_flat_context_nests_and_counts_its_losses():
    losses = Counter()
    ctx = importers.nest_context(FLAT, losses)
    assert ctx["recipient"] == {"role": "Head of Platform"}
    assert ctx["funding"] == {"stage": "series_a", "amount_usd": None, "confidence": "low"}
    assert ctx["signals"] == [{"kind": "hiring", "text": "Nine backend openings", "value": 9, "confidence": "low"}]
    assert losses == Counter(recipient_name_missing=1, signal_kind_unknown=1, signal_confidence_assumed=1)


def test_pair_import_writes_valid_judge_items_and_counts_losses():
    pair = {"pair_id": "p1", "probe_id": "E03", "context": {**FLAT, "crm": 3},
            "chosen": {"action": "send", "output": "Hi, would a call on Tuesday at 10:00 CET (12:00 EAT) work?",
                       "rationale": "email is allowed"},
            "rejected": {"action": "suppress", "output": None, "rationale": "over-cautious"}}
    items, losses = importers.import_pairs("p.jsonl", [(3, pair)])
    for item in items:
        schema.validate_judge_item(item)
    assert [(i["item_id"], i["gold_decision"], i["gold_rule"], i["draft"]) for i in items] == [
        ("p1-chosen", "PASS", 11, pair["chosen"]["output"]), ("p1-rejected", "PASS", 11, "")]
    assert losses["rationale"] == 2 and losses["rejected_action"] == 1 and losses["context_field_dropped"] == 2


def test_pair_import_errors_name_line_and_field():
    with pytest.raises(InputError, match=r"^p\.jsonl:5: chosen\.action: 'maybe' is not one of"):
        importers.import_pairs("p.jsonl", [(5, {"pair_id": "p", "probe_id": "A07", "context": FLAT,
                                                "chosen": {"action": "maybe"}, "rejected": {"action": "send"}})])
    with pytest.raises(InputError, match=r"^p\.jsonl:2: probe_id: 'Z99' is not one of"):
        importers.import_pairs("p.jsonl", [(2, {"pair_id": "p", "probe_id": "Z99", "context": FLAT})])


def test_pair_without_funding_stage_is_a_valid_item_at_the_unknown_stage():
    context = {k: v for k, v in FLAT.items() if not k.startswith("funding_")}
    pair = {"pair_id": "p2", "probe_id": "E02", "context": context,
            "chosen": {"action": "send", "output": "Hi, would a call on Tuesday at 10:00 CET (12:00 EAT) work?"},
            "rejected": {"action": "send", "output": "Hi, teams like Acme work with us. A call on Tuesday?"}}
    items, losses = importers.import_pairs("p.jsonl", [(1, pair)])
    for item in items:
        schema.validate_judge_item(item)
        assert item["context"]["funding"] == {"stage": "unknown", "amount_usd": None,
                                              "confidence": "insufficient_signal"}
    assert losses["funding_stage_unknown"] == 2 and losses["recipient_name_missing"] == 2  # per judge item


def test_widget_text_is_the_judge_card_record_it_spells_out():
    text = 'Context:\n{"company": "DevCo", "headcount": 200, "recipient_role": "vp_eng"}\n\nAgent output:\nHi,\nDevCo.'
    assert importers.widget_record({"text": text, "item_id": "w"}, "w.jsonl:1") == {
        "item_id": "w", "context": {"company": "DevCo", "headcount": 200, "recipient_role": "vp_eng"},
        "draft": "Hi,\nDevCo."}


@pytest.mark.parametrize("record, fmt", [
    ({"text": "Context: {}"}, "widget"),
    ({"pair_id": "p", "context": {}}, "pairs"),
    ({"context": {"company": "A", "recipient_role": "cto"}, "draft": ""}, "judge-card"),
    ({"company": "A", "recipient_role": "cto", "draft": ""}, "judge-card"),
    ({"context": {"company": "A", "recipient": {"role": "cto"}, "funding": {"stage": "seed"}}, "draft": ""}, "nested"),
    ({"context": {"company": "A"}, "draft": ""}, "nested"),  # nothing flat: the project's schema names what is missing
    ({"draft": ""}, "nested"),
])
def test_record_format_is_detected_per_record(record, fmt):
    assert importers.record_format(record) == fmt
