"""Generated judge cases (docs/design.md §5.3): one prospect context judged with two drafts.

Gold comes from construction: every item's gold decision is the one its author put in. A draft
probe's case pairs a draft carrying the injected violation ("violation", gold = the probe's rule)
with the same draft carrying the honest twin instead ("twin", gold PASS), and records the
character span of the sentence that makes the difference as `evidence`. A context probe's case
puts the violation in the brief (evidence names the context field): both drafts take the probe's
decision, the second adding a lower-priority violation so priority is tested too; its twin cases
carry a brief that looks alike but breaks nothing (gold PASS). PASS controls pair a clean draft
with a near miss plus style flaws. No case is dropped or relabelled because a rule engine
disagrees: the rule engine is a baseline measured against this gold (agreement.py).

Wording: a case draws every sentence from one pool (train or held-out) of `wording` and the probes' banks. The build
first generates with the train pool, splits, then regenerates the held-out cases with the
held-out pool; each case has its own rng, so the split does not move.

What is particular to a probe (case counts, wordings, the brief's premise, extra slots, the draft's
layout) comes from its module in tenacious.bench.probes; this module assembles every case the same way.

Authoring modes: `programmatic` (house voice), `template` (four more writer voices, all
templates: no language model wrote any of it) and `trace_derived` (the agent's next turn in a
logged thread of data/raw/threads.jsonl). Hand-written cases are loaded by hand_slice.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from tenacious import io, paths
from tenacious.bench import facts, probes, rubric, schema, wording
from tenacious.bench.context import make_context, money
from tenacious.bench.probes.writing import amount_words, stage_words
from tenacious.bench.schema import STRATUM

TWIN_EVERY = 4  # every fourth case of a context probe is a twin (a look-alike brief, gold PASS)
THREADS_PATH = paths.RAW_DIR / "threads.jsonl"
SENDERS: dict[str, tuple[str, ...]] = {"train": ("Noor", "Tomas", "Ilse"), "heldout": ("Kofi", "Amaru", "Wanjiru")}
_DAYS = ("Tuesday", "Wednesday", "Thursday")
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five")


class JudgeCaseError(ValueError):
    """A case that cannot be built as asked (a quota overrun, a wording whose evidence is missing)."""


def _distinct(a: dict, b: dict) -> bool:
    """Two prospects a reader cannot confuse: different company head word and recipient first name."""
    return (a["company"].split()[0] != b["company"].split()[0]
            and a["recipient"]["name"].split()[0] != b["recipient"]["name"].split()[0])


def _other_prospect(rng: random.Random, *taken: dict) -> dict:
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


def _opener(rng: random.Random, ctx: dict, pool: str) -> str:
    """A line about one signal: the lead signal usually, asserted only at high confidence."""
    signal = ctx["signals"][0] if rng.random() < 0.7 else rng.choice(ctx["signals"])
    funding = ctx["funding"]
    if signal["kind"] == "funding" and funding["confidence"] != "high":
        signal = dict(signal, confidence="low")  # a funding figure is stated only when it is certain
    slots = {"value": signal["value"], "stage": stage_words(funding["stage"]), "short": ctx["company"].split()[0],
             "amount": money(funding["amount_usd"]) if funding["amount_usd"] else ""}
    if signal["confidence"] == "high" and not (signal["kind"] == "funding" and not funding["amount_usd"]):
        ref = rng.choice(wording.SIGNAL_REFS[signal["kind"]]["fact"]).format(**slots)
        tail = rng.choice(wording.FACT_TAILS[pool]).format(**slots)
        return rng.choice(wording.FACT_FRAMES[pool]).format(ref=ref, Ref=ref[0].upper() + ref[1:], tail=tail)
    return rng.choice(wording.ASK_FRAMES[pool]).format(ref=rng.choice(wording.SIGNAL_REFS[signal["kind"]]["ask"]))


def _cap(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:] if sentence else sentence


class Draft:
    """A draft in parts, so a probe can add or drop one sentence and keep the rest identical."""

    def __init__(self, rng: random.Random, ctx: dict, voice: str, pool: str):
        bank = wording.VOICES[wording.VOICE_OF[pool][voice]]
        when = _when(rng, ctx["hq_timezone"])
        slots = {"first": ctx["recipient"]["name"].split()[0], "company": ctx["company"],
                 "short": ctx["company"].split()[0], "stack": _pitch_stack(rng, ctx),
                 "overlap": _overlap_phrase(ctx["hq_timezone"]), "when": when,
                 "sender": rng.choice(SENDERS[pool])}
        self.pool, self.slots = pool, slots
        self.subject = _cap(rng.choice(bank["subject"]).format(**slots))
        self.greeting = rng.choice(bank["greeting"]).format(**slots)
        self.opener = _opener(rng, ctx, pool)
        self.angle = rng.choice(wording.ANGLES[pool][ctx["segment"]]) if rng.random() < 0.7 else ""
        self.value = rng.choice(bank["value"]).format(**slots)
        self.proof = rng.choice(wording.PROOFS[pool]) if rng.random() < 0.4 else ""
        self.value_first = rng.random() < 0.25
        self.caveat = rng.choice(probes.CAVEATS[pool]) if ctx["regulated"] else ""
        self.ask = rng.choice(bank["ask" if when else "ask_async"]).format(**slots)
        self.postscript = rng.choice(wording.POSTSCRIPTS[pool]) if rng.random() < 0.3 else ""
        self.close = rng.choice(bank["close"]).format(**slots)

    def text(self, extra: tuple[str, ...] = (), caveat: bool = True, opener: str | None = None,
             ask: bool = True, lead: tuple[str, ...] | None = None) -> str:
        """Render with extra sentences, optionally without the caveat or ask, or with another opener or lead."""
        opener = self.opener if opener is None else opener
        if lead is None:
            lead = (self.value, opener) if self.value_first else (opener, self.angle, self.value, self.proof)
        body = [*lead, *extra, self.caveat if caveat else ""]
        close = f"{self.close}\n\n{self.postscript}" if self.postscript else self.close
        paragraphs = [self.greeting, " ".join(_cap(s) for s in body if s)] + ([self.ask] if ask else []) + [close]
        return f"Subject: {self.subject}\n\n" + "\n\n".join(paragraphs)


# --- the brief ---------------------------------------------------------------------------------------


def _neutralise(rng: random.Random, ctx: dict, probe: str) -> dict:
    """Keep rule 4 out of cases that do not probe it (make_context draws C-level recipients freely)."""
    limit = facts.ESCALATION_HEADCOUNT
    c_level = ctx["recipient"]["role"] in ("cto", "c_level")
    if not probes.SPECS[probe].keeps_c_level_enterprise and c_level and ctx["headcount"] > limit:
        ctx["headcount"] = rng.randrange(limit // 2, limit + 1)
    return ctx


# --- the probing sentences -------------------------------------------------------------------------


def _slots(rng: random.Random, probe: str, ctx: dict, pool: str, other: dict | None, carrier: dict) -> dict:
    """Values for every slot a wording of `probe` may use; `carrier` holds the carrier draft's slots."""
    spec = probes.SPECS[probe]
    slots = {"first": ctx["recipient"]["name"].split()[0], "thread_id": ctx["thread_id"]}
    funding = ctx["funding"]
    if funding["amount_usd"]:
        slots["amount"] = amount_words(rng, funding["amount_usd"])
    slots["stage"] = stage_words(funding["stage"])
    if spec.names_other_prospects:
        other = other or _other_prospect(rng, ctx)
        second = _other_prospect(rng, ctx, other)
        third = _other_prospect(rng, ctx, other, second)
        slots.update(other_company=other["company"], other_person=other["recipient"]["name"].split()[0],
                     other_thread=other["thread_id"], peer1=other["company"], peer2=second["company"],
                     peer3=third["company"])
        slots["generic1"], slots["generic2"] = rng.sample(wording.GENERIC_PEERS[pool], 2)
    if spec.slots is not None:
        slots.update(spec.slots(rng, ctx, pool, carrier))
    return slots


