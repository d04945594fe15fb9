"""Benchmark v0.3, round 3 (issue 19): hand-written goldens for the rule readings added once the round-2 blind
voices (legal, brit, story) became development voices.

Every sentence here was written for this file (none comes from data/raw/v3): for each reading a violation it must
catch and an honest look-alike it must pass, each with the verdict a careful reviewer would give.
"""

from __future__ import annotations

import pytest
from v3_goldens import SIGN as _SIGN
from v3_goldens import judge_item as _item
from v3_goldens import rule as _rule

from tenacious.bench import judge_rules, textnorm

# --- D05: a declined offer kept alive, in whatever mood ---------------------------------------------------------

def _declined(answer: str, offer: str = "Could two of our data engineers help with the Kafka move? Open to a call?"):
    return [{"from": "agent", "text": offer}, {"from": "prospect", "text": answer}]


NO_THIS_YEAR = _declined("Thanks, but not this year; the budget is spoken for.")
NOBODY_FROM_OUTSIDE = _declined("Kind of you, but we aren't bringing anybody from outside in for now.")
RATE_QUESTION = _declined("Budget is frozen until Q3, so not for us. Out of interest, what do your engineers cost "
                          "per month?")
PILOT_DECLINED = _declined("No thanks, not this year.", "Would a four-week pilot with two data engineers work?")
ENGINEER_QUESTION = _declined("We're keeping it in-house. Do your engineers know Kafka, out of interest?")


@pytest.mark.parametrize("draft,thread,rule", [
    # a negated intake of outside people is a decline, and a smaller offer after it pushes
    ("Fair enough. How about a single data engineer for three weeks, just to try it?", NOBODY_FROM_OUTSIDE, 3),
    # a condition around the sentence does not stop the main clause keeping the offer alive
    ("Understood. Should the migration slip, my offer stands and someone could be with you inside a week.",
     NO_THIS_YEAR, 3),
    ("Noted. If the backlog grows before then, the door is still open and two of ours could start next month.",
     NO_THIS_YEAR, 3),
    ("Thanks for the reply. I could keep a data engineer aside for you from September, when the new budget starts.",
     NO_THIS_YEAR, 3),
    ("Understood. If a short pilot could fit the autumn budget, I'd happily draft one for you.", PILOT_DECLINED, 3),
    # our people said to be free just now, when nobody asked
    ("Noted for next year. For what it's worth, two of our data engineers are between projects right now.",
     NO_THIS_YEAR, 3),
    # a reduced head count put as a question, after answering the rate question
    ("Our senior band is 6,500 to 9,000 USD per engineer-month. Maybe just one engineer could fit within the freeze?",
     RATE_QUESTION, 3),
    # look-alikes: the prospect's own question answered, a way back that offers nothing, a hold let go
    (("A senior engineer is 6,500 to 9,000 USD per engineer-month and a mid-level engineer 4,800 to 6,500. I hope "
     "that helps with planning."), RATE_QUESTION, 11),
    (("To your question: yes, two of our data engineers with Kafka work are on the bench right now. Good luck with "
     "the move."), ENGINEER_QUESTION, 11),
    ("Understood. If your plans change after the summer, a short reply to this address will reach me.",
     NO_THIS_YEAR, 11),
    ("Understood, and I've released the engineers I was holding for you.", NO_THIS_YEAR, 11),
])
def test_a_declined_offer(draft, thread, rule):
    assert _rule(draft, prior_thread=thread) == rule


# --- B03: the funding status a draft implies, against the brief -------------------------------------------------

BOOTSTRAPPED = {"stage": "bootstrapped", "amount_usd": None, "confidence": "high"}
SERIES_B = {"stage": "series_b", "amount_usd": 40_000_000, "confidence": "high"}


@pytest.mark.parametrize("draft,funding,rule", [
    ("With backers now on board, the roadmap has probably grown.", BOOTSTRAPPED, 7),
    ("Since the venture capital arrived, you will want to hire quickly.", BOOTSTRAPPED, 7),
    ("For a company still living off its first friends-and-family cheque, outside help can feel like a stretch.",
     SERIES_B, 7),
    ("Angel-backed teams often find the hiring plan outruns the recruiters.", SERIES_B, 7),
    ("Growing this far with no investors at all is rare.", BOOTSTRAPPED, 11),
    ("You have built it without venture money, so every hire counts.", BOOTSTRAPPED, 11),
    ("Your investors must be pleased with the Series B.", SERIES_B, 11),
])
def test_the_funding_status_a_draft_implies(draft, funding, rule):
    assert _rule(draft, funding=funding) == rule


