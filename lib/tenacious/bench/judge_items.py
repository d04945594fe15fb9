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
# multi_llm cases per probe; trace_derived takes what the logged threads support (TRACE_WANTED),
# hand_authored what the raw file holds, and programmatic fills the rest.
SYN_COUNTS: dict[str, int] = {
    "A07": 8, "E03": 8, "D05": 6, "G03": 12, "E01": 6, "B04": 8, "B03": 8, "C02": 8, "E02": 12, "C04": 12,
    "PASS": 10,
}
TRACE_WANTED: dict[str, int] = {"D05": 12, "E01": 8, "C02": 2, "C04": 2, "E02": 2, "G03": 2, "A07": 2, "E03": 2,
                                "PASS": 6}
SPLIT_HINTS: dict = {
    "unit": "case (both items of a case share case_id and template_id)",
    "group_key": "template_id",  # every template group lies in one probe
    "stratify_key": "probe_id",
    "cases": {"train": 169, "dev": 93, "heldout": 61},
}
HAND_AUTHORED_PATH = paths.RAW_DIR / "judge_hand_authored.jsonl"
THREADS_PATH = paths.RAW_DIR / "threads.jsonl"

# Severity used to call a wrong decision over- or under-cautious (ORPO rejected answers).
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
        "subject": ("{stack} capacity for {short}", "Engineering help for {short}", "{short}: extra delivery capacity"),
        "greeting": ("Hi {first},",),
        "value": ("Tenacious adds {stack} engineers from Addis Ababa who share {overlap} with your team.",
                  "We run a bench of {stack} engineers in Addis Ababa (EAT) with {overlap} with your working day."),
        "ask": ("Would a 20-minute call on {when} be useful?", "Could we take 20 minutes on {when}?"),
        "ask_async": ("Would a five-minute recorded walkthrough, watched on your own time, help?",),
        "close": ("Best,\n{sender}", "Thanks,\n{sender}"),
    },
    "warm": {
        "subject": ("An idea for the {short} team", "Helping {short} ship sooner"),
        "greeting": ("Hello {first},",),
        "value": (("Our engineers in Addis Ababa work {overlap} alongside teams like yours, and our {stack} "
                  "bench has room right now."),
                  ("I would enjoy showing you how our {stack} engineers in Addis Ababa slot into your sprints, "
                  "with {overlap} every day.")),
        "ask": ("Would you be open to a relaxed 20-minute chat on {when}?",
                "If it helps, I could walk you through it on {when}. Would that suit you?"),
        "ask_async": ("Would a short written plan, read whenever suits you, be welcome?",),
        "close": ("Warmly,\n{sender}", "All the best,\n{sender}"),
    },
    "direct": {
        "subject": ("{stack} engineers for {short}", "{short} + Tenacious"),
        "greeting": ("{first},",),
        "value": ("{stack} engineers, Addis Ababa, {overlap}. Ready in two weeks.",
                  "Short version: Tenacious supplies {stack} engineers who work {overlap} with you."),
        "ask": ("{when}, 20 minutes?", "Worth 20 minutes on {when}?"),
        "ask_async": ("Want a two-page plan instead of a meeting?",),
        "close": ("{sender}, Tenacious",),
    },
    "consultative": {
        "subject": ("A roadmap question for {short}", "Build or extend at {short}?"),
        "greeting": ("Hi {first},",),
        "value": (("Leaders in your position often weigh local hiring against a few {stack} engineers from a "
                  "partner; ours sit in Addis Ababa with {overlap}."),
                  ("Which part of the roadmap would move first with more {stack} hands? Our engineers in Addis "
                  "Ababa work {overlap} with teams like yours.")),
        "ask": ("Would it be useful to compare notes for 20 minutes on {when}?",
                "Could I ask you three questions about the roadmap on {when}?"),
        "ask_async": ("Could I send three written questions about the roadmap instead of a call?",),
        "close": ("Regards,\n{sender}",),
    },
    "formal": {
        "subject": ("Engineering capacity for {company}", "Tenacious: {stack} engineers for {short}"),
        "greeting": ("Dear {first},",),
        "value": (("Tenacious provides {stack} engineers based in Addis Ababa, with {overlap} with your office "
                  "hours."),
                  ("Our firm places experienced {stack} engineers from Addis Ababa into client teams, with "
                  "{overlap} each working day.")),
        "ask": ("Would you be available for a 20-minute introduction on {when}?",),
        "ask_async": ("May I send a short written proposal for your review?",),
        "close": ("Kind regards,\n{sender}\nTenacious",),
    },
    "followup": {
        "subject": ("Re: {short} and Tenacious",),
        "greeting": ("Hi {first},",),
        "value": ("Our {stack} engineers in Addis Ababa keep {overlap} with your team.",),
        "ask": ("Does {when} work for 20 minutes?", "Shall we hold {when} for it?"),
        "ask_async": ("Shall I send the details in writing so you can read them on your own time?",),
        "close": ("Best,\n{sender}",),
    },
}
SYN_VOICES: tuple[str, ...] = ("consultative", "direct", "formal", "warm")

