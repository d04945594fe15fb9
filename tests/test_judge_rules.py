"""Goldens for the judge rule engine (rubric v2 and v1): one per rule, near misses, paraphrases, priority."""

from __future__ import annotations

import copy

import pytest

from tenacious.bench import judge_rules as jr
from tenacious.bench import rubric

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
        {"rule": 11, "decision": "PASS", "probe": "PASS", "name": "pass", "reason": "no rule fires", "span": None,
         "evidence": ""}]


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


# --- v2: the measured paraphrase misses are read -----------------------------------------------------

LOW_FUNDING = {"stage": "series_a", "amount_usd": 12_000_000, "confidence": "low"}


@pytest.mark.parametrize("changes, line, expected", [
    # amounts without "$"
    ({"funding": LOW_FUNDING}, "Congrats on raising 12 million dollars.", ("BLOCK", 6)),
    ({"funding": LOW_FUNDING}, "USD 12m is a big vote of confidence.", ("BLOCK", 6)),
    ({"funding": LOW_FUNDING}, "Raising twelve million in this market is impressive.", ("BLOCK", 6)),
    ({}, "Congrats on the \u20ac8M round.", ("BLOCK", 7)),
    # cross-thread references without "thread with" / "told"
    ({}, "What the folks at Brightmoor shared with us sounds like your situation.", ("BLOCK", 5)),
    ({}, "Your peer at Harrowgate Cargo mentioned the same problem.", ("BLOCK", 5)),
    # placeholder peers by pattern
    ({}, "Company Y and Company Z both use us.", ("PENALISE", 9)),
    ({}, "Teams like AppA already work this way.", ("PENALISE", 9)),
    ({}, "We helped HealthCo and ShipCo with the same gap.", ("PENALISE", 9)),
    # a declined call re-pushed in other words
    ({"prior_thread": [{"from": "agent", "text": "Could we book a 20-minute call?"},
                       {"from": "prospect", "text": "Thanks, but we'll pass for now."}]},
     "Would a brief conversation on Thursday work instead?", ("SUPPRESS", 3)),
    ({"prior_thread": [{"from": "agent", "text": "Could we book a 20-minute call?"},
                       {"from": "prospect", "text": "Not a priority right now."}]},
     "Could we hop on zoom for 15 minutes next week?", ("SUPPRESS", 3)),
    # a tier word that contradicts the brief
    ({"funding": {"stage": "series_c", "amount_usd": 90_000_000, "confidence": "high"}},
     "An early-stage round like yours changes the hiring maths.", ("BLOCK", 7)),
])
def test_paraphrased_violations(changes, line, expected):
    assert jr.decide((base_context(**changes), with_body(line))) == expected


@pytest.mark.parametrize("line", [
    "Any start would be pending sign-off from your risk and compliance team.",
    "Nothing starts until your legal and security people have reviewed the set-up.",
    "We would only onboard once your regulator's expectations are met and your compliance team approves.",
    "All of this depends on your security review, of course.",
])
def test_compliance_caveat_in_other_words(line):
    ctx = base_context(industry="fintech", regulated=True)
    assert jr.decide((ctx, with_body(line))) == ("PASS", 11)


@pytest.mark.parametrize("line", [
    "We are fully compliant, so no compliance review is needed.",
    "Our set-up lets you skip the usual security review.",
    "Compliance matters to us.",
])
def test_a_caveat_that_waves_the_review_away_is_no_caveat(line):
    ctx = base_context(industry="fintech", regulated=True)
    assert jr.decide((ctx, with_body(line))) == ("PENALISE", 10)


@pytest.mark.parametrize("line", [
    "Selam is booked until October, so Hanna Bekele would lead.",
    "Selam Girma would be ideal. She frees up in October, which may suit your timing.",
    "Selam Girma is with another client for now.",
])
def test_disclosed_commitment_is_honest(line):
    assert jr.decide((base_context(), with_body(line))) == ("PASS", 11)


def test_hedged_amount_is_still_cited_under_low_confidence():
    ctx = base_context(funding=LOW_FUNDING)
    assert jr.decide((ctx, with_body("If the reports are right, congrats on the $12M."))) == ("BLOCK", 6)
    assert jr.decide((ctx, with_body("If the reports of a new round are right, is hiring on the plan?"))) == (
        "PASS", 11)


def test_evidence_span_points_at_the_original_text():
    draft = with_body("Congrats on the \uff04\uff14\uff10M round.")  # full-width "$40M"
    fired = jr.explain((base_context(), draft))[0]
    assert fired["rule"] == 7 and fired["evidence"] == "\uff04\uff14\uff10M"
    start, end = fired["span"]
    assert draft[start:end] == fired["evidence"]
    assert jr.explain((base_context(disqualifiers=["competitor"]), draft))[0]["span"] is None


# --- v2: peer names reused across prospects in one batch ---------------------------------------------


def _peer_item(n: int, peers: str) -> dict:
    ctx = base_context(prospect_id=f"P{n:06d}", company=f"Freightline {n}")
    return {"item_id": f"I{n}", "context": ctx, "draft": with_body(f"Teams like {peers} use us.")}


def test_a_peer_cited_to_three_prospects_in_a_batch_is_penalised():
    items = [_peer_item(1, "Brisknest and Calde Cloud"), _peer_item(2, "Brisknest"),
             _peer_item(3, "Brisknest and Orrin Labs"), _peer_item(4, "Orrin Labs")]
    assert [jr.decide(i) for i in items] == [("PASS", 11)] * 4  # alone, every draft is fine
    assert jr.decide_batch(items) == [("PENALISE", 9)] * 3 + [("PASS", 11)]
    assert jr.decide_batch(items, rubric="v1") == [("PENALISE", 9)] * 3 + [("PASS", 11)]
    index = jr.peer_index(items)
    assert index["brisknest"] == frozenset({"P000001", "P000002", "P000003"})
    fired = jr.explain(items[0], peers=index)[0]
    assert fired["evidence"] == "Brisknest" and "3 different prospects" in fired["reason"]


def test_two_drafts_to_the_same_prospect_count_once():
    items = [_peer_item(1, "Brisknest"), _peer_item(1, "Brisknest"), _peer_item(2, "Brisknest")]
    assert jr.decide_batch(items) == [("PASS", 11)] * 3


# --- bad input ---------------------------------------------------------------------------------------


def test_missing_context_field_is_a_one_line_error():
    ctx = base_context()
    del ctx["funding"]
    with pytest.raises(ValueError, match=r"judge item I9: context lacks field\(s\) funding"):
        jr.decide({"item_id": "I9", "context": ctx, "draft": CLEAN_DRAFT})


def test_non_string_draft_is_an_error():
    with pytest.raises(ValueError, match="draft must be a string"):
        jr.decide((base_context(), None))


def test_names_come_from_the_rubric_module():
    assert jr.RULES is rubric.RULES and jr.DECISIONS is rubric.DECISIONS and jr.PASS_RULE == rubric.PASS_RULE
    assert sorted(jr.CHECKS) == [r.number for r in rubric.RULES]