def _sentence(side: str, probe: str, pool: str, index: int, slots: dict) -> tuple[str, str]:
    """(wording id, filled sentence) of wording `index` (cycled) of the probe's `side` wordings in `pool`."""
    entries = (probes.VIOLATIONS if side == "violation" else probes.TWINS)[probe][pool]
    text = entries[index % len(entries)]
    filled = text.format(**slots, Offer=_cap(slots.get("offer", "")))
    return f"{probe}:{side}:{pool}:{index % len(entries)}", filled


def _span(draft: str, sentence: str) -> dict:
    start = draft.find(sentence)
    if start < 0:
        raise JudgeCaseError(f"evidence {sentence!r} is not in the draft")
    return {"start": start, "end": start + len(sentence), "text": sentence}


# --- case assembly ---------------------------------------------------------------------------------


def make_case(case_id: str, template_id: str, probe: str, mode: str, ctx: dict, drafts: list[dict]) -> dict:
    """A case from its two drafts, each {draft_kind, kind, draft, evidence, wording}; gold by construction."""
    items = []
    for d in drafts:
        rule = rubric.intended_rule(probe, d["kind"])
        item = {"item_id": f"{case_id}-{d['draft_kind']}", "case_id": case_id, "template_id": template_id,
                "probe_id": probe, "authoring_mode": mode, "stratum": STRATUM[mode], "context": ctx,
                "draft": d["draft"], "draft_kind": d["draft_kind"], "kind": d["kind"],
                "gold_decision": rubric.rule(rule).decision, "gold_rule": rule,
                "evidence": d["evidence"], "wording": d["wording"], "voice": d.get("voice", "house"),
                "reason": d["reason"]}
        schema.validate_judge_item(item)
        items.append(item)
    return {"case_id": case_id, "template_id": template_id, "probe_id": probe, "authoring_mode": mode,
            "items": items}


