"""An independent second labeler: a decision read off the judge prompt text by keyword rules.

Written from the rubric text against the prompt a judge model sees, with its own word lists; it
imports neither the rule engine (judge_rules) nor the rubric module, so its agreement with gold
and with the engine measures how well-defined the labels are, not how often code agrees with itself.
"""

from __future__ import annotations

import re

from tenacious.bench.prompts import judge_messages

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


def label(item: dict) -> str:
    """A second, independent decision for `item`, read off the judge prompt text by keyword rules."""
    user = judge_messages(item)[1]["content"]
    brief = user.split("Brief:\n", 1)[1].split("\n\nDraft:\n", 1)[0]
    draft = user.split("\n\nDraft:\n", 1)[1].rsplit("\n\nDecide:", 1)[0]
    return _second_opinion(brief, draft)
