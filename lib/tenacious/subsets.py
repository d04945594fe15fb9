"""Evaluation subsets of a split: stratified, pair-preserving and deterministic.

A profile that cannot afford every held-out record (the cpu profile's `max_critic_tasks`,
`max_judge_items`) evaluates a subset. Taking the first n, or every k-th of a file ordered by stratum,
would drop small strata and split a violation from its honest twin, so a per-stratum or a paired
reading of the subset would compare different things. Here the unit is the group (a judge case: the
violation and its twin share a `case_id`; a critic task is its own group), every stratum gets its
share of n by largest remainder with at least one group, and within a stratum the groups are spread
evenly over its probe-ordered list. No random draw is involved: the same records and n always give
the same subset, in the records' own order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

Key = Callable[[dict], str]


def _shares(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Records per stratum: n split in proportion to the strata's sizes (largest remainder, ties by name),
    at least one record each, never more than the stratum holds."""
    total = sum(sizes.values())
    exact = {s: n * size / total for s, size in sizes.items()}
    shares = {s: max(1, math.floor(x)) for s, x in exact.items()}
    for s in sorted(sizes, key=lambda s: (-(exact[s] - math.floor(exact[s])), s)):
        if sum(shares.values()) >= n:
            break
        shares[s] += 1
    return {s: min(shares[s], sizes[s]) for s in sizes}


def _spread(groups: Sequence[list[int]], want: int) -> list[list[int]]:
    """The fewest evenly spaced groups whose records reach `want` (all of them if they never do)."""
    for g in range(1, len(groups) + 1):
        chosen = [groups[(i * len(groups)) // g] for i in range(g)]
        if sum(map(len, chosen)) >= want:
            return chosen
    return list(groups)


def stratified_subset(records: Sequence[dict], n: int, stratum: Key, group: Key,
                      order: Key | None = None) -> list[dict]:
    """About `n` records, every stratum present, every group whole (n = 0, or n >= len: all of them).

    `stratum` names a record's stratum, `group` the unit kept whole (a group lies in one stratum),
    `order` sorts a stratum's groups before they are spread (e.g. by probe, so probes are spread too).
    A stratum can exceed its share by less than one group and every stratum gets at least one, so the
    subset holds at least n and at most n + strata x the largest group records.
    """
    if not n or n >= len(records):
        return list(records)
    groups: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        groups.setdefault(group(record), []).append(i)
    by_stratum: dict[str, list[list[int]]] = {}
    for members in groups.values():
        strata = sorted({stratum(records[i]) for i in members})
        if len(strata) != 1:
            raise ValueError(f"group {group(records[members[0]])!r} spans strata {strata}")
        by_stratum.setdefault(strata[0], []).append(members)
    sort_key = order or group
    for members in by_stratum.values():
        members.sort(key=lambda m: (sort_key(records[m[0]]), group(records[m[0]])))
    shares = _shares({s: sum(map(len, g)) for s, g in by_stratum.items()}, n)
    keep = sorted(i for s, g in sorted(by_stratum.items()) for members in _spread(g, shares[s]) for i in members)
    return [records[i] for i in keep]


def critic_subset(tasks: Sequence[dict], n: int) -> list[dict]:
    """Held-out critic tasks: stratified by stratum, spread over templates within one."""
    return stratified_subset(tasks, n, stratum=lambda t: t["stratum"], group=lambda t: t["task_id"],
                             order=lambda t: t["template_id"])


def judge_subset(items: Sequence[dict], n: int) -> list[dict]:
    """Judge items: stratified by stratum, a case's violation and honest twin together, spread over probes."""
    return stratified_subset(items, n, stratum=lambda i: i["stratum"], group=lambda i: i["case_id"],
                             order=lambda i: i["probe_id"])
