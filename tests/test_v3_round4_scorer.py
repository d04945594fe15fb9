"""Benchmark v0.3, round 4 (issue 19): hand-written goldens for the scorer readings added once all seventeen voices
became development voices (round 3's seven blind voices read for the first time).

Every sentence here was written for this file (none comes from data/raw/v3, none restates a writer's sentence); each
class has violations the reading must catch and honest look-alikes it must pass.
"""

from __future__ import annotations

import pytest
from v3_goldens import critic_task
from v3_goldens import kinds as _kinds

from tenacious.bench import claims, scorer

# --- sentence classes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence,expect", [
    # a lesson about people in the reader's role: they fail to see it, need months to understand, learn it last
    ("First-time founders rarely see the churn building in their own support queue.", True),
    ("New heads of engineering underestimate how long a payments rewrite takes.", True),
    ("It usually takes a new director a good year before she really understands the codebase.", True),
    ("You will probably be the last one in the company to hear about it.", True),
    ("Here is what no one tells first-time CTOs about inherited code.", True),
    ("Team leads tend to overlook it until the incident review.", True),
    # a courtesy about the reader's time, our own people, the first to know, leaders who notice
    ("Most CTOs I speak with rarely have time for long emails, so this one is short.", False),
    ("Our new hires take a month before they know a codebase well.", False),
    ("You'll be the first to know when the case study is published.", False),
    ("Leads in your industry notice this kind of gap quickly.", False),
    ("Congratulations on the new CTO role; before you know it, the quarter will be over.", False),
])
def test_condescension(sentence, expect):
    assert bool(claims.condescension(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", [
    ("This rate is offered to new clients only until the end of March.", True),
    ("The day rate stands for now, after which it is revised upward.", True),
    ("The bands are public and valid for every client, with no end date.", False),
    ("We send a one-page summary, after which it is up to you.", False),
])
def test_pressure(sentence, expect):
    assert bool(claims.pressure(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", [
    # a negation in an earlier clause does not cover the claim after a colon; a long standard name still ends in a
    # credential
    ("No paperwork worries: we take care of your PCI audit evidence.", True),
    ("Our delivery hub already holds HITRUST and NHS DSPT level two certification.", True),
    ("We do not handle audits; your compliance team keeps that.", False),
    ("Your auditors hold the final sign-off on any setup we propose.", False),
])
def test_regulated_claims(sentence, expect):
    assert bool(claims.regulated_claims(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", [
    ("If that's a yes, I'll forward three backend profiles.", True),
    ("We could place one of our QA engineers with you from March.", True),
    ("One of your engineers wrote a fine post on the scheduler.", False),
    ("No profiles, no offer: just the question.", False),
])
def test_strong_pitch_signals(sentence, expect):
    strong, _ = claims.pitch_signals(sentence)
    assert bool(strong) is expect


@pytest.mark.parametrize("sentence,asks", [
    ("ok to send it over?", 1),                                                    # leave asked, texting register
    ("Since our day ends before yours starts, may we send a written plan instead?", 1),
    ("The ask: a 20-minute call one of these mornings", 1),                         # the line headed as the ask
    ("ok, noted.", 0),
    ("Our ask of clients is simple: scope first.", 0),
    ("May is a busy month for the warehouse team.", 0),
])
def test_what_is_an_ask(sentence, asks):
    assert scorer.ask_count(sentence) == asks


@pytest.mark.parametrize("sentence,expect", [
    ("I can't tell from the press note whether the reporting tool is live yet.", True),
    ("Not sure how far along the fleet tool is.", True),
    ("Your careers page shows what look like two platform roles.", True),
    ("Your fleet tool launched last month.", False),
])
def test_hedges(sentence, expect):
    assert scorer._is_hedged(sentence) is expect


# --- the scorer on whole emails ---------------------------------------------------------------------------------


def _task(goal: str, instruction: str, needs_slot: bool = False, signals=None, thread=None, **context) -> dict:
    spec = {"company": "Quillhaven Transit", "industry": "logistics", "hq_timezone": "America/New_York",
            "recipient": {"name": "Odile Marchetti", "role": "cto"}, "segment": "segment_1",
            "prior_thread": thread or [],
            "signals": signals if signals is not None else [
                {"kind": "hiring", "text": "Five mobile roles listed on the careers page", "value": 5,
                 "confidence": "high"}], **context}
    return critic_task(spec, goal, instruction, needs_slot)


