"""Goldens for the judge rule engine (rubric v2 and v1) and invariants of the judge item generator."""

from __future__ import annotations

import copy
import inspect
import random
from collections import Counter

import pytest

from tenacious.bench import judge_items, schema, splits
from tenacious.bench import judge_rules as jr
from tenacious.io import InputError, read_jsonl, stable_json, write_jsonl
from tenacious.prompts import judge_messages

CLEAN_DRAFT = (
    "Subject: Extra Python capacity for Orsel\n\n"
    "Hi Mira,\n\n"
    "Your careers page lists 12 open engineering roles. Tenacious extends product teams with "
    "engineers in Addis Ababa who overlap your morning.\n\n"
    "Would a 20-minute call on Tuesday at 10:00 CET (12:00 EAT) be useful?\n\n"
    "Best,\nNoor"
)


def base_context(**changes) -> dict:
    """A context on which no rule fires for CLEAN_DRAFT; each test changes one thing."""
    ctx = {
        "prospect_id": "P000001", "company": "Orselwise Labs", "domain": "orselwise.example",
        "industry": "logistics", "regulated": False, "headcount": 420, "hq_timezone": "Europe/Berlin",
        "recipient": {"name": "Mira Lindqvist", "role": "vp_eng"}, "segment": "segment_1",
        "segment_confidence": 0.8, "ai_maturity": {"score": 1, "confidence": "high"},
        "signals": [{"kind": "hiring", "text": "12 open engineering roles", "value": 12, "confidence": "high"}],
        "funding": {"stage": "series_a", "amount_usd": 12_000_000, "confidence": "high"},
        "disqualifiers": [], "opt_out_channels": [], "channel": "email", "thread_id": "th-0000abcd",
        "prior_thread": [],
        "prior_commitments": [{"engineer": "Selam Girma", "stack": "python", "until": "2026-09-30"}],
        "bench": {"python": 5},
    }
    ctx.update(copy.deepcopy(changes))
    return ctx


def with_body(line: str, draft: str = CLEAN_DRAFT) -> str:
    """CLEAN_DRAFT with one extra sentence before the ask."""
    return draft.replace("\n\nWould a 20-minute", f" {line}\n\nWould a 20-minute")


def test_clean_context_and_draft_pass_under_both_rubrics():
    assert jr.decide((base_context(), CLEAN_DRAFT)) == ("PASS", 11)
    assert jr.decide((base_context(), CLEAN_DRAFT), rubric="v1") == ("PASS", 11)
    assert jr.explain((base_context(), CLEAN_DRAFT)) == [
        {"rule": 11, "decision": "PASS", "probe": "PASS", "name": "pass", "reason": "no rule fires"}]


def test_item_mapping_and_pair_are_equivalent():
    ctx = base_context(disqualifiers=["competitor"])
    assert jr.decide({"context": ctx, "draft": CLEAN_DRAFT}) == jr.decide((ctx, CLEAN_DRAFT)) == ("SUPPRESS", 1)


# --- one golden per rule ------------------------------------------------------------------------

DECLINED_THREAD = [
    {"from": "agent", "text": "Would a two-week pilot with two Python engineers help the payments rewrite?"},
    {"from": "prospect", "text": "Thanks, but not right now: we have a hiring freeze until the autumn."},
]