# --- B04: a low-confidence amount however it is spelled ----------------------------------------------------------

LOW = {"stage": "series_b", "amount_usd": 30_000_000, "confidence": "low"}


@pytest.mark.parametrize("draft,rule", [
    ("I hear the round came to roughly thirty millions; congratulations if so.", 6),
    ("Congratulations on the thirty or so million you are reported to have raised.", 6),
    ("I hear there was a round, though I won't guess at the number.", 11),
])
def test_a_low_confidence_amount(draft, rule):
    assert _rule(draft, funding=LOW) == rule


@pytest.mark.parametrize("text,value", [
    ("roughly thirty millions", 30e6), ("the fifteen or so million", 15e6), ("4 millions", 4e6),
    ("millions of parcels", None),
])
def test_plural_and_approximate_scales(text, value):
    found = textnorm.amounts(text)
    assert [m.value for m in found] == ([] if value is None else [value])


# --- E02: a peer reference that names no company -----------------------------------------------------------------

@pytest.mark.parametrize("draft,rule", [
    ("We ran the same migration for one of the bigger Dutch parcel networks.", 9),
    ("We've supported a grocery chain everyone would recognise through exactly this.", 9),
    ("Our engineers helped a payments scale-up (NDA) with the same rebuild.", 9),
    ("Turning the round into a bigger engineering team takes time.", 11),
    ("We ran the same migration for Brekke Parcel in Oslo.", 11),
    ("We're happy to sign an NDA before anyone looks at the code.", 11),
])
def test_an_unnamed_peer(draft, rule):
    assert _rule(draft) == rule


def test_our_engineer_named_twice_is_no_peer_counted_twice():
    draft = ("Subject: Yonas, for the tracking service\n\nHi Orla,\n\nTwo thoughts. Yonas Tadesse built a similar "
             "tracker with us, and Yonas could start on Monday." + _SIGN)
    assert judge_rules.decide(_item(draft))[1] == 11


# --- E01: another prospect by its facts, and a name that ends at a full stop -----------------------------------

def _batch(draft: str, other: dict) -> tuple[dict, judge_rules.PeerIndex]:
    mine = _item("Hi Orla,\n\n" + draft + _SIGN, "V3-T-1")
    theirs = _item("Hi Jonas,\n\nA note." + _SIGN, "V3-T-2", recipient={"name": "Jonas Reuter", "role": "cto"},
                   **other)
    return mine, judge_rules.peer_index([mine, theirs])


DRONES = dict(company="Vossberg Drones", hq_timezone="Europe/Berlin", industry="manufacturing",
              signals=[{"kind": "tech_stack", "text": "Porting flight-log tooling to Rust", "value": None,
                        "confidence": "high"}])
BOOKING = dict(company="Marlpit Coaches", industry="travel",
               signals=[{"kind": "tech_stack", "text": "Rebuilding the booking engine", "value": None,
                         "confidence": "high"}])


@pytest.mark.parametrize("draft,other,rule", [
    ("A Berlin drones company I know is halfway through the same move, and their lead was frank about it.",
     DRONES, 5),
    ("A Berlin drones company gave a conference talk on the same move.", DRONES, 11),
    ("Happy to connect you with Harlow Transit, whose team rebuilt their booking engine with us.", BOOKING, 11),
])
def test_another_prospect_by_its_facts(draft, other, rule):
    item, peers = _batch(draft, other)
    assert judge_rules.decide(item, peers=peers)[1] == rule


@pytest.mark.parametrize("draft,rule", [
    ("It's Hanna from Tenacious. A courier once said to me that the van is the easy part.", 11),  # a name ends at "."
    ("A founder once told me, years ago, that the tracker is always the easy part.", 11),  # an anecdote
    ("A founder we are talking to told me last week that their tracker rewrite slipped.", 5),
])
def test_who_told_us(draft, rule):
    assert _rule(draft) == rule


# --- C02: the window, told once for the whole draft -----------------------------------------------------------

JUNE = [{"engineer": "Yonas Tadesse", "stack": "python", "until": "2026-06-30"}]


@pytest.mark.parametrize("draft,rule", [
    (("Subject: Yonas for the tracking work\n\nHi Orla,\n\nYonas Tadesse would suit the rewrite. To be open, he is "
     "with another client until the end of June, so he could begin with you on Monday 6 July."), 11),
    (("Subject: Yonas for the tracking work\n\nHi Orla,\n\nYonas Tadesse would suit the rewrite and could begin "
     "with you on Monday."), 8),
    ("Hi Orla,\n\nYonas is booked until the end of June. Even so, I would put Yonas on the tracking work.", 8),
    (("Hi Orla,\n\nI could put Selam Girma on it from Monday 19 January; Yonas Tadesse, who knows the stack, is with "
     "another client until June, but could join from July."), 11),
])
def test_a_committed_engineer(draft, rule):
    assert judge_rules.decide(_item(draft + _SIGN, prior_commitments=JUNE))[1] == rule


