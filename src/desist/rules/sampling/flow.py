"""How many cases to take from each officer in each stratum under the per-officer cap:
greedy, then augmenting paths (a max-flow over strata → officers → cap)."""

from __future__ import annotations

import heapq
import math
from collections import deque


def _plan(
    demand: dict[str, int],
    available: dict[str, dict[str, int]],
    load: dict[str, int],
    cap: int | None,
    tiebreak: dict[str, float],
) -> dict[str, dict[str, int]]:
    """How many cases to take from each officer in each stratum.

    Greedy first (the officer with the fewest cases so far), then augmenting paths — a
    max-flow over strata → officers → cap — to recover any stratum the greedy order starved.
    """
    limit = math.inf if cap is None else cap
    take: dict[str, dict[str, int]] = {h: {} for h in demand}
    drawn = dict.fromkeys(demand, 0)
    for h in sorted(demand):
        heap = [
            (load.get(o, 0), tiebreak[o], o)
            for o, n in available[h].items()
            if n > 0 and load.get(o, 0) < limit
        ]
        heapq.heapify(heap)
        while drawn[h] < demand[h] and heap:
            _, key, o = heapq.heappop(heap)
            take[h][o] = take[h].get(o, 0) + 1
            load[o] = load.get(o, 0) + 1
            drawn[h] += 1
            if take[h][o] < available[h][o] and load[o] < limit:
                heapq.heappush(heap, (load[o], key, o))

    if cap is not None and any(drawn[h] < demand[h] for h in demand):
        strata_of: dict[str, list[str]] = {}
        for h in sorted(available):
            for o in sorted(available[h], key=tiebreak.__getitem__):
                strata_of.setdefault(o, []).append(h)
        for h in sorted(demand):
            while drawn[h] < demand[h] and _augment(h, available, take, load, cap, strata_of):
                drawn[h] += 1
    return take


def _augment(
    start: str,
    available: dict[str, dict[str, int]],
    take: dict[str, dict[str, int]],
    load: dict[str, int],
    cap: int,
    strata_of: dict[str, list[str]],
) -> bool:
    """One augmenting path from ``start`` to an officer under the cap; True if found."""
    parent: dict[tuple[str, str], tuple[str, str] | None] = {("s", start): None}
    queue = deque([("s", start)])
    while queue:
        kind, node = queue.popleft()
        if kind == "s":
            for o in sorted(available.get(node, {})):
                if take[node].get(o, 0) < available[node][o] and ("o", o) not in parent:
                    parent[("o", o)] = (kind, node)
                    if load.get(o, 0) < cap:
                        _apply(("o", o), parent, take, load)
                        return True
                    queue.append(("o", o))
        else:
            for h in strata_of.get(node, ()):
                if take.get(h, {}).get(node, 0) > 0 and ("s", h) not in parent:
                    parent[("s", h)] = (kind, node)
                    queue.append(("s", h))
    return False


def _apply(end, parent, take, load) -> None:
    load[end[1]] = load.get(end[1], 0) + 1
    node = end
    while parent[node] is not None:
        prev = parent[node]
        if prev[0] == "s":  # stratum → officer: take one more from this officer
            take[prev[1]][node[1]] = take[prev[1]].get(node[1], 0) + 1
        else:  # officer → stratum: that stratum gives this officer's case back
            take[node[1]][prev[1]] -= 1
        node = prev