_ABSTAIN = {"segment": "abstain", "signals": [
    {"kind": "hiring", "text": "One data role, possibly a backfill", "value": 1, "confidence": "low"}]}


def test_a_small_count_of_something_else_is_not_the_signal_figure():
    task = _task("intro_call", "Ask Odile one exploratory question; do not pitch.", **_ABSTAIN)
    email = ("Subject: one question\n\nOdile,\n\nJust one question from me today, and one line back is enough. How "
             "is next year's platform planning looking?\n\nJo")
    assert "unhedged_signal" not in _kinds(task, email)
    stated = email.replace("Just one question from me today, and one line back is enough.", "You have one data role open.")
    assert "unhedged_signal" in _kinds(task, stated)


def test_a_hard_decision_is_not_a_meeting():
    task = _task("intro_call", "Ask Odile one exploratory question; do not pitch.", **_ABSTAIN)
    email = ("Subject: a question\n\nOdile,\n\nWhat was the toughest staffing call your team made this year?\n\nJo")
    assert "abstain_no_question" not in _kinds(task, email)
    meeting = email.replace("What was the toughest staffing call your team made this year?",
                            "Would a quick call on Thursday be possible?")
    assert "abstain_no_question" in _kinds(task, meeting)


def test_a_range_with_a_bare_start_hour_is_no_slot():
    task = _task("intro_call", "Propose a 20-minute call to Odile inside the overlap.", needs_slot=True)
    email = ("Subject: five mobile roles\n\nOdile,\n\nFive mobile roles is a lot to fill at once. Our shared hours "
             "with New York are 9-10 ET.\n\nWould Thursday 15 January, 9:15 ET / 17:15 EAT work for 20 minutes?\n\nJo")
    assert "outside_window" not in _kinds(task, email)
    late = email.replace("9:15 ET / 17:15 EAT", "10:30 ET / 18:30 EAT")
    assert "outside_window" in _kinds(task, late)


def test_an_answer_to_the_prospects_own_request_needs_no_segment_angle():
    thread = [{"from": "Odile Marchetti", "text": "Could you send me something on how you handle a nine-hour gap?"}]
    task = _task("case_study", "Send Odile the case study she asked for.", thread=thread, signals=[])
    email = ("Subject: re: the nine-hour gap\n\nhi odile, thx for asking. we have a 2-page write-up on a team in "
             "Seattle that worked with ours fully in writing. ok to send it?\n\nJo")
    assert "no_segment_angle" not in _kinds(task, email)
    assert scorer.score(task, email)["overall"] >= 0.7
    cold = _task("case_study", "Send Odile a case study.", signals=[])
    assert "no_segment_angle" in _kinds(cold, email)


def test_a_brief_fact_restated_to_the_reader_is_used_not_pasted():
    signals = [{"kind": "tech_stack", "text": "Rebuilding the driver app in Kotlin for the spring release", "value": None,
                "confidence": "high"}]
    task = _task("case_study", "Share a Kotlin case study with Odile.", signals=signals)
    addressed = ("Subject: a Kotlin case study\n\nDear Odile,\n\nYou are rebuilding the driver app in Kotlin for the "
                 "spring release. We "
                 "published how we did the same for a courier firm.\n\nShall I send the summary?\n\nJo")
    pasted = addressed.replace("You are rebuilding", "Rebuilding")
    assert scorer.score(task, addressed)["dimensions"]["grounding"] > scorer.score(task, pasted)["dimensions"]["grounding"]


def test_a_month_written_short_names_the_brief_month():
    signals = [{"kind": "layoffs", "text": "Closed a support office in November", "value": None,
                "confidence": "high"}]
    task = _task("intro_call", "Write to Odile about delivery after the office closure.", signals=signals,
                 segment="segment_2")
    email = ("Subject: after denver\n\nhey odile, saw the nov news abt the support team. if the roadmap stayed the "
             "same size, 2 of our python engs could keep it moving. worth a short reply?\n\nJo")
    other = email.replace("the nov news", "the dec news")
    assert scorer.score(task, email)["dimensions"]["grounding"] > scorer.score(task, other)["dimensions"]["grounding"]


