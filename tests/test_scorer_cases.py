"""Hand-written scorer cases (issue 9, point 7): paraphrases, honest variants, degenerate and gaming inputs.

Every email below was written by hand for this file (none comes from a generator). Each case states
what a careful reviewer expects as bounds or orderings, not exact numbers, plus the reason:
  "overall<=0.2"  "overall>=0.85"  "grounding<1"  "kind:must_not" (a violation of that kind fired)
  "!kind:ai_pitch" (it did not fire)  "<other_case" (this email scores lower than that case).
"""

from __future__ import annotations

import json

import pytest
from test_scorer_goldens import (
    ADDIS_NO,
    ADDIS_OK,
    BERLIN,
    BERLIN_ASK,
    BERLIN_OK,
    BERLIN_PITCH,
    LA,
    LA_OK,
    LONDON_BENCH,
    LONDON_OK,
    NY_ABSTAIN,
    NY_OK,
    berlin,
)

from tenacious.bench import scorer
from tenacious.bench.prompts import critic_instance_text

# A London cost-pressure task whose brief forbids a percentage claim, and a Berlin task whose
# *instruction* mentions a contract figure (the instruction is not a source of facts).
PCT = {**LONDON_BENCH, "task_id": "ADV-911", "must_not": ["40%", "guarantee"]}
INSTRUCTED = {**BERLIN, "task_id": "ADV-912",
              "instruction": "Mention that similar clients signed a $900k contract, and propose a call."}
CALL = {**BERLIN, "task_id": "ADV-913",
        "instruction": "Write a cold email to Mira Achterberg at Quillfield to propose a 30-minute intro call next week."}

SIGN = "\n\nBest,\nHiwot"
HONEST_BERLIN = ("Subject: Quillfield's Series A and your hiring plans\n\nHi Mira,\n\nCongrats on closing the $12M "
                 "Series A. With fresh funding in the bank, most teams find they need to grow the engineering team "
                 "faster than they can recruit, and that is where we help: our engineers in Addis Ababa join your "
                 "sprints within two weeks.\n\n" + BERLIN_ASK + SIGN)
SLOPPY_BERLIN = ("Subject: engineers for quillfield\n\nhello Mira,\n\ni am writing from Tenacious, we have engineers in "
                 "Addis Ababa. congratulation for the 12 million dollars series A round. when hiring ramp is slower "
                 "than your growth plan our people can join sprints in two weeks\n\nWould a 30-minute call on Tuesday "
                 "at 10:00 CET (12:00 EAT) work for you?\n\nthanks\nHiwot")
BERLIN_TWO_FACTS = berlin("Congratulations on the $12M Series A round. Are you still hiring for the 14 engineering "
                          f"roles I saw listed? {BERLIN_PITCH}\n\n{BERLIN_ASK}")
FILLER = " ".join(["Our engineers plan every sprint carefully and report progress to you each week."] * 160)


def b(extra: str, ask: str = BERLIN_ASK) -> str:
    """BERLIN_OK's body with one sentence added after the pitch."""
    return berlin(f"Congratulations on the $12M Series A round. {BERLIN_PITCH} {extra}\n\n{ask}")


def b_slot(ask: str) -> str:
    """BERLIN_OK with another slot sentence."""
    return berlin(f"Congratulations on the $12M Series A round. {BERLIN_PITCH}\n\n{ask}")


def london(extra: str) -> str:
    return LONDON_OK.replace("Two Python engineers", f"{extra} Two Python engineers")


def ny(ask: str) -> str:
    return NY_OK.replace("Would a 30-minute call on Wednesday at 09:00 ET (17:00 EAT) work for you?", ask)


