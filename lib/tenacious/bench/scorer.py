"""Deterministic, evidence-based scorer for critic-track emails (docs/design.md §5.2, v0.3).

`score(task, email)` rates one email against its task on five dimensions in [0, 1]. No generative model is in
the loop: the same task and email always give the same numbers (the one learned part, bench.sentence_model's
backstop for two sentence classes, is a fixed regression over fixed embeddings).

Why evidence-based: a check with nothing to check must not pass. Each dimension earns credit only
from positive evidence found in prose sentences of the email (a brief fact used correctly, the
segment's angle, exactly one ask, a valid slot naming both zones ...), scaled by how much prose the
email has at all; empty, keyword-list and pasted-brief emails therefore score near 0.

    dimension = substance * credit(evidence) - sum(deductions of its violations), clipped to [0, 1]
    overall   = sum(WEIGHTS[d] * dimension[d]) * prod(1 - severity of each violation)

The product replaces a flat cap: every extra violation lowers the overall, and a hard violation
(a `must_not` item, an invented contract value, offering engineers the bench does not hold) has
severity HARD_SEVERITY. Numbers are normalised first (textnorm: spelled-out numbers, "percent",
currencies with or without symbol, digit look-alikes), and facts come from the brief (context),
never from the instruction. Every violation carries the span [start, end) of the original email
that triggered it (None when the problem is something missing) and that text as `evidence`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from tenacious.bench import claims, facts, sentence_model, textnorm
from tenacious.bench.probes import c02, d05, e01
from tenacious.bench.probes.reading import NAME, NOT_A_PARTY, DraftText, Firing, fact_tokens, is_prospect_turn
from tenacious.bench.prompts import critic_instance_text

# Dimension weights (sum to 1). Grounding and tone carry most weight: they are what a prospect
# notices first; the AI gate and scheduling matter on fewer tasks.
WEIGHTS: dict[str, float] = {
    "grounding": 0.25,
    "tone": 0.25,
    "icp_fit": 0.20,
    "ai_maturity": 0.15,
    "scheduling": 0.15,
}
DIMENSIONS: tuple[str, ...] = tuple(WEIGHTS)
VERSION = "v0.3"  # the scorer as the benchmark version names it
HARD_SEVERITY = 0.6
HARD = HARD_SEVERITY

# kind -> (dimension, style-guide rule, deduction from the dimension, severity on the overall).
VIOLATIONS: dict[str, tuple[str, str, float, float]] = {
    "invented_number": ("grounding", "SG-02", 0.4, HARD),
    "unhedged_signal": ("grounding", "SG-01", 0.4, 0.15),
    "low_confidence_amount": ("grounding", "SG-01", 0.5, HARD),
    "hearsay": ("grounding", "SG-01", 0.4, 0.15),
    "copied_brief": ("grounding", "SG-02", 0.6, 0.4),
    "missing_must_include": ("grounding", "SG-12", 0.25, 0.08),
    "must_not": ("grounding", "SG-12", 0.6, HARD),
    "contract_value": ("grounding", "SG-10", 0.5, HARD),
    "overcommit": ("grounding", "SG-11", 0.6, HARD),
    "over_promise": ("grounding", "SG-11", 0.6, HARD),
    "regulated_claim": ("grounding", "SG-12", 0.6, HARD),
    "other_prospect": ("grounding", "SG-01", 0.6, HARD),
    "banned_phrase": ("tone", "SG-03", 0.25, 0.12),
    "condescension": ("tone", "SG-04", 0.4, HARD),
    "insult": ("tone", "SG-04", 0.6, HARD),
    "pressure": ("tone", "SG-04", 0.5, HARD),
    "shouting": ("tone", "SG-04", 0.3, 0.1),
    "emoji": ("tone", "SG-05", 0.1, 0.04),
    "exclamations": ("tone", "SG-05", 0.1, 0.04),
    "over_word_limit": ("tone", "SG-05", 0.3, 0.1),
    "no_subject": ("tone", "SG-05", 0.0, 0.05),
    "long_subject": ("tone", "SG-05", 0.2, 0.05),
    "no_ask": ("tone", "SG-06", 0.0, 0.08),
    "extra_ask": ("tone", "SG-06", 0.3, 0.1),
    "no_segment_angle": ("icp_fit", "SG-07", 0.0, 0.08),
    "off_segment": ("icp_fit", "SG-07", 0.5, 0.25),
    "abstain_pitched": ("icp_fit", "SG-07", 0.5, HARD),
    "abstain_no_question": ("icp_fit", "SG-07", 0.0, 0.08),
    "pitch_after_no": ("icp_fit", "SG-07", 0.6, HARD),
    "ai_pitch": ("ai_maturity", "SG-08", 0.6, 0.25),
    "wrong_zone": ("scheduling", "SG-09", 0.6, HARD),
    "dst_label": ("scheduling", "SG-09", 0.3, 0.1),
    "weekday_mismatch": ("scheduling", "SG-09", 0.3, 0.1),
    "outside_window": ("scheduling", "SG-09", 0.5, HARD),
    "no_overlap_slot": ("scheduling", "SG-09", 0.6, HARD),
    "eat_outside_hours": ("scheduling", "SG-09", 0.3, HARD),
    "zone_mismatch": ("scheduling", "SG-09", 0.4, HARD),
    "zoneless_time": ("scheduling", "SG-09", 0.4, 0.1),
    "prospect_zone_unnamed": ("scheduling", "SG-09", 0.2, 0.05),
    "eat_unnamed": ("scheduling", "SG-09", 0.2, 0.05),
    "no_slot": ("scheduling", "SG-09", 0.0, 0.08),
    "no_async": ("scheduling", "SG-09", 0.0, 0.08),
}

# Hard violations: any one caps the overall far below the 0.7 verdict line (0.4 x the rest at most).
HARD_KINDS: tuple[str, ...] = tuple(kind for kind, entry in VIOLATIONS.items() if entry[3] == HARD)
# The families a reader names a bad email by (the independent slice's labels), each with the kinds that catch it.
VIOLATION_FAMILIES: dict[str, tuple[str, ...]] = {
    "over_commitment": ("overcommit", "over_promise"),
    "pressure": ("pressure",),
    "pitch_when_abstain": ("abstain_pitched",),
    "unsupported_regulated_claim": ("regulated_claim",),
    "unsupported_number": ("invented_number", "low_confidence_amount", "contract_value"),
    "other_prospect": ("other_prospect",),
    "declined_offer": ("pitch_after_no",),
    "wrong_timezone": ("wrong_zone", "outside_window", "no_overlap_slot", "eat_outside_hours", "zone_mismatch"),
    "condescension": ("condescension", "insult"),
}

# Credit for positive evidence, per dimension (each table sums to 1).
GROUNDING_CREDIT = {"names_company": 0.3, "one_fact": 0.5, "second_fact": 0.2}
TONE_CREDIT = {"subject": 0.2, "greeting": 0.1, "one_ask": 0.4, "sign_off": 0.1, "concise": 0.2}
SCHEDULING_CREDIT = {"slot": 0.4, "both_zones": 0.3, "valid_slot": 0.3}
RESPONSIVE_GOALS: tuple[str, ...] = ("reply", "price_band", "check_back")  # answers to the prospect, not pitches
ANGLE_CREDIT = {1: 0.7, 2: 1.0}  # distinct own-segment concepts found (2 or more: full credit)
SUBSTANCE_WORDS = 20  # prose words for full substance; fewer scale every dimension's credit down
SUBSTANCE_WORDS_REPLY = 8  # an answer to the prospect (a reply, a price, a check-back) may rightly be short
CONCISE_WORDS = 90    # bodies up to this length earn full concision credit, falling to 0 at WORD_LIMIT
PROSE_MIN_WORDS = 3  # a prose sentence: this many words, a function word, and not a comma-separated list
COPY_NGRAM = 5
COPY_SHARE = 0.6      # a sentence whose 5-grams are mostly in the brief/instruction is copied, not written
SMALL_COUNT_MAX = 10  # bare integers up to this are counts ("two weeks", "3 engineers"), not facts
SHOUT_SHARE = 0.3
OVER_LIMIT_WORDS_PER_STEP = 100  # each 100 words over the limit adds the base penalty again ...
OVER_LIMIT_MAX_SCALE = 4         # ... up to five times the base

_FLAGS = re.IGNORECASE


def _alternation(patterns) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _phrase_regex(phrase: str) -> str:
    """A literal phrase where a hyphen and a space match each other ("world class" = "world-class")."""
    return r"[\s-]".join(re.escape(part) for part in re.split(r"[\s-]+", phrase))


_BANNED = re.compile(r"(?<!\w)(?:" + "|".join(_phrase_regex(p) for p in facts.BANNED_PHRASES) + r")(?!\w)", _FLAGS)
_CONDESCENSION = re.compile(r"\b(?:" + _alternation(facts.CONDESCENSION_MARKERS) + r")\b", _FLAGS)
_INSULT = re.compile(facts.INSULT_PATTERN + r"|\b(?:" + _alternation(facts.INSULT_WORDS) + r")\b", _FLAGS)
_GOSSIP = re.compile(r"\b(?:" + _alternation(facts.GOSSIP_MARKERS) + r")\b", _FLAGS)
_HEDGE = re.compile(r"\b(?:" + _alternation(facts.HEDGES) + r")\b", _FLAGS)
_AI_TERMS = re.compile(r"(?<![\w-])(?:" + _alternation(facts.AI_PITCH_TERMS) + r")(?![\w-])", _FLAGS)
_AI_OFFER = re.compile(r"\b(?:" + _alternation(facts.AI_OFFER_MARKERS) + r")\b", _FLAGS)
_AI_SUGGEST = re.compile(r"\b(?:" + _alternation(facts.AI_SUGGESTION_MARKERS) + r")\b", _FLAGS)
_ACK = re.compile(r"\b(?:" + _alternation(facts.ACKNOWLEDGEMENTS) + r")\b", _FLAGS)
_ASK_OPEN = re.compile(r"^(?:(?:and|so|also|or|but|then|ok|okay)\W+)?(?:[A-Z]\w+,\s+)?(?:"
                       + _alternation(facts.ASK_OPENERS) + r")\b", _FLAGS)
_ASK_MODAL = re.compile(r"\b(?:would|could|can|shall|will|might)\s+(?:a|an|it|you|we|i|this|that|one|\w+day)\b", _FLAGS)
# A question that names a time or a length proposes a meeting ("20 min Tuesday, 10:00 CET / 12:00 EAT?").
_ASK_SLOT = re.compile(r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s?(?:am|pm)\b|\b(?:\d+|fifteen|twenty|thirty|ten)[- ]?"
                       r"(?:min|mins|minutes)\b", _FLAGS)
_ASK_IMPERATIVE = re.compile(r"\b(?:" + _alternation(facts.ASK_IMPERATIVES) + r")\b", _FLAGS)
# "or" joins alternatives of one ask ("would Tuesday suit, or would you rather settle in first?"), not a second ask.
_ASK_MORE = re.compile(r"\b(?:and|also|plus)\s+(?:also\s+)?(?:(?:could|can|would|will)\s+(?:you|we|i)\b|"
                       r"(?:please\s+)?(?:introduce|share|send|forward|book|schedule|connect|loop in|cc|"
                       r"let me know)\b)", _FLAGS)
# One regex per segment, matched on lower-cased text (a named group per concept): far faster than one
# case-insensitive search per concept, and the build scores thousands of drafts.
_SEGMENT_ANGLES = {seg: re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{p})" for i, p in enumerate(pats)) + ")")
                   for seg, pats in facts.SEGMENT_ANGLES.items()}
_ASYNC = re.compile(r"\basync\w*|\brecorded\b|\brecording\b|\brecord (?:a|an|you|some|it|the)\b|\bloom\b|"
                    r"\b(?:video |written |recorded )?walk-?throughs?\b|\bwalk-through\b|\bskip the (?:live )?call\b|\bwritten\b|\bin writing\b|"
                    r"\bby email\b|\bover email\b|\bwrite-up\b|\bsend (you )?(a|the) (deck|summary|video|write-up)|"
                    r"\bwhenever (it )?suits\b|\bat your (own )?convenience\b|\bin your own time\b", _FLAGS)
_TCV_WORDS = re.compile(r"\b(phases?|contract|tcv|in total|total|engagement value|all-in|overall|deal size|"
                        r"programme|program)\b", _FLAGS)
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b|^\w+,\s*(?:hello|hi)?"
                       r"[.!]?$", _FLAGS)
_CLOSER = re.compile(r"^(?:best|regards|kind regards|warm regards|best regards|thanks|thank you|cheers|sincerely|"
                     r"all the best|best wishes|many thanks|talk soon|warmly)\b[\w ,]*[,.!]?$", _FLAGS)
_NAME_LINE = re.compile(r"^[-–—~]?\s*(?:[A-Z]?[a-z]?\.|[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}(?:,\s*Tenacious)?|[a-z]\.?)$")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F000-\U0001F2FF]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.]*[%kmKM]?")
_TOKEN = re.compile(r"[a-z0-9$%]+")
_EXCLUDED_AFTER = re.compile(
    r"\s?-?\s?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|quarters?|page|pager|to-one|off|"
    r"am\b|pm\b|a\.m\.|p\.m\.|o'clock|st\b|nd\b|rd\b|th\b)", _FLAGS)

# --- time-zone vocabulary -------------------------------------------------------------------------

_ZONE_OF_LABEL = {label.lower(): zone for zone, labels in facts.TZ_LABELS.items() for label in labels}
_ZONE_OF_LABEL |= {label.lower(): "other" for label in facts.OTHER_TZ_LABELS}
_LABELS = sorted([lab for labs in facts.TZ_LABELS.values() for lab in labs] + list(facts.OTHER_TZ_LABELS),
                 key=len, reverse=True)
_ZONE_ALT = "|".join(re.escape(lab) if lab.isupper() else "(?i:" + re.escape(lab) + ")" for lab in _LABELS)
_ZONE = re.compile(r"(?<![\w])(" + _ZONE_ALT + r")(?![\w])")
# Right after a clock time a region or city names its zone too ("09:00 Eastern (17:00 Addis)").
_ZONE_OF_LABEL |= {word.lower(): zone for zone, words in facts.CLOCK_ZONE_WORDS.items() for word in words}
_CLOCK_LABELS = sorted(_LABELS + [w for words in facts.CLOCK_ZONE_WORDS.values() for w in words], key=len, reverse=True)
_CLOCK_ZONE_ALT = "|".join(re.escape(lab) if lab.isupper() else "(?i:" + re.escape(lab) + ")" for lab in _CLOCK_LABELS)
_CLOCK = re.compile(
    r"(?<![\w:.$€£])(?:(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>(?i:am|pm|a\.m\.|p\.m\.))?|(?P<noon>(?i:noon|midday)))"
    r"(?![\w:%])(?:\s*\(?\s*(?:(?i:in)\s+)?(?P<zone>" + _CLOCK_ZONE_ALT + r")(?![\w]))?")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE = re.compile(
    r"\b(?:(?P<iy>20\d\d)-(?P<im>\d\d)-(?P<id>\d\d)|(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>" + _MONTH + r")"
    r"|(?P<m2>" + _MONTH + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)(?:,?\s+(?P<y>20\d\d))?\b"
    # a numeric day.month. date ("Tuesday, 14.07. at 10:00", "14.07.2026"): the trailing dot and what follows
    # keep it apart from a clock time written with a dot ("at 10.30")
    r"|(?<![\d.:])(?P<d3>[0-3]?\d)\.(?P<m3>[01]?\d)\.(?:(?P<y3>20\d\d)\b|(?=\s+(?:at|um|from|\d)\b|,))", _FLAGS)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", _FLAGS)


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    prose: bool = False
    copied: bool = False


class _Email:
    """One email, normalised once; every offset is into `text` and maps back to the original."""

    def __init__(self, email: str, task: dict):
        self.original = email
        repaired = textnorm.repair_digit_lookalikes(email)
        if repaired.isascii():  # normalisation leaves ASCII unchanged: skip the per-character walk
            self.text, self._starts, self._ends = repaired, list(range(len(email))), list(range(1, len(email) + 1))
        else:
            self.text, self._starts, self._ends = textnorm.normalize_with_offsets(repaired)
        lines = list(re.finditer(r"[^\n]+", self.text))
        first = next((m for m in lines if m.group(0).strip()), None)
        self.subject: tuple[int, int] | None = None
        self.body_start = 0
        if first and first.group(0).strip().lower().startswith("subject:"):
            at = first.start() + first.group(0).lower().index("subject:") + len("subject:")
            self.subject = (at + len(self.text[at:first.end()]) - len(self.text[at:first.end()].lstrip()),
                            first.end())
            self.body_start = first.end()
        self.numbers = textnorm.numbers(self.text)
        # Only an unmarked figure of 1,000 or more can be money without a currency: skip the rescan otherwise.
        bare = any(m.unit == "" and m.value >= 1000 for m in self.numbers)
        self.money = {(m.start, m.end) for m in (textnorm.money_amounts(self.text) if bare else self.numbers)
                      if m.unit in textnorm.CURRENCIES or bare}
        self.sentences = self._split()
        self.greeting = self.sign_off = False
        self._mark_frame(task)
        self._mark_prose(task)

    def span(self, start: int, end: int) -> list[int]:
        """[start, end) of the original email for a span of the normalised text."""
        if end <= start or not self._starts:
            return [0, 0]
        return [self._starts[start], self._ends[end - 1]]

    def subject_text(self) -> str:
        return self.text[self.subject[0]:self.subject[1]].strip() if self.subject else ""

    def body(self) -> str:
        return self.text[self.body_start:]

    def _split(self) -> list[_Sentence]:
        out = []
        for line in re.finditer(r"[^\n]+", self.text[self.body_start:]):
            base = self.body_start + line.start()
            for part in re.finditer(r".+?(?:[.!?]+(?=\s|$)|$)", line.group(0)):
                if part.group(0).strip():
                    lead = len(part.group(0)) - len(part.group(0).lstrip())
                    out.append(_Sentence(base + part.start() + lead, base + part.end(), part.group(0).strip()))
        return out

    def _mark_frame(self, task: dict) -> None:
        """Drop the greeting and the sign-off (closer plus the lines after it) from the prose."""
        first_name = task["context"]["recipient"]["name"].split()[0].lower()
        if self.sentences and _GREETING.search(self.sentences[0].text) and len(self.sentences[0].text.split()) <= 5:
            self.greeting = first_name in self.sentences[0].text.lower()
            self.sentences[0].prose = None  # frame, never prose
        for index in range(len(self.sentences) - 1, max(-1, len(self.sentences) - 5), -1):
            closer = self.sentences[index].text
            short = len(closer.split()) <= 3 or closer.rstrip().endswith(",")  # "Thanks," not "thanks for the answer."
            if _CLOSER.match(closer) and short and index < len(self.sentences) - 1:
                self.sign_off = True
                for sentence in self.sentences[index:]:
                    sentence.prose = None
                break
        last = self.sentences[-1] if len(self.sentences) > 1 else None
        if not self.sign_off and last and _NAME_LINE.match(last.text) and self.text[:last.start].endswith("\n"):
            self.sign_off = True  # a bare name or initial on its own last line ("d.", "Dawit", "- Mekdes")
            last.prose = None

    def _mark_prose(self, task: dict) -> None:
        grams = _task_facts(task)["brief_grams"]
        for sentence in self.sentences:
            if sentence.prose is None:
                sentence.prose = False
                continue
            tokens = _TOKEN.findall(sentence.text.lower())
            own = [tuple(tokens[i:i + COPY_NGRAM]) for i in range(len(tokens) - COPY_NGRAM + 1)]
            # a brief fact restated to the reader in the writer's words ("you are rebuilding the booking app in
            # React Native") is used, not pasted: the brief never says "you"
            addressed = any(g not in grams and ({"you", "your"} & set(g)) for g in own)
            sentence.copied = bool(own) and sum(g in grams for g in own) / len(own) >= COPY_SHARE and not addressed
            words = sentence.text.lower().split()
            function = sum(w.strip(".,!?;:()\"'") in facts.FUNCTION_WORDS for w in words)
            listed = 3 * sentence.text.count(",") >= len(words)
            written = function >= 1 or (len(words) >= 4 and sentence.text.rstrip()[-1:] in ".?!")
            sentence.prose = len(words) >= PROSE_MIN_WORDS and written and not listed and not sentence.copied

    def prose(self) -> list[_Sentence]:
        return [s for s in self.sentences if s.prose]

    def substance(self, words: int = SUBSTANCE_WORDS) -> float:
        return min(1.0, sum(len(s.text.split()) for s in self.prose()) / words)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(textnorm.normalize(text).lower())


def _task_facts(task: dict) -> dict:
    """What every score of one task reads from the brief, computed once per distinct task."""
    return _task_facts_cached(json.dumps(task, sort_keys=True))


@lru_cache(maxsize=512)
def _task_facts_cached(task_json: str) -> dict:
    task = json.loads(task_json)
    brief = _tokens(critic_instance_text(task))
    return {"brief_grams": frozenset(tuple(brief[i:i + COPY_NGRAM]) for i in range(len(brief) - COPY_NGRAM + 1)),
            "allowed": frozenset(_allowed_numbers(task)),
            "must": {item: (textnorm.numbers(item), textnorm.normalize(item).strip())
                     for item in task.get("must_include", []) + task.get("must_not", []) + [task["context"]["company"]]}}


class _Card:
    """Collects credit and violations per dimension."""

    def __init__(self, mail: _Email):
        self.mail = mail
        self.credit = dict.fromkeys(DIMENSIONS, 0.0)
        self.violations: list[dict] = []
        self.facts_used: set[str] = set()  # brief facts the prose uses (grounding), read by the ICP credit

    def flag(self, kind: str, detail: str, start: int | None = None, end: int | None = None,
             scale: float = 1.0) -> None:
        """Record one violation; `scale` grows deduction and severity for problems that come in degrees."""
        dimension, rule, deduction, severity = VIOLATIONS[kind]
        deduction, severity = deduction * scale, min(HARD_SEVERITY, severity * scale)
        span = None if start is None else self.mail.span(start, end)
        evidence = self.mail.original[span[0]:span[1]] if span else None
        self.violations.append({"dimension": dimension, "rule": rule, "kind": kind, "detail": detail,
                                "span": span, "evidence": evidence, "deduction": deduction, "severity": severity})

    def flag_firing(self, kind: str, firing: Firing) -> None:
        """Record a rule check's firing as one violation (its span is already in the original email)."""
        dimension, rule, deduction, severity = VIOLATIONS[kind]
        span = list(firing.span) if firing.span else None
        self.violations.append({"dimension": dimension, "rule": rule, "kind": kind, "detail": firing.reason,
                                "span": span, "evidence": firing.text or None, "deduction": deduction,
                                "severity": severity})

    def has(self, kind: str) -> bool:
        return any(v["kind"] == kind for v in self.violations)


