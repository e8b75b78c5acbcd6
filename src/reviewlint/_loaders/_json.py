"""JSON and JSON Lines case files.

JSON Lines are read one line at a time so memory stays flat however many
cases a file holds. Line numbers inside a JSON document are only needed to
report an error, so they are found then, by a second, position-tracking
parse, instead of slowing down every read.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from datetime import date
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from .._errors import InputError
from .._model import Case
from ._build import build_case


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates)


def decode_text(raw: bytes, path: Path) -> str:
    """Decode a file's bytes as UTF-8 (a BOM is allowed), with a located error if not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "the file is not UTF-8 text (save or export it as UTF-8)", path=path, line=line
        ) from None


def parse_json(text: str, path: Path, line_offset: int = 0) -> Any:
    """Parse JSON text, turning syntax errors and duplicate keys into located errors."""
    try:
        return _DECODER.decode(text)
    except _DuplicateKey as exc:
        raise InputError(
            f"key {exc.key!r} appears twice in one object; a second value would silently "
            "replace the first",
            path=path,
            line=_duplicate_key_line(text, line_offset),
            field=exc.key,
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} (column {exc.colno})",
            path=path,
            line=line_offset + exc.lineno,
        ) from None
    except RecursionError:
        # The decoder recurses once per level of nesting; no case is this deep.
        raise InputError(
            "the JSON is nested too deeply to be a case file",
            path=path,
            line=line_offset + 1 if line_offset else None,
        ) from None


class _PositionDecoder(json.JSONDecoder):
    """A JSON decoder that remembers where each object and array starts."""

    # Set by JSONDecoder.__init__ but missing from its type stubs.
    parse_object: Any
    parse_array: Any

    def __init__(self) -> None:
        super().__init__()
        self.starts: dict[int, int] = {}
        plain_object = self.parse_object
        plain_array = self.parse_array

        def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            obj, end = plain_object(s_and_end, *args)
            self.starts[id(obj)] = s_and_end[1] - 1
            return obj, end

        def parse_array(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            arr, end = plain_array(s_and_end, *args)
            self.starts[id(arr)] = s_and_end[1] - 1
            return arr, end

        self.parse_object = parse_object
        self.parse_array = parse_array
        # The C scanner ignores parse_object; the pure-Python one honours it.
        self.scan_once = py_make_scanner(self)


def _duplicate_key_line(text: str, line_offset: int) -> int | None:
    """The line of the second use of a key repeated in one object (parsing again to find it)."""
    found: list[int] = []
    # Typed loosely: parse_object and scan_once are undocumented decoder attributes.
    decoder: Any = json.JSONDecoder(object_pairs_hook=_no_duplicates)
    plain_object = decoder.parse_object

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> Any:
        s, end = s_and_end
        try:
            return plain_object(s_and_end, *args)
        except _DuplicateKey as exc:
            if not found:  # the innermost object holding the repeat
                found.append(_key_position(s, end, exc.key))
            raise

    decoder.parse_object = parse_object
    # The C scanner ignores parse_object; the pure-Python one honours it.
    decoder.scan_once = py_make_scanner(decoder)
    with contextlib.suppress(ValueError, RecursionError):
        decoder.decode(text)
    if not found:
        return None
    return line_offset + text.count("\n", 0, found[0]) + 1


def _key_position(text: str, start: int, key: str) -> int:
    """Where ``key`` is written a second time among the members of the object at ``start``."""
    values = json.JSONDecoder()  # nested values are skipped whole, repeats and all
    seen = 0
    pos = _skip_ws(text, start)
    while pos < len(text) and text[pos] == '"':
        name, after = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
        if name == key:
            seen += 1
            if seen == 2:
                return pos
        pos = int(after)
        pos = _skip_ws(text, _skip_ws(text, pos) + 1)  # past the ':'
        try:
            _, pos = values.raw_decode(text, pos)
        except ValueError:
            break
        pos = _skip_ws(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return start


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class LineFinder:
    """Find the line on which the value at an index path starts, parsing on first use."""

    def __init__(self, text: str, line_offset: int = 0) -> None:
        self._text = text
        self._offset = line_offset
        self._root: Any = None
        self._starts: dict[int, int] | None = None

    def __call__(self, where: Sequence[str | int]) -> int | None:
        if self._starts is None:
            decoder = _PositionDecoder()
            try:
                self._root = decoder.decode(self._text)
            except (ValueError, RecursionError):
                # The position-tracking parse is pure Python and recurses deeper per
                # level than the C one: a deeply nested file just has no line numbers.
                self._starts = {}
                return None
            self._starts = decoder.starts
        node = self._root
        try:
            for step in where:
                node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
        start = self._starts.get(id(node))
        if start is None:
            return None
        return self._offset + self._text.count("\n", 0, start) + 1


def iter_json_file(
    path: Path, *, dayfirst: bool, today: date | None
) -> Iterator[Case | InputError]:
    """Cases from a JSON file holding one case, a list of cases, or ``{"cases": [...]}``."""
    try:
        text = decode_text(path.read_bytes(), path)
        data = parse_json(text, path)
    except InputError as exc:
        yield exc
        return
    finder = LineFinder(text)
    prefix: tuple[str, ...] | None
    if isinstance(data, dict) and "cases" in data and "entries" not in data:
        items, prefix = data["cases"], ("cases",)
    elif isinstance(data, list):
        items, prefix = data, ()
    else:
        items, prefix = [data], None
    if not isinstance(items, list):
        yield InputError("'cases' must be a list of case objects", path=path, field="cases")
        return
    for index, item in enumerate(items):
        where: tuple[str | int, ...] = () if prefix is None else (*prefix, index)
        try:
            yield build_case(
                item, path=path, locate=finder, prefix=where, dayfirst=dayfirst, today=today
            )
        except InputError as exc:
            if exc.line is None:
                exc.line = finder(where)
            yield exc


def iter_jsonl_file(
    path: Path, *, dayfirst: bool, today: date | None
) -> Iterator[Case | InputError]:
    """Cases from a JSON Lines file, one per line, read as a stream."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot open the file: {exc.strerror}", path=path)
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                text = decode_text(raw, path)
                data = parse_json(text, path, line_offset=number - 1)
                yield build_case(
                    data,
                    path=path,
                    line=number,
                    locate=LineFinder(text, number - 1),
                    dayfirst=dayfirst,
                    today=today,
                )
            except InputError as exc:
                if exc.line is None or exc.line < number:
                    exc.line = number
                yield exc
