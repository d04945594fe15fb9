"""Fictional prospect contexts (docs/design.md §5.1), shared by the critic and the judge track.

One builder for both tracks keeps the two benchmarks describing the same kind of prospect. The
context is a plain dict so it serialises into JSONL unchanged; every draw comes from the `rng`
passed in, so the same rng state and overrides always give the same context.
"""

from __future__ import annotations

import random
import re

from tenacious.bench import facts

CONTEXT_FIELDS: tuple[str, ...] = (
    "prospect_id", "company", "domain", "industry", "regulated", "headcount", "hq_timezone",
    "recipient", "segment", "segment_confidence", "ai_maturity", "signals", "funding",
    "disqualifiers", "opt_out_channels", "channel", "thread_id", "prior_thread",
    "prior_commitments", "bench",
)
# Generation knobs that are not context fields: the confidence of the segment's lead signal.
GENERATION_KNOBS: tuple[str, ...] = ("lead_confidence",)

# Invented name parts; combinations are fictional companies on the reserved `.example` domain.
_COMPANY_HEADS = (
    "Alder", "Brack", "Cobal", "Dunmo", "Elvar", "Fenwy", "Galdr", "Harlo", "Isken", "Jorva", "Kestr",
    "Lumar", "Marro", "Nevik", "Orsel", "Pellin", "Quarn", "Rivol", "Sorne", "Tavik", "Ulmer", "Vessa",
    "Wrenna", "Yoric", "Zendo", "Ambre", "Brisk", "Calde", "Draye", "Ostra",
)
_COMPANY_TAILS = (
    "ly", "io", "ora", "ent", "ix", "wise", "grid", "loop", "nest", "path", "stack", "yard", "works",
    "base", "field",
)
_COMPANY_SUFFIXES = ("", " Labs", " Systems", " Health", " Pay", " Logistics", " Cloud", " Group")

_FIRST_NAMES = (
    "Amara", "Bastian", "Clio", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Joss", "Kaia",
    "Linus", "Mira", "Nils", "Odile", "Pavel", "Quinn", "Rosa", "Soren", "Talia", "Ugo", "Vera",
    "Wim", "Ximena", "Yusuf", "Zofia", "Anouk", "Benedikt", "Carmen", "Desmond", "Esther", "Fintan",
)
_LAST_NAMES = (
    "Achterberg", "Brennholt", "Castellane", "Dorfmeier", "Ekwall", "Fairbrook", "Galloway-Ruiz",
    "Hasselquist", "Ibarrondo", "Juhlmann", "Kerrigan-Voss", "Lindqvist", "Marchetti", "Nordhaven",
    "Okonkwo-Hale", "Pemberton", "Quiroga", "Rasmussen-Lee", "Sandoval", "Thornquist", "Underhill",
    "Valdemar", "Westergaard", "Yarrowby", "Zeller",
)
_PRODUCTS = ("Tally", "Beacon", "Relay", "Canvas", "Ledger", "Pulse", "Harbor", "Atlas", "Sprout", "Orbit")
_STACK_NAMES = ("Go", "Python", "Kotlin", "TypeScript", "Rust", "Elixir")
_AI_WORK = ("a forecasting model", "an ML platform team", "AI features in the product",
            "a document-extraction model", "a recommendation service")

# Which signal kind leads for each segment (the evidence the segment was picked on).
_LEAD_SIGNAL = {
    "segment_1": "funding", "segment_2": "layoffs", "segment_3": "leadership_change",
    "segment_4": "ai_initiative", "abstain": "product_launch",
}
# Most prospects are European (the overlap sells itself); fewer in the US; few in Addis itself.
_ZONE_WEIGHTS = {"Europe/Berlin": 3, "Europe/London": 3, "America/New_York": 2, "America/Los_Angeles": 2,
                 "Africa/Addis_Ababa": 1}
_HEADCOUNT = {
    "segment_1": (15, 180), "segment_2": (300, 2600), "segment_3": (80, 1500),
    "segment_4": (60, 900), "abstain": (20, 3200),
}
_STAGES_BY_SEGMENT = {
    "segment_1": ("seed", "series_a", "series_b"),
    "segment_2": ("bootstrapped", "series_b", "series_c"),
    "segment_3": ("series_a", "series_b", "series_c"),
    "segment_4": ("series_a", "series_b", "series_c"),
    "abstain": ("bootstrapped", "seed", "series_a", "series_c"),
}


def money(amount: int) -> str:
    """$12M / $1.5M: the one way a funding amount is written in briefs and drafts."""
    millions = amount / 1_000_000
    return f"${millions:.1f}M".replace(".0M", "M")