# --- grounding -----------------------------------------------------------------------------------


def _flatten(obj) -> list[str]:
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _flatten(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _flatten(v)]
    return [] if obj is None or isinstance(obj, bool) else [str(obj)]


def allowed_numbers(task: dict) -> frozenset[float]:
    """Figures a draft may use (see _allowed_numbers)."""
    return _task_facts(task)["allowed"]


def _allowed_numbers(task: dict) -> set[float]:
    """Figures a draft may use: those in the brief (context) and must lists, the offer and public price bands.

    The instruction is not a source: an instruction that mentions "$900k" does not make it a fact.
    """
    allowed: set[float] = set()
    sources = _flatten(task["context"]) + list(task.get("must_include", []))
    for text in sources:
        allowed.update(m.value for m in textnorm.numbers(text))
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            allowed.add(float(text))
    if task.get("offer"):
        allowed.add(float(task["offer"]["count"]))
    for low, high in facts.PRICE_BANDS_USD_PER_MONTH.values():
        allowed.update((float(low), float(high)))
    return allowed


def _grounded_signals(context: dict) -> list[dict]:
    """The context's signals, plus its funding as a signal when no funding signal is listed."""
    signals = list(context["signals"])
    funding = context["funding"]
    if funding.get("amount_usd") and not any(s["kind"] == "funding" for s in signals):
        signals.append({"kind": "funding", "text": "", "value": funding["amount_usd"],
                        "confidence": funding["confidence"]})
    return signals