# (id, task, email, checks, reason)
CASES = [
    # --- reference points -------------------------------------------------------------------------------
    ("berlin_ok", BERLIN, BERLIN_OK, ["overall>=0.9", "!kind:*"], "the golden clean draft"),
    ("berlin_two_facts", BERLIN, BERLIN_TWO_FACTS, ["overall>=0.97", "!kind:*"],
     "two brief facts used correctly (a hedged medium signal as a question) earn full grounding"),
    ("honest_paraphrase", BERLIN, HONEST_BERLIN, ["overall>=0.85", "!kind:*"],
     "our own wording is not required: a paraphrased angle and signal are credited"),
    ("sloppy_but_honest", BERLIN, SLOPPY_BERLIN, ["overall>=0.7", "!kind:invented_number", "!kind:off_segment"],
     "non-native, lower-case writing with the right facts is still a decent email; '12 million dollars' is $12M"),
    # --- degenerate inputs ------------------------------------------------------------------------------
    ("empty", BERLIN, "", ["overall<=0.2"], "nothing written earns nothing"),
    ("whitespace", BERLIN, "   \n\n \t ", ["overall<=0.2"], "whitespace is empty"),
    ("one_word", BERLIN, "Interested?", ["overall<=0.2"], "a one-word ask has no content"),
    ("greeting_only", BERLIN, "Hi Mira,\n\nBest,\nHiwot", ["overall<=0.2"], "a frame with no message"),
    ("subject_only", BERLIN, "Subject: Quillfield and extra engineering capacity", ["overall<=0.2"],
     "a subject line is not an email"),
    ("keyword_list", BERLIN, ("Subject: Quillfield\n\nQuillfield, EAT, hiring ramp, growth plan, Series A, $12M, "
     "10:00 CET, 12:00 EAT, engineers, call"), ["overall<=0.2"], "the right keywords without sentences"),
    ("keyword_lines", BERLIN, ("Subject: Quillfield capacity\n\nQuillfield\nSeries A $12M\nhiring ramp\ngrowth plan\n"
     "Tuesday 10:00 CET / 12:00 EAT"), ["overall<=0.2"], "keywords one per line"),
    ("pasted_brief", BERLIN, critic_instance_text(BERLIN), ["overall<=0.2"], "the brief pasted back"),
    ("pasted_brief_framed", BERLIN, "Subject: Quillfield\n\nHi Mira,\n\n" + critic_instance_text(BERLIN) + SIGN,
     ["overall<=0.2", "kind:copied_brief"], "a greeting around a pasted brief does not make it an email"),
    ("pasted_instruction", CALL, "Subject: Intro call\n\nHi Mira,\n\nWrite a cold email to Mira Achterberg at "
     "Quillfield to propose a 30-minute intro call next week." + SIGN, ["overall<=0.2"],
     "repeating the instruction is not writing the email"),
    ("emoji_only", BERLIN, "Subject: 🚀\n\n🚀🚀🚀 👍", ["overall<=0.2"], "emoji are not content"),
    ("all_caps", BERLIN, BERLIN_OK.upper(), ["kind:shouting", "<berlin_ok"], "shouting costs tone"),
    ("two_thousand_words", BERLIN, b(FILLER), ["kind:over_word_limit", "overall<=0.7", "<berlin_ok"],
     "a 2,000-word cold email breaks the length rule"),
    # --- numbers: gaming and honest variants -------------------------------------------------------------
    ("bench_five_go", BERLIN, b("Five Go engineers can start next month."), ["kind:overcommit", "overall<=0.4"],
     "the bench holds two free Go engineers (Kaleb Fikru is committed)"),
    ("bench_five_golang", BERLIN, b("We have five Golang engineers ready for you."), ["kind:overcommit"],
     "'Golang' is Go, and 'five' is 5"),
    ("bench_digits_senior", BERLIN, b("3 senior Go engineers could join in March."), ["kind:overcommit"],
     "adjectives between the count and the stack do not hide the count"),
    ("bench_honest_two", BERLIN, b("Two Go engineers are free to start in two weeks."), ["!kind:overcommit"],
     "offering exactly what the bench holds is fine"),
    ("pct_spelled", PCT, london("We will cut your engineering cost by forty percent."), ["kind:must_not"],
     "must_not '40%' written as 'forty percent'"),
    ("pct_per_cent", PCT, london("Clients save 40 per cent on delivery."), ["kind:must_not"],
     "must_not '40%' written as '40 per cent'"),
    ("pct_lookalike", PCT, london("Expect costs to drop 4O% in year one."), ["kind:must_not"],
     "a letter O standing in for a zero"),
    ("pct_other_value", PCT, london("Clients usually keep the same 12% of budget for tooling."),
     ["!kind:must_not", "!kind:invented_number"], "12% is in the brief (the reduction), 40% is not mentioned"),
    ("instruction_figure", INSTRUCTED, b("Similar clients signed a $900k contract with us."),
     ["kind:contract_value", "kind:invented_number", "overall<=0.4"],
     "the figure is in the instruction, not the brief: facts come from the brief"),
    ("contract_no_symbol", BERLIN, b("The full contract would be worth 900,000 over the year."),
     ["kind:contract_value"], "a contract value without a currency symbol"),
    ("contract_usd_code", BERLIN, b("Most clients sign a 900k USD contract for the first phase."),
     ["kind:contract_value"], "currency written as a code after the figure"),
    ("contract_spelled", BERLIN, b("In total, the three phases come to 1.4 million dollars."), ["kind:contract_value"],
     "a spelled-out total across phases"),
    ("invented_spelled_pct", BERLIN, b("Your revenue grew by two hundred percent last year."),
     ["kind:invented_number"], "an invented growth figure in words"),
    ("invented_fullwidth", BERLIN, b("Teams like yours ship ２１２% more features."), ["kind:invented_number"],
     "full-width digits are digits"),
    ("invented_headcount", BERLIN, b("With 450 engineers you need a plan."), ["kind:invented_number"],
     "a headcount the brief does not give"),
    ("funding_paraphrase_words", BERLIN, berlin(f"Congratulations on raising 12 million dollars. {BERLIN_PITCH}\n\n"
                                                f"{BERLIN_ASK}"), ["!kind:invented_number", "!kind:*"],
     "the brief's $12M written in words is the same fact"),
    ("funding_paraphrase_code", BERLIN, berlin(f"Congratulations on the USD 12m round. {BERLIN_PITCH}\n\n{BERLIN_ASK}"),
     ["!kind:*"], "currency code instead of a symbol"),
    ("must_not_cyrillic", BERLIN, b("Kаleb Fikru could lead the work."), ["kind:must_not", "kind:overcommit"],
     "a Cyrillic 'а' inside a committed engineer's name"),
    ("must_not_zero_width", BERLIN, b("We gua\u200brantee delivery dates."), ["kind:must_not"],
     "a zero-width space inside 'guarantee'"),
    ("must_not_inflected", BERLIN, b("Delivery dates are guaranteed."), ["kind:must_not"],
     "'guaranteed' contains the forbidden 'guarantee'"),
    # --- hedging and hearsay ------------------------------------------------------------------------------
    ("medium_signal_flat", BERLIN, b("You have 14 open engineering roles right now."), ["kind:unhedged_signal"],
     "a medium-confidence signal stated as fact"),
    ("medium_signal_hedged", BERLIN, b("It looks like you have 14 open engineering roles."),
     ["!kind:unhedged_signal", "!kind:invented_number"], "the same signal hedged"),
    ("medium_signal_question", BERLIN, b("Are you still hiring for the 14 roles on your careers page?"),
     ["!kind:unhedged_signal", "!kind:extra_ask"], "the same signal asked about; a question is not an ask"),
    ("gossip_reportedly", BERLIN, b("Reportedly your CTO is on the way out."), ["kind:hearsay", "<berlin_ok"],
     "gossip about leadership is not a hedge"),
    ("gossip_heard", BERLIN, b("I heard the board is unhappy with delivery."), ["kind:hearsay"], "hearsay"),
    ("low_conf_amount_hedged", LA, LA_OK.replace("Any engagement", "If I read it right, you raised $30M. Any "
                                                 "engagement"), ["kind:low_confidence_amount"],
     "a low-confidence funding amount is not cited, hedged or not"),
    ("low_conf_amount_words", LA, LA_OK.replace("Any engagement", "Congrats on the 30 million dollar round. Any "
                                                "engagement"), ["kind:low_confidence_amount"],
     "the same amount in words"),
    # --- tone --------------------------------------------------------------------------------------------
    ("insult_mess", BERLIN, b("Honestly, your roadmap is a mess."), ["kind:insult", "overall<=0.7"], "an insult"),
    ("insult_amateurish", BERLIN, b("Your engineering team looks amateurish from the outside."), ["kind:insult"],
     "an insult in other words"),
    ("condescension_paraphrase", BERLIN, b("As you surely know, every company is falling behind."),
     ["kind:condescension"], "talking down"),
    ("cliche_spaced", BERLIN, b("Our world class engineers hit the ground running."), ["kind:banned_phrase"],
     "'world class' without the hyphen is the same cliché"),
    ("cliche_touch_base", BERLIN, b("I wanted to touch base about capacity."), ["kind:banned_phrase"], "a cliché"),
    ("two_asks_one_sentence", BERLIN, b("", "Could you share your hiring plan and introduce me to your CFO?"),
     ["kind:extra_ask", "kind:no_slot"], "two requests joined by 'and' (and no slot)"),
    ("two_asks", BERLIN, b("Also, please send me your org chart."), ["kind:extra_ask", "<berlin_ok"],
     "an ask on top of the slot"),
    ("no_ask", BERLIN, berlin(f"Congratulations on the $12M Series A round. {BERLIN_PITCH}"),
     ["kind:no_ask", "tone<1"], "no call to action"),
    ("exclamations", BERLIN, b("This is exciting! We are ready! Really!"), ["kind:exclamations"],
     "exclamation marks in a cold email"),
    ("questions_are_not_asks", NY_ABSTAIN, NY_OK, ["!kind:extra_ask", "!kind:*"],
     "two exploratory questions plus one ask is one ask"),
    # --- ICP fit and the AI gate -----------------------------------------------------------------------
    ("angle_paraphrase", BERLIN, berlin("Congratulations on the $12M Series A round. After the round, we help you "
                                        "grow the engineering team without spending runway on recruiting.\n\n"
                                        + BERLIN_ASK), ["!kind:no_segment_angle", "!kind:off_segment"],
     "the segment angle in our own words is still found"),
    ("off_segment_paraphrase", BERLIN, b("We also help trim your burn rate with a leaner team."), ["kind:off_segment"],
     "a cost-pressure pitch to a freshly funded prospect"),
    ("ai_question_pitch", NY_ABSTAIN, NY_OK.replace("How is Tesselwick Relay landing with early users?",
                                                    "Would you like our ML engineers to build AI agents for you?"),
     ["kind:ai_pitch"], "an AI pitch phrased as a question at maturity 0"),
    ("ai_suggestion", NY_ABSTAIN, NY_OK.replace("How is Tesselwick Relay landing with early users?",
                                                "Have you considered adding AI to your newsroom tools?"),
     ["kind:ai_pitch"], "suggesting AI adoption is a pitch"),
    ("ai_exploratory_question", NY_ABSTAIN, NY_OK.replace("How is Tesselwick Relay landing with early users?",
                                                          "Is AI anywhere on your roadmap this year?"),
     ["!kind:ai_pitch"], "asking about the reader's own plans is not a pitch"),
    ("abstain_pitched_paraphrase", NY_ABSTAIN, NY_OK.replace("How are you thinking about engineering capacity this "
                                                             "year?", "We can scale your team quickly."),
     ["kind:abstain_pitched"], "an unclear-fit prospect gets a question, not a pitch"),
    ("check_back_repitch", ADDIS_NO, ADDIS_OK.replace("and I will not push.",
                                                      "though a leaner team could still keep delivery moving."),
     ["kind:pitch_after_no"], "a declined offer pitched again in other words"),
    # --- scheduling: real time-zone rules ------------------------------------------------------------------
    ("summer_cest_ok", BERLIN, b_slot("Would a 30-minute call on Tuesday 14 July at 10:00 CEST (11:00 EAT) work "
                                      "for you?"), ["!kind:*", "overall>=0.9"],
     "in July Berlin is UTC+2: 10:00 CEST is 11:00 EAT"),
    ("summer_cet_label", BERLIN, b_slot("Would a 30-minute call on Tuesday 14 July at 10:00 CET (12:00 EAT) work "
                                        "for you?"), ["kind:dst_label", "<summer_cest_ok"],
     "CET is standard time; Berlin is on CEST in July"),
    ("summer_winter_arithmetic", BERLIN, b_slot("Would a 30-minute call on Tuesday 14 July at 10:00 Berlin time "
                                                "(12:00 EAT) work for you?"), ["kind:zone_mismatch"],
     "10:00 Berlin time in July is 11:00 EAT, not 12:00"),
    ("winter_date_ok", BERLIN, b_slot("Would a 30-minute call on Tuesday 13 January at 10:00 Berlin time (12:00 EAT) "
                                      "work for you?"), ["!kind:*"], "in January the standard offsets apply"),
    ("iso_date_ok", BERLIN, b_slot("Would a 30-minute call on 2026-07-14 at 10:00 CEST (11:00 EAT) work for you?"),
     ["!kind:*"], "an ISO date"),
    ("weekday_mismatch", BERLIN, b_slot("Would a 30-minute call on Monday 14 July at 10:00 CEST (11:00 EAT) work?"),
     ["kind:weekday_mismatch"], "14 July 2026 is a Tuesday"),
    ("ny_summer_ok", NY_ABSTAIN, ny("Would a 30-minute call on Wednesday 15 July at 10:00 EDT (17:00 EAT) work for "
                                    "you?"), ["!kind:*"], "the New York overlap is 09:00-11:00 in summer"),
    ("ny_winter_late", NY_ABSTAIN, ny("Would a 30-minute call on Wednesday 14 January at 10:00 EST (18:00 EAT) work "
                                      "for you?"), ["kind:outside_window", "kind:eat_outside_hours"],
     "in winter 10:00 New York is 18:00 EAT, after the Addis working day"),
    ("ny_am_pm_ok", NY_ABSTAIN, ny("Would a 30-minute call on Wednesday at 9am ET (5pm EAT) work for you?"),
     ["!kind:*"], "weekday only: read in the winter reference week, 9am EST is 5pm EAT"),
    ("one_zone_only", BERLIN, b_slot("Would a call on Tuesday at 12:00 EAT work for you?"),
     ["kind:prospect_zone_unnamed"], "both zones must be named"),
    ("foreign_zone", BERLIN, b_slot("Would a call on Tuesday at 10:00 IST work for you?"), ["kind:wrong_zone"],
     "a zone that is neither the prospect's nor EAT"),
    ("la_live_slot", LA, LA_OK.replace("Would a short recorded walkthrough you can watch async be useful?",
                                       "Would Tuesday 14 July at 09:00 PDT (19:00 EAT) work for a call?"),
     ["kind:no_overlap_slot"], "Los Angeles has no overlap with EAT in any season"),
    ("la_async_paraphrase", LA, LA_OK.replace("Would a short recorded walkthrough you can watch async be useful?",
                                              "Would a Loom video you can watch on your own time be useful?"),
     ["!kind:no_async", "!kind:no_overlap_slot", "kind:missing_must_include"],
     "an async option in other words satisfies SG-09; the task's literal must_include 'async' is still missing"),
    # --- orderings: more failures always score lower ---------------------------------------------------------
    ("one_failure", BERLIN, b("Our world-class engineers are ready."), ["<berlin_ok"], "one cliché"),
    ("two_failures", BERLIN, b("Our world-class engineers are ready. Honestly, your roadmap is a mess."),
     ["<one_failure"], "a cliché and an insult"),
    ("three_failures", BERLIN, b("Our world-class engineers are ready. Honestly, your roadmap is a mess. "
                                 "Reportedly your CTO is leaving."), ["<two_failures"],
     "a cliché, an insult and gossip"),
    ("hard_and_soft", BERLIN, b("Five Go engineers are ready. Our world-class engineers are ready."),
     ["<bench_five_go"], "a hard violation plus a cliché is worse than the hard violation alone"),
]
BY_ID = {case[0]: case for case in CASES}