def _draft_probe_drafts(rng: random.Random, probe: str, ctx: dict, draft: Draft, pool: str, index: int,
                        other: dict | None) -> list[dict]:
    """(twin, violation) drafts of a draft probe, the only difference being the probing sentence."""
    render = probes.SPECS[probe].render
    slots = _slots(rng, probe, ctx, pool, other, draft.slots)
    vid, violation = _sentence("violation", probe, pool, index, slots)
    tid, twin = _sentence("twin", probe, pool, index + rng.randrange(3), slots)
    if render is not None:
        good, bad = render(rng, draft, pool, twin, violation)
    else:
        good, bad = draft.text(extra=(twin,)), draft.text(extra=(violation,))
    name = rubric.probe_rule(probe).name
    return [{"draft_kind": "good", "kind": "twin", "draft": good, "evidence": _span(good, twin), "wording": tid,
             "reason": f"honest twin of {name}: {twin}"},
            {"draft_kind": "bad", "kind": "violation", "draft": bad, "evidence": _span(bad, violation),
             "wording": vid, "reason": f"{name}: {violation}"}]


def _context_probe_drafts(rng: random.Random, probe: str, ctx: dict, draft: Draft, pool: str, twin: bool,
                          wording_id: str, line: str) -> list[dict]:
    """Both drafts of a context case: a clean one and one with a lower-priority slip (or style flaws)."""
    kind = "twin" if twin else "violation"
    evidence = {"field": probes.SPECS[probe].evidence_field, "text": line}
    secondary = rng.choice((*probes.SECONDARY_PROBES, "style"))
    if secondary == "style" or twin:
        extra = tuple(rng.sample(wording.STYLE_FLAWS[pool], 2))
    else:
        extra = (_sentence("violation", secondary, pool, rng.randrange(8),
                           _slots(rng, secondary, ctx, pool, None, draft.slots))[1],)
    name = rubric.probe_rule(probe).name
    reason = (f"looks like {name} but is not: {line}" if twin else f"{name}: {line}")
    return [{"draft_kind": "good", "kind": kind, "draft": draft.text(), "evidence": evidence, "wording": wording_id,
             "reason": reason},
            {"draft_kind": "bad", "kind": kind, "draft": draft.text(extra=extra), "evidence": evidence,
             "wording": wording_id, "reason": reason}]