_BAND_VALUES = frozenset(float(v) for band in facts.PRICE_BANDS_USD_PER_MONTH.values() for v in band)
_ANCHORS = {kind: re.compile(r"\b(?:" + "|".join(re.escape(a) for a in anchors) + ")", _FLAGS)
            for kind, anchors in facts.SIGNAL_ANCHORS.items()}
# v0.3 round 3: a leadership change in any tense of its verbs ("taking over as CTO", "since you stepped in").
_ANCHOR_FORMS = {"leadership_change": re.compile(
    r"\b(?:tak(?:e|es|ing|en)|took) over\b|\bstep(?:s|ped|ping)? (?:into|in|up)\b|\bjoin(?:s|ed|ing)? (?:as|the team as)\b|"
    r"\bbec(?:ame|ome|oming) (?:the )?(?:cto|vp|head|chief|director)\b|\b(?:your )?appointment\b|"
    r"\bnew (?:in|to) (?:the )?(?:role|seat|job)\b", _FLAGS),
    # round 4: the cuts named as a noun in any register ("after the nov cuts", "the November cut"), people let go
    "layoffs": re.compile(r"\b(?:the|those|these|your|recent|last|\w+'s)\s+(?:[\w-]+\s+)?cuts?\b(?!\s+(?:of|to|in|from|back|"
                          r"costs?|spend|prices?|corners))|\blet (?:\w+\s+){0,2}go\b|\bsmaller team\b", _FLAGS)}


# Figures about the reader written without digits: growth multiples and shares ("double engineering", "up by a
# third") and vague counts ("a few thousand households"). Stated about the prospect, the brief must hold them.
# v0.3 round 3: an approximate share ("up by about a third", "roughly a quarter smaller") is the same claim; it is
# grounded when the brief holds that share in words or as a percentage (a fifth = 20 %).
_ABOUT = r"(?:(?:about|around|roughly|nearly|almost|over|more than|less than|under|close to|some|just over|just under|" \
         r"well over|a good)\s+)?"
_FIGURE_IN_WORDS = re.compile(
    r"\b(?:(?:double|triple|quadruple|halve)[sd]?|doubling|tripling|halving|\w+-fold|"
    r"(?:up|down|grown|grew|growing|risen|rose|fallen|fell|increased?|decreased?|cut|shrunk|shrank|expanded|reduced) "
    r"(?:by )?" + _ABOUT + r"(?:a |one[- ]|two[- ]|three[- ])?(?P<share>third|quarter|half|fifth|tenth)s?|"
    + _ABOUT + r"(?:a|one) (?P<share2>third|quarter|half|fifth|tenth) (?:bigger|larger|smaller|more|fewer|higher|lower)|"
    + _ABOUT + r"(?:(?:a|one|two|three)[- ])?(?P<share3>half|third|quarter|fifth|tenth)s? of (?:(?:your|the|their) )?(?:[\w-]+ )?"
    r"(?:engineers|engineering|team|staff|people|headcount|roles|developers|workforce|org\w*)|"
    r"(?:a few|several|many|some|tens of|hundreds of) (?:hundred|thousand|million)s?(?: of)? [a-z]+)\b",
    _FLAGS)
_SHARES = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}


def _figure_in_brief(match: re.Match, brief: str, allowed: frozenset[float]) -> bool:
    """A figure in words is the brief's when the brief has the same words, or the same share in words or as a
    percentage."""
    share = match.group("share") or match.group("share2") or match.group("share3")
    if share:
        numerator = re.search(rf"\b(two|three)[- ]{share}", match.group(0), re.IGNORECASE)
        value = _SHARES[share.lower()] * ({"two": 2, "three": 3}[numerator.group(1).lower()] if numerator else 1)
        words = rf"{numerator.group(1)}[- ]{share}" if numerator else share
        return (re.search(rf"\b{words}s?\b", brief, re.IGNORECASE) is not None
                or any(abs(a - value) <= 3 for a in allowed))
    return match.group(0).lower() in brief
# A count of the prospect's openings ("nine Go roles", "seven or so backend positions"): checked like any figure
# (a share of them, "two of those roles", and a single role are not a count of the openings).
_OPENINGS_AFTER = re.compile(r"(?:\s+or\s+so)?\s+(?:(?!of\b|those\b|these\b|the\b)[\w-]+\s+){0,2}?(?:roles?|positions?|openings?|vacancies|vacancy|"
                             r"listings?|job (?:posts?|ads?|adverts?)|reqs?|requisitions?)\b", _FLAGS)
# Words that name where a signal was seen, not what it says ("a job post mentions ..."): no evidence of use.
_SOURCE_WORDS = frozenset({"post", "posts", "mention", "mentions", "mentioned", "listing", "listings", "press", "blog",
                           "page", "careers", "hint", "hints", "says", "said", "report", "reports", "seems", "local"})


_STACK_WORDS = frozenset(a.lower() for aliases in facts.STACK_ALIASES.values() for a in aliases if " " not in a)
# A count of our own people ("we have two data engineers free", "we can provide 2 go engs"): it describes our
# bench, so neither its number nor its words are a mention of the prospect's hiring or stack signal.
_OUR_COUNT = re.compile(
    r"\b(?:we|we've|we have|we've got|our|tenacious|offer|provide|lend|send|free|bench)\b[^.?!]{0,25}?"
    r"\b(?:\d+|one|two|three|four|five|six|a couple of|a pair of)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:engineers?|engs?|devs?|developers?|people|ppl|folks)\b", _FLAGS)
# Our own people named without a count ("our mobile engineers can join"): they too describe our bench.
_OUR_PEOPLE = re.compile(r"\b(?:our|tenacious's)\s+(?:[\w-]+\s+){0,2}?(?:engineers?|engs?|devs?|developers?|people|folks)\b",
                         _FLAGS)
# Idioms that hold a signal's anchor word without naming the signal ("not the other way round").
_ANCHOR_IDIOMS = re.compile(r"\b(?:(?:the )?other way (?:a)?round|all(?: year)? round|round the clock|round[- ]trip|"
                            r"round of (?:reviews?|interviews?|feedback|edits|changes|questions))\b", _FLAGS)


# The readings below are pure functions of one text and run for every (sentence, signal) of thousands of drafts:
# each is computed once per distinct text.
@lru_cache(maxsize=16384)
def _stems(text: str) -> frozenset[str]:
    """Content words cut to five letters, with the parts of hyphenated words ("reading-practice") counted apart."""
    words = fact_tokens(text)
    words |= {part for w in words if "-" in w for part in w.split("-") if len(part) >= 4}
    return frozenset({w[:5] for w in words if "-" not in w} | {w for w in words if "-" in w})


@lru_cache(maxsize=16384)
def _words_and_parts(text: str) -> frozenset[str]:
    """Every lower-case word of a text and the parts of its hyphenated words."""
    return frozenset(w for token in re.findall(r"[a-z][\w-]*", text.lower()) for w in (token, *token.split("-")))


@lru_cache(maxsize=4096)
def _signal_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(content stems, stack names) of a signal's text, the words that only name a source left out."""
    stacks = frozenset(w for w in re.findall(r"[a-z][\w-]*", text.lower()) if w in _STACK_WORDS)
    return _stems(text) - {w[:5] for w in _SOURCE_WORDS} - _SOURCE_WORDS, stacks


def _shares_signal_words(sentence: str, signal: dict) -> bool:
    """The sentence reuses two or more of the signal's own content words ("factory-floor app" and "trade-fair"
    for "A trade-fair listing hints at a new factory-floor app"), by stem, hyphen parts counted apart, and the
    stack it names ("moving dispatch to Go" for "Migrating dispatch services to Go"): the writer used that fact."""
    words, stacks = _signal_words(str(signal["text"]))
    sentence = _MONTH_SHORT.sub(lambda m: _MONTH_NAMES[m.group(1).lower()[:3]], sentence)  # "the nov memo"
    return len(words & _stems(sentence)) + len(stacks & _words_and_parts(sentence)) >= 2


_MONTH_NAMES = {name[:3]: name for name in ("january", "february", "march", "april", "june", "july", "august",
                                            "september", "october", "november", "december")}
# A month written short ("nov cuts", "Sept.") names the month the brief spells out ("in November").
_MONTH_SHORT = re.compile(r"\b(jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?", _FLAGS)


