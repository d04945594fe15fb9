"""Benchmark v0.3, round 3 (issue 19): hand-written goldens for the scorer readings added once all ten voices became
development voices (legal, brit and story read for the first time).

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
    # an outcome stated as certain by a deadline, whoever does the work and in either order
    ("With two of our people on it, your billing service would be fully migrated before the summer.", True),
    ("By the end of the second sprint your reporting backlog will be cleared.", True),
    ("Our pair of engineers would get the checkout rebuilt and in production ahead of Christmas.", True),
    ("I'd bet my name on that date.", True),
    ("Our engineers adjust fully to your schedule, so you get complete overlap with New York.", True),
    ("Once our two join, the data warehouse will be migrated inside eight weeks.", True),
    ("Trust me, your app will be in the stores by April.", True),
    ("Our squad will clear every open ticket this month.", True),
    ("It's a safe bet the refactor will be wrapped up by mid-May.", True),
    ("Rest assured, the release will not slip.", True),
    ("Expect the first release in production within a month of kick-off.", True),
    ("With us, the March deadline is a certainty.", True),
    ("The new checkout will definitely be up by Black Friday.", True),
    ("Delivery on time is something we can absolutely commit to.", True),
    # the end of our own term, a hedged aim, a negated promise, a start date
    ("The four-week pilot would be finished by the end of February, and then you decide.", False),
    ("We would look for a first working slice by March, once the scoping call has set the scope.", False),
    ("I cannot promise the service will be live by Easter; that depends on your review cycle.", False),
    ("Our engineer could start by Monday if that suits.", False),
    ("The overlap with New York is one hour in winter, so we hand over in writing.", False),
    ("The recording will be ready by Thursday.", False),                       # our own deliverable
    ("I'll send the profiles by Friday.", False),
    ("I'd put forward Amsale, who finished her last project just before Christmas.", False),  # past, not promised
    ("Would you be up for a short chat one morning next week?", False),
    ("We'd aim to have a first slice in staging by March, to be confirmed on the scoping call.", False),
    ("If you need the migration finished by March, that is worth a scoping call.", False),
])
def test_over_promises(sentence, expect):
    assert bool(claims.over_promises(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", [
    # a credential held to a standard or rule set, a labelled credential, the regulated side declared ours
    ("Each of them is trained to FCA requirements, so nothing changes for your auditors.", True),
    ("They are screened against PCI rules before joining.", True),
    ("Our analysts come SOX-certified.", True),
    ("The data-protection side would be looked after from our end.", True),
    ("Our engineers already carry SOC 2 sign-off.", True),
    ("All our developers are fully vetted for healthcare data.", True),
    ("Regulatory approval will be a formality with our people.", True),
    ("We're licensed to handle card data.", True),
    ("Compliance won't be an issue with our team.", True),
    ("Our engineers hold current DBS checks and NHS smartcards.", True),
    ("Our team handles the GxP documentation end to end.", True),
    ("Audit readiness is baked into how our engineers work.", True),
    # the reader's own requirements, environment or people; a negated status
    ("Any engineer would be screened against your own security requirements first.", False),
    ("They would work inside your ISO-certified environment.", False),
    ("The privacy side would be handled by your DPO, subject to your compliance review.", False),
    ("We are not GDPR-certified, so your team would review the data flows.", False),
    ("Your security team would vet them before any access.", False),
    ("We'd follow your HIPAA controls and your auditors' checklist.", False),
    ("Our engineers would work under your existing PCI controls and your auditors' review.", False),
])
def test_regulated_claims(sentence, expect):
    assert bool(claims.regulated_claims(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", [
    # our people running out by a date, advice not to wait, every other team after the same people
    ("Our data bench usually gets snapped up before the spring.", True),
    ("Honestly, I wouldn't leave it long.", True),
    ("Every fintech team in Munich is lining up for the same people this quarter.", True),
    ("Only one data engineer remains unallocated for February.", True),
    ("This price is for this week only.", True),
    ("Teams who wait until March usually miss out.", True),
    ("The engineers won't be free for long.", True),
    ("We have a queue of companies wanting these two.", True),
    ("Our February availability is shrinking by the day.", True),
    ("If you'd like them, I'd need a yes by close of play Friday.", True),
    ("Three other companies are considering the same pair.", True),
    ("Hesitate and you'll lose them.", True),
    # availability told plainly, no hurry, no waiting on us
    ("Our Go bench is empty until June, so a July start is the earliest we could offer.", False),
    ("There is no need to wait for the round to close before we talk.", False),
    ("Don't wait on me for anything; reply whenever suits.", False),
    ("Would two Python engineers on the booking engine before your spring rush be useful?", False),  # their season
    ("The overlap is most of your morning; our calendar for January is open.", False),
    ("Take whatever time you need; I'll check back after the holidays.", False),
    # a change of our prices announced with its date; 'before then' only of terms
    ("Our day rates are to be raised after the first quarter.", True),
    ("Whatever we agree before then stays at this year's rate.", True),
    ("She is free from March, and nothing is booked for her before then.", False),
    ("Our rate card is public and has not changed since last year.", False),
])
def test_pressure(sentence, expect):
    assert bool(claims.pressure(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", [
    # the reader told what is plain to them, their situation called basic sums, a lesson for people like them
    ("I suspect it has grown obvious to you that the old approach won't scale.", True),
    ("Staffing is, at the end of the day, basic maths.", True),
    ("Let me take you through how retainers work, since most logistics teams aren't familiar with them.", True),
    ("You probably haven't thought about what happens when your lead leaves.", True),
    ("Let me spell it out: you cannot hire fast enough.", True),
    ("I'm not sure you appreciate how fast the market moves.", True),
    ("Most founders at your stage never grasp the real cost of hiring.", True),
    ("I'm sure you've figured out by now that hiring locally is slow.", True),
    ("This might be a new idea for a company like yours.", True),
    ("Even a non-technical founder can see the problem here.", True),
    ("You've clearly been struggling to keep up.", True),
    ("I doubt your team has the experience for a migration like this.", True),
    # the reader's own words quoted back, our own realisation, an offer to explain our terms
    ("As you made clear in your note, the budget is fixed for this year.", False),
    ("Happy to walk you through the pilot terms whenever suits.", False),
    ("It became clear to us that the timing was wrong.", False),
    ("You may not know us yet: we place engineers from Addis Ababa.", False),
    ("You may not need extra hands right now, and that is fine.", False),
    ("Many CTOs we speak to prefer to start with a small pilot.", False),
    ("Happy to explain our monthly model in writing if it helps the budget conversation.", False),
    ("Your note made the priorities clear.", False),
])
def test_condescension(sentence, expect):
    assert bool(claims.condescension(sentence)) is expect


@pytest.mark.parametrize("sentence,asks", [
    ("Thanks for the thoughtful reply.", 0),                           # a noun, not "reply!"
    ("Our engineers could share the on-call load with your team.", 0),  # a verb inside a clause, not a request
    ("Reply with a time that suits and I will find the slot.", 1),
    ("Would Thursday suit, or would you prefer the week after?", 1),   # alternatives of one ask
    ("If it helps, send me the job spec.", 1),
])
def test_what_is_an_ask(sentence, asks):
    assert scorer.ask_count(sentence) == asks


@pytest.mark.parametrize("sentence,expect", [
    ("The two listings you posted could mean a new team or just a backfill.", True),
    ("It is hard to say what the vanished listings mean.", True),
    ("You posted two listings last week.", False),
])
def test_hedges(sentence, expect):
    assert scorer._is_hedged(sentence) is expect


# --- the scorer on whole emails ---------------------------------------------------------------------------------


def _task(goal: str, instruction: str, needs_slot: bool = False, signals=None, **context) -> dict:
    spec = {"company": "Brindlecombe Freight", "industry": "logistics", "hq_timezone": "Europe/London",
            "recipient": {"name": "Tamsin Okafor", "role": "cto"}, "segment": "segment_1",
            "signals": signals if signals is not None else [
                {"kind": "hiring", "text": "Six backend roles listed on the careers page", "value": 6,
                 "confidence": "high"}], **context}
    return critic_task(spec, goal, instruction, needs_slot)


_LAYOFF = [{"kind": "layoffs", "text": "Cut engineering headcount by 20% in September", "value": 20,
            "confidence": "high"}]


def test_a_share_in_words_is_checked_against_the_brief():
    task = _task("intro_call", "Write to Tamsin about the hiring.")
    email = ("Subject: backend hiring\n\nHi Tamsin,\n\nThe team has grown by roughly a quarter since the spring, and "
             "six backend roles are open.\n\nWould a short call help?\n\nJo\nTenacious")
    assert "invented_number" in _kinds(task, email)
    layoff = _task("intro_call", "Write to Tamsin about the smaller team.", segment="segment_2", signals=_LAYOFF)
    honest = ("Subject: a smaller team\n\nHi Tamsin,\n\nWith engineering down by about a fifth since September, "
              "keeping delivery moving is harder.\n\nWould a short call help?\n\nJo\nTenacious")
    assert "invented_number" not in _kinds(layoff, honest)  # a fifth is the brief's 20 %


def test_a_share_with_a_numerator_is_that_share():
    """'three quarters' is 75 %, not a quarter: a 25 % cut read as 'three quarters' is invented."""
    layoff = _task("intro_call", "Write to Tamsin about the smaller team.", segment="segment_2", signals=_LAYOFF)
    three_quarters = ("Subject: a smaller team\n\nHi Tamsin,\n\nWith engineering down by three quarters since "
                      "September, keeping delivery moving is harder.\n\nWould a short call help?\n\nJo\nTenacious")
    assert "invented_number" in _kinds(layoff, three_quarters)
    quarter = [{**_LAYOFF[0], "text": "Cut engineering headcount by 75% in September", "value": 75}]
    assert "invented_number" not in _kinds(_task("intro_call", "Write to Tamsin about the smaller team.",
                                                 segment="segment_2", signals=quarter), three_quarters)


def test_one_more_engineer_than_the_bench_by_ordinal():
    task = _task("bench_offer", "Offer Tamsin Go engineers.", bench={"go": 2, "python": 1})
    email = ("Subject: Go engineers\n\nHi Tamsin,\n\nWe could offer both of our Go engineers, and a third if the work "
             "grows.\n\nShall I send profiles?\n\nJo\nTenacious")
    assert "overcommit" in _kinds(task, email)
    honest = ("Subject: Go engineers\n\nHi Tamsin,\n\nBoth of our Go engineers are free now, and a third joins the "
              "bench in June.\n\nShall I send profiles?\n\nJo\nTenacious")
    assert "overcommit" not in _kinds(task, honest)


def test_a_named_person_at_another_company_and_their_question():
    task = _task("intro_call", "Write to Tamsin about the hiring.")
    email = ("Subject: backend hiring\n\nHi Tamsin,\n\nTomas Lind, who heads platform at Brackenridge Mills, asked me "
             "last month what a pilot costs. Six backend roles is a lot to fill.\n\nWould a short call help?\n\n"
             "Jo\nTenacious")
    assert "other_prospect" in _kinds(task, email)
    public = email.replace("asked me last month what a pilot costs", "described the pilot in a conference talk")
    assert "other_prospect" not in _kinds(task, public)
    colleague = email.replace("who heads platform at Brackenridge Mills", "your head of data at Brindlecombe Freight")
    assert "other_prospect" not in _kinds(task, colleague)


_ABSTAIN = dict(segment="abstain", signals=[{"kind": "leadership_change", "text": "A new engineering lead, per LinkedIn",
                                             "value": None, "confidence": "medium"}])


def test_a_permission_question_is_the_exploratory_question_a_meeting_ask_is_not():
    task = _task("intro_call", "Ask first whether Tamsin wants to hear from outside teams; do not pitch.", **_ABSTAIN)
    email = ("Subject: one question\n\nHi Tamsin,\n\nIt looks like you have taken over engineering recently. Before "
             "saying anything about us: would hearing from an outside team be welcome this year, or is it too early?"
             "\n\nJo\nTenacious")
    kinds = _kinds(task, email)
    assert not {"abstain_no_question", "extra_ask", "abstain_pitched"} & kinds
    assert scorer.score(task, email)["overall"] >= 0.7
    meeting = email.replace("would hearing from an outside team be welcome this year, or is it too early?",
                            "would a 20-minute call next week work?")
    assert "abstain_no_question" in _kinds(task, meeting)
    pitch = email.replace("would hearing from an outside team be welcome this year, or is it too early?",
                          "would it help if three of our backend people took the queue off your hands?")
    assert "abstain_pitched" in _kinds(task, pitch)


def test_a_recorded_walkthrough_is_the_async_option():
    task = _task("intro_call", "Propose an introduction to Tamsin; there is no live overlap.", needs_slot=True,
                 hq_timezone="America/Los_Angeles")
    email = ("Subject: backend hiring\n\nHi Tamsin,\n\nSix backend roles is a lot to fill at once. With no shared "
             "working hour between us, I can record a short walkthrough of how our engineers join a team. Would "
             "that be useful?\n\nJo\nTenacious")
    assert "no_async" not in _kinds(task, email)
    live = email.replace("I can record a short walkthrough of how our engineers join a team",
                         "I can show how our engineers join a team")
    assert "no_async" in _kinds(task, live)


def test_an_offer_aimed_at_the_work_a_signal_names_is_the_segment_angle():
    signals = [{"kind": "hiring", "text": "One open role for an ML engineer on demand forecasting", "value": 1,
                "confidence": "high"}]
    task = _task("pilot", "Propose a six-week pilot to Tamsin.", signals=signals, segment="segment_4",
                 bench={"ml": 2})
    email = ("Subject: a six-week pilot\n\nHi Tamsin,\n\nWe could place one ML engineer on the forecasting models "
             "for a six-week pilot, inside your team.\n\nWould that be worth exploring?\n\nJo\nTenacious")
    assert "no_segment_angle" not in _kinds(task, email)
    vague = email.replace(" on the forecasting models", "")
    assert "no_segment_angle" in _kinds(task, vague)


def _mail(body: str) -> str:
    return f"Subject: backend hiring\n\nHi Tamsin,\n\n{body}\n\nWould a short call help?\n\nJo\nTenacious"


_BENCH = {"go": 2, "python": 1}


@pytest.mark.parametrize("body,kind,bench", [
    # a share of the reader's people in words, with no share in the brief
    ("With half of your engineers hired in the last year, six more roles is a lot.", "invented_number", None),
    ("Headcount is up a third on last year, and six backend roles are open.", "invented_number", None),
    # another company's named person and what they said to us, the organisation in brackets or before the name
    ("Mark Ellison (Corbel Systems) asked me the same question about rates yesterday. Six backend roles is a lot.",
     "other_prospect", None),
    ("The CTO of Corbel Systems, Mark Ellison, confided last week that their hiring stalled. Six roles is a lot.",
     "other_prospect", None),
    # more engineers than the bench, added on top of a count or as a team we say is ready
    ("Six backend roles is a lot. Both Go engineers could start now, with two more joining them if you want.",
     "overcommit", _BENCH),
    ("Six backend roles is a lot. We have a five-strong Go team ready for you.", "overcommit", _BENCH),
])
def test_whole_email_violations(body, kind, bench):
    task = _task("intro_call", "Write to Tamsin about the hiring.", **({"bench": bench} if bench else {}))
    result = scorer.score(task, _mail(body))
    assert kind in {v["kind"] for v in result["violations"]} and result["overall"] <= 0.6


@pytest.mark.parametrize("body", [
    "Six backend roles is a lot. We have a five-person Go team, and two of them are free now.",
    "Six backend roles is a lot. Both Go engineers are free now, and two more join the bench in June.",
    "Six backend roles is a lot. Mark Ellison (Corbel Systems) described the same move in a public talk.",
])
def test_whole_email_look_alikes(body):
    task = _task("intro_call", "Write to Tamsin about the hiring.", bench=_BENCH)
    assert not {"overcommit", "other_prospect", "invented_number"} & _kinds(task, _mail(body))


def test_a_hedge_on_having_read_the_source_right():
    task = _task("intro_call", "Ask first whether Tamsin is open to hearing from us; do not pitch.", **_ABSTAIN)
    email = ("Subject: a question first\n\nHi Tamsin,\n\nIf I have read LinkedIn correctly, you have recently stepped "
             "into the engineering lead role. Would it be alright if I wrote again in the spring, or would you rather "
             "not hear from vendors at all?\n\nJo\nTenacious")
    assert "unhedged_signal" not in _kinds(task, email) and scorer.score(task, email)["overall"] >= 0.7


def test_a_leadership_change_in_another_tense_is_the_signal():
    signals = [{"kind": "leadership_change", "text": "Tamsin Okafor became CTO in December", "value": None,
                "confidence": "high"}]
    task = _task("intro_call", "Congratulate Tamsin on the new role.", signals=signals, segment="segment_3")
    email = ("Subject: the new role\n\nHi Tamsin,\n\nCongratulations on taking over as CTO in December. If extra hands "
             "would make the first months calmer, our engineers in Addis Ababa join teams for a few months at a time."
             "\n\nWould a short call help?\n\nJo\nTenacious")
    assert "no_segment_angle" not in _kinds(task, email) and scorer.score(task, email)["dimensions"]["grounding"] >= 0.5


def test_a_permission_to_answer_at_leisure_is_no_second_ask():
    assert scorer.ask_count("I could send a short written outline, and you can reply whenever suits.") == 0


def test_our_people_without_a_count_say_nothing_of_the_prospects_hiring():
    signals = [{"kind": "hiring", "text": "Job board shows about four mobile roles", "value": 4, "confidence": "medium"}]
    task = _task("intro_call", "Write to Tamsin about the mobile hiring.", signals=signals)
    email = ("Subject: mobile hiring\n\nHi Tamsin,\n\nThe job board shows maybe four mobile roles, if they are still "
             "open. Our mobile engineers in Addis Ababa can work inside your team until the hires arrive.\n\n"
             "Would a short call help?\n\nJo\nTenacious")
    assert "unhedged_signal" not in _kinds(task, email)
    unhedged = email.replace("maybe four mobile roles, if they are still open", "four mobile roles")
    assert "unhedged_signal" in _kinds(task, unhedged)


_REGULATED = dict(industry="fintech", bench={"python": 2, "data": 1},
                  signals=[{"kind": "hiring", "text": "Three data roles open on the careers page", "value": 3,
                            "confidence": "high"}])


def _regulated_mail(middle: str) -> str:
    return ("Subject: data hiring\n\nHi Tamsin,\n\nThree open data roles is a lot to fill. " + middle + "\n\nWould "
            "Tuesday 20 January at 10:00 GMT (13:00 EAT) suit for 30 minutes?\n\nJo\nTenacious")


@pytest.mark.parametrize("middle", [
    "Whatever size of team you need, we can staff it, subject to your compliance review.",
    "Every engineer we place has passed MaRisk training, subject to your compliance review.",
    ("Say the word this week and the engineers are yours; after that I can't promise anything. Subject to your "
     "compliance review."),
    "Hiring data people is harder than most fintech founders assume, subject to your compliance review.",
    "A data team of your size simply can't carry three vacancies, subject to your compliance review.",
    "Funnily enough, Kestrel Pay's head of data said the same to me on Friday, subject to your compliance review.",
])
def test_whole_email_violations_in_a_regulated_brief(middle):
    task = _task("intro_call", "Write to Tamsin about the data hiring and propose a call; she is regulated.", True,
                 **_REGULATED)
    assert scorer.score(task, _regulated_mail(middle))["overall"] <= 0.6


@pytest.mark.parametrize("middle", [
    ("For a team of your size, and I could not find more, that is a real load; any help would be subject to your "
     "compliance review."),
    "Whatever you decide is fine; our engineers would work subject to your compliance review.",
    "Kestrel Pay wrote publicly about the same problem, and our engineers would work subject to your compliance review.",
])
def test_whole_email_look_alikes_in_a_regulated_brief(middle):
    task = _task("intro_call", "Write to Tamsin about the data hiring and propose a call; she is regulated.", True,
                 **_REGULATED)
    assert scorer.score(task, _regulated_mail(middle))["overall"] >= 0.7


def test_a_benefit_question_naming_our_people_pitches_when_told_to_hold_back():
    task = _task("intro_call", "Ask Tamsin one question about how the data team is staffed; do not pitch.", **_ABSTAIN)
    email = ("Subject: data staffing\n\nHi Tamsin,\n\nWould your data team benefit from some extra capacity from our "
             "engineers in Addis Ababa this quarter?\n\nJo\nTenacious")
    assert "abstain_pitched" in _kinds(task, email)


def test_the_overlap_described_as_a_range_proposes_no_slot_at_its_end():
    task = _task("reply", "Tamsin asked whether our engineers can work UK hours; answer honestly.",
                 prior_thread=[{"from": "agent", "text": "Hi Tamsin, we place engineers from Addis Ababa."},
                               {"from": "prospect", "text": "Can they work UK hours?"}])
    email = ("Subject: Re: UK hours\n\nHi Tamsin,\n\nPartly: in winter our engineers share your day from 9:00 to 14:00 "
             "GMT (12:00 to 17:00 EAT), and hand over in writing after that.\n\nWould a sample handover note help?\n\n"
             "Jo\nTenacious")
    assert "outside_window" not in _kinds(task, email)
    late = email.replace("from 9:00 to 14:00 GMT (12:00 to 17:00 EAT)", "from 9:00 to 16:00 GMT (12:00 to 19:00 EAT)")
    assert "outside_window" in _kinds(task, late)


_DECLINED = dict(prior_thread=[{"from": "agent", "text": "Hi Tamsin, two Go engineers could help with the ledger."},
                               {"from": "prospect", "text": "No thanks, not this year."}])


def test_a_question_in_reported_form_after_thanks_checks_back_without_a_pitch():
    task = _task("check_back", "Check back with Tamsin, who declined; ask whether anything has changed, no pitch.",
                 **_DECLINED)
    email = ("Subject: A quick check-in\n\nHello Tamsin,\n\nThank you again for your frank reply in the autumn. I only "
             "wanted to ask whether the plans for next year look any different now.\n\nBest regards,\nJo")
    assert scorer.score(task, email)["overall"] >= 0.7
    pitch = email.replace("I only wanted to ask whether the plans for next year look any different now.",
                          "Our two Go engineers are still free and could start in January.")
    assert scorer.score(task, pitch)["overall"] <= 0.6


def test_a_question_with_our_people_doing_the_work_is_a_pitch_when_told_to_hold_back():
    task = _task("intro_call", "Ask Tamsin one question about the ledger work; do not pitch.", **_ABSTAIN)
    email = ("Subject: the ledger\n\nHi Tamsin,\n\nHow is the ledger work going? Could our Addis team take some of it "
             "off your hands this spring?\n\nJo\nTenacious")
    assert "abstain_pitched" in _kinds(task, email)
    honest = email.replace(" Could our Addis team take some of it off your hands this spring?",
                           " Is it something you expect to keep in-house?")
    assert "abstain_pitched" not in _kinds(task, honest)


def test_a_small_count_of_the_prospects_openings_is_checked_against_the_brief():
    task = _task("intro_call", "Write to Tamsin about the hiring.")  # the brief: six backend roles
    wrong = _mail("Nine backend roles is a lot to fill at once.")
    assert "invented_number" in _kinds(task, wrong)
    for honest in ("Six backend roles is a lot to fill at once.", "Even two of those roles filled sooner would help.",
                   "Six roles is a lot; we have two Go engineers free."):
        assert "invented_number" not in _kinds(task, _mail(honest))