def _pass_drafts(rng: random.Random, ctx: dict, draft: Draft, pool: str, index: int) -> list[dict]:
    """A clean draft and a near miss (another probe's honest twin) with two style flaws the gate ignores."""
    near_misses = probes.SPECS[rubric.PASS_PROBE].near_misses
    near_probe = near_misses[index % len(near_misses)]
    wid, near = _sentence("twin", near_probe, pool, index // len(near_misses),
                          _slots(rng, near_probe, ctx, pool, None, draft.slots))
    bad = draft.text(extra=(near, *rng.sample(wording.STYLE_FLAWS[pool], 2)))
    return [{"draft_kind": "good", "kind": "clean", "draft": draft.text(), "evidence": None, "wording": None,
             "reason": "clean draft: no rule applies"},
            {"draft_kind": "bad", "kind": "twin", "draft": bad, "evidence": _span(bad, near), "wording": wid,
             "reason": f"near miss, breaks no rule: {near}"}]


def synthetic_case(seed: int, probe: str, index: int, voice: str, mode: str, case_id: str, template_id: str,
                   pool: str, twin: bool = False) -> dict:
    """One programmatic or template case; its rng depends on the seed and case id only."""
    rng = random.Random(f"{seed}:judge:{case_id}")
    spec = probes.SPECS[probe]
    draft_voice = wording.VOICE_OF[pool][voice]
    if probe in rubric.CONTEXT_PROBES:
        wording_id, raw = _sentence("twin" if twin else "violation", probe, pool, index, {})
        tag, line = wording.label_and_text(raw)
        ctx = _neutralise(rng, make_context(rng, **spec.premise(rng, tag, line, twin)), probe)
        if spec.quoted_in_thread:
            ctx["prior_thread"] = [{"from": "agent", "text": rng.choice(wording.FIRST_OFFERS["call"])},
                                   {"from": "prospect", "text": line}]
        drafts = _context_probe_drafts(rng, probe, ctx, Draft(rng, ctx, voice, pool), pool, twin, wording_id, line)
    else:
        ctx = _neutralise(rng, make_context(rng, **spec.premise(rng, None, None, False)), probe)
        draft = Draft(rng, ctx, voice, pool)
        if probe == rubric.PASS_PROBE:
            drafts = _pass_drafts(rng, ctx, draft, pool, index)
        else:
            read = ctx if spec.prepare is None else spec.prepare(rng, ctx, draft.slots, pool, index)
            drafts = _draft_probe_drafts(rng, probe, read, draft, pool, index, None)
    for d in drafts:
        d["voice"] = draft_voice
    return make_case(case_id, template_id, probe, mode, ctx, drafts)


# --- trace-derived cases ----------------------------------------------------------------------------

_DECLINE_INTENT = "soft_no"


def _offered_families(turns: list[dict]) -> list[str]:
    """Offer families named in `turns`, by the agent's offer wordings' key words."""
    keys = {"engineers": r"engineer", "pilot": r"\bpilot\b", "call": r"\bcall\b|\bchat\b",
            "audit": r"review|audit", "case_study": r"case stud"}
    return sorted({family for turn in turns for family, key in keys.items()
                   if turn["from"] == "agent" and re.search(key, turn["text"], re.IGNORECASE)})