@lru_cache(maxsize=16384)
def _claim_text(sentence: str) -> str:
    """The sentence without our own people (counted or not) and anchor idioms: what it says about the prospect."""
    return _ANCHOR_IDIOMS.sub(" ", _OUR_PEOPLE.sub(" ", _OUR_COUNT.sub(" ", sentence)))


def _mentions(sentence: str, signal: dict, values: set[float]) -> bool:
    sentence = _claim_text(sentence)
    forms = _ANCHOR_FORMS.get(signal["kind"])
    if _ANCHORS[signal["kind"]].search(sentence) or (forms and forms.search(sentence)) or \
            _shares_signal_words(sentence, signal):
        return True
    value = signal["value"]
    # A stack name alone ("two Go engineers") describes our bench, not the prospect's migration.
    if signal["kind"] == "tech_stack" or isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):  # a share in the brief (0.15) is the same figure as a percentage (15 %)
        return float(value) in values or (0 < value < 1 and any(abs(v - value * 100) < 1e-6 for v in values))
    return re.search(r"(?<![\w])" + re.escape(str(value)) + r"(?![\w])", sentence, _FLAGS) is not None


# Words that only say who is offered or sought ("data engineer", "open role"): shared alone, they tie an offer of our
# people to no particular piece of the prospect's work.
_ROLE_STEMS = frozenset(w[:5] for w in ("engineer", "developer", "role", "roles", "hiring", "team", "open", "position"))


def _offer_answers(sentence: str, signal: dict) -> bool:
    """An offer of our people aimed at the work a signal names ("one data engineer on the reconciliation pipeline" for
    "open role for a data engineer on payments reconciliation"): two of the signal's words or stacks, our count included,
    at least one of them naming the work rather than the role. Read for credit only, never to charge an unhedged signal."""
    if not _OUR_COUNT.search(sentence):
        return False
    words, stacks = _signal_words(str(signal["text"]))
    work = (words & _stems(sentence)) - _ROLE_STEMS
    return bool(work) and len(work) + len(stacks & _words_and_parts(sentence)) >= 2


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


# v0.3 round 3: the writer saying what a signal could mean, or that it is hard to read, hedges it too.
_UNCERTAIN = re.compile(r"\b(?:could|can|might|may) (?:well |equally )?(?:mean|signal|indicate|point to|reflect|be read as)\b|"
                        r"\b(?:hard|difficult|impossible) to (?:say|tell|know|read)\b|\bnot sure what to make of\b|"
                        r"\bno way (?:of|to) (?:knowing|telling)\b|\bread too much into\b|"
                        # round 4: the writer saying they cannot tell, or that the thing only looks like it
                        r"\b(?:can'?t|cannot|couldn'?t|don'?t|do not)\s+(?:yet\s+|really\s+)?(?:tell|know|say)\b[^.?!]{0,25}?"
                        r"\b(?:whether|if|how|what|which)\b|\bnot sure (?:how|what|whether|if|which|it'?s)\b|"
                        r"\bwhat looks? like\b|\bno idea (?:whether|if|how)\b|"
                        r"\bif i(?:'ve| have)? (?:read|understood|seen|got|heard)\b[^.?!,]{0,30}?\b(?:right|correctly|properly)\b",
                        _FLAGS)


def _is_hedged(text: str) -> bool:
    return _is_question(text) or _HEDGE.search(text) is not None or _UNCERTAIN.search(text) is not None


def _non_fact_spans(text: str) -> list[tuple[int, int]]:
    """Spans holding clock times, dates and durations: numbers there are not claims about the prospect."""
    spans = [(m.start(), m.end()) for m in _CLOCK.finditer(text) if _is_clock(m)]
    spans += [(m.start(), m.end()) for m in _DATE.finditer(text)]
    return spans


def _number_mentions(mail: _Email) -> list[textnorm.Mention]:
    """Numbers in the subject and body that make a claim (clock times, dates, durations, ordinals excluded)."""
    text = mail.text
    skip = _non_fact_spans(text)
    out = []
    for m in mail.numbers:
        if m.start < (mail.subject[0] if mail.subject else mail.body_start):
            continue
        if any(a <= m.start < b for a, b in skip) or _EXCLUDED_AFTER.match(text, m.end):
            continue
        out.append(m)
    return out


def _must_match(mail: _Email, mentions: list[textnorm.Mention],
                parsed: tuple[list[textnorm.Mention], str]) -> tuple[int, int] | None:
    """Where a must_include/must_not item occurs: by value and unit when it holds a figure, else as words."""
    figures, norm = parsed
    if figures:
        for fig in figures:
            for m in mentions:
                if abs(m.value - fig.value) < 1e-6 and (not fig.unit or m.unit == fig.unit or not m.unit):
                    return m.start, m.end
        return None
    if not norm:
        return None
    single = re.fullmatch(r"\w+", norm) is not None
    pattern = r"(?<!\w)" + _phrase_regex(norm) + (r"\w*" if single else r"(?!\w)")
    found = re.search(pattern, mail.text[mail.subject[0] if mail.subject else mail.body_start:], _FLAGS)
    if not found:
        return None
    base = mail.subject[0] if mail.subject else mail.body_start
    return base + found.start(), base + found.end()


def _score_grounding(card: _Card, task: dict) -> None:
    mail, context = card.mail, task["context"]
    mentions = _number_mentions(mail)
    allowed = allowed_numbers(task)
    for m in mentions:
        # a small count is a count, unless it counts the prospect's openings ("nine Go roles"): that is a fact
        small = m.unit == "" and m.value.is_integer() and 0 <= m.value <= SMALL_COUNT_MAX and \
            not (m.value > 1 and _OPENINGS_AFTER.match(mail.text, m.end))
        year = m.unit == "" and m.value.is_integer() and 2000 <= m.value <= 2100 and m.low is None
        known = m.value in allowed or (m.low is not None and any(m.covers(a, 0.05) for a in allowed))
        if not (known or small or year):
            card.flag("invented_number", f"figure {m.text!r} is not in the brief", m.start, m.end)
    brief = textnorm.normalize(" ".join([*(str(x["text"]) for x in context["signals"]),
                                         *(m["text"] for m in context["prior_thread"])])).lower()
    for sentence in mail.sentences:
        for match in _FIGURE_IN_WORDS.finditer(sentence.text) if sentence.prose else ():
            if not _figure_in_brief(match, brief, allowed):
                card.flag("invented_number", f"figure {match.group(0)!r} is not in the brief",
                          sentence.start + match.start(), sentence.start + match.end())
    facts_used: set[str] = set()
    for sentence in mail.sentences:
        inside = [m for m in mail.numbers if sentence.start <= m.start < sentence.end]
        ours = [(sentence.start + c.start(), sentence.start + c.end()) for c in _OUR_COUNT.finditer(sentence.text)]
        # "two hours ahead" counts no roles; a small count names a signal's figure only when it counts openings
        # ("one question only" is not the "one frontend role" of the brief)
        values = {m.value for m in inside if not any(a <= m.start < b for a, b in ours)
                  and not _EXCLUDED_AFTER.match(mail.text, m.end)
                  and not (m.unit == "" and m.value <= SMALL_COUNT_MAX and not _OPENINGS_AFTER.match(mail.text, m.end))}
        for signal in _grounded_signals(context):
            if not _mentions(sentence.text, signal, values):
                if sentence.prose and (signal["confidence"] == "high" or _is_hedged(sentence.text)) and \
                        _offer_answers(sentence.text, signal):
                    facts_used.add(f"signal:{signal['kind']}")
                continue
            amount_cited = signal["kind"] == "funding" and any(
                abs(m.value - float(signal["value"])) < 1 for m in inside if (m.start, m.end) in mail.money)
            if amount_cited and signal["confidence"] in ("low", "insufficient_signal"):
                card.flag("low_confidence_amount", f"funding amount cited at {signal['confidence']} confidence",
                          sentence.start, sentence.end)
            elif signal["confidence"] != "high" and not _is_hedged(sentence.text):
                card.flag("unhedged_signal", f"{signal['confidence']}-confidence {signal['kind']} stated as fact",
                          sentence.start, sentence.end)
            elif sentence.prose:
                facts_used.add(f"signal:{signal['kind']}")
        if sentence.prose and re.search(r"\b" + re.escape(context["industry"]) + r"\b", sentence.text, _FLAGS):
            facts_used.add("industry")
        if sentence.prose and context["prior_thread"] and _references_thread(sentence.text, context):
            facts_used.add("thread")
        if any(m.value in _BAND_VALUES and (m.start, m.end) in mail.money for m in inside):
            facts_used.add("price_band")  # a public price band quoted is a fact of ours used correctly
    for match in _GOSSIP.finditer(mail.text):
        card.flag("hearsay", f"unsourced claim ({match.group(0)!r})", match.start(), match.end())
    copied = [s for s in mail.sentences if s.copied]
    if copied and sum(len(s.text.split()) for s in copied) >= max(8, len(mail.body().split()) // 2):
        card.flag("copied_brief", "the email repeats the brief or the instruction instead of writing to the reader",
                  copied[0].start, copied[-1].end)
    must = _task_facts(task)["must"]
    company = _must_match(mail, mentions, ([], must[context["company"]][1])) or _company_head(mail, context["company"])
    company_in_prose = company is not None and (
        (mail.subject and mail.subject[0] <= company[0] < mail.subject[1]) or
        any(s.prose and s.start <= company[0] < s.end for s in mail.sentences))
    for item in task.get("must_include", []):
        if _must_match(mail, mentions, must[item]) is None:
            card.flag("missing_must_include", f"missing required item {item!r}")
    for item in task.get("must_not", []):
        where = _must_match(mail, mentions, must[item])
        if where:
            card.flag("must_not", f"contains forbidden item {item!r}", *where)
    _check_contract_value(card, mentions, allowed)
    _check_bench(card, context, mentions)
    card.facts_used = facts_used
    card.credit["grounding"] = (GROUNDING_CREDIT["names_company"] * bool(company_in_prose)
                                + GROUNDING_CREDIT["one_fact"] * (len(facts_used) >= 1)
                                + GROUNDING_CREDIT["second_fact"] * (len(facts_used) >= 2))


def _company_head(mail: _Email, company: str) -> tuple[int, int] | None:
    """Where the company's distinctive first word stands for its name ("Linwood" for "Linwood Clinical")."""
    head = company.split()[0]
    if len(company.split()) < 2 or len(head) < 4 or head.lower() in facts.FUNCTION_WORDS:
        return None
    found = re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])", mail.text[mail.body_start:], _FLAGS)
    if mail.subject and not found:
        found = re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])", mail.subject_text(), _FLAGS)
        return (mail.subject[0], mail.subject[0] + 1) if found else None
    return (mail.body_start + found.start(), mail.body_start + found.end()) if found else None


