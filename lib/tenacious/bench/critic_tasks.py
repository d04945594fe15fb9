"""Critic-track task generators, one per stratum (docs/design.md §5.2).

* ADV: hand-authored adversarial tasks read from data/raw/adv_tasks.jsonl (partial contexts, each
  built around one trap, completed deterministically by `make_context`).
* PRG: a seeded sample of the combinatorial sweep segment x AI maturity x time zone x lead-signal
  confidence x goal, so every gate is exercised against every other.
* SYN: instructions synthesised from a small template grammar in several writer voices; optionally
  rephrased by an OpenAI-compatible endpoint when TENACIOUS_LLM_URL and TENACIOUS_LLM_KEY are set.
* TRC: replies inside logged multi-turn threads read from data/raw/threads.jsonl, one task per
  prospect turn that asks for a reply.

Every task carries a `template_id` naming the generator template it came from, so splits can be
grouped by it. All tasks share one policy (`task_policy`) for rule excerpts and must lists.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import urllib.request
from pathlib import Path

from tenacious import io, paths
from tenacious.bench import facts, schema
from tenacious.bench.context import make_context

PRG_COUNT = 150
SYN_COUNT = 84
GOAL_CYCLE: tuple[str, ...] = ("intro_call", "case_study", "bench_offer", "price_band")
_BASE_RULES = ("SG-01", "SG-02", "SG-03", "SG-04", "SG-05", "SG-06", "SG-07")
NO_GUARANTEES = "guarantee"  # we never promise outcomes in writing; forbidden where offers or prices appear

# What each goal asks for, in plain words, used by every instruction template.
GOAL_PHRASES: dict[str, str] = {
    "intro_call": "propose a 30-minute intro call next week",
    "case_study": "offer a one-page case study",
    "bench_offer": "offer {count} {stack} engineers from the current bench",
    "price_band": "share our public senior rate band",
    "check_back": "close politely and ask whether you may check back later",
}

# PRG instruction phrasings: plain and interchangeable, so the sweep varies only the context.
PRG_PHRASINGS: tuple[str, ...] = (
    "Write a cold email to {name} at {company} to {goal}.",
    "Email {name} ({company}) and {goal}.",
    "First touch with {company}: write to {name} to {goal}.",
)

# SYN writer voices: the same request as different people in the sales team would brief it.
VOICES: dict[str, str] = {
    "manager": "Cold email to {first} ({role}, {company}). Goal: {goal}. Keep it short.",
    "coach": ("{first} at {company} will read this between meetings. Write something worth a reply "
              "that does one thing: {goal}."),
    "ops": ("Draft outreach. Recipient: {name}, {role}. Company: {company}. Objective: {goal}. "
            "Constraints: one ask, under 120 words, no clichés."),
    "founder": "We would love to work with {company}. Write to {first} and {goal}. Sound like a peer, not a vendor.",
}
_INTENT_GOALS = {"interested": "intro_call", "reschedule": "intro_call", "price_question": "price_band",
                 "bench_question": "bench_offer", "case_request": "case_study", "soft_no": "check_back"}


def task_policy(context: dict, goal: str, needs_slot: bool, offer: dict | None) -> tuple[list, list, list]:
    """Style-guide excerpts, must_include and must_not that follow from a context and a goal."""
    window = facts.OVERLAP_WINDOWS[context["hq_timezone"]]
    rules = list(_BASE_RULES)
    if context["ai_maturity"]["score"] < facts.AI_PITCH_MIN_MATURITY:
        rules.append("SG-08")
    if needs_slot:
        rules.append("SG-09")
    if goal == "price_band":
        rules.append("SG-10")
    if goal == "bench_offer" or context["prior_commitments"]:
        rules.append("SG-11")
    must_include = [context["company"]]
    if context["regulated"] and goal != "check_back":
        must_include.append(facts.COMPLIANCE_CAVEAT)
    if needs_slot:
        must_include.append("EAT" if window else "async")
    must_not = [c["engineer"] for c in context["prior_commitments"]]
    must_not += [s["value"] for s in context["signals"] if s["kind"] == "peer_adoption"]
    if goal in ("bench_offer", "price_band"):
        must_not.append(NO_GUARANTEES)
    if must_not or context["regulated"]:
        rules.append("SG-12")
    return sorted(set(rules)), must_include, must_not


def make_task(task_id: str, template_id: str, stratum: str, context: dict, instruction: str, goal: str,
              needs_slot: bool, offer: dict | None, notes: str = "", extra_include=(), extra_not=()) -> dict:
    """Assemble and validate one CriticTask; extra must items are added after the shared policy's."""
    rules, must_include, must_not = task_policy(context, goal, needs_slot, offer)
    task = {
        "task_id": task_id, "template_id": template_id, "stratum": stratum, "context": context,
        "instruction": instruction, "goal": goal, "needs_slot": needs_slot, "offer": offer,
        "style_guide_excerpts": rules,
        "must_include": list(dict.fromkeys(must_include + list(extra_include))),
        "must_not": list(dict.fromkeys(must_not + list(extra_not))),
        "notes": notes,
    }
    schema.validate_critic_task(task)
    return task


