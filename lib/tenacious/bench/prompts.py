"""THE prompt builder, shared by data (preference pairs), training and inference.

Pairs are stored with the exact messages the model later sees, so training and evaluation can
never drift apart in wording. Both tracks render the prospect context with the same brief.
"""

from __future__ import annotations

from tenacious.bench import facts, rubric, style_guide
from tenacious.bench.context import money

JUDGE_LABELS: tuple[str, ...] = rubric.DECISIONS
SYSTEM_VARIANTS: tuple[str, ...] = ("neutral", "promptaug")
# `full` is the cards' prompt (rubric / style-rule wording spelled out); `compact` drops the text every prompt
# shares and keeps every field a rule reads, so a trained model spends its tokens on what differs (profiles.py).
PROMPT_FORMATS: tuple[str, ...] = ("full", "compact")
JUDGE_RULE_MAX = rubric.PASS_RULE

CRITIC_SYSTEM = (
    "You write cold outreach emails for Tenacious, a vendor of engineering-team extension whose "
    "engineers work from Addis Ababa (EAT, UTC+3). Write exactly one email: the first line is "
    "'Subject: <subject>', then a blank line, then the body."
)

# Rubric v2 in the judge's words (tenacious.bench.rubric is the one source; docs/design.md §5.3).
JUDGE_RUBRIC: tuple[str, ...] = rubric.PROMPT_LINES
JUDGE_SYSTEM = (
    "You are the pre-send gate for Tenacious's outreach agent. Read the prospect brief and the draft, "
    "apply the rules in order (the first rule that matches decides), and answer in exactly this form:\n"
    f"DECISION: <{'|'.join(rubric.DECISIONS)}>\nRULE: <number>\nRATIONALE: <one sentence>\n\n"
    "Rules:\n" + "\n".join(JUDGE_RUBRIC)
)

CRITIC_SYSTEM_COMPACT = "Write one Tenacious outreach email: 'Subject: <subject>', a blank line, then the body."
JUDGE_SYSTEM_COMPACT = (
    "Tenacious pre-send gate. Answer:\n"
    f"DECISION: <{'|'.join(rubric.DECISIONS)}>\nRULE: <number>\nRATIONALE: <one sentence>"
)


def _check_format(prompt_format: str) -> None:
    if prompt_format not in PROMPT_FORMATS:
        raise ValueError(f"prompt_format must be one of {PROMPT_FORMATS}, got {prompt_format!r}")


def render_bench(context: dict) -> str:
    """Free engineers per stack; shown only where a task offers engineers (see critic_instance_text)."""
    return "Bench available: " + ", ".join(f"{k} {v}" for k, v in sorted(context["bench"].items())) + "."


def render_brief(context: dict) -> str:
    """The prospect context as a compact, readable brief (one renderer for both tracks).

    Lines that would read the same in almost every brief are left out: disqualifiers and opt-outs
    appear only when present, and the bench (nearly the same roster everywhere) only in tasks that
    offer engineers. Boilerplate adds nothing a model can use and makes unrelated briefs look alike.
    """
    recipient = context["recipient"]
    funding = context["funding"]
    amount = money(funding["amount_usd"]) if funding.get("amount_usd") else "no amount"
    lines = [
        (f"Prospect: {context['company']} ({context['domain']}), {context['industry']}"
        f"{' (regulated)' if context['regulated'] else ''}, {context['headcount']} people, "
        f"HQ time zone {context['hq_timezone']}."),
        f"Recipient: {recipient['name']}, {recipient.get('title') or facts.ROLE_LABELS[recipient['role']]}.",
        (f"Segment: {context['segment']} (confidence {context['segment_confidence']:.2f}); "
        f"AI maturity {context['ai_maturity']['score']}/3 ({context['ai_maturity']['confidence']} confidence)."),
        f"Funding: {funding['stage'].replace('_', ' ').title()}, {amount} ({funding['confidence']} confidence).",
        "Signals:",
    ]
    lines += [f"- [{s['confidence']}] {s['kind']}: {s['text']}" for s in context["signals"]] or ["- none"]
    if context["prior_commitments"]:
        lines.append("Committed elsewhere: " + "; ".join(
            f"{c['engineer']} ({c['stack']}) until {c['until']}" for c in context["prior_commitments"]) + ".")
    if context["disqualifiers"]:
        lines.append(f"Disqualifiers: {', '.join(context['disqualifiers'])}.")
    if context["opt_out_channels"]:
        lines.append(f"Opted out of: {', '.join(context['opt_out_channels'])}.")
    lines.append(f"Channel: {context['channel']}. Thread: {context['thread_id']}.")
    if context["prior_thread"]:
        lines.append("Prior thread:")
        lines += [f"- {turn['from']}: {turn['text']}" for turn in context["prior_thread"]]
    return "\n".join(lines)