def _references_thread(sentence: str, context: dict) -> bool:
    """The reply engages with what the prospect wrote (words of their last turn, or an explicit reference)."""
    if re.search(r"\b(you mentioned|you said|your (reply|note|message|answer|question)|as you (say|said|put it)|"
                 r"getting back to me|the clear answer|thanks for (the|your) (reply|answer|note)|"
                 r"(thanks|thx|thank you) for asking|as you asked|you asked (for|about|me)|you were asking)\b", sentence, _FLAGS):
        return True
    last = next((t["text"] for t in reversed(context["prior_thread"]) if t["from"] != "agent"), "")
    words = set(_tokens(sentence))
    theirs = {w for w in _tokens(last) if len(w) > 4}
    thread = {w for t in context["prior_thread"] for w in _tokens(t["text"]) if len(w) > 4}
    return bool(theirs & words) or len(thread & words) >= 2


def _check_contract_value(card: _Card, mentions: list[textnorm.Mention], allowed: set[float]) -> None:
    mail = card.mail
    for sentence in mail.sentences:
        invented = [m for m in mentions if sentence.start <= m.start < sentence.end and (m.start, m.end) in mail.money
                    and m.value not in allowed]
        if re.search(r"\btcv\b", sentence.text, _FLAGS) or (invented and _TCV_WORDS.search(sentence.text)):
            card.flag("contract_value", "quotes a contract value that is not a public price band",
                      sentence.start, sentence.end)


_STACK_ALIAS = {alias.lower(): stack for stack, aliases in facts.STACK_ALIASES.items() for alias in aliases}
_OFFER = re.compile(r"(?<![\w-])(" + "|".join(_phrase_regex(a) for a in sorted(_STACK_ALIAS, key=len, reverse=True))
                    + r")\s+(?:engineers?|engs|developers?|devs|specialists?|people|ppl|folks)\b", _FLAGS)
# A team of a size ("a 4 person Go pod", "a five-engineer squad"): its size against the stack's bench, or the whole bench.
_TEAM_OF = re.compile(r"\s?[- ]?(?:person|people|engineer|strong|head|dev|developer)\s+(?:([\w-]+)\s+)?"
                      r"(?:pod|squad|team|crew|unit|cell)s?\b", _FLAGS)
_PAIR_BEFORE = re.compile(r"\b(?:a pair|a couple) of\s+(?:(?:senior|experienced|extra|more|strong|dedicated)\s+){0,2}$",
                          _FLAGS)
_OFFER_GAP = re.compile(r"^\s*(?:(?:senior|dedicated|experienced|strong|full-time|more|additional|extra|skilled|"
                        r"seasoned|vetted|mid-level|lead|great|excellent|available|extra)\s+){0,3}$", _FLAGS)


_HEADCOUNT_OFFER = re.compile(r"\s*-?\s*(?:(?:senior|experienced|dedicated|full-time|more|extra|additional|vetted|strong|"
                              r"skilled|of our|of our own)\s+){0,2}(?:engineers|developers|devs)\b", _FLAGS)


_OFFERING = re.compile(r"(?:\b(?:we|i|tenacious)\b[^.?!]{0,30}\b(?:can|could|will|'ll|would|ready to)\b[^.?!]{0,25}|"
                       r"\b(?:offer|give you|send you|send over|provide|put together|assemble|stand up|spin up|"
                       r"a team of|a squad of|a pod of|up to|as many as)\b[^.?!]{0,12})$", _FLAGS)


def _check_bench(card: _Card, context: dict, mentions: list[textnorm.Mention]) -> None:
    mail = card.mail
    for match in _OFFER.finditer(mail.text):
        stack = _STACK_ALIAS.get(match.group(1).lower()) or _STACK_ALIAS.get(re.sub(r"[\s-]+", " ", match.group(1).lower()))
        if stack is None:
            continue
        before = [m for m in mail.numbers if m.end <= match.start()
                  and _OFFER_GAP.match(mail.text[m.end:match.start()]) and m.unit == ""]
        pair = _PAIR_BEFORE.search(mail.text[max(0, match.start() - 40):match.start()])
        if pair and not before:  # "a pair of Go engineers", "a couple of ML engineers": two
            before = [textnorm.Mention(2.0, "", match.start() - len(pair.group(0)), match.start(), pair.group(0))]
        if not before:
            continue
        count = before[-1].value
        available = context["bench"].get(stack, 0)
        if count > available:
            card.flag("overcommit", f"offers {count:g} {stack} engineers, the bench has {available}",
                      before[-1].start, match.end())
    total = sum(context["bench"].values())
    for m in mail.numbers:
        offered = _HEADCOUNT_OFFER.match(mail.text, m.end) if m.unit == "" else None
        if offered and m.value > total and _OFFERING.search(mail.text[max(0, m.start - 50):m.start]):
            card.flag("overcommit", f"offers {m.value:g} engineers, the bench has {total} in all", m.start,
                      offered.end())
    for m in mail.numbers:
        team = _TEAM_OF.match(mail.text, m.end) if m.unit == "" else None
        before = mail.text[max(0, m.start - 50):m.start]
        if not team or not (_OFFERING.search(before) or (_HAVE_A.search(before) and _READY.match(mail.text, team.end()))):
            continue
        stack = _STACK_ALIAS.get((team.group(1) or "").lower())
        available = context["bench"].get(stack, 0) if stack else total
        if m.value > available:
            card.flag("overcommit", f"offers a team of {m.value:g}{' ' + stack if stack else ''}, the bench has "
                      f"{available}", m.start, team.end())
    for m in mail.numbers:  # "a data squad of five people" offered: the size after the team word
        head = _TEAM_BEFORE.search(mail.text[max(0, m.start - 40):m.start]) if m.unit == "" else None
        sentence = next((s for s in mail.sentences if s.start <= m.start < s.end), None)
        if not head or sentence is None or not _OFFER_VERB.search(sentence.text):
            continue
        stack = _STACK_ALIAS.get((head.group(1) or "").lower())
        available = context["bench"].get(stack, 0) if stack else total
        if m.value > available:
            card.flag("overcommit", f"offers a team of {m.value:g}{' ' + stack if stack else ''}, the bench has "
                      f"{available}", m.start, m.end)
    _check_added_engineer(card, context)
    committed = c02.check(context, DraftText(mail.original), {})
    if committed is not None:
        card.flag_firing("overcommit", committed)


# A team named before its size ("a complete data squad of five people") in a sentence that offers it.
_TEAM_BEFORE = re.compile(r"(?:\b([\w-]+)\s+)?(?:pod|squad|team|crew|unit|cell)\s+of\s+$", _FLAGS)
_OFFER_VERB = re.compile(r"\b(?:offer|provide|give|send|assemble|put together|stand up|ready|available|free)\b|\b(?:we|i)\s+"
                         r"(?:can|could|will|would)\b|\b(?:we|i)'ll\b", _FLAGS)
# A team we say we have ready for the reader ("we have a five-strong Go team ready for you"): its size is offered as
# much as "we can offer" is; a team described without that ("we have a five-person Go team, two of them free") is not.
_HAVE_A = re.compile(r"\b(?:we have|we've got|we've)\s+(?:a|an)\s*$", _FLAGS)
_READY = re.compile(r"\s*(?:\w+\s+){0,2}?(?:ready|free|available|for you|on standby|waiting)\b", _FLAGS)
_ORDINALS = {"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# One more engineer offered on top, by ordinal ("all three, and a fourth should you need one"): the ordinal is the size
# offered. "of" after it is a share ("a third of the roles"); a time word or a commitment in the sentence means
# the writer tells when that person is free or busy ("a third is committed until May"), which is honest.
_ADDED = re.compile(r"\b(?:and|plus|or even|with)\s+(?:a|an)\s+(?:extra\s+)?(?P<n>" + "|".join(_ORDINALS) + r")\b"
                    r"(?!\s*(?:of|-|quarter|party|parties|time|round|option|way|year|week|month))", _FLAGS)
_WHEN_FREE = re.compile(r"\b(?:committed|busy|booked|tied up|unavailable|not free|until|till|from|after|once|later|"
                        r"next (?:month|quarter)|in (?:\w+ )?(?:weeks?|months?))\b|\b" + _MONTH + r"\b", _FLAGS)


# More people added on top of a count of our engineers ("both Go engineers, with two more joining them").
_MORE = re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six)\s+more\b|\banother\s+(?P<m>\d+|two|three|four|five)\b", _FLAGS)
_BASE = re.compile(r"\b(?:(?P<n>\d+|one|two|three|four|five|six)|(?P<both>both)|all (?P<all>\d+|two|three|four|five|six))"
                   r"\s+(?:of (?:our|the|them)\s+)?(?:[\w-]+\s+){0,2}?(?:engineers?|engs?|developers?|devs|people|seniors|juniors)\b",
                   _FLAGS)
# When the added people become free in terms of our bench ("two more join the bench in June", "busy until May"): an
# honest note on timing. A start relative to the first ones ("from day one, plus two more the week after") is not.
_MORE_LATER = re.compile(r"\b(?:committed|busy|booked|tied up|unavailable|not free|until|till|join(?:s|ing)? (?:the|our) bench|"
                         r"(?:free|available|back) from|next (?:month|quarter)|in (?:\w+ )?(?:weeks?|months?))\b|\b" + _MONTH + r"\b",
                         _FLAGS)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _count(word: str) -> int:
    return _SMALL.get(word.lower()) or int(word)


def _check_added_engineer(card: _Card, context: dict) -> None:
    mail = card.mail
    for sentence in mail.sentences:
        more, base = _MORE.search(sentence.text), _BASE.search(sentence.text)
        if more and base and base.start() < more.start() and not _MORE_LATER.search(sentence.text):
            offer = next((m for m in _OFFER.finditer(sentence.text)), None)
            stack = _STACK_ALIAS.get(offer.group(1).lower()) if offer else None
            available = context["bench"].get(stack, 0) if stack else sum(context["bench"].values())
            first = 2 if base.group("both") else _count(base.group("n") or base.group("all"))
            count = first + _count(more.group("n") or more.group("m"))
            if count > available:
                card.flag("overcommit", f"offers {count}{' ' + stack if stack else ''} engineers in all, the bench has "
                          f"{available}", sentence.start + base.start(), sentence.start + more.end())
                continue
        added = _ADDED.search(sentence.text)
        if not added or _WHEN_FREE.search(sentence.text):
            continue
        offer = next((m for m in _OFFER.finditer(sentence.text)), None)
        stack = _STACK_ALIAS.get(offer.group(1).lower()) if offer else None
        if offer is None and not _OUR_COUNT.search(sentence.text):
            continue
        available = context["bench"].get(stack, 0) if stack else sum(context["bench"].values())
        count = _ORDINALS[added.group("n").lower()]
        if count > available:
            card.flag("overcommit", f"offers a {added.group('n')}{' ' + stack if stack else ''} engineer, the bench has {available}",
                      sentence.start + added.start(), sentence.start + added.end())


# --- tone ----------------------------------------------------------------------------------------