@pytest.fixture(scope="module")
def results():
    return {case_id: scorer.score(task, email) for case_id, task, email, _, _ in CASES}


@pytest.mark.parametrize("case_id", [c[0] for c in CASES])
def test_case(case_id, results):
    _, _, email, checks, reason = BY_ID[case_id]
    result = results[case_id]
    kinds = {v["kind"] for v in result["violations"]}
    why = f"{reason}\n{json.dumps(result['violations'], indent=1, ensure_ascii=False)}\n{result['dimensions']}"
    for check in checks:
        if check.startswith("overall<="):
            assert result["overall"] <= float(check[9:]), f"{check}: {result['overall']}; {why}"
        elif check.startswith("overall>="):
            assert result["overall"] >= float(check[9:]), f"{check}: {result['overall']}; {why}"
        elif check == "!kind:*":
            assert not kinds, f"expected no violation; {why}"
        elif check.startswith("!kind:"):
            assert check[6:] not in kinds, f"{check}; {why}"
        elif check.startswith("kind:"):
            assert check[5:] in kinds, f"{check}; {why}"
        elif check.startswith("<"):
            other = results[check[1:]]["overall"]
            assert result["overall"] < other, f"{check}: {result['overall']} vs {other}; {why}"
        else:
            dim, bound = check.split("<")
            assert result["dimensions"][dim] < float(bound), f"{check}; {why}"
    for violation in result["violations"]:
        if violation["span"] is not None:
            start, end = violation["span"]
            assert end > start and email[start:end] == violation["evidence"]


def test_case_count_and_spread():
    assert len(CASES) >= 60
    assert len(BY_ID) == len(CASES)
    low = [c for c in CASES if any(ch.startswith("overall<=0.2") for ch in c[3])]
    assert len(low) >= 10
