"""Keyed hashing and verification of the audit chain. Pure functions over plain values.

Each sealed row carries HMAC-SHA-256(key, previous row's hash | canonical JSON of its content)
and the id of the key (a fingerprint, so no key is stored in the database). Without the key,
which lives outside the database, nobody can rewrite a row and recompute the hashes after it.
Rows sealed before keyed hashing (``LEGACY_KEY_ID``) used plain SHA-256; they are accepted only
as the start of the chain, never after a keyed row.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64
LEGACY_KEY_ID = "sha256"


def key_id(key: str) -> str:
    """A short public fingerprint naming a key, so verification knows which key sealed a row."""
    return hashlib.sha256(f"desist-audit-key|{key}".encode()).hexdigest()[:16]


def _payload(prev_hash: str, fields: Mapping[str, object]) -> bytes:
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return f"{prev_hash}|{body}".encode()


def row_hash(prev_hash: str, fields: Mapping[str, object], key: str | None = None) -> str:
    """HMAC-SHA-256 with ``key``; plain SHA-256 only for legacy rows (``key`` None)."""
    if key is None:
        return hashlib.sha256(_payload(prev_hash, fields)).hexdigest()
    return hmac.new(key.encode(), _payload(prev_hash, fields), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainFault:
    seq: int
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        return f"audit row seq {self.seq} (id {self.row_id}): {self.problem}"


def verify(rows: Iterable[tuple[int, int, str, str, str, Mapping[str, object]]],
           keys: Mapping[str, str]) -> ChainFault | None:
    """Walk rows ``(id, seq, key_id, prev_hash, hash, fields)`` in sequence order.

    ``keys`` maps key ids to keys (the current key and any older ones). Returns the first fault.
    """
    expected_prev = GENESIS
    expected_seq = 1
    keyed_seen = False
    for row_id, seq, row_key_id, prev_hash, stored_hash, fields in rows:
        if seq != expected_seq:
            return ChainFault(expected_seq, None, f"row missing (next row found is seq {seq})")
        if prev_hash != expected_prev:
            return ChainFault(seq, row_id, "link to the previous row does not match")
        if row_key_id == LEGACY_KEY_ID:
            if keyed_seen:
                return ChainFault(seq, row_id, "unkeyed row after keyed rows (rewritten)")
            key = None
        elif row_key_id in keys:
            key, keyed_seen = keys[row_key_id], True
        else:
            return ChainFault(seq, row_id, f"sealed with an unknown key ({row_key_id})")
        if not hmac.compare_digest(row_hash(prev_hash, fields, key), stored_hash):
            return ChainFault(seq, row_id, "content does not match its hash (altered)")
        expected_prev = stored_hash
        expected_seq += 1
    return None