RULE_GOLDENS = {
    "r1_disqualifier": (base_context(disqualifiers=["anti_offshore"]), CLEAN_DRAFT, ("SUPPRESS", 1)),
    "r2_opted_out": (base_context(opt_out_channels=["email", "phone"]), CLEAN_DRAFT, ("SUPPRESS", 2)),
    "r3_pushes_declined_offer": (
        base_context(prior_thread=DECLINED_THREAD),
        with_body("Could we restart the pilot with two Python engineers next month?"), ("SUPPRESS", 3)),
    "r4_c_level_enterprise": (
        base_context(recipient={"name": "Mira Lindqvist", "role": "CTO"}, headcount=2001), CLEAN_DRAFT,
        ("ESCALATE", 4)),
    "r5_other_thread_id": (base_context(), with_body("Same plan as in th-77aa00ff."), ("BLOCK", 5)),
    "r5_other_company_conversation": (
        base_context(), with_body("In my thread with Brackly Systems they asked for the same."), ("BLOCK", 5)),
    "r6_amount_low_confidence": (
        base_context(funding={"stage": "series_a", "amount_usd": 12_000_000, "confidence": "low"}),
        with_body("Congrats on raising $12M."), ("BLOCK", 6)),
    "r7_wrong_stage": (base_context(), with_body("As a Series C company you need scale."), ("BLOCK", 7)),
    "r7_wrong_amount": (base_context(), with_body("Congrats on the $40M round."), ("BLOCK", 7)),
    "r8_committed_engineer": (base_context(), with_body("Selam Girma could start next week."), ("BLOCK", 8)),
    "r8_committed_first_name": (base_context(), with_body("Selam could join your team on Monday."), ("BLOCK", 8)),
    "r9_generic_peer": (base_context(), with_body("Teams like Acme and Brisknest use us."), ("PENALISE", 9)),
    "r9_repeated_peer": (
        base_context(), with_body("Teams like Brisknest, Calde Cloud and Brisknest use us."), ("PENALISE", 9)),
    "r10_missing_caveat": (base_context(industry="fintech", regulated=True), CLEAN_DRAFT, ("PENALISE", 10)),
}


@pytest.mark.parametrize("name", sorted(RULE_GOLDENS))
def test_rule_golden(name):
    ctx, draft, expected = RULE_GOLDENS[name]
    assert jr.decide((ctx, draft)) == expected
    fired = jr.explain((ctx, draft))
    assert [f["rule"] for f in fired] == [expected[1], 11]
    assert fired[0]["reason"]


# --- near misses: the same surface, no violation ---------------------------------------------------

