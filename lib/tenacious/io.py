"""Deterministic, atomic file I/O: stable JSON, JSONL with line-precise errors, SHA-256."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


class InputError(ValueError):
    """Bad input file content; the message names the file, the line and the field."""


def stable_json(obj: Any, indent: int | None = 2) -> str:
    """Byte-stable JSON: sorted keys, UTF-8, trailing newline when indented."""
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, indent=indent)
    return text + "\n" if indent is not None else text


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, stable_json(obj))


def read_json(path: Path) -> Any:
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from exc


def write_jsonl(path: Path, records: Iterable[dict], validate: Callable[[dict], None] | None = None) -> int:
    """Validate every record first, then write all of them atomically; returns the count."""
    lines = []
    for i, rec in enumerate(records, start=1):
        if validate is not None:
            try:
                validate(rec)
            except Exception as exc:  # re-raised with the record position
                raise InputError(f"{path}: record {i}: {exc}") from exc
        lines.append(stable_json(rec, indent=None))
    atomic_write_text(path, "".join(line + "\n" for line in lines))
    return len(lines)


def parse_jsonl(text: str, name: str) -> list[tuple[int, dict]]:
    """(line number, record) for every non-blank line; a malformed line raises InputError naming `name:line`."""
    out = []
    for lineno, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 may sit inside a string
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{lineno}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(rec, dict):
            raise InputError(f"{name}:{lineno}: expected a JSON object, got {type(rec).__name__}")
        out.append((lineno, rec))
    return out


def read_jsonl(path: Path, validate: Callable[[dict], None] | None = None) -> list[dict]:
    """Read JSONL; a malformed or invalid line raises InputError naming the file and the line number."""
    path = Path(path)
    out = []
    for lineno, rec in parse_jsonl(path.read_text(encoding="utf-8"), str(path)):
        if validate is not None:
            try:
                validate(rec)
            except Exception as exc:
                raise InputError(f"{path}:{lineno}: {exc}") from exc
        out.append(rec)
    return out


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