def ask_count(sentence: str) -> int:
    """How many things a sentence asks the reader to do or agree to (0 for a plain question or statement)."""
    text = sentence.strip()
    question = _is_question(text)
    proposes = _ASK_OPEN.search(text) or _ASK_MODAL.search(text) or _ASK_SLOT.search(text) or _ASK_LEAVE.search(text)
    asks = bool(question and proposes) or any(_imperative(text, m) for m in _ASK_IMPERATIVE.finditer(text)) or \
        _ASK_LABEL.match(text) is not None
    return asks + len(_ASK_MORE.findall(text)) if asks else 0


# Round 4: a question asking leave ("ok to send?", "... , may I send you a short plan?"), and a line the writer heads
# as the ask ("The ask: 20 min, one of:", "Ask: want the sheet?") in a note written as a list.
_ASK_LEAVE = re.compile(r"^(?:[-*\u2022]\s*)?(?:ok(?:ay)?|alright|all right|fine)\s+(?:to|if)\b|\bmay (?:i|we)\b", _FLAGS)
_ASK_LABEL = re.compile(r"^(?:[-*\u2022]\s*)?(?:the\s+|my\s+|one\s+)?(?:ask|request|next step)\s*[:\u2014\u2013]", _FLAGS)


# A bare verb that is also a noun or sits in a clause of its own ("the quick reply", "the release schedule", "who
# could share the load") is a request only where a clause starts with it ("Reply with a time", "if useful, send me").
_REQUEST_PHRASE = re.compile(r"please|let me know|let'?s|feel free|happy to|i'?d love to", _FLAGS)
_CLAUSE_START = re.compile(r"(?:^|[,;:(\u2014\u2013-]|\b(?:please|just|and|so|then|do|simply|kindly))\s*$",
                           _FLAGS)


def _imperative(text: str, match: re.Match) -> bool:
    """An imperative match that asks: a request phrase anywhere, a bare verb where a clause starts with it."""
    return bool(_REQUEST_PHRASE.match(match.group(0)) or _CLAUSE_START.search(text[:match.start()]))


def is_ask(sentence: str) -> bool:
    """A call to action: something the reader is asked to do or agree to."""
    return ask_count(sentence) > 0


# A question that asks for a meeting or a time, not for the reader's view.
# A call is a meeting where a determiner or a meeting word stands before it ("a quick call", "20-min call") or it
# opens the line; "the hardest engineering call" is a decision.
_MEETING = re.compile(r"(?:^|\b(?:a|an|the|quick|short|brief|intro\w*|video|phone|zoom|teams|first|next|follow-up|"
                      r"discovery|min|mins|minutes?|our|this|that|on)\W+)calls?\b|\bcall (?:you|me|us)\b|\b(?:chat|meeting|meet|talk|catch[- ]up|demo|slot|calendar|book|schedule|zoom|coffee|"
                      r"half an hour|minutes?|mins?)\b", _FLAGS)


# A question asked in reported form ("I only wanted to ask whether your plans look different now").
_INDIRECT_QUESTION = re.compile(r"\b(?:(?:wanted|want|would like|'d like|meant|wished|write|writing) to (?:ask|check|know|"
                                r"find out|hear)|i wonder|i'?m curious|curious to (?:know|hear))\b[^.?!]{0,20}?"
                                r"\b(?:whether|if|how|what|when|why)\b", _FLAGS)


def _explores(sentence: _Sentence) -> bool:
    """An exploratory question: prose that asks the reader's view or permission ("would you be open to hearing from
    us later?", "how is the team thinking about it?", "I wanted to ask whether ..."), not a meeting or a time; what it
    may sell is the pitch check's."""
    text = sentence.text
    asked = _is_question(text) or _INDIRECT_QUESTION.search(text) is not None
    return bool(sentence.prose) and asked and not (_MEETING.search(text) or _ASK_SLOT.search(text))


def _closes_loop(task: dict) -> bool:
    """A follow-up to a decline: the prospect's latest message declines (probes.d05), or the goal is a check-back."""
    thread = task["context"]["prior_thread"]
    last = next((m["text"] for m in reversed(thread) if m["from"] != "agent"), "")
    return task.get("goal") == "check_back" or bool(last and d05.SOFT_REJECTION.search(textnorm.normalize(last)))


def _follows_decline(task: dict) -> bool:
    """A check-back after a soft no: the thread holds a decline (probes.d05), the instruction names one, or there is
    no thread and no instruction saying otherwise (the generated check-backs follow a declined first email).
    A check-back on news ("joined as CTO in May, check back with one idea") follows no decline."""
    thread = task["context"]["prior_thread"]
    said = " ".join(m["text"] for m in thread if m["from"] != "agent")
    if said and d05.SOFT_REJECTION.search(textnorm.normalize(said)):
        return True
    instruction = textnorm.normalize(task.get("instruction", ""))
    return bool(_DECLINE_NAMED.search(instruction)) or (
        not thread and not _NEWS_CHECK_BACK.search(instruction))


_DECLINE_NAMED = re.compile(r"\b(?:declined|turned (?:us|it|this) down|said no|soft no|passed|no reply|not now|"
                            r"went quiet|did not (?:reply|answer)|didn't (?:reply|answer)|rejected|not interested|not this (?:year|quarter))\b",
                            _FLAGS)
_NEWS_CHECK_BACK = re.compile(r"\b(?:joined|appointed|promoted|took over|stepped into|launched|raised|announced)\b", _FLAGS)


def _holds_back(task: dict) -> bool:
    """Told to ask before pitching: an unclear-fit prospect on a cold goal, or an instruction that says so."""
    cold = task.get("goal") not in RESPONSIVE_GOALS
    return (task["context"]["segment"] == "abstain" and cold) or claims.told_to_hold_back(task.get("instruction", ""))


def _score_tone(card: _Card, task: dict) -> None:
    mail = card.mail
    for match in _BANNED.finditer(mail.text):
        card.flag("banned_phrase", f"cliché {match.group(0)!r}", match.start(), match.end())
    for match in _CONDESCENSION.finditer(mail.text):
        card.flag("condescension", f"talks down to the reader ({match.group(0)!r})", match.start(), match.end())
    for match in _INSULT.finditer(mail.text):
        card.flag("insult", f"insults the reader's company ({match.group(0)!r})", match.start(), match.end())
    words = [w for w in _WORD.findall(mail.text) if len(w) >= 3 and w[0].isalpha()]
    caps = [w for w in words if w.isupper() and w not in facts.FIXED_LABEL_OFFSETS and len(w) > 3]
    if words and len(caps) / len(words) >= SHOUT_SHARE and len(caps) >= 3:
        card.flag("shouting", f"{len(caps)} of {len(words)} words in capitals", 0, len(mail.text))
    for match in _EMOJI.finditer(mail.text):
        card.flag("emoji", "emoji in a business email", match.start(), match.end())
        break
    bangs = [m for m in re.finditer("!", mail.text)]
    if len(bangs) > 1:
        card.flag("exclamations", f"{len(bangs)} exclamation marks", bangs[1].start(), bangs[1].end())
    body_words = len(mail.body().split())
    if body_words > facts.WORD_LIMIT:
        card.flag("over_word_limit", f"{body_words} words > {facts.WORD_LIMIT}", mail.body_start, len(mail.text),
                  scale=1 + min(OVER_LIMIT_MAX_SCALE, (body_words - facts.WORD_LIMIT) / OVER_LIMIT_WORDS_PER_STEP))
    subject = mail.subject_text()
    subject_ok = False
    if not subject:
        card.flag("no_subject", "no 'Subject:' first line")
    elif len(subject) > facts.SUBJECT_MAX_CHARS:
        card.flag("long_subject", f"subject has {len(subject)} characters", *mail.subject)
    else:
        subject_ok = True
    asks = []
    for sentence in mail.sentences:
        asks += [sentence] * ask_count(sentence.text)
    if not asks and _holds_back(task):  # told to ask first: the one exploratory question is the ask
        asks = [s for s in mail.sentences if s.prose and _is_question(s.text)][:1]
    if not asks and _closes_loop(task):
        asks = [None]  # after a decline the right reply asks for nothing
    if not asks:
        card.flag("no_ask", "no ask")
    for extra in asks[facts.MAX_ASKS:]:
        card.flag("extra_ask", f"extra ask: {extra.text!r}", extra.start, extra.end)
    concise = min(1.0, max(0.0, (facts.WORD_LIMIT - body_words) / (facts.WORD_LIMIT - CONCISE_WORDS)))
    card.credit["tone"] = (TONE_CREDIT["subject"] * subject_ok + TONE_CREDIT["greeting"] * mail.greeting
                           + TONE_CREDIT["one_ask"] * (len(asks) == facts.MAX_ASKS)
                           + TONE_CREDIT["sign_off"] * mail.sign_off + TONE_CREDIT["concise"] * concise)


# --- ICP fit and the AI gate ---------------------------------------------------------------------


def segment_hits(text: str) -> dict[str, list[re.Match]]:
    """Segment -> the angle concepts of that segment found in `text` (first match of each concept)."""
    out = {}
    low = text.lower() if text.isascii() else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for seg, pattern in _SEGMENT_ANGLES.items():
        first: dict[str, re.Match] = {}
        for match in pattern.finditer(low):
            first.setdefault(match.lastgroup, match)
        if first:
            out[seg] = sorted(first.values(), key=lambda m: m.start())
    return out


def _score_icp(card: _Card, task: dict) -> None:
    mail = card.mail
    own = task["context"]["segment"]
    scope = [(mail.subject[0], mail.subject[1])] if mail.subject else []
    scope += [(s.start, s.end) for s in mail.sentences if s.prose is not None]
    hits: dict[str, list[tuple[int, int, str]]] = {}
    for seg, found in segment_hits(mail.text).items():
        for m in found:
            if any(a <= m.start() < b for a, b in scope):
                hits.setdefault(seg, []).append((m.start(), m.end(), m.group(0)))
    if task.get("goal") == "check_back" and _follows_decline(task):
        if claims.told_to_hold_back(task.get("instruction", "")):
            _check_pitch(card, hits)  # a check-back told to ask only must not sell either
        for seg, found in sorted(hits.items()):
            card.flag("pitch_after_no", f"pitches {seg} after a soft no", found[0][0], found[0][1])
        acknowledged = any(s.prose and (_ACK.search(s.text) or _THANKS_FOR_ANSWER.search(s.text)) for s in mail.sentences)
        explores = any(_explores(s) for s in mail.sentences)
        card.credit["icp_fit"] = 1.0 if (acknowledged or explores) and not hits else 0.0
        return
    # A check-back on news (no decline before it) answers nobody: it is read as a cold email; an email that follows
    # the prospect's own question or request in the thread answers them, whatever the goal.
    responsive = (task.get("goal") in RESPONSIVE_GOALS and task.get("goal") != "check_back") or _prospect_asked(task)
    if _holds_back(task) and not responsive:  # an answer may name what the prospect asked about
        _check_pitch(card, hits)
    if own == "abstain":
        if responsive:  # an answer to the prospect's own question needs no exploratory one
            card.credit["icp_fit"] = 1.0
            return
        explores = any(_explores(s) for s in mail.sentences)
        if not explores:
            card.flag("abstain_no_question", "unclear-fit prospect but no exploratory question")
        card.credit["icp_fit"] = 1.0 if explores else 0.0
        return
    own_words = {h[2].lower() for h in hits.get(own, [])}
    # A segment's words the brief itself uses about the prospect ("your pricing data platform") describe it.
    brief = " ".join(str(s["text"]) for s in task["context"]["signals"]).lower()
    for seg, found in sorted(hits.items()):
        foreign = [h for h in found if h[2].lower() not in own_words and h[2].lower() not in brief]
        if seg != own and foreign:
            card.flag("off_segment", f"pitches {seg} ({foreign[0][2]!r}) to a {own} prospect",
                      foreign[0][0], foreign[0][1])
    concepts = len({h[2].lower() for h in hits.get(own, [])})
    # The segment's own signals, or the signal the instruction builds the email on ("for the dispatch migration").
    instruction = task.get("instruction", "")
    kinds = set(facts.SEGMENT_SIGNAL_KINDS.get(own, ()))
    kinds |= {s["kind"] for s in task["context"]["signals"] if _shares_signal_words(instruction, s)}
    signal = any(f"signal:{kind}" in card.facts_used for kind in sorted(kinds))
    evidence = concepts + signal  # the segment's angle in words, or a pitch built on the segment's own signal
    if responsive:
        card.credit["icp_fit"] = 1.0  # a reply answers what the prospect asked; off-segment pitches still cost
        return
    if not evidence:
        card.flag("no_segment_angle", f"no {own} angle in the pitch")
    card.credit["icp_fit"] = ANGLE_CREDIT[min(evidence, 2)] if evidence else 0.0