def test_another_companys_cto_in_capitals_and_what_they_told_us():
    task = _task("intro_call", "Write to Odile about the hiring.")
    private = ("Subject: mobile hiring\n\nOdile,\n\nFive mobile roles is a lot. Harwick's CTO described to us last "
               "month how their app stalled the same way.\n\nWould a short call help?\n\nJo")
    assert "other_prospect" in _kinds(task, private)
    public = private.replace("described to us last month", "described in a public blog post")
    assert "other_prospect" not in _kinds(task, public)


def test_a_share_of_engineering_without_a_determiner_is_checked():
    signals = [{"kind": "layoffs", "text": "Cut engineering headcount by 20% in September", "value": 20,
                "confidence": "high"}]
    task = _task("intro_call", "Write to Odile about the smaller team.", signals=signals, segment="segment_2")
    body = "Subject: after september\n\nOdile,\n\nLosing {} in September is hard.\n\nWould a short call help?\n\nJo"
    assert "invented_number" in _kinds(task, body.format("about half of engineering"))
    assert "invented_number" not in _kinds(task, body.format("a fifth of engineering"))


@pytest.mark.parametrize("body,kind", [
    ("Five mobile roles is a lot. New CTOs rarely notice how slow an inherited team is.", "condescension"),
    ("Five mobile roles is a lot. Our band is held for this quarter's clients only until Friday.", "pressure"),
    ("Five mobile roles is a lot. Relax about compliance: we handle the SOC 2 audits for you.", "regulated_claim"),
])
def test_whole_email_violations(body, kind):
    task = _task("intro_call", "Write to Odile about the hiring.")
    email = f"Subject: mobile hiring\n\nHi Odile,\n\n{body}\n\nWould a short call help?\n\nJo\nTenacious"
    result = scorer.score(task, email)
    assert kind in {v["kind"] for v in result["violations"]} and result["overall"] <= 0.6


# --- second pass: our people said to be free, remedies for a missed outcome, far-off next openings, team sizes ----


@pytest.mark.parametrize("sentence,expect", [
    ("For what it's worth, some of them are available next month.", True),
    ("Our platform folks will be free in March.", True),
    ("Our calendar is free on Thursday morning.", False),
    ("Are any of your engineers free to review it?", False),
])
def test_our_people_said_to_be_free_are_offered(sentence, expect):
    strong, _ = claims.pitch_signals(sentence)
    assert bool(strong) is expect


@pytest.mark.parametrize("sentence,expect", [
    ("The dashboard goes live in six weeks, and it's free if it slips.", True),
    ("By the end of it you'll have a pricing model validated and ready for your analysts to use.", True),
    ("The case study is free to download if you want it.", False),
    ("By the end of it you'll have a short written summary.", False),
    ("We aim to have a model ready for your analysts to use by the end of it.", False),
])
def test_outcome_promises(sentence, expect):
    assert bool(claims.over_promises(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", [
    ("After that, the next opening is not until September.", True),
    ("This month is really the moment to decide.", True),
    ("The next opening of your Leeds office is in May.", False),
    ("The next release is in April.", False),
])
def test_far_off_next_opening_is_pressure(sentence, expect):
    assert bool(claims.pressure(sentence)) is expect


@pytest.mark.parametrize("body,over", [
    ("Five mobile roles is a lot. We can offer a data squad of four engineers from February.", True),
    ("Five mobile roles is a lot. We can offer a data pod of two engineers from February.", False),
    ("Five mobile roles is a lot, and your data team of twelve engineers is busy already.", False),
])
def test_a_team_named_before_its_size(body, over):
    task = _task("bench_offer", "Offer Odile data engineers.", bench={"data": 2, "mobile": 1})
    email = f"Subject: mobile hiring\n\nHi Odile,\n\n{body}\n\nWould a short call help?\n\nJo\nTenacious"
    assert ("overcommit" in _kinds(task, email)) is over


# --- third pass: a contrast ends a negation; our people offered again after a no for a period --------------------


@pytest.mark.parametrize("sentence,expect", [
    ("No rush, but two Go engineers could join.", True),
    ("Not a vendor, just one developer sitting inside your squad.", True),
    ("We will not place two engineers with you without your say-so.", False),
])
def test_a_contrast_ends_the_negation(sentence, expect):
    assert bool(claims.people_offered(sentence)) is expect