# Opening lines per signal kind: stated as fact when confidence is high, asked otherwise.
OPENERS: dict[str, dict[str, tuple[str, ...]]] = {
    "funding": {"fact": ("Congratulations on the {amount} {stage} round.",
                         "The {amount} {stage} round you announced is a big step."),
                "ask": ("Is the recent funding news changing your hiring plans, or am I reading too much into it?",
                        "If the funding news is right, is growing the engineering team part of the plan?")},
    "hiring": {"fact": ("Your careers page lists {value} engineering openings.",
                        "I counted {value} engineering roles on your jobs page."),
               "ask": ("Are you still hiring for the engineering roles I saw posted?",
                       "Is the engineering hiring push still on?")},
    "leadership_change": {"fact": ("Congratulations on the new {value} appointment.",
                                   "A new {value} usually means a fresh look at the roadmap."),
                          "ask": ("Is the leadership change reshaping the engineering roadmap?",)},
    "layoffs": {"fact": ("After a {value}% reduction, keeping delivery on track is hard work.",
                         "A restructuring of {value}% leaves fewer hands for the same roadmap."),
                "ask": ("Has the restructuring left gaps in delivery?",)},
    "tech_stack": {"fact": ("Moving core services to {value} is a big migration.",
                            "Your open roles ask for a lot of {value} experience."),
                   "ask": ("Is the move to {value} still underway?",)},
    "ai_initiative": {"fact": ("You are building {value}, and that takes specialist hands.",),
                      "ask": ("Is {value} on this year's plan?",)},
    "product_launch": {"fact": ("Congrats on launching {value}.", "{value} looks like a strong launch."),
                       "ask": ("How is the {value} launch landing with customers?",)},
    "peer_adoption": {"fact": ("{value} already works with an external delivery team.",),
                      "ask": ("Have you looked at how {value} extended its team?",)},
}
CAVEATS: tuple[str, ...] = (
    "Any engagement would be {caveat}.",
    "Access to production data would be {caveat}.",
    "Everything here is {caveat}, of course.",
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
)
ACK_EXTRAS: tuple[str, ...] = (
    "Our notes on working across the EAT time difference are public on our site if they are ever useful.",
    "Good luck with the quarter.",
    "",
)
DECLINES: tuple[str, ...] = (
    "Thanks, but not right now. Budgets are locked until next year.",
    "We're covered for this year, so let's park this.",
    "Appreciate it, but there is no budget for outside help this half.",
    "Timing isn't right: we are under a hiring freeze.",
    "Not a priority for us at the moment. Maybe check back after the summer.",
)