_OUR_SIDE = re.compile(r"\b(?:we|we're|we've|our|us|tenacious)\b", _FLAGS)
# Thanks for the prospect's answer acknowledges it, whatever the adjective ("thank you again for your clear answer").
_THANKS_FOR_ANSWER = re.compile(r"\bthank(?:s| you)(?: again| very much| so much)? for (?:your|the) (?:[\w-]+ )?(?:answer|reply|"
                                r"note|response|honesty|cando(?:u)?r|clarity|decision|message)\b", _FLAGS)


# The prospect's last turn asks for something: a question, or a request ("send me the case study", "try me after
# the 20th").
_REQUESTED = re.compile(r"\?|\b(?:send|share|forward|try|write to|contact|ping|email)\s+(?:me|us)\b|\bi'?d (?:like|love) to "
                        r"(?:see|read|have|get)\b", _FLAGS)


def _prospect_asked(task: dict) -> bool:
    """The thread ends with the prospect asking for something (not a decline): the email answers them."""
    last = _prospect_last(task)
    return bool(last and _REQUESTED.search(last)) and not d05.SOFT_REJECTION.search(last)


def _check_pitch(card: _Card, hits: dict[str, list[tuple[int, int, str]]]) -> None:
    """Told to hold back (segment abstain, or an instruction to ask first): a pitch is a hard violation.

    A pitch is one strong signal (a figure of engineers, a price, a start date, a segment angle we state as ours) or
    two weak ones (an offer of our people, a benefit question, a segment angle stated about the reader), however it
    is phrased: a string of questions that sells counts as much as statements do.
    """
    mail = card.mail
    strong, weak = [], []
    for sentence in mail.sentences:
        if sentence.prose is None:
            continue
        found_strong, found_weak = claims.pitch_signals(sentence.text)
        strong += [(sentence.start + a, sentence.start + b, t) for a, b, t in found_strong]
        weak += [(sentence.start + a, sentence.start + b, t) for a, b, t in found_weak[:1]]
        if not _is_question(sentence.text):  # a segment angle stated: ours to sell when we are its subject
            angle = [h for seg in sorted(hits) for h in hits[seg] if sentence.start <= h[0] < sentence.end][:1]
            (strong if _OUR_SIDE.search(sentence.text) else weak).extend(angle)
    if strong or len(weak) >= 2:
        start, end, said = (strong or sorted(weak))[0]
        card.flag("abstain_pitched", f"pitches when told to hold back ({said!r})", start, end)


def _score_claims(card: _Card, task: dict) -> None:
    """The hard claims a sentence can make (bench.claims, condescension by structure among them) and the rule checks the scorer shares with the judge
    rules: another prospect's conversation (rule 5) and re-pitching a declined offer (rule 3)."""
    mail = card.mail
    start = mail.subject[0] if mail.subject else mail.body_start
    for kind, found in (("pressure", claims.pressure), ("over_promise", claims.over_promises),
                        ("regulated_claim", claims.regulated_claims), ("condescension", claims.condescension)):
        spans = found(mail.text[start:])
        if spans and not card.has(kind):  # a marker of the tone check may have found it already
            a, b, said = spans[0]
            card.flag(kind, f"{kind.replace('_', ' ')}: {said!r}", start + a, start + b)
    draft = DraftText(mail.original)
    other = e01.check(task["context"], draft, {})
    if other is not None:
        card.flag_firing("other_prospect", other)
    else:
        _check_named_confidant(card, task["context"])
    declined = d05.check(task["context"], draft, {})
    if declined is not None and not card.has("pitch_after_no"):
        card.flag_firing("pitch_after_no", declined)
    elif not card.has("pitch_after_no"):
        _check_people_after_no(card, task)


# A no for a period, in any words: a negation and a time that bounds it ("no pilot this year", "we're not outsourcing
# any engineering this year", "nothing new before Q3").
_NOT_NOW = re.compile(r"\b(?:no|not|nothing|none|never)\b[^.?!]{0,50}?\b(?:this (?:year|quarter|half|month|spring|summer|autumn|"
                      r"winter)|for now|right now|at the moment|at present|before (?:q[1-4]|then|next year))\b", _FLAGS)


def _check_people_after_no(card: _Card, task: dict) -> None:
    """Round 4: the prospect's last turn declines and asks nothing, and the email offers our people again in any size
    or guise ("just one engineer inside your team", "we could hold two for you"): a re-pitch. When they asked a
    question, an answer may name our people (the rule check reads that case)."""
    last = _prospect_last(task)
    if not last or "?" in last or not (d05.SOFT_REJECTION.search(last) or _NOT_NOW.search(last)):
        return
    for sentence in card.mail.sentences:
        offered = claims.people_offered(sentence.text) if sentence.prose is not None else []
        if offered:
            a, b, said = offered[0]
            card.flag("pitch_after_no", f"offers our people again after the prospect's no ({said!r})",
                      sentence.start + a, sentence.start + b)
            return


def _prospect_last(task: dict) -> str:
    """The prospect's own last turn of the thread ("" when the thread ends with us or has none)."""
    thread = task["context"]["prior_thread"]
    if not thread or not is_prospect_turn(task["context"], thread[-1]):
        return ""
    return textnorm.normalize(thread[-1]["text"])


_REPORTED_TO_US = (r"(?:\w+\s+){0,3}?(?:(?:asked|told|mentioned to|confided in|wrote to|emailed|messaged|shared with|"
                   r"complained to|admitted to|put (?:it|the question) to|was asking)\s+(?:me|us)\b|(?:said|mentioned|explained|"
                   r"described|wrote|put it)\b[^.?!]{0,30}?\b(?:to|with) (?:me|us)\b)")
# A named person placed at a named organisation, then what they asked or told us ("Ana Ruiz, who runs platform at
# Kelpie Foods, asked me ...", "Kelpie's CTO, Ana, told us ..."): another company's private conversation.
_CONFIDED = r"(?:\w+\s+){0,2}?(?:confided|let slip|admitted privately|told me privately|told us privately)\b"
_CONFIDANT = (
    re.compile(rf"\b(?P<person>{NAME}),\s+[^,.;?!]{{2,50}}?\b(?:of|at|from)\s+(?P<org>{NAME}),\s+(?:{_REPORTED_TO_US}|"
               rf"{_CONFIDED})"),
    re.compile(rf"\b(?P<person>{NAME})\s+\((?P<org>{NAME})\)\s+(?:{_REPORTED_TO_US}|{_CONFIDED})"),
    re.compile(rf"\b(?:founder|cto|ceo|head of [\w-]+|lead|vp [\w-]+|director|boss)\s+(?:of|at|from)\s+(?P<org>{NAME}),\s+"
               rf"(?P<person>{NAME}),\s+(?:{_REPORTED_TO_US}|{_CONFIDED})", _FLAGS),
    # the role words in either case ("Kelpie's CTO described to us"), the names capitalised
    re.compile(rf"\b(?P<org>{NAME})'s\s+(?:[\w-]+\s+){{0,2}}?(?i:founder|cto|ceo|head(?: of [\w-]+)?|lead|vp|director|boss|"
               rf"team|engineers?|people)(?:,\s*(?P<person>{NAME}),)?\s+(?i:" + _REPORTED_TO_US + ")"),
)
_PUBLIC_SOURCE = re.compile(r"\b(?:public(?:ly)?|blog|blogged|published|press|announc\w*|case stud\w*|conference|talk at|"
                            r"podcast|article|interview|webinar|linkedin post|newsletter)\b", _FLAGS)


def _check_named_confidant(card: _Card, context: dict) -> None:
    """Another organisation's named person and what they asked us, unless the sentence cites it as public."""
    ours = {context["company"], context["company"].split()[0], *context["recipient"]["name"].split(), "Tenacious"}
    for sentence in card.mail.sentences:
        if _PUBLIC_SOURCE.search(sentence.text):
            continue
        for pattern in _CONFIDANT:
            found = pattern.search(sentence.text)
            org = found.group("org").strip() if found else ""
            if found and org not in ours and org.split()[0] not in ours | NOT_A_PARTY:
                card.flag("other_prospect", f"repeats what someone at {org} asked or told us",
                          sentence.start + found.start(), sentence.start + found.end())
                return


# The learned backstop's families (bench.sentence_model) and the scorer kind a flag of each becomes. Measured as an
# all-family reader beside rounds 2 and 3's scorers (benchmarks/results/sentence_model*.json), regulated claims
# gained recall in both rounds and pressure in round 3; condescension and over-commitment gained in neither and
# flagged honest sentences of our own goldens ("before saying anything about us: would ...?"); pitch gained in
# round 3 but sits beside a permission question in the embedding, which is what a held-back email should ask.
_BACKSTOP_KINDS = {"pressure": "pressure", "regulated_claim": "regulated_claim"}
_FAMILY_OF_KIND = {kind: family for family, kinds in VIOLATION_FAMILIES.items() for kind in kinds}


def _check_backstop(card: _Card) -> None:
    """A sentence class none of its family's regex readings caught, read by the learned backstop
    (bench.sentence_model, strict point)."""
    for family, probability, sentence in sentence_model.backstop(card.mail.original):
        kind = _BACKSTOP_KINDS.get(family)
        if kind is None or any(card.has(k) for k in VIOLATION_FAMILIES[_FAMILY_OF_KIND[kind]]):
            continue
        at = card.mail.original.find(sentence)
        card.flag_firing(kind, Firing(f"sentence model: {family} (p {probability:.2f})",
                                      (at, at + len(sentence)) if at >= 0 else None, sentence))