def critic_messages(task: dict, system_variant: str = "neutral", prompt_format: str = "full") -> list[dict]:
    """System + user messages asking for one email for a critic task.

    `promptaug` adds the condensed style guide to the system prompt (the prompt-only baseline).
    `compact` names the task's style rules by id instead of spelling them out (the trained critic's prompt).
    """
    if system_variant not in SYSTEM_VARIANTS:
        raise ValueError(f"system_variant must be one of {SYSTEM_VARIANTS}, got {system_variant!r}")
    _check_format(prompt_format)
    if prompt_format == "compact":
        if system_variant != "neutral":
            raise ValueError("the compact prompt is the trained critic's; it has no promptaug variant")
        user = f"{critic_instance_text(task)}\nStyle rules: {', '.join(task['style_guide_excerpts']) or 'none'}."
        return [{"role": "system", "content": CRITIC_SYSTEM_COMPACT}, {"role": "user", "content": user}]
    system = CRITIC_SYSTEM
    if system_variant == "promptaug":
        system += "\n\nStyle guide:\n" + style_guide.condensed_guide()
    rules = "\n".join(f"- {rid}: {style_guide.RULES[rid]}" for rid in task["style_guide_excerpts"])
    user = f"{critic_instance_text(task)}\n\nStyle rules:\n{rules}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def critic_instance_text(task: dict) -> str:
    """What sets one critic prompt apart from the others: brief, instruction and must lists.

    Prompts also carry text every prompt shares (system prompt, rule wording); near-duplicate
    checks between splits (docs/design.md §5.4) should compare this part, where leakage would live.
    """
    bench = f"\n{render_bench(task['context'])}" if task["goal"] == "bench_offer" else ""
    return (
        f"Brief:\n{render_brief(task['context'])}{bench}\n\n"
        f"Task: {task['instruction']}\n"
        f"Must include: {'; '.join(task['must_include']) or 'nothing specific'}.\n"
        f"Must not mention: {'; '.join(task['must_not']) or 'nothing specific'}."
    )


def judge_instance_text(item: dict) -> str:
    """What sets one judge prompt apart from the others: the brief and the draft (context + draft)."""
    return f"Brief:\n{render_brief(item['context'])}\n\nDraft:\n{item['draft']}"


def judge_messages(item: dict, prompt_format: str = "full") -> list[dict]:
    """System + user messages asking the send gate for a decision on one draft.

    `full` spells out the rubric (what a zero-shot model needs); `compact` keeps the brief, which carries every
    field a rule reads, and the draft (the trained judge learns the rubric from its pairs).
    """
    _check_format(prompt_format)
    system = JUDGE_SYSTEM if prompt_format == "full" else JUDGE_SYSTEM_COMPACT
    user = f"{judge_instance_text(item)}\n\nDecide: DECISION, RULE, RATIONALE."
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def trained_messages(track: str, record: dict, prompt_format: str) -> list[dict]:
    """The messages a trained adapter sees, in training and at inference alike (the one renderer for both)."""
    if track == "critic":
        return critic_messages(record, "neutral", prompt_format)
    return judge_messages(record, prompt_format)


def format_judge_completion(decision: str, rule: int, rationale: str) -> str:
    """The judge's target text: `DECISION: <LABEL>` first, so label likelihoods score one prefix."""
    if decision not in JUDGE_LABELS:
        raise ValueError(f"decision must be one of {JUDGE_LABELS}, got {decision!r}")
    if not 1 <= int(rule) <= JUDGE_RULE_MAX:
        raise ValueError(f"rule must be in 1..{JUDGE_RULE_MAX}, got {rule!r}")
    return f"DECISION: {decision}\nRULE: {int(rule)}\nRATIONALE: {' '.join(rationale.split())}"


def chat_template_kwargs(tokenizer) -> dict:
    """Extra chat-template variables per backbone: Qwen3's template thinks unless told not to.

    With `enable_thinking=False` Qwen3 closes an empty `<think></think>` block in the prompt, so the
    answer (the email, or `DECISION: ...`) comes first, within max_new_tokens. Templates without
    the switch (SmolLM2, Qwen2.5) get nothing extra.
    """
    template = tokenizer.chat_template
    return {"enable_thinking": False} if isinstance(template, str) and "enable_thinking" in template else {}


def render_prompt(tokenizer, messages: list[dict]) -> str:
    """The chat-formatted prompt text, ending where the assistant's answer starts.

    Training (the pairs' prompt column) and inference both call this, so a model is trained on the
    exact format it generates with; prompt + answer + end token is the template's own rendering of
    the finished conversation.
    """
    return tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False,
                                         **chat_template_kwargs(tokenizer))