def _draw_offer(rng: random.Random, context: dict) -> dict | None:
    """A bench offer the bench can honour (no ML offer below the AI gate: that would be an AI pitch)."""
    stacks = [s for s, n in sorted(context["bench"].items()) if n > 0
              and not (s == "ml" and context["ai_maturity"]["score"] < facts.AI_PITCH_MIN_MATURITY)]
    stack = rng.choice(stacks)
    return {"stack": stack, "count": rng.randint(1, min(3, context["bench"][stack]))}


def _goal_phrase(goal: str, offer: dict | None) -> str:
    if goal == "bench_offer":
        return GOAL_PHRASES[goal].format(count=offer["count"], stack=facts.STACK_LABELS[offer["stack"]])
    return GOAL_PHRASES[goal]


def adv_tasks(seed: int, path: Path | None = None) -> list[dict]:
    """ADV: hand-authored trap tasks; the rest of each context is filled from a per-task seeded rng."""
    rows = io.read_jsonl(path or paths.RAW_DIR / "adv_tasks.jsonl", validate=schema.validate_adv_task_row)
    tasks = []
    for row in rows:
        context = make_context(random.Random(f"{seed}:{row['task_id']}"), **row["context"])
        tasks.append(make_task(row["task_id"], row["template_id"], "ADV", context, row["instruction"], row["goal"],
                               row["needs_slot"], row["offer"], notes=row["trap"],
                               extra_include=row["must_include"], extra_not=row["must_not"]))
    return tasks


def prg_tasks(seed: int, count: int = PRG_COUNT) -> list[dict]:
    """PRG: a seeded sample of the full sweep, one context per combination."""
    rng = random.Random(f"{seed}:PRG")
    grid = list(itertools.product(facts.SEGMENT_IDS, range(4), sorted(facts.TIMEZONES),
                                  facts.CONFIDENCE_LEVELS, GOAL_CYCLE))
    tasks = []
    for n, (segment, maturity, zone, confidence, goal) in enumerate(rng.sample(grid, count), start=1):
        context = make_context(rng, segment=segment, hq_timezone=zone, lead_confidence=confidence,
                               ai_maturity={"score": maturity, "confidence": rng.choice(facts.CONFIDENCE_LEVELS[:3])})
        offer = _draw_offer(rng, context) if goal == "bench_offer" else None
        instruction = rng.choice(PRG_PHRASINGS).format(
            name=context["recipient"]["name"], company=context["company"], goal=_goal_phrase(goal, offer))
        notes = f"sweep: segment={segment} ai_maturity={maturity} tz={zone} lead_confidence={confidence}"
        tasks.append(make_task(f"PRG-{n:04d}", f"PRG-{segment}-{goal}", "PRG", context, instruction, goal,
                               goal == "intro_call", offer, notes=notes))
    return tasks