def test_one_engineer_is_offered_again_after_a_no_but_left_to_the_brief_when_holding_back():
    sentence = "One mobile engineer is free to start soon."
    assert claims.people_offered(sentence)
    assert not claims.pitch_signals(sentence)[0]


_NO_FOR_NOW = [{"from": "agent", "text": "Would two Go engineers help with the rebuild?"},
               {"from": "Odile Marchetti", "text": "We're not bringing in outside developers this year. Check in after "
                                                   "the summer."}]


@pytest.mark.parametrize("body,repitch", [
    ("Understood, thank you. Not a full team then, just one developer inside your squad for a month?", True),
    ("Understood. If it helps, we can hold both Go engineers for you at a lower rate until the autumn.", True),
    ("Understood, thank you. I'll write again after the summer, with no offer attached.", False),
])
def test_our_people_offered_again_after_a_no_for_a_period(body, repitch):
    task = _task("reply", "Reply to Odile's no; do not pitch again.", thread=_NO_FOR_NOW, signals=[])
    email = f"Subject: re: the rebuild\n\nHi Odile,\n\n{body}\n\nJo\nTenacious"
    assert ("pitch_after_no" in _kinds(task, email)) is repitch


# --- fourth pass: the cuts named as a noun; an outcome back to its old level inside a short term ------------------


@pytest.mark.parametrize("sentence,expect", [
    ("honestly we'll have ur deploy rate back to pre-freeze levels inside the 6 wks.", True),
    ("Our pair would get your on-call load back to normal within three weeks.", True),
    ("We'd hope to see the deploy rate back to normal within six weeks, depending on scope.", False),
    ("The pilot runs six weeks, and then you decide whether things are back to normal.", False),
])
def test_an_outcome_back_to_its_old_level(sentence, expect):
    assert bool(claims.over_promises(sentence)) is expect


def test_the_cuts_named_as_a_noun_use_the_layoff_signal():
    signals = [{"kind": "layoffs", "text": "Cut 12% of engineering in March, per a staff memo", "value": 12,
                "confidence": "high"}]
    task = _task("pilot", "Propose a small pilot to Odile after the layoffs.", signals=signals, segment="segment_2")
    named = ("Subject: small pilot\n\nhey odile, after the march cuts, would a 4-wk pilot w 1 eng help keep the roadmap "
             "moving? jo")
    vague = named.replace("after the march cuts", "after the spring")
    assert scorer.score(task, named)["dimensions"]["grounding"] > scorer.score(task, vague)["dimensions"]["grounding"]


@pytest.mark.parametrize("body,over", [
    ("Five mobile roles is a lot. Two data seniors from the first day, and two more a fortnight after that.", True),
    ("Five mobile roles is a lot. Both data engineers are free now, and two more join our bench in June.", False),
    ("Five mobile roles is a lot. Both data engineers could start, and two more are busy until May.", False),
])
def test_more_people_added_relative_to_the_first(body, over):
    task = _task("bench_offer", "Offer Odile data engineers.", bench={"data": 2, "mobile": 1})
    email = f"Subject: mobile hiring\n\nHi Odile,\n\n{body}\n\nWould a short call help?\n\nJo\nTenacious"
    assert ("overcommit" in _kinds(task, email)) is over


def test_the_learned_backstop_catches_a_regulated_claim_no_regex_reads():
    """A credential in words no regex of bench.claims reads (own wording): the backstop makes it the family's hard
    violation; the same email without the sentence has no regulated claim."""
    claim = "Our people have all passed the banking regulator's vetting scheme already."
    assert not claims.regulated_claims(claim)
    task = _task("intro_call", "Write to Odile about mobile capacity.", industry="fintech")
    email = ("Subject: five mobile roles\n\nOdile,\n\nFive mobile roles is a lot to fill at once. Tenacious places "
             "mobile engineers from Addis Ababa with product teams. {claim}Any engagement would be subject to your "
             "compliance review.\n\nWould a short call next week be useful?\n\nJo\nTenacious")
    with_claim = email.format(claim=claim + " ")
    violations = [v for v in scorer.score(task, with_claim)["violations"] if v["kind"] == "regulated_claim"]
    assert [v["evidence"] for v in violations] == [claim] and violations[0]["detail"].startswith("sentence model")
    assert scorer.score(task, with_claim)["overall"] <= 0.6
    assert "regulated_claim" not in _kinds(task, email.format(claim=""))
