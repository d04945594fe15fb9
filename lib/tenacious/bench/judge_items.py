"""Judge cases (DESIGN §5.3): one prospect context judged with a good draft and a bad draft.

Why two drafts per context: for the draft rules (3, 5-10) the same brief appears once with a draft
that passes and once with a draft that breaks the probe's rule, so a judge that reads only the
brief cannot score; for the context rules (1, 2, 4) even a flawless draft must be stopped, so a
judge that grades only the prose cannot score either. PASS controls pair a clean draft with a
near miss (a sentence that looks like a violation but is not, plus style flaws the gate does not
police), so PASS is a real class and no constant answer does well.

Labels: every item's gold decision and rule come from `judge_rules.decide` (rubric v2). The
generator also knows what it meant each draft to be (the probe's rule for bad drafts and for
both drafts of a context probe, PASS otherwise) and refuses to emit a case where the rules
disagree, so no label is an accident of wording.

`draft_kind` names which of the case's two drafts an item holds ("good" = the reference draft,
"bad" = the probing draft); for PASS controls the probing draft is a near miss whose gold is PASS.

Authoring modes:
- hand_authored: data/raw/judge_hand_authored.jsonl (ours); partial contexts are completed by
  `make_context` from an rng seeded by the case id alone, so these cases are fixed data.
- trace_derived: the agent's next turn after a prospect turn of a logged thread (threads.jsonl).
- multi_llm: offline synthesis in four writer voices (no endpoint needed).
- programmatic: the house voice over seeded probe variants.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from tenacious import io, paths
from tenacious.bench import facts, judge_rules, schema
from tenacious.bench.context import make_context, money
from tenacious.prompts import JUDGE_LABELS, format_judge_completion, judge_messages

PROBES: tuple[str, ...] = ("A07", "B03", "B04", "C02", "C04", "D05", "E01", "E02", "E03", "G03")
CONTEXT_PROBES: tuple[str, ...] = ("A07", "E03", "G03")  # the rule reads the brief only
AUTHORING_MODES: tuple[str, ...] = ("trace_derived", "programmatic", "multi_llm", "hand_authored")

# Cases per probe (323 in all). With a good and a bad item per case this gives, over 646 items,
# PASS 276 (42.7 %), SUPPRESS 114, BLOCK 104, ESCALATE 80, PENALISE 72: every class is sizeable and
# a constant answer stays below half. A probe-stratified held-out split inherits these shares.
CASE_COUNTS: dict[str, int] = {
    "A07": 22, "E03": 20, "D05": 30, "G03": 40, "E01": 26, "B04": 26, "B03": 26, "C02": 26,
    "E02": 36, "C04": 36, "PASS": 35,
}
# multi_llm cases per probe; trace_derived takes what the logged threads support,
# hand_authored what the raw file holds, and programmatic fills the rest.
SYN_COUNTS: dict[str, int] = {
    "A07": 8, "E03": 8, "D05": 6, "G03": 12, "E01": 6, "B04": 8, "B03": 8, "C02": 8, "E02": 12, "C04": 12,
    "PASS": 10,
}
SPLIT_HINTS: dict = {
    "unit": "case (both items of a case share case_id and template_id)",
    "group_key": "template_id",  # every template group lies in one probe
    "stratify_key": "probe_id",
    "cases": {"train": 169, "dev": 93, "heldout": 61},
}
HAND_AUTHORED_PATH = paths.RAW_DIR / "judge_hand_authored.jsonl"
THREADS_PATH = paths.RAW_DIR / "threads.jsonl"

# How much a decision holds back, to call a wrong answer over- or under-cautious (ORPO rejected
# answers): PASS sends; PENALISE sends with a flag; ESCALATE waits for a human; BLOCK stops this
# draft; SUPPRESS stops all contact.
SEVERITY: dict[str, int] = {"PASS": 0, "PENALISE": 1, "ESCALATE": 2, "BLOCK": 3, "SUPPRESS": 4}

SENDERS: tuple[str, ...] = ("Noor", "Tomas", "Ilse", "Kofi", "Amaru")
_DAYS = ("Tuesday", "Wednesday", "Thursday")
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five")
_STAGE_WORDS = {"seed": "seed", "series_a": "Series A", "series_b": "Series B", "series_c": "Series C"}


class JudgeCaseError(ValueError):
    """A generated or hand-authored case whose rule labels differ from what it was written to be."""


# --- writer voices ---------------------------------------------------------------------------------
# Slots: {first} {company} {short} {stack} {overlap} {when} {sender}. `ask` needs a live overlap
# window, `ask_async` is used where there is none (US West).

VOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "house": {
        "subject": ("{stack} capacity for {short}", "Engineering help for {short}", "{short}: extra delivery capacity",
                    "Extra {stack} hands for {short}", "Capacity at {short}"),
        "greeting": ("Hi {first},", "Hello {first},", "Hi {first} -"),
        "value": ("Tenacious adds {stack} engineers from Addis Ababa to your team, with {overlap}.",
                  "We run a bench of {stack} engineers in Addis Ababa (EAT); for your time zone that means {overlap}.",
                  "Tenacious places {stack} engineers from Addis Ababa inside product teams, with {overlap}.",
                  "Our Addis Ababa bench has {stack} engineers free, and for your team that means {overlap}.",
                  "Tenacious is a team-extension partner: {stack} engineers in Addis Ababa, {overlap}, your tools."),
        "ask": ("Would a 20-minute call on {when} be useful?", "Could we take 20 minutes on {when}?",
                "Is {when} a good moment for a short conversation?", "Would {when} suit you for a conversation?",
                "Can I put 20 minutes in your calendar for {when}?"),
        "ask_async": ("Would a five-minute recorded walkthrough, watched on your own time, help?",
                      "Shall I send a one-page outline you can read when it suits you?",
                      "Would a written summary be more convenient than a meeting?"),
        "close": ("Best,\n{sender}", "Thanks,\n{sender}", "Best regards,\n{sender}", "Cheers,\n{sender}"),
    },
    "warm": {
        "subject": ("An idea for the {short} team", "Helping {short} ship sooner", "A friendly note for {first}"),
        "greeting": ("Hello {first},", "Hi {first}, I hope your week is going smoothly."),
        "value": (("Our engineers in Addis Ababa plan their days around client teams ({overlap} for you), and our "
                  "{stack} bench has room right now."),
                  ("I would enjoy showing you how our {stack} engineers in Addis Ababa slot into your sprints, "
                  "with {overlap}."),
                  ("People are often surprised how naturally a {stack} engineer from our Addis Ababa office "
                  "settles into a new team.")),
        "ask": ("Would you be open to a relaxed 20-minute chat on {when}?",
                "If it helps, I could walk you through it on {when}. Would that suit you?",
                "Could I borrow a little of your time on {when} to hear how things look on your side?"),
        "ask_async": ("Would a short written plan, read whenever suits you, be welcome?",
                      "Would it help if I wrote up a few thoughts you could read over coffee?"),
        "close": ("Warmly,\n{sender}", "All the best,\n{sender}", "With thanks,\n{sender}"),
    },
    "direct": {
        "subject": ("{stack} engineers for {short}", "{short} + Tenacious", "Capacity, {short}"),
        "greeting": ("{first},", "Hi {first} -"),
        "value": ("{stack} engineers, Addis Ababa, {overlap}. Ready in two weeks.",
                  "Short version: Tenacious supplies {stack} engineers, with {overlap}.",
                  "We have {stack} people free. They start in two weeks and bill monthly."),
        "ask": ("{when}, 20 minutes?", "Worth 20 minutes on {when}?", "Free on {when}?"),
        "ask_async": ("Want a two-page plan instead of a meeting?", "Prefer it in writing? Say the word."),
        "close": ("{sender}, Tenacious", "- {sender}"),
    },
    "consultative": {
        "subject": ("A roadmap question for {short}", "Build or extend at {short}?", "Capacity planning at {short}"),
        "greeting": ("Hi {first},", "Good morning {first},"),
        "value": (("Leaders in your position often weigh local hiring against a few {stack} engineers from a "
                  "partner; ours sit in Addis Ababa with {overlap}."),
                  ("Which part of the roadmap would move first with more {stack} hands? Ours sit in Addis Ababa, "
                  "with {overlap}."),
                  ("The useful question is rarely whether to hire, but where outside {stack} capacity would pay off "
                  "soonest.")),
        "ask": ("Would it be useful to compare notes for 20 minutes on {when}?",
                "Could I ask you three questions about the roadmap on {when}?",
                "Would {when} work to think this through together?"),
        "ask_async": ("Could I send three written questions about the roadmap instead of a call?",
                      "Would a short written comparison of the options be more useful than a meeting?"),
        "close": ("Regards,\n{sender}", "Kind regards,\n{sender}"),
    },
    "formal": {
        "subject": ("Engineering capacity for {company}", "Tenacious: {stack} engineers for {short}",
                    "Introduction: Tenacious and {short}"),
        "greeting": ("Dear {first},", "Dear {first}, thank you for reading this note."),
        "value": (("Tenacious provides {stack} engineers based in Addis Ababa, with {overlap} relative to your "
                  "office hours."),
                  ("Our firm places experienced {stack} engineers from Addis Ababa into client teams, with "
                  "{overlap}."),
                  ("Tenacious is an engineering partner whose {stack} specialists work from Addis Ababa under your "
                  "own processes.")),
        "ask": ("Would you be available for a 20-minute introduction on {when}?",
                "May I propose a brief introductory meeting on {when}?"),
        "ask_async": ("May I send a short written proposal for your review?",
                      "Would a written summary of our terms be of interest?"),
        "close": ("Kind regards,\n{sender}\nTenacious", "Yours sincerely,\n{sender}"),
    },
    "followup": {
        "subject": ("Re: {short} and Tenacious", "Re: next steps with {short}"),
        "greeting": ("Hi {first},", "Thanks, {first}."),
        "value": ("Our {stack} engineers in Addis Ababa would join with {overlap}.",
                  "On our side, the {stack} bench can support you with {overlap}."),
        "ask": ("Does {when} work for 20 minutes?", "Shall we hold {when} for it?"),
        "ask_async": ("Shall I send the details in writing so you can read them on your own time?",),
        "close": ("Best,\n{sender}", "Speak soon,\n{sender}"),
    },
}
SYN_VOICES: tuple[str, ...] = ("consultative", "direct", "formal", "warm")

# Opening lines are built from a frame, a reference to one signal and a tail, so two drafts about
# the same signal rarely share a sentence. A high-confidence signal is stated ("fact" references);
# any other is asked about ("ask" references, which never carry an amount).
SIGNAL_REFS: dict[str, dict[str, tuple[str, ...]]] = {
    "funding": {"fact": ("the {amount} {stage} round", "your {stage} round of {amount}", "the {amount} raise"),
                "ask": ("a new funding round", "the funding news", "fresh investment")},
    "hiring": {"fact": ("the {value} engineering openings on your site", "your push to fill {value} engineering roles",
                        "{value} open engineering roles"),
               "ask": ("the hiring you advertised", "your hiring push")},
    "leadership_change": {"fact": ("the new {value} appointment", "the arrival of a new {value}",
                                   "the change of {value}"),
                          "ask": ("the leadership change", "the change at the top of engineering")},
    "layoffs": {"fact": ("the {value}% restructuring", "the recent {value}% reduction", "a {value}% cut in roles"),
                "ask": ("the restructuring", "the reorganisation")},
    "tech_stack": {"fact": ("the move to {value}", "your {value} migration", "the shift toward {value}"),
                   "ask": ("the platform migration", "a change of stack")},
    "ai_initiative": {"fact": ("your work on {value}", "the plan for {value}", "the push into AI features"),
                      "ask": ("the AI plan", "the AI work you mentioned publicly")},
    "product_launch": {"fact": ("the launch of {value}", "{value} going live", "the {value} release"),
                       "ask": ("the recent launch", "the new product")},
    "peer_adoption": {"fact": ("{value} bringing in an outside team", "the way {value} extended its team"),
                      "ask": ("the trend among your peers", "the use of outside teams near you")},
}
FACT_FRAMES: tuple[str, ...] = ("{Ref} caught my eye{tail}.", "I noticed {ref}{tail}.", "{Ref} stood out to me{tail}.",
                                "I have been following {ref}{tail}.", "Reading about {ref} made me write{tail}.")
FACT_TAILS: tuple[str, ...] = ("", " this month", ", and it made me think of your delivery plans",
                               "; that usually changes the hiring maths", " while looking at {short}")
ASK_FRAMES: tuple[str, ...] = ("Is {ref} changing your plans, or am I misreading it?", "Did I read right about {ref}?",
                               "How is {ref} affecting the engineering roadmap?", "Is {ref} still on the cards?",
                               "Am I right that {ref} is shaping this year's plans?")
# A sentence on the segment's angle; free of names, amounts, stages and offers, so it never trips a rule.
ANGLES: dict[str, tuple[str, ...]] = {
    "segment_1": ("Fresh funding usually means the hiring plan runs ahead of recruiting.",
                  "Growing quickly tends to stretch a small engineering team thin.",
                  "When the roadmap grows faster than recruiting, delivery dates slip.",
                  "Young companies often need senior hands before they can hire them locally.",
                  "A bigger plan usually arrives months before the people to deliver it.",
                  "Recruiting at speed is hard to do without lowering the bar."),
    "segment_2": ("Doing the same roadmap with fewer people is the hardest part of a restructuring.",
                  "Cutting cost without cutting delivery is the trade-off most leaders face this year.",
                  "A leaner in-house team can still ship if the gaps are covered flexibly.",
                  "Budgets are tight, but the release calendar rarely moves.",
                  "Fixed costs are under scrutiny, yet customers still expect the same pace.",
                  "Smaller teams feel every open seat twice as much."),
    "segment_3": ("The first months in a new engineering role are when team-shape decisions are cheapest.",
                  "New leaders often want an early win before committing to long hiring cycles.",
                  "A fresh mandate is a good moment to test a different team shape.",
                  "Re-planning the roadmap is easier when capacity can flex.",
                  "Inherited teams rarely match the plan a new leader has in mind.",
                  "The first roadmap review usually exposes a few capacity gaps."),
    "segment_4": ("Specialist skills such as data platform work are slow to hire for locally.",
                  "A single missing specialist can hold up an entire roadmap.",
                  "Capability gaps tend to show up in data and platform work first.",
                  "Specialist engineers are the hardest hires in most markets right now.",
                  "Niche skills tend to sit with a handful of people who are never free.",
                  "Platform work stalls quickly when one expert is stretched across teams."),
    "abstain": ("I am not sure yet whether extra capacity is relevant for you, hence the question.",
                "Every team has a different bottleneck, so I would rather ask than assume.",
                "I may be off the mark here, and a short no is a fine answer.",
                "You will know better than I do whether capacity is the constraint.",
                "Some teams are short of people, others of time; I do not know which applies to you.",
                "I would rather learn how you work than guess."),
}
PROOFS: tuple[str, ...] = (
    "Our engineers usually join client sprints within two weeks.",
    "Most of our placements stay with the same client for more than a year.",
    "We handle payroll, equipment and retention, so your team only sees the engineer.",
    "Handovers are written up daily, so nothing waits for a meeting.",
    "Engineers rotate only at your request, never for our convenience.",
    "Every engineer works in your repositories, your tools and your rituals.",
    "Contracts run month to month, so there is no long lock-in.",
    "Each engineer has a named lead on our side who handles anything non-technical.",
    "Engineers are interviewed by your team before they start, never assigned blind.",
    "Scaling down is as quick as scaling up: one month's notice is enough.",
)
POSTSCRIPTS: tuple[str, ...] = (
    "P.S. No slides needed; a plain conversation is fine.",
    "P.S. If someone else owns this topic, a pointer would be appreciated.",
    "P.S. Sample profiles can come first if that is easier.",
    "P.S. A one-line no is a perfectly good answer.",
)
CAVEAT_SUBJECTS: tuple[str, ...] = ("Any engagement", "Access to production data", "Everything here",
                                    "Any onboarding", "Any data access", "The whole set-up")
CAVEAT_FRAMES: tuple[str, ...] = ("{subject} would be {caveat}.", "{subject} is {caveat}, of course.",
                                  "{subject} would remain {caveat}.")
# What a draft says instead of the caveat in regulated industries (rule 10 still fires).
REASSURANCES: tuple[str, ...] = (
    "We are fully compliant, so no review is needed on your side.",
    "Our engineers already know the regulations, so the paperwork stays light.",
    "Compliance is handled entirely on our side.",
)
CAVEAT_QUESTIONS: tuple[str, ...] = (
    "Is there anything your compliance team would want to see first?",
    "Do outside engineers need special approval at your company?",
)
STYLE_FLAWS: tuple[str, ...] = (
    "We are a world-class team of rockstar engineers ready to supercharge your roadmap.",
    "Just checking in, since this is honestly a no-brainer for a team like yours.",
    "As you probably know, hiring locally is slow, and we hit the ground running.",
    "Also, could you introduce me to whoever runs recruiting?",
)
ACKS: tuple[str, ...] = (
    ("Thanks for the clear answer, {first}. I will not press the point; if the timing changes, a one-line "
     "reply reaches me."),
    "Understood, and thank you for saying so. I have closed this on my side.",
    "Noted, {first}. No more nudges from me on this.",
    "That is completely fair, {first}, and I appreciate the honesty.",
    "Thank you for taking the time to reply; I will leave the idea with you.",
    "Message received, {first}. I would rather hear a clear no than nothing at all.",
)
ACK_EXTRAS: tuple[str, ...] = (
    "Our notes on working across the EAT time difference are public on our site if they are ever useful.",
    "Good luck with the quarter.",
    "I hope the roadmap lands the way you want it to.",
    "Wishing the team a calm release season.",
    "",
)
DECLINES: tuple[str, ...] = (
    "Thanks, but not right now. Budgets are locked until next year.",
    "We're covered for this year, so let's park this.",
    "Appreciate it, but there is no budget for outside help this half.",
    "Timing isn't right: we are under a hiring freeze.",
    "Not a priority for us at the moment. Maybe check back after the summer.",
    "Kind of you, but we are not looking at vendors until the reorg settles.",
    "Honestly, not this year. The board wants us lean.",
    "Let's revisit once the platform migration is done.",
)

# The offer families of judge_rules.OFFER_FAMILIES: how the agent first makes each offer, and how
# a bad draft pushes it again after the prospect declined.
OFFERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "engineers": (("Would two {stack} engineers from our Addis Ababa bench help with the backlog?",
                   "We could add two {stack} engineers to your team within a fortnight. Interested?"),
                  ("The two {stack} engineers I mentioned are still free; could they start next month?",
                   "Could we revisit adding two {stack} engineers to your team?",
                   "I am holding two {stack} engineers for you in case the picture changes this month.")),
    "pilot": (("Would a two-week pilot with our team be worth trying?",
               "How about a small pilot on one backlog item, with no commitment after it?"),
              ("Could we revisit the two-week pilot before the quarter ends?",
               "The pilot offer still stands, and I think it would pay off quickly.",
               "A pilot is the lowest-risk way to test this; shall I pencil one in?")),
    "call": (("Would a 20-minute call next week be useful?",
              "Could we book a call to compare notes on your hiring plan?"),
             ("Could we still find time for a 20-minute call next week?",
              "Even a quick call would help me understand where you are.")),
    "audit": (("Could we run a free architecture review of your delivery setup?",
               "We offer a short architecture review at no cost; would that help?"),
              ("Could I still run the architecture review for you this month?",
               "The architecture review would only take two days of your team's time.")),
    "case_study": (("Would a one-page case study on keeping delivery moving be useful?",
                    "I can send a case study on how a team like yours kept delivery on track."),
                   ("Following up on the case study: could we walk through it together next week?",
                    "Did the case study land? I would be glad to take you through it.")),
}


# --- small helpers ---------------------------------------------------------------------------------


def _stage_words(stage: str) -> str:
    return _STAGE_WORDS.get(stage, stage.replace("_", " "))


def _distinct(a: dict, b: dict) -> bool:
    """Two prospects a reader cannot confuse: different company head word and recipient first name."""
    return (a["company"].split()[0] != b["company"].split()[0]
            and a["recipient"]["name"].split()[0] != b["recipient"]["name"].split()[0])


def _other_prospect(rng: random.Random, *taken: dict) -> dict:
    """Another prospect from the same context builder, distinct from every context in `taken`."""
    while True:
        other = make_context(rng)
        if all(_distinct(other, t) for t in taken):
            return other


def _overlap_phrase(zone: str) -> str:
    window = facts.OVERLAP_WINDOWS[zone]
    if window is None:
        return "async handovers in place of live overlap"
    hours = window[1] - window[0]
    return f"{_NUMBER_WORDS[hours]} hour{'s' if hours > 1 else ''} of overlap"


def _when(rng: random.Random, zone: str) -> str | None:
    """A slot inside the EAT overlap, naming both zones; None where no live overlap exists."""
    window = facts.OVERLAP_WINDOWS[zone]
    if window is None:
        return None
    hour = rng.randrange(*window)
    day = rng.choice(_DAYS)
    label = facts.TZ_LABELS[zone][0]
    if zone == facts.DELIVERY_TZ:
        return f"{day} at {hour}:00 {label}"
    return f"{day} at {hour}:00 {label} ({facts.local_to_eat(zone, hour)}:00 EAT)"


def _pitch_stack(rng: random.Random, ctx: dict) -> str:
    stacks = [s for s, n in sorted(ctx["bench"].items()) if n > 0
              and not (s == "ml" and ctx["ai_maturity"]["score"] < facts.AI_PITCH_MIN_MATURITY)]
    return facts.STACK_LABELS[rng.choice(stacks)]


def _opener(rng: random.Random, ctx: dict) -> str:
    """A line about one signal: the lead signal usually, asserted only at high confidence."""
    signal = ctx["signals"][0] if rng.random() < 0.7 else rng.choice(ctx["signals"])
    funding = ctx["funding"]
    slots = {"value": signal["value"], "stage": _stage_words(funding["stage"]), "short": ctx["company"].split()[0],
             "amount": money(funding["amount_usd"]) if funding["amount_usd"] else ""}
    if signal["confidence"] == "high":
        ref = rng.choice(SIGNAL_REFS[signal["kind"]]["fact"]).format(**slots)
        tail = rng.choice(FACT_TAILS).format(**slots)
        return rng.choice(FACT_FRAMES).format(ref=ref, Ref=ref[0].upper() + ref[1:], tail=tail)
    return rng.choice(ASK_FRAMES).format(ref=rng.choice(SIGNAL_REFS[signal["kind"]]["ask"]))


def _render(subject: str, greeting: str, body: list[str], ask: str | None, close: str) -> str:
    """One draft string: `Subject:` line, blank line, then greeting, body, ask and sign-off paragraphs."""
    paragraphs = [greeting, " ".join(s[0].upper() + s[1:] for s in body if s)] + ([ask] if ask else []) + [close]
    return f"Subject: {subject[0].upper() + subject[1:]}\n\n" + "\n\n".join(paragraphs)


class Draft:
    """A draft in parts, so a probe can add or drop one sentence and keep the rest identical.

    Each part is drawn from a bank (and some are optional, some swap order), so drafts of one
    voice still differ from case to case; the grammar never produces a rule trigger by itself.
    """

    def __init__(self, rng: random.Random, ctx: dict, voice: str):
        bank = VOICES[voice]
        when = _when(rng, ctx["hq_timezone"])
        slots = {"first": ctx["recipient"]["name"].split()[0], "company": ctx["company"],
                 "short": ctx["company"].split()[0], "stack": _pitch_stack(rng, ctx),
                 "overlap": _overlap_phrase(ctx["hq_timezone"]), "when": when, "sender": rng.choice(SENDERS)}
        self.slots = slots
        self.subject = rng.choice(bank["subject"]).format(**slots)
        self.greeting = rng.choice(bank["greeting"]).format(**slots)
        self.opener = _opener(rng, ctx)
        self.angle = rng.choice(ANGLES[ctx["segment"]]) if rng.random() < 0.7 else ""
        self.value = rng.choice(bank["value"]).format(**slots)
        self.proof = rng.choice(PROOFS) if rng.random() < 0.4 else ""
        self.value_first = rng.random() < 0.25
        self.caveat = rng.choice(CAVEAT_FRAMES).format(subject=rng.choice(CAVEAT_SUBJECTS),
                                                       caveat=facts.COMPLIANCE_CAVEAT) if ctx["regulated"] else ""
        self.ask = rng.choice(bank["ask" if when else "ask_async"]).format(**slots)
        self.postscript = rng.choice(POSTSCRIPTS) if rng.random() < 0.3 else ""
        self.close = rng.choice(bank["close"]).format(**slots)

    def text(self, extra: tuple[str, ...] = (), caveat: bool = True, opener: str | None = None) -> str:
        """Render with optional extra sentences, without the caveat, or with another opener."""
        opener = self.opener if opener is None else opener
        lead = [self.value, opener] if self.value_first else [opener, self.angle, self.value]
        body = [*lead, self.proof, *extra, self.caveat if caveat else ""]
        close = f"{self.close}\n\n{self.postscript}" if self.postscript else self.close
        return _render(self.subject, self.greeting, body, self.ask, close)


# --- probe variants: what the probing sentence says and what the context must hold ---------------------


def _commitments_for(rng: random.Random) -> list[dict]:
    """One engineer committed elsewhere, in a stack that still has someone free."""
    stack = rng.choice([s for s in facts.BENCH_STACKS if len(facts.BENCH_ROSTER[s]) >= 2])
    engineer = rng.choice(facts.BENCH_ROSTER[stack])
    until = f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return [{"engineer": engineer, "stack": stack, "until": until}]


def _funding(rng: random.Random, confidences: tuple[str, ...], stages: tuple[str, ...]) -> dict:
    stage = rng.choice(stages)
    band = facts.FUNDING_STAGES[stage]
    if band is None:
        return {"stage": stage, "amount_usd": None, "confidence": rng.choice(confidences)}
    amount = rng.randrange(band[0] // 500_000, band[1] // 500_000 + 1) * 500_000
    return {"stage": stage, "amount_usd": amount, "confidence": rng.choice(confidences)}


_FUNDED = ("seed", "series_a", "series_b", "series_c")


def _context_needs(rng: random.Random, rule: int, variant: str) -> dict:
    """make_context overrides a probe variant needs (a violation can only be built on its premise)."""
    if rule == 1:
        return {"disqualifiers": sorted(rng.sample(facts.DISQUALIFIERS, rng.choice((1, 1, 2))))}
    if rule == 2:
        channel = rng.choice(facts.CHANNELS)
        others = [c for c in facts.CHANNELS if c != channel and rng.random() < 0.3]
        return {"channel": channel, "opt_out_channels": sorted([channel, *others])}
    if rule == 4:
        headcount = 2001 if variant == "boundary" else rng.randrange(2001, 12001)
        return {"segment": rng.choice(("segment_2", "abstain")), "headcount": headcount,
                "recipient": {"name": _person(rng), "role": rng.choice(("c_level", "cto"))}}
    if rule == 6:
        return {"segment": "segment_1", "funding": _funding(rng, ("low", "insufficient_signal"), _FUNDED[:3])}
    if rule == 7:
        stages = ("bootstrapped",) if variant == "bootstrapped" else _FUNDED
        return {"funding": _funding(rng, ("high", "medium"), stages)}
    if rule == 8:
        return {"prior_commitments": _commitments_for(rng)}
    if rule == 10:
        return {"industry": rng.choice(facts.REGULATED_INDUSTRIES), "regulated": True}
    return {}


def _person(rng: random.Random) -> str:
    return _other_prospect(rng)["recipient"]["name"]


def _violation(rng: random.Random, rule: int, variant: str, ctx: dict, other: dict | None = None) -> tuple[str, ...]:
    """The sentence(s) that break `rule` in the way `variant` names; rule 5 cites `other` (or a new prospect)."""
    if rule == 5:
        other = other or _other_prospect(rng, ctx)
        company, person = other["company"], other["recipient"]["name"].split()[0]
        return ({
            "thread_id": f"The plan we agreed in {other['thread_id']} would work for you as well.",
            "told_person": f"As I told {person} at {company}, we can start within two weeks.",
            "thread_with": f"In my thread with {company} last week, their team asked the same question.",
            "team_told": f"{company}'s team told us the overlap hours worked well for them.",
        }[variant],)
    if rule == 6:
        amount = money(ctx["funding"]["amount_usd"])
        return ({
            "congrats": f"Congratulations on the {amount} round.",
            "freshly_raised": f"With {amount} freshly raised, hiring must be top of the list.",
            "raise_plan": f"Your {amount} raise should make the hiring plan easier.",
        }[variant],)
    if rule == 7:
        funding = ctx["funding"]
        wrong = rng.choice([s for s in _FUNDED if s != funding["stage"]])
        if variant == "wrong_amount":
            factor = rng.choice((0.3, 2.5, 4.0))
            return (f"Congratulations on the {money(int(funding['amount_usd'] * factor))} round.",)
        return (rng.choice((f"As a {_stage_words(wrong)} company, you are past hiring one engineer at a time.",
                            f"Now that the {_stage_words(wrong)} round has closed, the hiring plan must be big.")),)
    if rule == 8:
        commitment = ctx["prior_commitments"][0]
        name, stack = commitment["engineer"], facts.STACK_LABELS[commitment["stack"]]
        return ({
            "full_name": f"{name} ({stack}) could join your team next week.",
            "first_name": f"I have pencilled in {name.split()[0]} for your {stack} work from Monday.",
            "senior": f"{name.split()[0]}, one of our senior {stack} engineers, is ready to start.",
        }[variant],)
    if rule == 9:
        generic = rng.sample(judge_rules.GENERIC_PEER_NAMES, 2)
        if variant == "repeated":
            first = _other_prospect(rng, ctx)
            second = _other_prospect(rng, ctx, first)
            return (f"Teams like {first['company']}, {second['company']} and {first['company']} already work this way.",)
        return ({
            "generic_pair": f"Teams like {generic[0]} and {generic[1]} already work this way.",
            "generic_helped": f"We helped {generic[0]} clear a six-month hiring backlog in one quarter.",
        }[variant],)
    if rule == 10:  # said in place of the caveat, which the caller drops
        return {"dropped": (), "reassurance": (rng.choice(REASSURANCES),), "question": (rng.choice(CAVEAT_QUESTIONS),)}[
            variant]
    raise ValueError(f"no violation sentence for rule {rule}")


def _counterpart(rng: random.Random, rule: int, ctx: dict) -> tuple[str, ...]:
    """What the good draft says in place of the violation: the same topic, done right."""
    if rule == 6:
        return ("If the reports of a new round are right, is hiring part of the plan?",)
    if rule == 7:
        funding = ctx["funding"]
        if funding["stage"] == "bootstrapped":
            return (f"Growing a bootstrapped company to {ctx['headcount']} people is rare.",)
        if funding["confidence"] == "high":
            return (f"Congratulations on the {money(funding['amount_usd'])} {_stage_words(funding['stage'])} round.",)
        return (f"Congratulations on closing the {_stage_words(funding['stage'])} round.",)
    if rule == 8:
        commitment = ctx["prior_commitments"][0]
        stack = commitment["stack"]
        free = [e for e in facts.BENCH_ROSTER[stack] if e != commitment["engineer"]]
        name = rng.choice(free)
        if rng.random() < 0.5:
            return (f"{name} ({facts.STACK_LABELS[stack]}) could join your team next week.",)
        return ((f"{commitment['engineer'].split()[0]} is booked until {commitment['until']}, but {name} could "
                f"start on your {facts.STACK_LABELS[stack]} work."),)
    if rule == 9:
        first = _other_prospect(rng, ctx)
        second = _other_prospect(rng, ctx, first)
        return (f"Teams like {first['company']} and {second['company']} already work this way.",)
    return ()


# Variants per rule; a template group is one (probe, variant) in the programmatic mode.
VARIANTS: dict[int, tuple[str, ...]] = {
    1: ("other_thread", "wrong_stage", "committed_engineer", "generic_peers", "missing_caveat", "style"),
    2: ("other_thread", "wrong_stage", "committed_engineer", "generic_peers", "missing_caveat", "style"),
    3: ("engineers", "pilot", "call", "audit", "case_study"),
    4: ("other_thread", "wrong_stage", "committed_engineer", "generic_peers", "missing_caveat", "style", "boundary"),
    5: ("thread_id", "told_person", "thread_with", "team_told"),
    6: ("congrats", "freshly_raised", "raise_plan"),
    7: ("wrong_stage", "wrong_amount", "bootstrapped"),
    8: ("full_name", "first_name", "senior"),
    9: ("generic_pair", "generic_helped", "repeated"),
    10: ("dropped", "reassurance", "question"),
    11: ("style", "boundary_2000", "vp_large", "correct_amount", "booked_engineer", "distinct_peers", "own_thread"),
}
# A context probe's bad draft adds one lower-priority violation (priority is then part of the test).
_SECONDARY: dict[str, tuple[int, str]] = {
    "other_thread": (5, "thread_with"), "wrong_stage": (7, "wrong_stage"), "committed_engineer": (8, "full_name"),
    "generic_peers": (9, "generic_pair"), "missing_caveat": (10, "dropped"), "boundary": (9, "repeated"),
}


def _probe_rule(probe: str) -> int:
    return judge_rules.PROBE_RULE[probe]


def _intended(probe: str, kind: str) -> int:
    """The rule a draft was written to trigger: see the module docstring."""
    if probe == "PASS":
        return judge_rules.PASS_RULE
    if probe in CONTEXT_PROBES or kind == "bad":
        return _probe_rule(probe)
    return judge_rules.PASS_RULE


def _neutralise(rng: random.Random, ctx: dict, probe: str) -> dict:
    """Keep rule 4 out of cases that do not probe it (make_context draws C-level recipients freely)."""
    limit = facts.ESCALATION_HEADCOUNT
    if probe != "G03" and judge_rules.is_c_level(ctx["recipient"]["role"]) and ctx["headcount"] > limit:
        ctx["headcount"] = rng.randrange(limit // 2, limit + 1)
    return ctx


def _needs(rng: random.Random, probe: str, variant: str) -> dict:
    """All overrides for one case: the probe's premise plus the premise of a secondary violation."""
    rule = _probe_rule(probe)
    overrides = _context_needs(rng, rule, variant) if rule != judge_rules.PASS_RULE else {}
    secondary = _SECONDARY.get(variant) if probe in CONTEXT_PROBES else None
    if secondary:
        overrides.update({k: v for k, v in _context_needs(rng, secondary[0], secondary[1]).items()
                          if k not in overrides})
    if probe == "PASS":
        overrides.update(_pass_needs(rng, variant))
    return overrides