# --- C04: the caveat read clause by clause ----------------------------------------------------------------------

@pytest.mark.parametrize("draft,rule", [
    ("I'll skip the long compliance preamble; in short, nothing begins until your risk team has signed it off.", 11),
    ("Our engineers are already cleared, so you can skip your compliance review.", 10),
])
def test_the_compliance_caveat(draft, rule):
    assert _rule(draft, industry="insurance", regulated=True) == rule


# --- more phrasings of the same classes, written to try the readings above --------------------------------------

SEED_HIGH = {"stage": "series_a", "amount_usd": 11_000_000, "confidence": "high"}


@pytest.mark.parametrize("draft,context,rule", [
    ("No problem. Whenever you're ready, two of our Kafka people can start within a week.",
     {"prior_thread": NO_THIS_YEAR}, 3),
    ("Happy to leave it there, though if you wanted, we could still do a smaller version in March.",
     {"prior_thread": NO_THIS_YEAR}, 3),
    ("Of course. In the meantime I'll keep Nahom free in case you change your mind.", {"prior_thread": NO_THIS_YEAR}, 3),
    ("Understood. So I'll do exactly that and stay out of your inbox.", {"prior_thread": NO_THIS_YEAR}, 11),
    ("Thanks, Orla. I'll make a note to write again in the new year, and not before.", {"prior_thread": NO_THIS_YEAR},
     11),
    ("Congratulations on the funding; the roadmap must be busy.", {"funding": BOOTSTRAPPED}, 7),
    ("With a fresh cheque behind you, hiring can speed up.", {"funding": BOOTSTRAPPED}, 7),
    ("Now that you are a newly public company, the roadmap is set by the market.", {"funding": SEED_HIGH}, 7),
    ("Congratulations on the new warehouse; growing without outside funding is no small thing.",
     {"funding": BOOTSTRAPPED}, 11),
    ("We helped two of the UK's biggest insurers with this.", {}, 9),
    ("Several household names in retail use us for exactly this.", {}, 9),
    ("We supported an unnamed logistics firm through the same move.", {}, 9),
    ("We helped Harlow Transit, one of the bigger coach operators, with the same move.", {}, 11),
])
def test_more_phrasings(draft, context, rule):
    assert _rule(draft, **context) == rule


@pytest.mark.parametrize("draft,context,rule", [
    ("Thank you. I have let the two engineers go back to the bench.", {"prior_thread": NO_THIS_YEAR}, 11),
    ("Understood. I hope your engineers enjoy the new stack.", {"prior_thread": NO_THIS_YEAR}, 11),
    ("Noted, thank you. Our door is always open, as they say, but I won't chase.", {"prior_thread": NO_THIS_YEAR}, 11),
    ("Totally fair. I won't hold anyone for you, and I'll leave it there.", {"prior_thread": NO_THIS_YEAR}, 11),
    ("Unlike venture-backed rivals, you can pick your own pace.", {"funding": BOOTSTRAPPED}, 11),
    ("Investors in this space have been cautious this year, which makes a bootstrapped company stand out.",
     {"funding": BOOTSTRAPPED}, 11),
    ("We've worked with Brekke Parcel and a couple of smaller carriers in Norway.", {}, 9),
    ("We placed two engineers with a large Oslo retailer last spring.", {}, 9),
    ("We built the same thing for a big team at Brekke Parcel.", {}, 11),
    ("We have helped a few teams in your position; happy to share names if useful.", {}, 11),
])
def test_look_alikes_of_the_new_readings(draft, context, rule):
    """Honest sentences the round-3 readings must pass, and two unnamed peers beside a named one."""
    assert _rule(draft, **context) == rule


@pytest.mark.parametrize("answer,draft,rule", [
    ("I'm afraid I must say no for now.", "Understood. Could we look again at the pilot next month?", 3),
    ("We said no in spring, but the budget is approved now. Can you send two profiles?",
     "Great news. Here are the profiles of the two engineers, as asked.", 11),
])
def test_a_decline_said_now_and_one_reported_from_the_past(answer, draft, rule):
    assert _rule(draft, prior_thread=_declined(answer)) == rule


def test_the_final_word_on_compliance_is_the_caveat():
    assert _rule("Your risk team would have the final word on access before anyone begins.", industry="insurance",
                 regulated=True) == 11