def _reply(rng: random.Random, turn: dict, ctx: dict, pool: str) -> str:
    low, high = facts.PRICE_BANDS_USD_PER_MONTH["senior"]
    stack = (turn.get("offer") or {}).get("stack") or rng.choice([s for s, n in sorted(ctx["bench"].items()) if n])
    return rng.choice(wording.TRACE_REPLIES[pool][turn["intent"]]).format(
        price=f"${low:,} to ${high:,}", count=ctx["bench"][stack], stack=facts.STACK_LABELS[stack])


def _trace_context(seed: int, thread: dict, history: list[dict], overrides: dict) -> dict:
    """The thread's logged context, completed like the critic's TRC tasks, plus the probe's premise."""
    fields = {**thread["context"], **overrides}
    if "recipient" in overrides and "recipient" in thread["context"]:
        fields["recipient"] = {**overrides["recipient"], "name": thread["context"]["recipient"]["name"]}
    return make_context(random.Random(f"{seed}:{thread['thread_id']}"), **fields,
                        thread_id=thread["thread_id"], prior_thread=history)


def _trace_premise(rng: random.Random, probe: str, index: int, pool: str) -> tuple[dict, str | None, str | None]:
    """(overrides, wording id, evidence line) of a trace case's probe; context probes use their wordings."""
    premise = probes.SPECS[probe].premise
    if probe not in rubric.CONTEXT_PROBES:
        return premise(rng, None, None, False), None, None
    wording_id, raw = _sentence("violation", probe, pool, index, {})
    tag, line = wording.label_and_text(raw)
    return premise(rng, tag, line, False), wording_id, line


def trace_derived_cases(seed: int, threads: list[dict], pool_of=lambda case_id: "train") -> list[dict]:
    """The agent's next turn after a prospect turn of a logged thread; one thread is one template group.

    A thread whose last prospect turn declines an offer feeds probes.TRACE_DECLINE_PROBE (the violation
    pushes that offer again); every other thread feeds one probe of probes.TRACE_CYCLE, one case per
    prospect turn.
    """
    threads = sorted(threads, key=lambda t: t["thread_id"])
    contexts = {t["thread_id"]: _trace_context(seed, t, [], {}) for t in threads}
    cases, probed = [], 0
    for thread in threads:
        turns = thread["turns"]
        cuts = [i for i, t in enumerate(turns) if t["from"] == "prospect" and "intent" in t]
        last = cuts[-1] if cuts else None
        template_id = f"trc-{thread['thread_id']}"
        if last is not None and turns[last]["intent"] == _DECLINE_INTENT and _offered_families(turns[: last + 1]):
            case_id = f"J-TRC-{thread['thread_id'][3:]}-{last}"
            pool = pool_of(case_id)
            rng = random.Random(f"{seed}:judge:{case_id}")
            history = [{"from": t["from"], "text": t["text"]} for t in turns[: last + 1]]
            ctx = _neutralise(rng, _trace_context(seed, thread, history, {}), probes.TRACE_DECLINE_PROBE)
            draft = Draft(rng, ctx, "followup", pool)
            family = _offered_families(turns[: last + 1])[0]
            drafts = _draft_probe_drafts(rng, probes.TRACE_DECLINE_PROBE, dict(ctx, _family=family), draft, pool,
                                         len(cases), None)
            for d in drafts:
                d["voice"] = wording.VOICE_OF[pool]["followup"]
            cases.append(make_case(case_id, template_id, probes.TRACE_DECLINE_PROBE, "trace_derived", ctx, drafts))
            continue
        probe = probes.TRACE_CYCLE[probed % len(probes.TRACE_CYCLE)]
        probed += 1
        others = [contexts[k] for k in sorted(contexts) if k != thread["thread_id"]]
        for n, index in enumerate(i for i in cuts if turns[i]["intent"] != _DECLINE_INTENT):
            case_id = f"J-TRC-{thread['thread_id'][3:]}-{index}"
            pool = pool_of(case_id)
            rng = random.Random(f"{seed}:judge:{case_id}")
            history = [{"from": t["from"], "text": t["text"]} for t in turns[: index + 1]]
            overrides, wording_id, line = _trace_premise(rng, probe, n + len(cases), pool)
            ctx = _neutralise(rng, _trace_context(seed, thread, history, overrides), probe)
            draft = Draft(rng, ctx, "followup", pool)
            draft.opener = _reply(rng, turns[index], ctx, pool)
            other = rng.choice([o for o in others if _distinct(o, ctx)])
            if probe == rubric.PASS_PROBE:
                drafts = _pass_drafts(rng, ctx, draft, pool, n + len(cases))
            elif probe in rubric.CONTEXT_PROBES:
                drafts = _context_probe_drafts(rng, probe, ctx, draft, pool, False, wording_id, line)
            else:
                drafts = _draft_probe_drafts(rng, probe, ctx, draft, pool, n + len(cases), other)
            for d in drafts:
                d["voice"] = wording.VOICE_OF[pool]["followup"]
            cases.append(make_case(case_id, template_id, probe, "trace_derived", ctx, drafts))
    return cases