# The offer families of judge_rules.OFFER_FAMILIES, as the agent first makes them and as a bad
# draft pushes them again after the prospect declined.
OFFERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "engineers": ("Would two {stack} engineers from our Addis Ababa bench help with the backlog?",
                  ("The two {stack} engineers I mentioned are still free; could they start next month?",
                   "Could we revisit adding two {stack} engineers to your team?")),
    "pilot": ("Would a two-week pilot with our team be worth trying?",
              ("Could we revisit the two-week pilot before the quarter ends?",
               "The pilot offer still stands, and I think it would pay off quickly.")),
    "call": ("Would a 20-minute call next week be useful?",
             ("Could we still find time for a 20-minute call next week?",)),
    "audit": ("Could we run a free architecture review of your delivery setup?",
              ("Could I still run the architecture review for you this month?",)),
    "case_study": ("Would a one-page case study on keeping delivery moving be useful?",
                   ("Following up on the case study: could we walk through it together next week?",)),
}


# --- small helpers ---------------------------------------------------------------------------------


def _stage_words(stage: str) -> str:
    return _STAGE_WORDS.get(stage, stage.replace("_", " "))


def _other_company(rng: random.Random) -> dict:
    """Another prospect (company, recipient, thread id) from the same context builder."""
    return make_context(rng)


def _overlap_phrase(zone: str) -> str:
    window = facts.OVERLAP_WINDOWS[zone]
    if window is None:
        return "async handovers at the start of your day"
    hours = window[1] - window[0]
    return f"{_NUMBER_WORDS[hours]} overlapping hour{'s' if hours > 1 else ''}"


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
    form = "fact" if signal["confidence"] == "high" else "ask"
    template = rng.choice(OPENERS[signal["kind"]][form])
    funding = ctx["funding"]
    amount = money(funding["amount_usd"]) if funding["amount_usd"] else ""
    return template.format(value=signal["value"], amount=amount, stage=_stage_words(funding["stage"]))


def _render(subject: str, greeting: str, body: list[str], ask: str | None, close: str) -> str:
    """One draft string: `Subject:` line, blank line, then greeting, body, ask and sign-off paragraphs."""
    paragraphs = [greeting, " ".join(s[0].upper() + s[1:] for s in body if s)] + ([ask] if ask else []) + [close]
    return f"Subject: {subject}\n\n" + "\n\n".join(paragraphs)


class Draft:
    """A draft in parts, so a probe can add, swap or drop one sentence and keep the rest identical."""

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
        self.value = rng.choice(bank["value"]).format(**slots)
        self.extra: list[str] = []
        self.caveat = rng.choice(CAVEATS).format(caveat=facts.COMPLIANCE_CAVEAT) if ctx["regulated"] else ""
        self.ask: str | None = rng.choice(bank["ask"] if when else bank["ask_async"]).format(**slots)
        self.close = rng.choice(bank["close"]).format(**slots)

    def text(self, extra: tuple[str, ...] = (), caveat: bool = True, opener: str | None = None,
             ask: bool = True) -> str:
        """Render with optional extra sentences, without the caveat, another opener, or no ask."""
        body = [self.opener if opener is None else opener, self.value, *self.extra, *extra,
                self.caveat if caveat else ""]
        return _render(self.subject, self.greeting, body, self.ask if ask else None, self.close)


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
    return _other_company(rng)["recipient"]["name"]


def _violation(rng: random.Random, rule: int, variant: str, ctx: dict, other: dict | None = None) -> tuple[str, ...]:
    """The sentence(s) that break `rule` in the way `variant` names; rule 5 cites `other` (or a new prospect)."""
    if rule == 5:
        other = other or _other_company(rng)
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
            first, second = _other_company(rng)["company"], _other_company(rng)["company"]
            return (f"Teams like {first}, {second} and {first} already work this way.",)
        return ({
            "generic_pair": f"Teams like {generic[0]} and {generic[1]} already work this way.",
            "generic_helped": f"We helped {generic[0]} clear a six-month hiring backlog in one quarter.",
        }[variant],)
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
        first, second = _other_company(rng)["company"], _other_company(rng)["company"]
        return (f"Teams like {first} and {second} already work this way.",)
    return ()