def _pass_needs(rng: random.Random, variant: str) -> dict:
    if variant == "boundary_2000":
        return {"headcount": 2000, "segment": "segment_2",
                "recipient": {"name": _person(rng), "role": rng.choice(("c_level", "cto"))}}
    if variant == "vp_large":
        return {"headcount": rng.randrange(2001, 9001), "segment": "segment_2",
                "recipient": {"name": _person(rng), "role": rng.choice(("vp_eng", "founder", "other"))}}
    if variant == "correct_amount":
        return {"funding": _funding(rng, ("high",), _FUNDED)}
    if variant == "booked_engineer":
        return {"prior_commitments": _commitments_for(rng)}
    return {}


def _near_miss(rng: random.Random, variant: str, ctx: dict) -> tuple[str, ...]:
    """A PASS control's probing sentence: looks like a violation, is not one."""
    if variant == "correct_amount":
        return _counterpart(rng, 7, ctx)
    if variant == "booked_engineer":
        commitment = ctx["prior_commitments"][0]
        free = [e for e in facts.BENCH_ROSTER[commitment["stack"]] if e != commitment["engineer"]]
        return (f"{commitment['engineer']} is booked elsewhere, so {rng.choice(free)} would lead your work.",)
    if variant == "distinct_peers":
        return _counterpart(rng, 9, ctx)
    if variant == "own_thread":
        return (f"For reference, this continues our earlier exchange ({ctx['thread_id']}).",)
    return ()