# --- all generated cases ------------------------------------------------------------------------------


def _count(cases: list[dict]) -> dict[str, int]:
    counts = dict.fromkeys(probes.CASE_COUNTS, 0)
    for case in cases:
        counts[case["probe_id"]] += 1
    return counts


def _mode_cases(seed: int, counts: dict[str, int], mode: str, pool_of, start: dict[str, int]) -> list[dict]:
    """`counts[probe]` cases of one mode; `start` offsets the twin cycle of context probes."""
    prefix = {"programmatic": "PRG", "template": "SYN"}[mode]
    cases = []
    for probe in sorted(counts):
        for n in range(counts[probe]):
            voices = wording.SYN_VOICES["train"] if mode == "template" else ("house",)
            voice = voices[n % len(voices)]
            case_id = f"J-{prefix}-{probe}-{n + 1:03d}"
            pool = pool_of(case_id)
            # One case is one template group: its sentences come from a pool split by wording, so two
            # cases of a probe share structure but not the sentences a held-out judge would memorise.
            twin = probe in rubric.CONTEXT_PROBES and (start[probe] + n) % TWIN_EVERY == TWIN_EVERY - 1
            cases.append(synthetic_case(seed, probe, n, voice, mode, case_id, f"{prefix.lower()}-{probe}-{n + 1:03d}",
                                        pool, twin))
    return cases


def generate_judge_cases(seed: int, threads_path: Path = THREADS_PATH, heldout: frozenset[str] = frozenset(),
                         ) -> list[dict]:
    """All 323 generated cases: trace-derived and template first, programmatic filling each probe's quota.

    Cases whose id is in `heldout` are written from the held-out wording pool.
    """
    def pool_of(case_id: str) -> str:
        return "heldout" if case_id in heldout else "train"

    threads = io.read_jsonl(threads_path, validate=schema.validate_thread_row)
    trace = trace_derived_cases(seed, threads, pool_of)
    syn = _mode_cases(seed, probes.TEMPLATE_COUNTS, "template", pool_of, dict.fromkeys(probes.CASE_COUNTS, 0))
    taken = _count(trace + syn)
    short = {p: probes.CASE_COUNTS[p] - taken[p] for p in probes.CASE_COUNTS}
    over = sorted(p for p, n in short.items() if n < 0)
    if over:
        raise JudgeCaseError(f"probes {over} already exceed their case quota before the programmatic fill")
    return trace + syn + _mode_cases(seed, short, "programmatic", pool_of, probes.TEMPLATE_COUNTS)


def case_items(cases: list[dict]) -> list[dict]:
    """The judge items of `cases`, good before bad, in case order."""
    return [item for case in cases for item in case["items"]]
