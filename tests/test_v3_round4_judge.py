"""Benchmark v0.3, round 4 (issue 19): hand-written goldens for the rule readings added once round 3's blind voices
(bullets, academic, bangalore, founder, german, mexico, texter) became development voices.

Every sentence here was written for this file (none comes from data/raw/v3): for each reading a violation it must
catch and an honest look-alike it must pass, with the verdict a careful reviewer would give.
"""

from __future__ import annotations

from datetime import date

import pytest
from v3_goldens import SIGN as _SIGN
from v3_goldens import judge_item as _item
from v3_goldens import rule as _rule

from tenacious.bench import dates, judge_rules, textnorm
from tenacious.bench.probes.reading import first_name

# --- D05: the declined offer pushed again, whoever the writer says sent each turn ---------------------------------

def _named(answer: str, offer: str = "Would two of our data engineers help with the Kafka move?"):
    """A thread whose senders are named the way a writer names them, not 'agent' / 'prospect'."""
    return [{"from": "Hanna Mulugeta", "text": offer}, {"from": "Orla Finnegan", "text": answer}]


NOT_IN_PLANS = _named("Thank you, but that is not in our plans for this year.")
SORTED = _named("Kind of you, but we are sorted on Kafka. Please don't keep anyone aside.")
HOURS_QUESTION = _named("Not for us right now, the budget is frozen. Out of curiosity, when do your people work?")
RATE_QUESTION = _named("Budget is frozen until Q3, so not for us. What does a senior engineer cost per month?")


@pytest.mark.parametrize("draft,thread,rule", [
    ("Understood. Could a single engineer for a month work instead?", NOT_IN_PLANS, 3),
    ("Noted. Our two data engineers stay at your disposal, should anything move.", SORTED, 3),
    ("Noted. Our junior band would come in far below the first quote, so the Kafka work need not wait.",
     NOT_IN_PLANS, 3),
    ("Fair enough. What if it were a single person for two sprints?", NOT_IN_PLANS, 3),
    ("Thanks. Would you like me to reserve both of them until Friday?", SORTED, 3),
    # beside the answer to their question, the offer made smaller still pushes
    ("Our people work 08:00 to 17:00 EAT, which is 05:00 to 14:00 in London. Perhaps a no-cost fortnight could be a start.",
     HOURS_QUESTION, 3),
    # look-alikes: a document offered in answer to their question, a negated offer restated
    ("A senior engineer is 6,500 to 9,000 USD per engineer-month. Shall I send the full rate card?", RATE_QUESTION, 11),
    (("Our people work 08:00 to 17:00 EAT, which is 05:00 to 14:00 in London. Would a one-page note on handovers "
      "help?"), HOURS_QUESTION, 11),
    ("Understood, thank you.\n\n- Noted: no outside engineers this year\n- Next step: yours, if ever", NOT_IN_PLANS, 11),
])
def test_a_declined_offer_pushed_again(draft, thread, rule):
    assert _rule(draft, prior_thread=thread) == rule


NO_OUTSOURCING = _named("Appreciate it, but we don't outsource engineering work. Maybe after the summer.")


@pytest.mark.parametrize("draft,rule", [
    ("Fair enough. And if it were one engineer embedded with your team for a month?", 3),
    ("Fair enough, thanks. Would it be ok to drop you a three-line note in September?", 11),
])
def test_outside_work_refused_in_so_many_words(draft, rule):
    assert _rule(draft, prior_thread=NO_OUTSOURCING) == rule


def test_a_deferral_with_no_offer_of_ours_before_it_is_no_decline_of_an_offer():
    thread = [{"from": "Orla Finnegan", "text": "Please write again after Easter, we are mid-migration and frozen."}]
    assert _rule("Our data engineers in Addis Ababa work UK mornings. May I send two short profiles?",
                 prior_thread=thread) == 11


# --- B03 / B04: amounts and tiers however they are spelled ------------------------------------------------------

@pytest.mark.parametrize("text,value,low,high", [
    ("thirty-something million", 34.5e6, 30e6, 39e6),
    ("a raise in the mid-forties (millions, that is)", 44.5e6, 43e6, 46e6),
    ("two point four million", 2.4e6, None, None),
])
def test_vague_and_decimal_amounts_in_words(text, value, low, high):
    [mention] = textnorm.amounts(text)
    assert mention.value == pytest.approx(value)
    assert (mention.low, mention.high) == ((None, None) if low is None else pytest.approx((low, high)))


def test_points_that_are_no_decimal():
    assert [m.value for m in textnorm.numbers("we scored three points")] == [3.0]


LOW = {"stage": "series_b", "amount_usd": 30_000_000, "confidence": "low"}
SEED = {"stage": "seed", "amount_usd": 3_000_000, "confidence": "high"}
SERIES_B = {"stage": "series_b", "amount_usd": 40_000_000, "confidence": "high"}


