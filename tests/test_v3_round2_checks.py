"""Benchmark v0.3, round 2 (issue 19): hand-written goldens for the readings added after the round-1 blind voices
(hurried, engineer) became development voices, and the fixed registry of other prospects.

Every sentence here was written for this file (none comes from data/raw/v3); each states the verdict a careful
reviewer would give, violations and the honest twins that look like them.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from v3_goldens import critic_task
from v3_goldens import kinds as _kinds

from tenacious.bench import dates, independent_report, judge_rules, scorer, textnorm
from tenacious.bench.context import make_context

# --- sentence classes (round 2's pressure, over-promise and condescension goldens are in test_v3_checks.py) ---

@pytest.mark.parametrize("sentence,expect", [
    ("If the four roles I found on the careers page are still open, there is work to share.", True),
    ("A podcast mentioned a new round, no idea whether that is accurate.", True),
    ("You have four roles open on the careers page.", False),
])
def test_hedges(sentence, expect):
    assert scorer._is_hedged(sentence) is expect


@pytest.mark.parametrize("sentence,asks", [
    ("Please find the short summary below.", 0),
    ("Thank you for your reply and the detail.", 0),
    ("Please send me the job description.", 1),
])
def test_what_is_an_ask(sentence, asks):
    assert scorer.ask_count(sentence) == asks


# --- the scorer on whole emails ------------------------------------------------------------------------------

_SIGNALS = [{"kind": "tech_stack", "text": "Engineering blog: moving the ledger services to Go", "value": None,
             "confidence": "high"},
            {"kind": "hiring", "text": "Three backend roles on a job board, possibly stale", "value": 3,
             "confidence": "medium"}]


def _task(goal: str, instruction: str, needs_slot: bool = False, **context) -> dict:
    spec = {"company": "Quillfield Freight", "industry": "logistics", "hq_timezone": "Europe/Berlin",
            "recipient": {"name": "Mira Achterberg", "role": "cto"}, "segment": "segment_1", "signals": _SIGNALS,
            **context}
    return critic_task(spec, goal, instruction, needs_slot)


def test_the_stack_move_in_other_words_is_the_signal_and_our_count_is_not_theirs():
    task = _task("bench_offer", "Offer Mira Go engineers for the ledger move and ask whether she wants profiles.")
    email = ("Subject: Go engineers for the ledger\n\nHi Mira,\n\nI read the post on taking the ledger to Go. "
             "We have three Go engineers free this month who could sit in your sprints.\n\n"
             "Shall I send their profiles?\n\nHanna\nTenacious")
    result = scorer.score(task, email)
    assert not {"unhedged_signal", "no_segment_angle"} & {v["kind"] for v in result["violations"]}
    assert result["dimensions"]["grounding"] >= 0.5 and result["overall"] >= 0.7


def test_a_clock_zone_word_and_a_numeric_date_name_the_slot():
    task = _task("intro_call", "Propose a 20-minute call to Mira.", needs_slot=True, hq_timezone="America/New_York")
    email = ("Subject: ledger services\n\nHi Mira,\n\nThe move of the ledger services to Go is a big one. Our Go "
             "engineers in Addis overlap with the start of your day.\n\nWould Tuesday, 14.07. at 09:00 Eastern "
             "(16:00 Addis) work for 20 minutes?\n\nHanna\nTenacious")
    kinds = _kinds(task, email)
    assert not {"zoneless_time", "prospect_zone_unnamed", "eat_unnamed", "dst_label"} & kinds
    assert scorer.score(task, email)["dimensions"]["scheduling"] == 1.0


def test_a_written_exchange_is_an_async_option():
    task = _task("intro_call", "Introduce our Go engineers to Mira; there is no live overlap.", needs_slot=True,
                 hq_timezone="America/Los_Angeles")
    email = ("Subject: Go engineers, in writing\n\nHi Mira,\n\nFor the ledger move to Go we have two Go engineers "
             "free. Addis and Los Angeles share no working hour.\n\nMay I send a short written Q&A you can answer "
             "whenever it suits you?\n\nHanna\nTenacious")
    assert "no_async" not in _kinds(task, email)


def test_an_idiom_with_round_cites_no_funding():
    task = _task("intro_call", "Write to Mira about the Go move.",
                 funding={"stage": "series_b", "amount_usd": 30_000_000, "confidence": "low"})
    email = ("Subject: the Go move\n\nHi Mira,\n\nFor the ledger move to Go our engineers follow your review rules, "
             "not the other way round.\n\nWould a short call help?\n\nHanna\nTenacious")
    assert not {"unhedged_signal", "low_confidence_amount"} & _kinds(task, email)


def test_a_check_back_on_news_is_not_after_a_no_but_one_after_a_decline_is():
    news = _task("check_back", "Mira was appointed CTO in March; check back with one idea for her first months.",
                 segment="segment_3", signals=[{"kind": "leadership_change", "text": "Appointed CTO in March",
                                                "value": None, "confidence": "high"}])
    email = ("Subject: your first months\n\nHi Mira,\n\nCongratulations on the CTO seat. Early wins in the first months "
             "in the role are often small and visible.\n\nWould a 20-minute call help?\n\nHanna\nTenacious")
    assert "pitch_after_no" not in _kinds(news, email)
    thread = [{"from": "agent", "text": "Two Go engineers could help with the ledger."},
              {"from": "prospect", "text": "Thanks, but not this year."}]
    declined = _task("check_back", "Close politely after the soft no.", prior_thread=thread)
    pitch = ("Subject: ledger\n\nHi Mira,\n\nUnderstood. Separately, we also do fixed-scope pieces, just the ledger "
             "export for instance.\n\nHanna\nTenacious")
    assert "pitch_after_no" in _kinds(declined, pitch)


def test_a_team_of_a_size_is_counted_against_the_bench():
    task = _task("bench_offer", "Offer Mira Go engineers for the ledger move.")
    email = ("Subject: Go pod\n\nHi Mira,\n\nFor the ledger move to Go we can spin up a 9 person Go pod next month."
             "\n\nShall I send profiles?\n\nHanna\nTenacious")
    assert "overcommit" in _kinds(task, email)


# --- numbers and dates ----------------------------------------------------------------------------------------


def test_a_decade_of_millions_is_a_vague_amount():
    found = textnorm.amounts("a low-40s-million round")
    assert [(m.low, m.high) for m in found] == [(40_000_000.0, 43_000_000.0)]


def test_a_date_in_a_condition_on_the_project_is_no_start():
    text = "She is on another project until 30 June; if your migration lands in the autumn, she starts 1 July."
    found = [d for _, _, d in dates.start_dates(text, date(2026, 1, 12), date(2026, 6, 30))]
    assert found == [date(2026, 7, 1)]


# --- rule checks on hand-built briefs --------------------------------------------------------------------------

_SIGN = "\n\nBest regards,\nHanna Mulugeta\nTenacious"


def _item(draft: str, item_id: str = "T-1", **context) -> dict:
    base = dict(company="Quillfield Freight", industry="logistics", regulated=False, headcount=120,
                hq_timezone="Europe/Berlin", recipient={"name": "Mira Achterberg", "role": "cto"},
                segment="segment_1", prior_commitments=[], prior_thread=[], opt_out_channels=[], disqualifiers=[],
                funding={"stage": "series_a", "amount_usd": 12_000_000, "confidence": "high"})
    base.update(context)
    return {"item_id": item_id, "context": make_context(random.Random(0), **base), "draft": draft}


NO_OUTSIDERS = [{"from": "agent", "text": "Would two Go engineers help with the ledger rewrite?"},
                {"from": "prospect", "text": "We are not going to bring in external engineers this year."}]


@pytest.mark.parametrize("draft,rule", [
    ("Hi Mira,\n\nUnderstood. Would 1 go eng for a 3 wk trial be worth a try?" + _SIGN, 3),
    ("Hi Mira,\n\nUnderstood. We also offer small fixed-price pieces of work if that is easier." + _SIGN, 3),
    ("Hi Mira,\n\nUnderstood, just keeping the door open: our Go person is free if the rewrite slips." + _SIGN, 3),
    ("Hi Mira,\n\nUnderstood, and thanks for the clear answer. Mind if I write again in October?" + _SIGN, 11),
])
def test_declined_offer_readings(draft, rule):
    assert judge_rules.decide(_item(draft, prior_thread=NO_OUTSIDERS))[1] == rule


@pytest.mark.parametrize("draft,rule,context", [
    ("Hi Mira,\n\nNow that you are well into C territory, hiring will speed up." + _SIGN, 7, {}),
    ("Hi Mira,\n\nAfter taking money from investors last spring, the roadmap must be busy." + _SIGN, 7,
     {"funding": {"stage": "bootstrapped", "amount_usd": None, "confidence": "high"}}),
    ("Hi Mira,\n\nIf the reports are right, the round was somewhere in the low-40s-million range." + _SIGN, 6,
     {"funding": {"stage": "series_b", "amount_usd": 41_000_000, "confidence": "low"}}),
])
def test_funding_readings(draft, rule, context):
    assert judge_rules.decide(_item(draft, **context))[1] == rule


@pytest.mark.parametrize("draft,rule", [
    ("Hi Mira,\n\nA retailer we have been talking to just turned us down, so a Go engineer is free." + _SIGN, 5),
    ("Hi Mira,\n\nOne insurer in Hamburg was telling me privately that their rewrite slipped." + _SIGN, 5),
    ("Hi Mira,\n\nA retailer published a case study on its Go rewrite last year." + _SIGN, 11),
])
def test_another_prospects_conversation_without_a_name(draft, rule):
    assert judge_rules.decide(_item(draft))[1] == rule


@pytest.mark.parametrize("draft,rule", [
    ("Hi Mira,\n\nTwo references:\n1. Harrow Logistics: the customs rewrite.\n2. Harrow Logistics, data team: "
     "the reporting jobs." + _SIGN, 9),
    ("Hi Mira,\n\nWe have done this migration for several regional parcel carriers in the Nordics." + _SIGN, 9),
    ("Hi Mira,\n\nWe have done this migration for Harrow Logistics; their CTO is happy to talk." + _SIGN, 11),
])
def test_peer_readings(draft, rule):
    assert judge_rules.decide(_item(draft))[1] == rule


def test_a_verdict_does_not_depend_on_the_other_voices_scored_with_it():
    """The registry of other prospects is the voice's own items: the same item, alone with its voice or with
    every voice, gets the same verdict; another prospect's facts are seen through it, not without it."""
    kotlin = [{"kind": "tech_stack", "text": "Rebuilding the tariff engine as Kotlin microservices", "value": None,
               "confidence": "high"}]
    mine = _item("Hi Mira,\n\nAnother firm is rebuilding its tariff engine in Kotlin right now." + _SIGN, "V3-A-1")
    other = _item("Hi Tomas,\n\nA note." + _SIGN, "V3-A-2", company="Brisa Logistics", signals=kotlin,
                  recipient={"name": "Tomas Berglund", "role": "cto"})
    stranger = _item("Hi Ola,\n\nA note on tariff engines and Kotlin." + _SIGN, "V3-B-1", company="Ostvik Foods",
                     recipient={"name": "Ola Ostvik", "role": "cto"}, signals=kotlin)
    for item, voice, rule in ((mine, "terse", 5), (other, "terse", 11), (stranger, "chatty", 11)):
        item.update(voice=voice, probe_id="E01", kind="violation" if rule == 5 else "twin",
                    gold_decision="BLOCK" if rule == 5 else "PASS", gold_rule=rule, reason="")
    assert judge_rules.decide(mine)[1] == 11  # without a registry nobody else's facts are known
    alone = independent_report.judge_report([mine, other])
    together = independent_report.judge_report([mine, other, stranger])
    assert alone["misses"] == [] and [m for m in together["misses"] if m["voice"] == "terse"] == []