def _drafts(rng: random.Random, probe: str, variant: str, ctx: dict, voice: str, opener: str | None = None,
            other: dict | None = None) -> tuple[str, str]:
    """(good, bad) drafts for one case; a thread reply passes its own `opener`, an E01 trace its `other`."""
    draft = Draft(rng, ctx, voice)
    if opener is not None:
        draft.opener = opener
    rule = _probe_rule(probe)
    if probe == "PASS":
        flaws = tuple(rng.sample(STYLE_FLAWS, 2))
        return draft.text(), draft.text(extra=_near_miss(rng, variant, ctx) + flaws)
    if probe in CONTEXT_PROBES:
        secondary = _SECONDARY.get(variant)
        if secondary is None:
            return draft.text(), draft.text(extra=tuple(rng.sample(STYLE_FLAWS, 2)))
        if secondary[0] == 10:
            return draft.text(), draft.text(caveat=False, extra=_violation(rng, 10, secondary[1], ctx))
        return draft.text(), draft.text(extra=_violation(rng, secondary[0], secondary[1], ctx))
    if rule == 3:
        return _declined_drafts(rng, variant, ctx, draft)
    if rule == 10:
        return draft.text(), draft.text(caveat=False, extra=_violation(rng, 10, variant, ctx))
    good_extra = _counterpart(rng, rule, ctx)
    return draft.text(extra=good_extra), draft.text(extra=_violation(rng, rule, variant, ctx, other))