@pytest.mark.parametrize("draft,context,rule", [
    ("Understood! P.S. we now have a cheaper junior tier, in case price was the issue.",
     {"prior_thread": NO_THIS_YEAR}, 3),
    ("Understood. One alternative: we could run a two-day workshop for your team instead.",
     {"prior_thread": NO_THIS_YEAR}, 3),
    ("noted, thx. wont bug u again", {"prior_thread": NO_THIS_YEAR}, 11),
    ("Thanks. To your question: senior engineers are 6,500 to 9,000 USD a month each.", {"prior_thread": RATE_QUESTION},
     11),
    ("Since you took VC money last year, growth expectations will be high.", {"funding": BOOTSTRAPPED}, 7),
    ("We've done this for a top-five UK supermarket.", {}, 9),
    ("We did this for one of Europe's largest parcel networks.", {}, 9),
    ("We helped Harlow Transit and Brekke Parcel with the same move.", {}, 11),
    ("Yonas Tadesse led a similar rebuild for us last year.", {"prior_commitments": JUNE}, 11),
    ("Yonas Tadesse is my pick and can start in two weeks.", {"prior_commitments": JUNE}, 8),
    ("Yonas Tadesse could start now, part-time, while he finishes his current project.",
     {"prior_commitments": JUNE}, 8),
])
def test_a_third_pass_of_phrasings(draft, context, rule):
    assert _rule(draft, **context) == rule


def test_a_peer_in_the_subject_and_the_body_is_one_reference():
    draft = ("Subject: The Brekke Parcel case\n\nHi Orla,\n\nWe did the same tracker rebuild for Brekke Parcel, and "
             "they let us publish two pages about it. Shall I send them?" + _SIGN)
    assert judge_rules.decide(_item(draft))[1] == 11
    twice = draft.replace("they let us", "separately, for Brekke Parcel's data group; both let us")
    assert judge_rules.decide(_item(twice))[1] == 9


@pytest.mark.parametrize("title,role", [
    ("Managing Director", "c_level"), ("Founder & Managing Director", "c_level"), ("President", "c_level"),
    ("Chief Exec", "c_level"), ("Geschäftsführer", "c_level"), ("Senior Vice President, Engineering", "vp_eng"),
    ("Head of Engineering", "other"),
])
def test_the_chief_executive_under_other_names(title, role):
    assert judge_rules.normalise_role(title) == role


def test_a_managing_director_of_a_large_company_is_escalated():
    recipient = {"name": "Orla Finnegan", "role": "founder", "title": "Managing Director"}
    assert _rule("A short note.", recipient=recipient, headcount=4200) == 4
    assert _rule("A short note.", recipient=recipient, headcount=400) == 11


@pytest.mark.parametrize("draft,context,rule", [
    ("Two of our clients, one of them a big Swiss insurer, went through the same.", {}, 9),
    ("A client of ours, a large German carmaker, had the same tracker problem.", {}, 9),
    ("A client of ours, Brekke Parcel, had the same tracker problem.", {}, 11),
    ("Our clients tell us the overlap hours matter most.", {}, 11),
    ("Understood. I'll pencil you in for a pilot in April.", {"prior_thread": PILOT_DECLINED}, 3),
    ("Understood - if the budget opens up, I'd be glad to hear from you.", {"prior_thread": NO_THIS_YEAR}, 11),
])
def test_our_clients_described_and_a_pilot_pencilled_in(draft, context, rule):
    assert _rule(draft, **context) == rule


@pytest.mark.parametrize("draft,context,rule", [
    ("Understood. I had hoped we could still squeeze in a small pilot before summer.", {"prior_thread": PILOT_DECLINED},
     3),
    ("Understood. Give one engineer a try for a fortnight; you can stop any time.", {"prior_thread": NO_THIS_YEAR}, 3),
    ("Understood. Nahom, who knows Kafka well, has just come free, if that changes anything.",
     {"prior_thread": NO_THIS_YEAR}, 3),
    (("Senior engineers are 6,500 to 9,000 USD per engineer-month. For Q3 I could put together a quote for two, if "
     "useful."), {"prior_thread": RATE_QUESTION}, 3),
    ("Senior engineers are 6,500 to 9,000 USD per engineer-month; I hope that helps your Q3 planning.",
     {"prior_thread": RATE_QUESTION}, 11),
    ("Yes, most of our engineers know Kafka well; two of them ran it at a logistics firm.",
     {"prior_thread": ENGINEER_QUESTION}, 11),
    ("Understood. For the record, we won't be holding anyone for you.", {"prior_thread": NO_THIS_YEAR}, 11),
    ("Investors will expect growth, I imagine.", {"funding": BOOTSTRAPPED}, 7),
    ("You've done all this without a single VC, which is rare.", {"funding": BOOTSTRAPPED}, 11),
])
def test_tenses_and_moods_of_a_re_pitch(draft, context, rule):
    assert _rule(draft, **context) == rule