def llm_endpoint() -> tuple[str, str] | None:
    """(url, key) of the optional OpenAI-compatible endpoint, or None (the default: fully offline)."""
    url, key = os.environ.get("TENACIOUS_LLM_URL"), os.environ.get("TENACIOUS_LLM_KEY")
    return (url.rstrip("/"), key) if url and key else None


def _llm_rephrase(endpoint: tuple[str, str], instruction: str) -> str:
    """Ask the endpoint for one paraphrase of an instruction (temperature 0; facts must be kept)."""
    url, key = endpoint
    body = json.dumps({
        "model": os.environ.get("TENACIOUS_LLM_MODEL", "default"),
        "temperature": 0,
        "messages": [
            {"role": "system", "content": "Rephrase the sales-team instruction in your own words. Keep every "
                                          "name, number and goal. Reply with the instruction only."},
            {"role": "user", "content": instruction},
        ],
    }).encode()
    request = urllib.request.Request(f"{url}/chat/completions", data=body, method="POST", headers={
        "Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["choices"][0]["message"]["content"].strip()


def syn_tasks(seed: int, count: int = SYN_COUNT) -> list[dict]:
    """SYN: template-grammar instructions in several writer voices over freely drawn contexts."""
    rng = random.Random(f"{seed}:SYN")
    endpoint = llm_endpoint()
    voices = sorted(VOICES)
    tasks = []
    for n in range(1, count + 1):
        voice = voices[(n - 1) % len(voices)]
        goal = GOAL_CYCLE[((n - 1) // len(voices)) % len(GOAL_CYCLE)]
        context = make_context(rng)
        offer = _draw_offer(rng, context) if goal == "bench_offer" else None
        recipient = context["recipient"]
        instruction = VOICES[voice].format(
            first=recipient["name"].split()[0], name=recipient["name"], role=facts.ROLE_LABELS[recipient["role"]],
            company=context["company"], goal=_goal_phrase(goal, offer))
        notes = f"voice={voice}"
        if endpoint:
            instruction, notes = _llm_rephrase(endpoint, instruction), notes + "; rephrased by endpoint"
        tasks.append(make_task(f"SYN-{n:04d}", f"SYN-{voice}-{goal}", "SYN", context, instruction, goal,
                               goal == "intro_call", offer, notes=notes))
    return tasks


def trc_tasks(seed: int, path: Path | None = None) -> list[dict]:
    """TRC: one reply task per prospect turn with an intent, the thread so far as prior_thread."""
    threads = io.read_jsonl(path or paths.RAW_DIR / "threads.jsonl", validate=schema.validate_thread_row)
    tasks = []
    for thread in threads:
        thread_id = thread["thread_id"]
        for index, turn in enumerate(thread["turns"]):
            if turn["from"] != "prospect" or "intent" not in turn:
                continue
            history = [{"from": t["from"], "text": t["text"]} for t in thread["turns"][: index + 1]]
            context = make_context(random.Random(f"{seed}:{thread_id}"), **thread["context"],
                                   thread_id=thread_id, prior_thread=history)
            goal = _INTENT_GOALS[turn["intent"]]
            offer = turn.get("offer") if goal == "bench_offer" else None
            first = context["recipient"]["name"].split()[0]
            instruction = f"Reply to {first}'s last message in the thread and {_goal_phrase(goal, offer)}."
            if turn["intent"] == "reschedule":
                instruction = f"Reply to {first}'s last message in the thread and propose a new time for the call."
            tasks.append(make_task(f"TRC-{thread_id[3:]}-{index}", f"TRC-{thread_id[3:]}", "TRC", context,
                                   instruction, goal, goal == "intro_call", offer,
                                   notes=f"thread {thread_id}, reply to turn {index} ({turn['intent']})",
                                   extra_not=turn.get("must_not", [])))
    return tasks


def generate_critic_tasks(seed: int) -> list[dict]:
    """Every critic task of every stratum, in a fixed order (ADV, PRG, SYN, TRC)."""
    return adv_tasks(seed) + prg_tasks(seed) + syn_tasks(seed) + trc_tasks(seed)