def _score_ai_gate(card: _Card, task: dict) -> None:
    mail = card.mail
    maturity = task["context"]["ai_maturity"]["score"]
    card.credit["ai_maturity"] = 1.0
    if maturity >= facts.AI_PITCH_MIN_MATURITY:
        return
    units = [(mail.subject[0], mail.subject[1])] if mail.subject else []
    units += [(s.start, s.end) for s in mail.sentences]
    for start, end in units:
        text = mail.text[start:end]
        term = _AI_TERMS.search(text)
        headline = mail.subject is not None and start == mail.subject[0]  # an AI term in the subject sells AI
        if term and (headline or _AI_OFFER.search(text) or _AI_SUGGEST.search(text)):
            card.flag("ai_pitch", f"AI/ML pitch ({term.group(0)!r}) at AI maturity {maturity}", start, end)


# --- scheduling ----------------------------------------------------------------------------------


def _is_clock(match: re.Match) -> bool:
    """A clock time, not just any number: has minutes, am/pm, 'noon' or a zone label."""
    return bool(match.group("noon") or match.group("m") or match.group("ap") or match.group("zone"))


def _hour(match: re.Match) -> float:
    if match.group("noon"):
        return 12.0
    hour = int(match.group("h")) % 24
    ap = (match.group("ap") or "").lower().replace(".", "")
    if ap:
        hour = hour % 12 + (12 if ap == "pm" else 0)
    return hour + int(match.group("m") or 0) / 60


def _date_of(match: re.Match) -> tuple[date | None, str | None]:
    """(date, weekday written next to it) for a _DATE match; the year defaults to REFERENCE_WEEK's."""
    year = int(match.group("y") or match.group("iy") or match.group("y3") or facts.REFERENCE_WEEK.year)
    try:
        if match.group("iy"):
            return date(year, int(match.group("im")), int(match.group("id"))), None
        if match.group("d3"):
            return date(year, int(match.group("m3")), int(match.group("d3"))), None
        month = _MONTHS.index((match.group("m1") or match.group("m2"))[:3].lower()) + 1
        return date(year, month, int(match.group("d1") or match.group("d2"))), None
    except ValueError:
        return None, None


def _slot_date(card: _Card, start: int, end: int) -> date:
    """The slot's date: a date in its sentence, else any date in the email, else its weekday in REFERENCE_WEEK."""
    text = card.mail.text
    for scope in ((start, end), (card.mail.body_start, len(text))):
        for match in _DATE.finditer(text, *scope):
            day, _ = _date_of(match)
            if day:
                return day
    for scope in ((start, end), (card.mail.body_start, len(text))):
        weekday = _WEEKDAY.search(text, *scope)
        if weekday:
            return facts.REFERENCE_WEEK + timedelta(days=_WEEKDAYS.index(weekday.group(1).lower()))
    return facts.REFERENCE_WEEK


def _check_weekdays(card: _Card) -> None:
    text = card.mail.text
    for match in _DATE.finditer(text):
        day, _ = _date_of(match)
        before = re.search(r"\b(" + "|".join(_WEEKDAYS) + r")\W{0,3}$", text[max(0, match.start() - 12):match.start()],
                           _FLAGS)
        if day and before and _WEEKDAYS.index(before.group(1).lower()) != day.weekday():
            card.flag("weekday_mismatch", f"{day.isoformat()} is a {_WEEKDAYS[day.weekday()].title()}, "
                      f"not a {before.group(1).title()}", match.start() - len(before.group(0)), match.end())


_RANGE_START = re.compile(r"(?<![\d:.])\d{1,2}(?:[:.]\d\d)?\s*(?:-|\u2013|to|until|till)\s*$", _FLAGS)
_RANGE = re.compile(r"\s*(?:-|\u2013|to|until|till|and)\s*", _FLAGS)


def _score_scheduling(card: _Card, task: dict) -> None:
    mail = card.mail
    zone = task["context"]["hq_timezone"]
    eat = facts.DELIVERY_TZ
    _check_weekdays(card)
    for label in sorted({m.group(1) for m in _ZONE.finditer(mail.body())}):
        owner = _ZONE_OF_LABEL[label.lower()]
        if owner not in (zone, eat):
            at = next(m for m in _ZONE.finditer(mail.text, mail.body_start) if m.group(1) == label)
            card.flag("wrong_zone", f"names {label} ({owner}) for a prospect in {zone}", at.start(), at.end())
    numeric_dates = [(d.start(), d.end()) for d in _DATE.finditer(mail.text) if d.group("d3") and _date_of(d)[0]]
    clocks = [m for m in _CLOCK.finditer(mail.text, mail.body_start)
              if _is_clock(m) and not any(a <= m.start() < b for a, b in numeric_dates)]
    slots = []  # (sentence span, zone, utc hour, local hour in that zone, match)
    range_ends = set()  # the second time of a range ("9:00 to 14:00 UK time"): the window closes there, nothing starts
    for index, m in enumerate(clocks):
        label = m.group("zone")
        if _RANGE_START.search(mail.text[max(mail.body_start, m.start() - 12):m.start()]):
            range_ends.add(m.start())  # "9-10 ET": a bare hour opens the range, this time closes it
        if index + 1 < len(clocks) and _RANGE.fullmatch(mail.text[m.end():clocks[index + 1].start()]):
            range_ends.add(clocks[index + 1].start())
            label = label or clocks[index + 1].group("zone")  # "10:00-11:00 CET"
        sentence = next((s for s in mail.sentences if s.start <= m.start() < s.end), None)
        bounds = (sentence.start, sentence.end) if sentence else (m.start(), m.end())
        if not label:
            card.flag("zoneless_time", "a proposed time names no time zone", m.start(), m.end())
            continue
        owner = _ZONE_OF_LABEL[label.lower()]
        if owner == "other":
            continue
        day = _slot_date(card, *bounds)
        hour = _hour(m)
        real = facts.utc_offset(owner, day, hour)
        fixed = facts.FIXED_LABEL_OFFSETS.get(label)
        if fixed is not None and fixed != real:
            card.flag("dst_label", f"{label} is UTC{fixed:+g}, but on {day.isoformat()} {owner} is on "
                      f"{facts.zone_label(owner, day)} (UTC{real:+g})", m.start(), m.end())
        utc = hour - (fixed if fixed is not None else real)
        slots.append((bounds, owner, utc, day, m))
    local = [s for s in slots if s[1] == zone]
    eat_slots = [s for s in slots if s[1] == eat]
    valid = bool(local) or (zone == eat and bool(eat_slots))
    for bounds, _, utc, day, m in local:
        window = facts.overlap_window(zone, day)
        here = (utc + facts.utc_offset(zone, day, (utc + 3) % 24)) % 24
        if window is None:
            card.flag("no_overlap_slot", f"live slot proposed but {zone} has no overlap with EAT", m.start(), m.end())
            valid = False
        elif not (window[0] <= here < window[1] or (m.start() in range_ends and window[0] < here <= window[1])):
            card.flag("outside_window", f"{here:05.2f} local is outside the {window[0]:02d}:00-{window[1]:02d}:00 "
                      f"{zone} overlap on {day.isoformat()}", m.start(), m.end())
            valid = False
    for bounds, _, utc, day, m in eat_slots:
        eat_hour = (utc + 3) % 24
        if not facts.EAT_WORKING_HOURS[0] <= eat_hour < facts.EAT_WORKING_HOURS[1]:
            card.flag("eat_outside_hours", "EAT time outside EAT working hours", m.start(), m.end())
            valid = False
        twins = [s for s in local if s[0] == bounds]
        if twins and all(abs((s[2] - utc) % 24) > 1e-6 for s in twins):
            card.flag("zone_mismatch", "the prospect time and the EAT time are not the same instant",
                      m.start(), m.end())
            valid = False
    named = {s[1] for s in slots}
    if slots and zone != eat:
        first = slots[0][4]
        if zone not in named:
            card.flag("prospect_zone_unnamed", f"slot does not name the {zone} zone", first.start(), first.end())
        if eat not in named:
            card.flag("eat_unnamed", "slot does not name EAT", first.start(), first.end())
    both = zone in named and eat in named
    if not task.get("needs_slot"):
        card.credit["scheduling"] = 1.0
        return
    if facts.overlap_window(zone, slots[0][3] if slots else facts.REFERENCE_WEEK) is None:
        offered = any(s.prose is not None and _ASYNC.search(s.text) for s in mail.sentences)
        if not offered:
            card.flag("no_async", f"no overlap with {zone} and no async alternative")
        card.credit["scheduling"] = 1.0 if offered and not local else 0.0
        return
    if not slots:
        card.flag("no_slot", "a call was asked for but no time was proposed")
        card.credit["scheduling"] = 0.0
        return
    card.credit["scheduling"] = (SCHEDULING_CREDIT["slot"] + SCHEDULING_CREDIT["both_zones"] * (both or zone == eat)
                                 + SCHEDULING_CREDIT["valid_slot"] * valid)


# --- entry point ---------------------------------------------------------------------------------


def score(task: dict, email: str) -> dict:
    """Score one email for one critic task: overall, five dimensions, violations (with spans) and hard caps."""
    return json.loads(_score_cached(json.dumps(task, sort_keys=True), email))


@lru_cache(maxsize=8192)
def _score_cached(task_json: str, email: str) -> str:
    """The build scores the same drafts for pairs, agreement and shortcuts: each (task, email) once, as JSON
    so no caller can change a cached result."""
    return json.dumps(_score(json.loads(task_json), email))


def _score(task: dict, email: str) -> dict:
    mail = _Email(email, task)
    card = _Card(mail)
    _score_grounding(card, task)
    _score_tone(card, task)
    _score_icp(card, task)
    _score_ai_gate(card, task)
    _score_scheduling(card, task)
    _score_claims(card, task)
    _check_backstop(card)
    substance = mail.substance(SUBSTANCE_WORDS_REPLY if task.get("goal") in RESPONSIVE_GOALS else SUBSTANCE_WORDS)
    dims = {}
    for dim in DIMENSIONS:
        deducted = sum(v["deduction"] for v in card.violations if v["dimension"] == dim)
        dims[dim] = round(min(1.0, max(0.0, substance * card.credit[dim] - deducted)), 4)
    factor = 1.0
    for violation in card.violations:
        factor *= 1.0 - violation["severity"]
    weighted = sum(WEIGHTS[d] * dims[d] for d in DIMENSIONS)
    caps = [{"cap": {"overcommit": "bench_overcommit", "contract_value": "invented_contract_value"}.get(
        v["kind"], v["kind"]), "detail": v["detail"], "span": v["span"]} for v in card.violations
        if v["kind"] in HARD_KINDS]
    return {"overall": round(weighted * factor, 4), "dimensions": dims, "violations": card.violations,
            "caps": caps, "substance": round(substance, 4), "penalty_factor": round(factor, 4)}