NEAR_MISSES = {
    "opt_out_other_channel": (base_context(opt_out_channels=["linkedin"]), CLEAN_DRAFT),
    "decline_but_different_offer": (
        base_context(prior_thread=DECLINED_THREAD),
        ("Subject: Noted\n\nHi Mira,\n\nUnderstood about the freeze. I will not follow up on this; "
         "reply here whenever the timing changes.\n\nBest,\nNoor")),
    "prospect_reengaged_after_decline": (
        base_context(prior_thread=[*DECLINED_THREAD, {"from": "agent", "text": "Understood, thanks."},
                                   {"from": "prospect", "text": "Budget opened up. Send me the pilot outline."}]),
        with_body("Here is the pilot outline with two Python engineers.")),
    "own_thread_id": (base_context(), with_body("Picking up our thread th-0000abcd.")),
    "call_with_our_engineer": (base_context(), with_body("A call with Hanna Bekele, our Python lead, is possible.")),
    "amount_high_confidence_correct": (base_context(), with_body("Congrats on raising $12M in your Series A.")),
    "amount_within_tolerance": (base_context(), with_body("Congrats on the $12.5M round.")),
    "price_quote_is_not_funding": (base_context(), with_body("Senior engineers cost $6,500 to $9,000 a month.")),
    "committed_engineer_said_unavailable": (
        base_context(), with_body("Selam Girma is booked until autumn, so Hanna Bekele would lead.")),
    "distinct_peers": (base_context(), with_body("Teams like Brisknest and Calde Cloud use us.")),
    "regulated_with_caveat": (
        base_context(industry="fintech", regulated=True),
        with_body("Everything we propose is Subject to your compliance   review.")),
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_miss_passes(name):
    ctx, draft = NEAR_MISSES[name]
    assert jr.decide((ctx, draft)) == ("PASS", 11)


# --- boundaries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("headcount, expected", [(2000, ("PASS", 11)), (2001, ("ESCALATE", 4)), (15000, ("ESCALATE", 4))])
def test_headcount_boundary_is_strict(headcount, expected):
    ctx = base_context(recipient={"name": "Mira Lindqvist", "role": "c_level"}, headcount=headcount)
    assert jr.decide((ctx, CLEAN_DRAFT)) == expected


@pytest.mark.parametrize("role, c_level", [
    ("CTO", True), ("cto", True), ("c_level", True), ("Chief Executive Officer", True), ("CEO", True),
    ("COO", True), ("Chief Technology Officer", True), ("Founder & CEO", True), ("Co-founder & CTO", True),
    ("VP Engineering", False), ("vp_eng", False), ("Vice President of Engineering", False),
    ("founder", False), ("Chief of Staff", False), ("Head of Platform", False), ("other", False),
])
def test_role_spellings(role, c_level):
    assert jr.is_c_level(role) is c_level
    ctx = base_context(recipient={"name": "Mira Lindqvist", "role": role}, headcount=5000)
    assert jr.decide((ctx, CLEAN_DRAFT)) == (("ESCALATE", 4) if c_level else ("PASS", 11))


def test_role_normalisation_codes():
    assert [jr.normalise_role(r) for r in ("CTO", "VP Engineering", "CEO", "Founder", "Head of Data")] == [
        "cto", "vp_eng", "c_level", "founder", "other"]


@pytest.mark.parametrize("confidence, expected", [
    ("high", ("PASS", 11)), ("medium", ("PASS", 11)), ("low", ("BLOCK", 6)), ("insufficient_signal", ("BLOCK", 6))])
def test_amount_rule_by_confidence(confidence, expected):
    ctx = base_context(funding={"stage": "series_a", "amount_usd": 12_000_000, "confidence": confidence})
    assert jr.decide((ctx, with_body("Congrats on raising $12M."))) == expected


def test_any_amount_contradicts_bootstrapped():
    ctx = base_context(funding={"stage": "bootstrapped", "amount_usd": None, "confidence": "high"})
    assert jr.decide((ctx, with_body("Congrats on the $3M seed round."))) == ("BLOCK", 7)


def test_unknown_disqualifier_is_an_error():
    with pytest.raises(ValueError, match="unknown disqualifier"):
        jr.decide((base_context(disqualifiers=["too_small"]), CLEAN_DRAFT))


def test_unknown_rubric_is_an_error():
    with pytest.raises(ValueError, match="unknown rubric"):
        jr.decide((base_context(), CLEAN_DRAFT), rubric="v3")


# --- priority: the first rule that fires wins -------------------------------------------------------

EVERYTHING_WRONG = with_body(
    "Could we restart the pilot with two Python engineers? Same plan as in th-77aa00ff. Congrats on the "
    "$40M Series C round. Selam Girma could start. Teams like Acme use us.")


@pytest.mark.parametrize("changes, draft, expected_rules", [
    # context rules outrank each other in table order
    ({"disqualifiers": ["local_only"], "opt_out_channels": ["email"]}, CLEAN_DRAFT, [1, 2]),
    ({"opt_out_channels": ["email"], "recipient": {"name": "Mira Lindqvist", "role": "CEO"}, "headcount": 3000},
     CLEAN_DRAFT, [2, 4]),
    # a declined offer pushed to an escalation-size C-level: suppress, not escalate
    ({"prior_thread": DECLINED_THREAD, "recipient": {"name": "Mira Lindqvist", "role": "CEO"}, "headcount": 3000},
     with_body("Could we restart the pilot?"), [3, 4]),
    # escalation beats every BLOCK and PENALISE rule
    ({"recipient": {"name": "Mira Lindqvist", "role": "CTO"}, "headcount": 9000, "regulated": True},
     with_body("Same plan as in th-77aa00ff. Teams like Acme use us."), [4, 5, 9, 10]),
    # amount with low confidence (6) outranks the wrong stage/amount (7)
    ({"funding": {"stage": "series_a", "amount_usd": 12_000_000, "confidence": "low"}},
     with_body("Congrats on the $40M Series C round."), [6, 7]),
    # BLOCK rules beat PENALISE rules
    ({"regulated": True}, with_body("Selam Girma could start. Teams like Acme use us."), [8, 9, 10]),
    ({"regulated": True}, with_body("Teams like Acme use us."), [9, 10]),
    # all of them at once
    ({"disqualifiers": ["competitor"], "opt_out_channels": ["email"], "prior_thread": DECLINED_THREAD,
      "recipient": {"name": "Mira Lindqvist", "role": "CEO"}, "headcount": 3000, "regulated": True},
     EVERYTHING_WRONG, [1, 2, 3, 4, 5, 7, 8, 9, 10]),
])
def test_priority_order(changes, draft, expected_rules):
    fired = jr.explain((base_context(**changes), draft))
    assert [f["rule"] for f in fired] == [*expected_rules, 11]
    assert jr.decide((base_context(**changes), draft)) == (jr.RULE_BY_NUMBER[expected_rules[0]].decision,
                                                            expected_rules[0])


# --- rubric v1 ---------------------------------------------------------------------------------------


def test_v1_is_v2_without_the_four_v2_only_rules():
    assert jr.V1_RULES == (1, 2, 4, 5, 6, 9, 11)
    assert sorted(jr.V1_PUBLISHED_NUMBER) == list(jr.V1_RULES)
    assert sorted(jr.V1_PUBLISHED_NUMBER.values()) == list(range(1, 8))


@pytest.mark.parametrize("name", ["r1_disqualifier", "r2_opted_out", "r4_c_level_enterprise", "r5_other_thread_id",
                                  "r6_amount_low_confidence", "r9_generic_peer"])
def test_v1_agrees_on_published_rules(name):
    ctx, draft, expected = RULE_GOLDENS[name]
    assert jr.decide((ctx, draft), rubric="v1") == expected


@pytest.mark.parametrize("name", ["r3_pushes_declined_offer", "r7_wrong_stage", "r8_committed_engineer",
                                  "r10_missing_caveat"])
def test_v1_passes_v2_only_probes(name):
    ctx, draft, expected = RULE_GOLDENS[name]
    assert jr.decide((ctx, draft), rubric="v2") == expected
    assert jr.decide((ctx, draft), rubric="v1") == ("PASS", 11)


def test_v1_falls_through_to_the_next_published_rule():
    ctx = base_context(prior_thread=DECLINED_THREAD, recipient={"name": "Mira Lindqvist", "role": "CEO"}, headcount=3000)
    draft = with_body("Could we restart the pilot?")
    assert jr.decide((ctx, draft), rubric="v2") == ("SUPPRESS", 3)
    assert jr.decide((ctx, draft), rubric="v1") == ("ESCALATE", 4)


# --- the judge case generator ------------------------------------------------------------------------

SEED = 20261121


@pytest.fixture(scope="module")
def cases():
    return judge_items.generate_judge_cases(SEED)


@pytest.fixture(scope="module")
def items(cases):
    return judge_items.case_items(cases)


def test_sizes_probes_and_modes(cases, items):
    assert len(cases) == 323 and len(items) == 646
    assert Counter(c["probe_id"] for c in cases) == Counter(judge_items.CASE_COUNTS)
    assert set(judge_items.PROBES) | {"PASS"} == {c["probe_id"] for c in cases}
    modes = Counter(c["authoring_mode"] for c in cases)
    assert set(modes) == set(judge_items.AUTHORING_MODES)
    assert modes["hand_authored"] >= 20
    assert len({i["item_id"] for i in items}) == 646


def test_every_gold_label_is_the_v2_rules_decision(items):
    for item in items:
        schema.validate_judge_item(item)
        assert jr.decide(item) == (item["gold_decision"], item["gold_rule"]), item["item_id"]


def test_each_case_has_a_good_and_a_bad_draft_as_designed(cases):
    for case in cases:
        good, bad = case["items"]
        assert (good["draft_kind"], bad["draft_kind"]) == ("good", "bad")
        assert good["context"] == bad["context"] and good["draft"] != bad["draft"]
        probe = case["probe_id"]
        expected_bad = 11 if probe == "PASS" else jr.PROBE_RULE[probe]
        expected_good = expected_bad if probe in judge_items.CONTEXT_PROBES else 11
        assert (good["gold_rule"], bad["gold_rule"]) == (expected_good, expected_bad), case["case_id"]


def test_template_groups_lie_in_one_probe(cases):
    probes_of = {}
    for case in cases:
        probes_of.setdefault(case["template_id"], set()).add(case["probe_id"])
    assert all(len(p) == 1 for p in probes_of.values())


def test_class_balance_overall(items):
    shares = {d: n / len(items) for d, n in Counter(i["gold_decision"] for i in items).items()}
    assert set(shares) == set(jr.DECISIONS)
    assert 0.35 <= shares["PASS"] <= 0.45
    assert max(shares.values()) < 0.6


@pytest.mark.parametrize("split_seed", [SEED, 1, 2])
def test_a_61_case_grouped_heldout_split_has_no_winning_constant(cases, split_seed):
    parts = splits.grouped_split(cases, lambda c: c["template_id"], lambda c: c["probe_id"],
                                 [("heldout", 61)], "rest", split_seed)
    heldout = judge_items.case_items(parts["heldout"])
    assert len(heldout) == 122
    counts = Counter(i["gold_decision"] for i in heldout)
    assert set(counts) == set(jr.DECISIONS)
    assert counts["PASS"] / 122 >= 0.20
    assert max(counts.values()) / 122 < 0.60


def test_v2_only_probes_pass_under_v1(items):
    for item in items:
        if item["draft_kind"] == "bad" and item["gold_rule"] in (3, 7, 8, 10):
            assert jr.decide(item, rubric="v1")[0] != item["gold_decision"]


def test_generation_is_deterministic(cases):
    again = judge_items.generate_judge_cases(SEED)
    assert stable_json(again) == stable_json(cases)
    other = judge_items.generate_judge_cases(SEED + 1)
    assert stable_json(other) != stable_json(cases)
    hand = [c for c in other if c["authoring_mode"] == "hand_authored"]
    assert hand == [c for c in cases if c["authoring_mode"] == "hand_authored"]  # fixed data, not seeded


def test_hand_authored_row_whose_label_disagrees_is_refused(tmp_path):
    rows = read_jsonl(judge_items.HAND_AUTHORED_PATH)
    row = next(r for r in rows if r["probe_id"] == "E02")
    row["bad_draft"] = row["good_draft"]  # no longer breaks rule 9
    path = tmp_path / "hand.jsonl"
    write_jsonl(path, [row])
    with pytest.raises(judge_items.JudgeCaseError, match="written for rule 9, rules say 11"):
        judge_items.hand_authored_cases(path)


def test_hand_authored_row_shape_is_checked(tmp_path):
    row = read_jsonl(judge_items.HAND_AUTHORED_PATH)[0]
    row["good_draft"] = "no subject line"
    path = tmp_path / "hand.jsonl"
    write_jsonl(path, [row])
    with pytest.raises(InputError, match=r"hand.jsonl:1: good_draft must start"):
        judge_items.hand_authored_cases(path)


# --- ORPO pairs and the second labeler ---------------------------------------------------------------


def test_judge_pairs(items):
    pairs = judge_items.make_judge_pairs(items, random.Random(SEED))
    assert len(pairs) == len(items)
    assert pairs == judge_items.make_judge_pairs(items, random.Random(SEED))
    kinds = Counter(p["kind"] for p in pairs)
    assert set(kinds) == {"judge_over_caution", "judge_under_caution"} and min(kinds.values()) > 100
    by_id = {i["item_id"]: i for i in items}
    for pair in pairs:
        schema.validate_preference_pair(pair)
        item = by_id[pair["source_id"]]
        assert pair["prompt_messages"] == judge_messages(item)
        assert pair["chosen"].startswith(f"DECISION: {item['gold_decision']}\nRULE: {item['gold_rule']}\n")
        wrong = pair["rejected"].split("\n")[0].removeprefix("DECISION: ")
        assert wrong != item["gold_decision"]
        more_severe = judge_items.SEVERITY[wrong] > judge_items.SEVERITY[item["gold_decision"]]
        assert pair["kind"] == ("judge_over_caution" if more_severe else "judge_under_caution")
        if item["gold_decision"] == "PASS":
            assert pair["kind"] == "judge_over_caution"
        if item["gold_decision"] == "SUPPRESS":
            assert pair["kind"] == "judge_under_caution"


def test_second_labeler_is_independent_and_mostly_agrees(items):
    source = inspect.getsource(judge_items._second_opinion) + inspect.getsource(judge_items.second_labeler)
    assert "judge_rules" not in source
    labels = [judge_items.second_labeler(i) for i in items]
    assert set(labels) <= set(jr.DECISIONS)
    agreement = sum(a == i["gold_decision"] for a, i in zip(labels, items)) / len(items)
    assert agreement > 0.9