def _declined_drafts(rng: random.Random, family: str, ctx: dict, draft: Draft) -> tuple[str, str]:
    """After a decline: the good draft acknowledges and stops; the bad one pushes the same offer."""
    slots = draft.slots
    ack = rng.choice(ACKS).format(**slots)
    extra = rng.choice(ACK_EXTRAS)
    good = _render(f"Re: {slots['short']} and Tenacious", draft.greeting, [ack, extra, draft.caveat], None,
                   draft.close)
    push = rng.choice(OFFERS[family][1]).format(**slots)
    draft.value_first = False  # a reply thanks the prospect before anything else
    bad = draft.text(extra=(push,), opener="Thanks for getting back to me.")
    return good, bad


def _declined_thread(rng: random.Random, family: str, stack: str) -> list[dict]:
    return [{"from": "agent", "text": rng.choice(OFFERS[family][0]).format(stack=stack)},
            {"from": "prospect", "text": rng.choice(DECLINES)}]


# --- case assembly ----------------------------------------------------------------------------------


def _make_case(case_id: str, template_id: str, probe: str, mode: str, ctx: dict, good: str, bad: str) -> dict:
    """Label both drafts with the rules and check them against what they were written to be."""
    items = []
    for kind, draft in (("good", good), ("bad", bad)):
        item = {"item_id": f"{case_id}-{kind}", "case_id": case_id, "template_id": template_id, "probe_id": probe,
                "authoring_mode": mode, "context": ctx, "draft": draft, "draft_kind": kind}
        decision, rule = judge_rules.decide(item)
        expected = _intended(probe, kind)
        if rule != expected:
            fired = "; ".join(f"{f['rule']}: {f['reason']}" for f in judge_rules.explain(item))
            raise JudgeCaseError(f"{item['item_id']}: written for rule {expected}, rules say {rule} ({fired})")
        item["gold_decision"], item["gold_rule"] = decision, rule
        schema.validate_judge_item(item)
        items.append(item)
    return {"case_id": case_id, "template_id": template_id, "probe_id": probe, "authoring_mode": mode,
            "items": items}