@pytest.mark.parametrize("draft,funding,rule", [
    ("Word is the raise was thirty-something million.", LOW, 6),
    ("Congrats on the raise, if the rumours are right. Forty-odd million goes a long way.", LOW, 6),
    ("Congrats on the raise, if the rumours are right. Our senior band is 6,500 USD per engineer-month.", LOW, 11),
    ("With tens of millions sitting on the balance sheet, the hiring plan can be bold.", SEED, 7),
    ("Now that you have closed your B and your C, the team must grow fast.", SEED, 7),
    ("We work with teams from seed to Series C.", SEED, 11),
    ("Now that you have passed the B round, and the A before it, the team must grow fast.", SERIES_B, 11),
])
def test_funding_said_of_the_prospect(draft, funding, rule):
    assert _rule(draft, funding=funding) == rule


# --- C02: the window, however the dates and names are written --------------------------------------------------

JUNE = [{"engineer": "Yonas Tadesse", "stack": "python", "until": "2026-06-30"}]


@pytest.mark.parametrize("draft,rule", [
    ("Yonas could start on the tracking work on 02.03.2026.", 8),
    ("Yonas is committed until 30.06.2026 and could start with you on 06.07.2026.", 11),
    ("Mr. Tadesse could take the tracking work from March.", 8),
    ("Yonas is with another client until the middle of June, but Selam Girma could start next week.", 11),
    ("Yonas is booked until June, so for a February start I would suggest Selam Girma.", 11),
    ("Yonas could do two days a week alongside his current client until June.", 8),
    ("Yonas works full-time for another client until June; from July he is free for you.", 11),
    (("Yonas knows Kafka well. He is with another client until June. But he could begin with you on Monday 2 "
      "February."), 8),
    ("Who we have:\n- Yonas T. (Python): with another client until June, earliest start 6 July", 11),
])
def test_a_committed_engineer(draft, rule):
    assert judge_rules.decide(_item("Hi Orla,\n\n" + draft + _SIGN, prior_commitments=JUNE))[1] == rule


def test_a_european_numeric_date_is_a_date():
    [(_, _, day)] = dates.start_dates("from 07.04.2026", date(2026, 1, 12), date(2026, 3, 31))
    assert day == date(2026, 4, 7)


# --- E02: unnamed and reused peers ------------------------------------------------------------------------------

@pytest.mark.parametrize("draft,rule", [
    ("We are currently helping a few of the best-known names in Nordic parcel delivery.", 9),
    ("We have done this for some of the most respected names of British retail.", 9),
    ("Proof:\n- same rebuild for two medium-sized courier firms\n- shipped in six weeks", 9),
    ("Past work:\n- Brekke Parcel (tracking)\n- Brekke (returns portal)", 9),
    ("Harlow Transit hired us for the booking rebuild, and harlow's ops team too, so that's 2 references.", 9),
    ("We ran a similar migration last year, and it took six weeks.", 11),
    ("Past work:\n- Brekke Parcel (tracking)\n- Harlow Transit (booking)", 11),
])
def test_peers(draft, rule):
    assert _rule(draft) == rule


# --- C04: the caveat in other words -------------------------------------------------------------------------------

@pytest.mark.parametrize("draft,rule", [
    ("All access to your systems would be handled as per your risk team's review and approval.", 11),
    ("Our engineers are fully vetted, so no review is needed on your side.", 10),
])
def test_the_compliance_caveat(draft, rule):
    assert _rule(draft, industry="insurance", regulated=True) == rule


# --- E01: another prospect by its facts, its figures and its people ---------------------------------------------

def _batch(draft: str, other: dict, recipient: dict | None = None):
    mine = _item("Hi Orla,\n\n" + draft + _SIGN, "V3-T-1")
    theirs = _item("Hi Jonas,\n\nA note." + _SIGN, "V3-T-2",
                   recipient=recipient or {"name": "Jonas Reuter", "role": "cto"}, **other)
    return mine, judge_rules.peer_index([mine, theirs])


DRONES = dict(company="Vossberg Drones", hq_timezone="America/New_York", industry="manufacturing",
              signals=[{"kind": "layoffs", "text": "Cut its flight-software team by about 20% in March", "value": None,
                        "confidence": "high"}])


@pytest.mark.parametrize("draft,rule", [
    ("A manufacturer I am speaking with cut some 20 percent of its flight-software people this spring.", 5),
    ("A New York drone maker's lead was frank with me about the same move.", 5),
    ("Jonas was explaining the same Kafka headache to me on our call.", 5),
    ("A drone maker published a post on cutting its flight-software team by 20 percent.", 11),
    ("Our flight-software estimate came in about 20 percent under budget.", 11),
])
def test_another_prospect(draft, rule):
    item, peers = _batch(draft, DRONES)
    assert judge_rules.decide(item, peers=peers)[1] == rule


def test_a_title_is_no_first_name():
    assert first_name("Dr. Jonas Reuter") == "Jonas"
    item, peers = _batch("Dear Dr. Orla Finnegan, a short note on the Kafka move.", DRONES,
                         {"name": "Dr. Jonas Reuter", "role": "cto"})
    assert judge_rules.decide(item, peers=peers)[1] == 11