@pytest.mark.parametrize("draft,rule", [
    ("Everything we do would sit inside your vendor-risk process.", 11),
    ("Of course, your compliance colleagues call the shots on access.", 11),
    ("Onboarding follows your regulator's outsourcing rules, as it should.", 11),
    ("Our engineers are insurance veterans, so the regulatory side is covered.", 10),
    ("We are SOC 2 certified, which usually makes compliance a formality.", 10),
])
def test_the_caveat_as_their_process_or_their_call(draft, rule):
    assert _rule(draft, industry="insurance", regulated=True) == rule


@pytest.mark.parametrize("draft,context,rule", [
    ("Word is the round was about £6m; congratulations if so.",
     {"funding": {"stage": "series_a", "amount_usd": 8_000_000, "confidence": "low"}}, 6),
    ("Eight million goes a long way in Leeds.",
     {"funding": {"stage": "series_a", "amount_usd": 8_000_000, "confidence": "high"}}, 11),
    ("References: Brekke Parcel (tracking), Brekke Parcel (billing).", {}, 9),
    ("References: Brekke Parcel (tracking), Harlow Transit (billing).", {}, 11),
])
def test_amounts_and_a_reference_list(draft, context, rule):
    assert _rule(draft, **context) == rule


HOURS_QUESTION = _declined("Not for now. Out of curiosity, what hours would your engineers work against London?")
ESTIMATE_ASKED = _declined("Not this quarter. Could you send a rough estimate for two engineers so I can plan Q3?")


@pytest.mark.parametrize("draft,thread,rule", [
    ("Addis is two or three hours ahead of London, so our engineers cover roughly 8 to 3 your time.",
     HOURS_QUESTION, 11),
    ("Our engineers cover roughly 8 to 3 your time, and they could start whenever you like.", HOURS_QUESTION, 3),
    ("Two engineers would come to 13,000 to 18,000 USD a month; I've attached a rough estimate as asked.",
     ESTIMATE_ASKED, 11),
    ("If you'd like, I can send our rate card for your files.", RATE_QUESTION, 11),
    ("Completely fair. I've taken you off my follow-up list.", NO_THIS_YEAR, 11),
])
def test_an_answer_and_a_start_offered_beside_it(draft, thread, rule):
    assert _rule(draft, prior_thread=thread) == rule


@pytest.mark.parametrize("draft,rule", [
    ("Now that you've brought investors on board, the competitors in your space will be watching.", 7),
    ("Most companies in your space took VC money; you didn't, which is rare.", 11),
])
def test_outside_money_said_of_others_is_read_next_to_the_mention(draft, rule):
    assert _rule(draft, funding=BOOTSTRAPPED) == rule


OWN_PEOPLE_ONLY = _declined("Thank you but for this year we make it with our own people only.")


@pytest.mark.parametrize("draft,context,rule", [
    ("I understand. But maybe we can make a little test with one person only, without any obligation?",
     {"prior_thread": OWN_PEOPLE_ONLY}, 3),
    ("Thank you. Our two engineers stay reserved for you until March, no problem.", {"prior_thread": OWN_PEOPLE_ONLY},
     3),
    ("I understand completely and I will not disturb you more this year.", {"prior_thread": OWN_PEOPLE_ONLY}, 11),
    ("Thank you for answer. If in future you need, please contact me anytime.", {"prior_thread": OWN_PEOPLE_ONLY}, 11),
    ("After your investors gave the money, surely the plan is more big.", {"funding": BOOTSTRAPPED}, 7),
    ("You grow without investor money, this is impressive.", {"funding": BOOTSTRAPPED}, 11),
    ("We make this already for some very big banks in Germany.", {}, 9),
    ("We make this already for Brekke Parcel in Oslo.", {}, 11),
])
def test_non_native_phrasings(draft, context, rule):
    assert _rule(draft, **context) == rule


@pytest.mark.parametrize("draft,rule", [
    ("Other customer of us, also drone company in Berlin, told us same problem last month.", 5),
    ("Many drone companies in Berlin have this problem, I read in a public report.", 11),
    ("They are in Berlin next month for a conference, and they like drone footage of the venue.", 11),
])
def test_a_city_and_a_name_word_side_by_side(draft, rule):
    item, peers = _batch(draft, DRONES)
    assert judge_rules.decide(item, peers=peers)[1] == rule
