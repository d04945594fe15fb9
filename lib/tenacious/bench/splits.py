"""Grouped, stratified, seeded partitions with exact split sizes.

Items generated from one template share wording, so a template that straddles train and
held-out leaks its held-out items into training. Splits therefore move whole groups (all units
of one `template_id`) and never single units. Within that constraint each split is stratified
(by critic stratum or judge probe) and hits its size exactly:

- a split may fix its per-stratum counts (the critic held-out: ADV 9 / PRG 22 / SYN 10 /
  TRC 11); a count no combination of whole groups can reach is an error, not a silent miss;
- or fix only its total, in which case each stratum gets the reachable count closest to its
  proportional share of the whole pool (least squares, ties to the smaller count), and the
  counts still add up to the total exactly.

Which groups fill a quota is decided by a seeded shuffle followed by an exact subset-sum, so
the same seed always gives the same partition and another seed gives another one. With
`widest=True` the subset-sum keeps, for every reachable count, the subset with the most groups, so
a held-out stratum spreads over as many templates as its count allows (the critic's PRG held-out
then covers many segment x goal cells instead of three large ones). Units that no split claims
form the `rest` split (train).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

Unit = TypeVar("Unit")


class SplitError(ValueError):
    """The requested sizes cannot be met with whole groups."""


def _subset_sums(sizes: Sequence[int], limit: int, widest: bool = False) -> dict[int, tuple[int, ...]]:
    """Every reachable sum <= limit, each with the first subset (indices, in order) found for it.

    Scanning the sizes in the given (shuffled) order and keeping the first way to reach a sum
    makes the chosen groups a function of the shuffle, i.e. of the seed. `widest` replaces a
    sum's subset by a later one only when that one has more groups.
    """
    reach: dict[int, tuple[int, ...]] = {0: ()}
    for index, size in enumerate(sizes):
        for total, subset in sorted(reach.items()):
            new = total + size
            if new <= limit and (new not in reach or (widest and len(subset) + 1 > len(reach[new]))):
                reach[new] = (*subset, index)
    return reach


def _closest_counts(reachable: dict[Hashable, list[int]], ideal: dict[Hashable, float], total: int) -> dict:
    """Per-stratum counts from the reachable sets, summing to `total`, closest to `ideal`."""
    strata = sorted(reachable)
    best: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
    for stratum in strata:
        step: dict[int, tuple[float, tuple[int, ...]]] = {}
        for running, (cost, chosen) in sorted(best.items()):
            for count in sorted(reachable[stratum]):
                new = running + count
                if new > total:
                    break
                candidate = (cost + (count - ideal[stratum]) ** 2, (*chosen, count))
                if new not in step or candidate < step[new]:
                    step[new] = candidate
        best = step
    if total not in best:
        raise SplitError(f"no combination of whole template groups adds up to {total} units")
    return dict(zip(strata, best[total][1]))


def grouped_split(
    units: Sequence[Unit],
    group_of: Callable[[Unit], str],
    stratum_of: Callable[[Unit], str],
    plan: Sequence[tuple[str, dict[str, int] | int]],
    rest: str,
    seed: int,
    widest: bool = False,
) -> dict[str, list[Unit]]:
    """Partition `units` into the splits of `plan` (filled in order) plus `rest`.

    `plan` entries are (split name, exact per-stratum counts) or (split name, total count).
    Each group must lie in one stratum. Units keep their input order inside every split.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        groups[group_of(unit)].append(index)
    stratum_of_group: dict[str, str] = {}
    for group, members in groups.items():
        strata = sorted({stratum_of(units[i]) for i in members})
        if len(strata) != 1:
            raise SplitError(f"template group {group!r} spans several strata {strata}; a group must lie in one")
        stratum_of_group[group] = strata[0]
    pool_size: dict[str, int] = defaultdict(int)
    for group, members in groups.items():
        pool_size[stratum_of_group[group]] += len(members)

    rng = random.Random(seed)
    free = sorted(groups)
    assigned: dict[str, str] = {}
    for split, target in plan:
        by_stratum: dict[str, list[str]] = defaultdict(list)
        for group in free:
            by_stratum[stratum_of_group[group]].append(group)
        for stratum in sorted(by_stratum):
            rng.shuffle(by_stratum[stratum])
        limit = target if isinstance(target, int) else max(target.values(), default=0)
        reach = {s: _subset_sums([len(groups[g]) for g in by_stratum[s]], limit, widest) for s in sorted(by_stratum)}
        if isinstance(target, int):
            n_all = sum(pool_size.values())
            ideal = {s: pool_size[s] * target / n_all for s in reach}
            counts = _closest_counts({s: list(r) for s, r in reach.items()}, ideal, target)
        else:
            counts = target
        for stratum, count in sorted(counts.items()):
            if count not in reach.get(stratum, {0: ()}):
                sizes = sorted(len(groups[g]) for g in by_stratum.get(stratum, []))
                raise SplitError(
                    f"split {split!r}: {count} {stratum} units cannot be made of whole template groups "
                    f"(free group sizes {sizes})"
                )
            for index in reach.get(stratum, {0: ()})[count]:
                assigned[by_stratum[stratum][index]] = split
        free = [g for g in free if g not in assigned]
    out: dict[str, list[Unit]] = {split: [] for split, _ in plan}
    out[rest] = []
    for unit in units:
        out[assigned.get(group_of(unit), rest)].append(unit)
    return out


def counts_by(units: Sequence[Unit], key: Callable[[Unit], str]) -> dict[str, int]:
    """Sorted {value: count}, the form the count tables and tests compare."""
    counts: dict[str, int] = defaultdict(int)
    for unit in units:
        counts[key(unit)] += 1
    return dict(sorted(counts.items()))