def _draw_confidence(rng: random.Random, weights=(6, 3, 2, 1)) -> str:
    return rng.choices(facts.CONFIDENCE_LEVELS, weights=weights)[0]


def company_domain(company: str) -> str:
    """`alderly-labs.example`: the whole name, so two companies never share a domain (a head word alone did)."""
    return "-".join(re.findall(r"[a-z0-9]+", company.lower())) + ".example"


def _signal(rng: random.Random, kind: str, confidence: str, ctx: dict) -> dict:
    """One signal with a short factual text; several phrasings keep briefs from looking alike."""
    if kind == "funding":
        amount = ctx["funding"]["amount_usd"]  # only drawn as a lead when an amount exists
        stage = ctx["funding"]["stage"].replace("_", " ").title()
        text = rng.choice((f"Announced a {money(amount)} {stage} round this quarter",
                           f"Press release: {money(amount)} {stage} led by a growth fund",
                           f"Raised {money(amount)} ({stage}) two months ago"))
        return {"kind": kind, "text": text, "value": amount, "confidence": confidence}
    if kind == "hiring":
        n = rng.randrange(4, 26)
        text = rng.choice((f"{n} open engineering roles on the careers page",
                           f"Job board shows {n} engineering openings",
                           f"Hiring for {n} backend and platform positions"))
        return {"kind": kind, "text": text, "value": n, "confidence": confidence}
    if kind == "leadership_change":
        role = rng.choice(("CTO", "VP Engineering"))
        text = rng.choice((f"New {role} started about six weeks ago",
                           f"Appointed a new {role} from outside the company",
                           f"{role} changed hands this spring"))
        return {"kind": kind, "text": text, "value": role, "confidence": confidence}
    if kind == "layoffs":
        pct = rng.randrange(6, 31)
        text = rng.choice((f"Reduced headcount by about {pct}% in a restructuring",
                           f"Announced a {pct}% workforce reduction",
                           f"Restructuring memo mentions {pct}% fewer roles"))
        return {"kind": kind, "text": text, "value": pct, "confidence": confidence}
    if kind == "tech_stack":
        stack = rng.choice(_STACK_NAMES)
        text = rng.choice((f"Engineering blog describes a move to {stack}",
                           f"Most open roles ask for {stack}",
                           f"Migrating core services to {stack}"))
        return {"kind": kind, "text": text, "value": stack, "confidence": confidence}
    if kind == "ai_initiative":
        work = rng.choice(_AI_WORK)
        text = rng.choice((f"Talks publicly about building {work}",
                           f"Hiring page mentions {work}",
                           f"Conference talk on {work}"))
        return {"kind": kind, "text": text, "value": work, "confidence": confidence}
    if kind == "product_launch":
        product = f"{ctx['company'].split()[0]} {rng.choice(_PRODUCTS)}"
        text = rng.choice((f"Launched {product} last month",
                           f"Product page for {product} went live",
                           f"Beta of {product} announced"))
        return {"kind": kind, "text": text, "value": product, "confidence": confidence}
    peer = _company_name(rng)
    text = rng.choice((f"Peer company {peer} extended its team with a nearshore partner",
                       f"{peer}, a direct peer, publicly uses an external delivery team"))
    return {"kind": "peer_adoption", "text": text, "value": peer, "confidence": confidence}


def _company_name(rng: random.Random) -> str:
    return rng.choice(_COMPANY_HEADS) + rng.choice(_COMPANY_TAILS) + rng.choice(_COMPANY_SUFFIXES)


def person_name(rng: random.Random) -> str:
    """A fictional full name from the pools (also used for peers and thread authors)."""
    return f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"


def _commitments(rng: random.Random) -> list[dict]:
    """0-2 bench engineers already committed to other clients until a given date."""
    out = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        stack = rng.choice(facts.BENCH_STACKS)
        engineer = rng.choice(facts.BENCH_ROSTER[stack])
        if any(c["engineer"] == engineer for c in out):
            continue
        until = f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        out.append({"engineer": engineer, "stack": stack, "until": until})
    return sorted(out, key=lambda c: c["engineer"])


def bench_from_commitments(commitments: list[dict]) -> dict[str, int]:
    """Available engineers per stack: the roster minus everyone committed elsewhere."""
    busy = {c["engineer"] for c in commitments}
    return {stack: sum(1 for e in names if e not in busy) for stack, names in sorted(facts.BENCH_ROSTER.items())}


