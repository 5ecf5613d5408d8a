"""Hashing and verification of the audit chain. Pure functions over plain values."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64


def row_hash(prev_hash: str, fields: Mapping[str, object]) -> str:
    """SHA-256 over the previous hash and this row's content in a canonical JSON form."""
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{prev_hash}|{payload}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainFault:
    seq: int
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        return f"audit row seq {self.seq} (id {self.row_id}): {self.problem}"


def verify(rows: Iterable[tuple[int, int, str, str, Mapping[str, object]]]) -> ChainFault | None:
    """Walk rows ``(id, seq, prev_hash, hash, fields)`` in sequence order; return the first fault."""
    expected_prev = GENESIS
    expected_seq = 1
    for row_id, seq, prev_hash, stored_hash, fields in rows:
        if seq != expected_seq:
            return ChainFault(expected_seq, None, f"row missing (next row found is seq {seq})")
        if prev_hash != expected_prev:
            return ChainFault(seq, row_id, "link to the previous row does not match")
        if row_hash(prev_hash, fields) != stored_hash:
            return ChainFault(seq, row_id, "content does not match its hash (altered)")
        expected_prev = stored_hash
        expected_seq += 1
    return None