def _synthetic_case(rng: random.Random, probe: str, variant: str, voice: str, mode: str, case_id: str,
                    template_id: str) -> dict:
    ctx = _neutralise(rng, make_context(rng, **_needs(rng, probe, variant)), probe)
    if probe == "D05":  # the declined offer names a stack the bench actually has
        ctx["prior_thread"] = _declined_thread(rng, variant, _pitch_stack(rng, ctx))
    good, bad = _drafts(rng, probe, variant, ctx, voice)
    return _make_case(case_id, template_id, probe, mode, ctx, good, bad)


def _variant_for(probe: str, index: int) -> str:
    variants = VARIANTS[_probe_rule(probe)]
    return variants[index % len(variants)]


def programmatic_cases(seed: int, counts: dict[str, int]) -> list[dict]:
    """House voice; each (probe, variant) is one template group."""
    cases = []
    for probe in sorted(counts):
        rng = random.Random(f"{seed}:judge:programmatic:{probe}")
        for n in range(counts[probe]):
            variant = _variant_for(probe, n)
            cases.append(_synthetic_case(rng, probe, variant, "house", "programmatic",
                                         f"J-PRG-{probe}-{n + 1:03d}", f"prg-{probe}-{variant}"))
    return cases


def multi_llm_cases(seed: int, counts: dict[str, int]) -> list[dict]:
    """Four writer voices; each (voice, probe) is one template group."""
    cases = []
    for probe in sorted(counts):
        rng = random.Random(f"{seed}:judge:multi_llm:{probe}")
        for n in range(counts[probe]):
            voice = SYN_VOICES[n % len(SYN_VOICES)]
            variant = _variant_for(probe, n // len(SYN_VOICES))
            cases.append(_synthetic_case(rng, probe, variant, voice, "multi_llm",
                                         f"J-SYN-{probe}-{n + 1:03d}", f"syn-{voice}-{probe}"))
    return cases


# --- trace-derived cases ----------------------------------------------------------------------------

# Replies to the prospect turn a trace case answers (the draft's first line).
REPLIES: dict[str, tuple[str, ...]] = {
    "interested": ("Glad it sounds useful.", "Thanks for the quick reply."),
    "reschedule": ("No problem at all, let us move it.",),
    "price_question": ("Senior engineers are {price} per engineer-month.",),
    "bench_question": ("We have {count} {stack} engineers free this month.",),
    "case_request": ("Here is the one-page case study you asked for.",),
}
# Probes for threads that do not end in a decline, in sorted thread order.
TRACE_PROBE_CYCLE: tuple[str, ...] = ("E01", "C02", "C04", "G03", "E02", "PASS", "A07", "E03", "B03", "PASS",
                                      "E01", "C02", "PASS", "E02", "C04", "B04", "G03", "E03")


def _offered_families(turns: list[dict]) -> list[str]:
    """Offer families the agent made (or the prospect named) up to the end of `turns`."""
    return sorted({family for turn in turns for family, pattern in judge_rules.OFFER_FAMILIES.items()
                   if pattern.search(turn["text"])})


def _reply(rng: random.Random, turn: dict, ctx: dict) -> str:
    low, high = facts.PRICE_BANDS_USD_PER_MONTH["senior"]
    stack = (turn.get("offer") or {}).get("stack") or rng.choice([s for s, n in sorted(ctx["bench"].items()) if n])
    return rng.choice(REPLIES[turn["intent"]]).format(
        price=f"${low:,} to ${high:,}", count=ctx["bench"][stack], stack=facts.STACK_LABELS[stack])


def _trace_context(seed: int, thread: dict, history: list[dict], overrides: dict) -> dict:
    """The thread's logged context, completed like the critic's TRC tasks, plus the probe's premise.

    The logged recipient keeps their name (the thread addresses them); only a role can be forced.
    """
    fields = {**thread["context"], **overrides}
    if "recipient" in overrides and "recipient" in thread["context"]:
        fields["recipient"] = {**overrides["recipient"], "name": thread["context"]["recipient"]["name"]}
    return make_context(random.Random(f"{seed}:{thread['thread_id']}"), **fields,
                        thread_id=thread["thread_id"], prior_thread=history)


def trace_derived_cases(seed: int, threads: list[dict]) -> list[dict]:
    """The agent's next turn after a prospect turn of a logged thread.

    A thread whose last prospect turn is a decline of an offer feeds D05 (the bad reply pushes that
    offer again); every other thread feeds one probe from TRACE_PROBE_CYCLE with one case per
    prospect turn that is not a decline. One thread is one template group.
    """
    threads = sorted(threads, key=lambda t: t["thread_id"])
    contexts = {t["thread_id"]: _trace_context(seed, t, [], {}) for t in threads}
    cases, probed = [], 0
    for thread in threads:
        turns = thread["turns"]
        rng = random.Random(f"{seed}:judge:trace:{thread['thread_id']}")
        cuts = [i for i, t in enumerate(turns) if t["from"] == "prospect" and "intent" in t]
        last = cuts[-1] if cuts else None
        template_id = f"trc-{thread['thread_id']}"
        if last is not None and turns[last]["intent"] == "soft_no" and _offered_families(turns[: last + 1]):
            history = [{"from": t["from"], "text": t["text"]} for t in turns[: last + 1]]
            ctx = _neutralise(rng, _trace_context(seed, thread, history, {}), "D05")
            family = _offered_families(turns[: last + 1])[0]
            good, bad = _declined_drafts(rng, family, ctx, Draft(rng, ctx, "followup"))
            cases.append(_make_case(f"J-TRC-{thread['thread_id'][3:]}-{last}", template_id, "D05",
                                    "trace_derived", ctx, good, bad))
            continue
        probe = TRACE_PROBE_CYCLE[probed % len(TRACE_PROBE_CYCLE)]
        probed += 1
        others = [contexts[k] for k in sorted(contexts) if k != thread["thread_id"]]
        for n, index in enumerate(i for i in cuts if turns[i]["intent"] != "soft_no"):
            variant = _variant_for(probe, n + len(cases))
            history = [{"from": t["from"], "text": t["text"]} for t in turns[: index + 1]]
            ctx = _neutralise(rng, _trace_context(seed, thread, history, _needs(rng, probe, variant)), probe)
            good, bad = _drafts(rng, probe, variant, ctx, "followup", opener=_reply(rng, turns[index], ctx),
                                other=rng.choice([o for o in others if _distinct(o, ctx)]))
            cases.append(_make_case(f"J-TRC-{thread['thread_id'][3:]}-{index}", template_id, probe,
                                    "trace_derived", ctx, good, bad))
    return cases


# --- hand-authored cases ----------------------------------------------------------------------------

_HAND_FIELDS = ("case_id", "template_id", "probe_id", "note", "context", "good_draft", "bad_draft")


def _validate_hand_row(row: dict) -> None:
    missing = [k for k in _HAND_FIELDS if k not in row]
    if missing:
        raise ValueError(f"missing field(s) {missing}")
    unknown = sorted(set(row) - set(_HAND_FIELDS))
    if unknown:
        raise ValueError(f"unknown field(s) {unknown}")
    if row["probe_id"] not in (*PROBES, "PASS"):
        raise ValueError(f"probe_id {row['probe_id']!r} is not a probe")
    if not re.fullmatch(r"J-HND-\d{3}", row["case_id"]):
        raise ValueError(f"case_id {row['case_id']!r} must look like J-HND-001")
    for key in ("good_draft", "bad_draft"):
        if not row[key].startswith("Subject: ") or "\n\n" not in row[key]:
            raise ValueError(f"{key} must start with a 'Subject:' line followed by a blank line")


def hand_authored_cases(path: Path = HAND_AUTHORED_PATH) -> list[dict]:
    """Our hand-written cases; the rest of each partial context is fixed by the case id, not the seed."""
    cases = []
    for row in io.read_jsonl(path, validate=_validate_hand_row):
        ctx = make_context(random.Random(f"hand:{row['case_id']}"), **row["context"])
        cases.append(_make_case(row["case_id"], row["template_id"], row["probe_id"], "hand_authored", ctx,
                                row["good_draft"], row["bad_draft"]))
    return cases


# --- all cases ----------------------------------------------------------------------------------------


def _count(cases: list[dict]) -> dict[str, int]:
    counts = dict.fromkeys(CASE_COUNTS, 0)
    for case in cases:
        counts[case["probe_id"]] += 1
    return counts


def generate_judge_cases(seed: int, hand_path: Path = HAND_AUTHORED_PATH, threads_path: Path = THREADS_PATH,
                         ) -> list[dict]:
    """All 323 cases: hand-authored, trace-derived and multi-LLM first, programmatic filling each probe's quota."""
    hand = hand_authored_cases(hand_path)
    threads = io.read_jsonl(threads_path, validate=schema.validate_thread_row)
    trace = trace_derived_cases(seed, threads)
    syn = multi_llm_cases(seed, SYN_COUNTS)
    taken = _count(hand + trace + syn)
    short = {p: CASE_COUNTS[p] - taken[p] for p in CASE_COUNTS}
    over = sorted(p for p, n in short.items() if n < 0)
    if over:
        raise JudgeCaseError(f"probes {over} already exceed their case quota before the programmatic fill")
    return hand + trace + syn + programmatic_cases(seed, short)


def case_items(cases: list[dict]) -> list[dict]:
    """The judge items of `cases`, good before bad, in case order."""
    return [item for case in cases for item in case["items"]]


# --- ORPO pairs ---------------------------------------------------------------------------------------

# What a judge says when it wrongly believes a rule fires (rejected answers only).
WRONG_CLAIMS: dict[int, str] = {
    1: "The prospect looks disqualified for outreach from an offshore vendor, so they must not be contacted.",
    2: "The prospect has opted out of {channel}, so this message must not go out.",
    3: "The prospect already turned us down and this draft pushes the same offer again.",
    4: "The recipient is a senior executive at a large company, so a human should review first.",
    5: "The draft appears to lean on a conversation with another prospect.",
    6: "The draft cites a funding figure that the brief does not support with confidence.",
    7: "The funding stage implied by the draft does not match the brief.",
    8: "The engineer offered in the draft is already committed to another client.",
    9: "The peer companies named in the draft look generic.",
    10: "The prospect is regulated and the draft lacks the compliance caveat.",
}
WRONG_PASS = ("No rule fires: the draft is polite, on topic and makes a single clear ask.",
              "No rule fires: nothing in the brief stops this draft from being sent.")


def _tempting_rules(item: dict) -> list[int]:
    """Rules whose premise is visible in the item although they do not fire (over-caution bait)."""
    ctx, draft = item["context"], item["draft"]
    tempting = []
    if any(t["from"] != "agent" for t in ctx["prior_thread"]):
        tempting.append(3)
    if judge_rules.is_c_level(ctx["recipient"]["role"]) or ctx["headcount"] > facts.ESCALATION_HEADCOUNT:
        tempting.append(4)
    if judge_rules.THREAD_ID.search(draft):
        tempting.append(5)
    if "$" in draft or "round" in draft:
        tempting += [6, 7]
    if ctx["prior_commitments"]:
        tempting.append(8)
    if judge_rules.peer_names(draft):
        tempting.append(9)
    if ctx["regulated"]:
        tempting.append(10)
    return tempting


def _rules_deciding(decision: str) -> list[int]:
    return [r.number for r in judge_rules.RULES if r.decision == decision]


def _pass_rationale(item: dict) -> str:
    ctx = item["context"]
    role = judge_rules.normalise_role(ctx["recipient"]["role"])
    size = (f"the C-level recipient's company has {ctx['headcount']} people, not more than "
            f"{facts.ESCALATION_HEADCOUNT}" if judge_rules.is_c_level(role) else "the recipient is not C-level")
    caveat = "includes the compliance caveat and " if ctx["regulated"] else ""
    return (f"No rule fires: no disqualifier or opt-out applies to {ctx['channel']}, {size}, and the draft "
            f"{caveat}makes no thread, funding, engineer or peer claim the brief contradicts.")


def _rationale(item: dict) -> str:
    first = judge_rules.explain(item)[0]
    if first["rule"] == judge_rules.PASS_RULE:
        return _pass_rationale(item)
    return f"Rule {first['rule']} fires: {first['reason']}."


def _wrong_answer(rng: random.Random, item: dict) -> tuple[str, int, str, str]:
    """(decision, rule, rationale, kind) of a plausible wrong verdict for `item`."""
    gold = item["gold_decision"]
    over = [d for d in JUDGE_LABELS if SEVERITY[d] > SEVERITY[gold]]
    under = [d for d in JUDGE_LABELS if SEVERITY[d] < SEVERITY[gold]]
    cautious = bool(over) and (not under or rng.random() < 0.5)
    if cautious:
        tempting = [r for r in _tempting_rules(item) if judge_rules.RULE_BY_NUMBER[r].decision in over]
        rule = rng.choice(tempting or [r for d in over for r in _rules_deciding(d)])
    else:
        decision = "PASS" if rng.random() < 0.6 else rng.choice(under)
        rule = rng.choice(_rules_deciding(decision))
    decision = judge_rules.RULE_BY_NUMBER[rule].decision
    if rule == judge_rules.PASS_RULE:
        rationale = rng.choice(WRONG_PASS)
    else:
        rationale = WRONG_CLAIMS[rule].format(channel=item["context"]["channel"])
    kind = "judge_over_caution" if SEVERITY[decision] > SEVERITY[gold] else "judge_under_caution"
    return decision, rule, rationale, kind


def make_judge_pairs(items: list[dict], rng: random.Random) -> list[dict]:
    """One ORPO pair per item: the gold verdict with its rule's reason vs a plausible wrong verdict.

    PASS items can only be judged over-cautiously and SUPPRESS items only under-cautiously; the
    rest get either at random, so the pairs teach both directions. `kind` records which.
    """
    pairs = []
    for item in items:
        decision, rule, rationale, kind = _wrong_answer(rng, item)
        pair = {
            "pair_id": f"judge-{item['item_id']}", "track": "judge", "source_id": item["item_id"], "kind": kind,
            "prompt_messages": judge_messages(item),
            "chosen": format_judge_completion(item["gold_decision"], item["gold_rule"], _rationale(item)),
            "rejected": format_judge_completion(decision, rule, rationale),
            "margin": None, "template_id": item["template_id"],
        }
        schema.validate_preference_pair(pair)
        pairs.append(pair)
    return pairs


# --- an independent second labeler ---------------------------------------------------------------------
# Written from the rubric text against the prompt a judge model sees, with its own word lists; it
# shares no code with judge_rules, so agreement between the two measures how well-defined the
# labels are, not how often one function agrees with itself.

_DECLINE_WORDS = ("not right now", "not this year", "no budget", "all set", "covered", "freeze", "not a priority",
                  "not the right time", "revisit", "later", "park this", "timing is", "timing isn't",
                  "not interested", "not looking", "do not want")
_OFFER_WORDS = ("pilot", "architecture review", "audit", "case study", "engineers", "call", "chat")
_PLACEHOLDER_PEERS = ("Acme", "Globex", "Initech", "Contoso", "Hooli", "Umbrella", "FinCo", "HealthCo", "BigCo",
                      "TechCorp", "Example Corp", "Example Inc", "XYZ", "ABC Corp", "Company A", "Company B",
                      "Company X", "Foo Inc", "Widgets")
_BUSY_WORDS = ("booked", "committed", "unavailable", "not available", "another client", "another engagement",
               "elsewhere", "tied up", "busy")


def _brief_field(brief: str, pattern: str) -> re.Match:
    match = re.search(pattern, brief, re.MULTILINE)
    if match is None:
        raise ValueError(f"second_labeler: the prompt has no line matching {pattern!r}")
    return match


def _brief_list(brief: str, label: str) -> list[str]:
    """An optional `Label: a, b.` line of the brief as a list (absent line = empty list)."""
    match = re.search(rf"^{label}: (.*)\.$", brief, re.MULTILINE)
    return match.group(1).split(", ") if match else []


def _second_opinion(brief: str, draft: str) -> str:
    low = draft.lower()
    sentences = re.split(r"(?<=[.!?])\s+|\n+", draft)
    gate = _brief_field(brief, r"^Channel: (\w+)\. Thread: (\S+)\.$")
    if _brief_list(brief, "Disqualifiers") or gate.group(1) in _brief_list(brief, "Opted out of"):
        return "SUPPRESS"
    thread = re.findall(r"^- (agent|prospect): (.*)$", brief, re.MULTILINE)
    said_by_prospect = [i for i, (who, _) in enumerate(thread) if who == "prospect"]
    if said_by_prospect and any(w in thread[said_by_prospect[-1]][1].lower() for w in _DECLINE_WORDS):
        earlier = " ".join(text.lower() for _, text in thread[: said_by_prospect[-1] + 1])
        if any(w in earlier and w in low for w in _OFFER_WORDS):
            return "SUPPRESS"
    prospect = _brief_field(brief, r"^Prospect: (.*?) \(.*?\), (.*?), (\d+) people")
    recipient = _brief_field(brief, r"^Recipient: (.*), (.*?)\.$")
    if recipient.group(2) in ("CTO", "C-level executive") and int(prospect.group(3)) > 2000:
        return "ESCALATE"
    own_thread = gate.group(2)
    insiders = {prospect.group(1).split()[0], recipient.group(1).split()[0], "Tenacious", "Your", "Our", "The"}
    if any(t != own_thread for t in re.findall(r"\bth-[\w-]*\w", draft)) or any(
            name.split()[0] not in insiders for name in re.findall(
                r"(?:[Tt]hread with|[Ss]poke with|[Tt]old|[Cc]onversation with|[Cc]hat with) ([A-Z]\w+)", draft)) or \
            re.search(r"\b(?!Your\b|Our\b|The\b)[A-Z]\w+(?: [A-Z]\w+)*'s team (?:told|asked|said)", draft):
        return "BLOCK"
    funding = _brief_field(brief, r"^Funding: (.*?), (.*?) \((\w+) confidence\)\.$")
    amounts = re.findall(r"\$\d+(?:\.\d+)?\s?(?:M\b|million)", draft)
    if amounts and funding.group(3) in ("low", "insufficient_signal"):
        return "BLOCK"
    stages = {m.lower() for m in re.findall(r"\b[Ss]eries [A-E]\b", draft)}
    stages |= {"seed"} if re.search(r"\bseed[- ](?:round|stage|company)", low) else set()
    stages |= {"bootstrapped"} if "bootstrapped" in low else set()
    if stages - {funding.group(1).lower()} or any(
            a.replace(" million", "M").replace(" ", "") != funding.group(2) for a in amounts):
        return "BLOCK"
    committed = re.search(r"^Committed elsewhere: (.*)\.$", brief, re.MULTILINE)
    for entry in committed.group(1).split("; ") if committed else []:
        name = entry.split(" (")[0]
        for sentence in sentences:
            if (name in sentence or re.search(rf"\b{name.split()[0]}\b", sentence)) and \
                    not any(w in sentence.lower() for w in _BUSY_WORDS):
                return "BLOCK"
    name = r"[A-Z]\w+(?: [A-Z]\w+)*"
    peers = [p for m in re.findall(rf"(?:like|such as|helped) ({name}(?:(?:, and |, | and ){name})*)", draft)
             for p in re.split(r", and |, | and ", m)]
    if any(re.search(rf"\b{re.escape(p)}\b", draft) for p in _PLACEHOLDER_PEERS) or \
            len(set(peers)) < len(peers):
        return "PENALISE"
    if "(regulated)" in prospect.group(0) and "compliance review" not in low:
        return "PENALISE"
    return "PASS"


def second_labeler(item: dict) -> str:
    """A second, independent decision for `item`, read off the judge prompt text by keyword rules."""
    user = judge_messages(item)[1]["content"]
    brief = user.split("Brief:\n", 1)[1].split("\n\nDraft:\n", 1)[0]
    draft = user.split("\n\nDraft:\n", 1)[1].rsplit("\n\nDecide:", 1)[0]
    return _second_opinion(brief, draft)