def make_context(rng: random.Random, **overrides) -> dict:
    """Build one prospect context; any field in CONTEXT_FIELDS (or a GENERATION_KNOBS knob) can be forced.

    Forced values are used while generating, so e.g. `segment="segment_2"` also shapes the signals,
    headcount and funding that follow from it.
    """
    unknown = sorted(set(overrides) - set(CONTEXT_FIELDS) - set(GENERATION_KNOBS))
    if unknown:
        raise TypeError(f"make_context: unknown field(s) {unknown}")

    def pick(key, draw):
        return overrides[key] if key in overrides else draw()

    ctx: dict = {}
    ctx["prospect_id"] = pick("prospect_id", lambda: f"P{rng.randrange(10**6):06d}")
    ctx["company"] = pick("company", lambda: _company_name(rng))
    ctx["domain"] = pick("domain", lambda: company_domain(ctx["company"]))
    ctx["segment"] = pick("segment", lambda: rng.choice(facts.SEGMENT_IDS))
    segment = ctx["segment"]
    ctx["industry"] = pick("industry", lambda: rng.choice(facts.INDUSTRIES))
    ctx["regulated"] = pick("regulated", lambda: ctx["industry"] in facts.REGULATED_INDUSTRIES)
    ctx["headcount"] = pick("headcount", lambda: rng.randrange(*_HEADCOUNT[segment]))
    ctx["hq_timezone"] = pick("hq_timezone", lambda: rng.choices(
        list(_ZONE_WEIGHTS), weights=list(_ZONE_WEIGHTS.values()))[0])
    ctx["recipient"] = pick("recipient", lambda: {
        "name": person_name(rng),
        "role": rng.choices(facts.ROLES, weights=(3, 4, 3, 2, 1))[0],
    })
    ctx["segment_confidence"] = pick("segment_confidence", lambda: round(
        rng.uniform(0.2, 0.5) if segment == "abstain" else rng.uniform(0.6, 0.95), 2))

    def draw_maturity():
        score = rng.choice((2, 3)) if segment == "segment_4" else rng.choices((0, 1, 2, 3), weights=(3, 3, 2, 1))[0]
        return {"score": score, "confidence": _draw_confidence(rng, (5, 3, 1, 1))}

    ctx["ai_maturity"] = pick("ai_maturity", draw_maturity)

    def draw_funding():
        stage = rng.choice(_STAGES_BY_SEGMENT[segment])
        band = facts.FUNDING_STAGES[stage]
        if band is None:
            return {"stage": stage, "amount_usd": None, "confidence": "high"}
        amount = rng.randrange(band[0] // 500_000, band[1] // 500_000 + 1) * 500_000
        confidence = _draw_confidence(rng)
        if segment == "segment_1" and overrides.get("lead_confidence"):
            confidence = overrides["lead_confidence"]  # the funding signal is segment_1's lead
        return {"stage": stage, "amount_usd": amount, "confidence": confidence}

    ctx["funding"] = pick("funding", draw_funding)

    def draw_signals():
        lead_kind = _LEAD_SIGNAL[segment]
        if lead_kind == "funding" and ctx["funding"]["amount_usd"] is None:
            lead_kind = "hiring"
        if lead_kind == "funding":
            lead_conf = ctx["funding"]["confidence"]  # one fact, one confidence
        else:
            lead_conf = overrides.get("lead_confidence") or (
                _draw_confidence(rng, (1, 2, 3, 2)) if segment == "abstain" else _draw_confidence(rng))
        signals = [_signal(rng, lead_kind, lead_conf, ctx)]
        extra = [k for k in facts.SIGNAL_KINDS if k not in (lead_kind, "funding")]
        for kind in rng.sample(extra, rng.randrange(1, 4)):
            signals.append(_signal(rng, kind, _draw_confidence(rng), ctx))
        return signals

    ctx["signals"] = pick("signals", draw_signals)
    ctx["disqualifiers"] = pick("disqualifiers", list)
    ctx["opt_out_channels"] = pick("opt_out_channels", list)
    ctx["channel"] = pick("channel", lambda: "email")
    ctx["thread_id"] = pick("thread_id", lambda: f"th-{rng.randrange(16**8):08x}")
    ctx["prior_thread"] = pick("prior_thread", list)
    ctx["prior_commitments"] = pick("prior_commitments", lambda: _commitments(rng))
    ctx["bench"] = pick("bench", lambda: bench_from_commitments(ctx["prior_commitments"]))
    return {key: ctx[key] for key in CONTEXT_FIELDS}