# Variants per rule; a template group is one (probe, variant) in the programmatic mode.
VARIANTS: dict[int, tuple[str, ...]] = {
    1: ("other_thread", "wrong_stage", "committed_engineer", "generic_peers", "missing_caveat", "style"),
    2: ("other_thread", "wrong_stage", "committed_engineer", "generic_peers", "missing_caveat", "style"),
    3: ("engineers", "pilot", "call", "audit"),
    4: ("other_thread", "wrong_stage", "committed_engineer", "generic_peers", "missing_caveat", "style", "boundary"),
    5: ("thread_id", "told_person", "thread_with", "team_told"),
    6: ("congrats", "freshly_raised", "raise_plan"),
    7: ("wrong_stage", "wrong_amount", "bootstrapped"),
    8: ("full_name", "first_name", "senior"),
    9: ("generic_pair", "generic_helped", "repeated"),
    10: ("caveat",),
    11: ("style", "boundary_2000", "vp_large", "correct_amount", "booked_engineer", "distinct_peers", "own_thread"),
}
# A context probe's bad draft adds one lower-priority violation (priority is then part of the test).
_SECONDARY: dict[str, tuple[int, str]] = {
    "other_thread": (5, "thread_with"), "wrong_stage": (7, "wrong_stage"), "committed_engineer": (8, "full_name"),
    "generic_peers": (9, "generic_pair"), "missing_caveat": (10, "caveat"), "boundary": (9, "repeated"),
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
    if probe != "G03" and judge_rules.is_c_level(ctx["recipient"]["role"]) and ctx["headcount"] > 2000:
        ctx["headcount"] = rng.randrange(800, 2001)
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
            return draft.text(), draft.text(caveat=False)
        return draft.text(), draft.text(extra=_violation(rng, secondary[0], secondary[1], ctx))
    if rule == 3:
        return _declined_drafts(rng, variant, ctx, draft)
    if rule == 10:
        return draft.text(), draft.text(caveat=False)
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
    bad = draft.text(extra=(push,), opener="Thanks for getting back to me.")
    return good, bad


def _declined_thread(rng: random.Random, family: str, stack: str) -> list[dict]:
    return [{"from": "agent", "text": OFFERS[family][0].format(stack=stack)},
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
    overrides = _needs(rng, probe, variant)
    if probe == "D05":
        overrides["prior_thread"] = []  # filled below, once the pitched stack is known
    ctx = _neutralise(rng, make_context(rng, **overrides), probe)
    if probe == "D05":
        ctx["prior_thread"] = _declined_thread(rng, variant, _pitch_stack(random.Random(case_id), ctx))
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
    cases, cycle = [], iter(TRACE_PROBE_CYCLE * len(threads))
    for thread in threads:
        turns = thread["turns"]
        rng = random.Random(f"{seed}:judge:trace:{thread['thread_id']}")
        cuts = [i for i, t in enumerate(turns) if t["from"] == "prospect" and "intent" in t]
        last = cuts[-1] if cuts else None
        template_id = f"trc-{thread['thread_id']}"
        if last is not None and turns[last]["intent"] == "soft_no" and _offered_families(turns[: last + 1]):
            history = [{"from": t["from"], "text": t["text"]} for t in turns[: last + 1]]
            ctx = _trace_context(seed, thread, history, {})
            family = _offered_families(turns[: last + 1])[0]
            good, bad = _declined_drafts(rng, family, ctx, Draft(rng, ctx, "followup"))
            cases.append(_make_case(f"J-TRC-{thread['thread_id'][3:]}-{last}", template_id, "D05",
                                    "trace_derived", ctx, good, bad))
            continue
        probe = next(cycle)
        others = [contexts[k] for k in sorted(contexts) if k != thread["thread_id"]]
        for n, index in enumerate(i for i in cuts if turns[i]["intent"] != "soft_no"):
            variant = _variant_for(probe, n + len(cases))
            history = [{"from": t["from"], "text": t["text"]} for t in turns[: index + 1]]
            ctx = _neutralise(rng, _trace_context(seed, thread, history, _needs(rng, probe, variant)), probe)
            good, bad = _drafts(rng, probe, variant, ctx, "followup", opener=_reply(rng, turns[index], ctx),
                                other=rng.choice(others))
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
