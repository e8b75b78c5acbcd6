"""Reading cases from files: one entry point, :func:`iter_cases`, for every format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Literal, overload

from .._errors import InputError
from .._model import Case
from ._build import build_case
from ._json import iter_json_file, iter_jsonl_file
from ._tabular import TableMapping, iter_csv_file, iter_xlsx_file

__all__ = ["CASE_SUFFIXES", "TableMapping", "build_case", "iter_cases", "load"]

CASE_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".xlsx")


def _files_in(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        # Hidden files and folders (.git, editor backups) are never case files.
        if not path.is_file() or any(p.startswith(".") for p in path.relative_to(directory).parts):
            continue
        if path.name.lower().endswith(".people.csv"):
            continue  # read together with its chronology
        if path.suffix.lower() in CASE_SUFFIXES:
            yield path


def _iter_path(
    path: Path,
    *,
    dayfirst: bool,
    today: date | None,
    mapping: TableMapping | None,
    people: Path | None,
) -> Iterator[Case | InputError]:
    if path.is_dir():
        found = False
        for child in _files_in(path):
            found = True
            yield from _iter_path(
                child, dayfirst=dayfirst, today=today, mapping=mapping, people=None
            )
        if not found:
            yield InputError(
                "no case files in this directory (looked for " + ", ".join(CASE_SUFFIXES) + ")",
                path=path,
            )
        return
    if not path.exists():
        yield InputError("no such file or directory", path=path)
        return
    suffix = path.suffix.lower()
    if suffix == ".json":
        yield from iter_json_file(path, dayfirst=dayfirst, today=today)
    elif suffix in (".jsonl", ".ndjson"):
        yield from iter_jsonl_file(path, dayfirst=dayfirst, today=today)
    elif suffix == ".csv":
        yield from iter_csv_file(
            path, mapping=mapping, people=people, dayfirst=dayfirst, today=today
        )
    elif suffix == ".xlsx":
        yield from iter_xlsx_file(path, mapping=mapping, dayfirst=dayfirst, today=today)
    else:
        yield InputError("unknown file type: expected " + ", ".join(CASE_SUFFIXES), path=path)


def iter_cases(
    paths: str | Path | Iterable[str | Path],
    *,
    dayfirst: bool = True,
    today: date | None = None,
    mapping: TableMapping | None = None,
    people: str | Path | None = None,
) -> Iterator[Case | InputError]:
    """Yield each case, or the error that stopped it being read, in input order.

    A bad case does not end the stream: its :class:`InputError` takes its
    place and reading goes on. Directories are walked in sorted order.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in paths:
        yield from _iter_path(
            Path(path),
            dayfirst=dayfirst,
            today=today,
            mapping=mapping,
            people=Path(people) if people is not None else None,
        )


@overload
def load(
    paths: str | Path | Iterable[str | Path],
    *,
    dayfirst: bool = ...,
    today: date | None = ...,
    mapping: TableMapping | None = ...,
    people: str | Path | None = ...,
    errors: Literal["raise"] = ...,
) -> Iterator[Case]: ...
@overload
def load(
    paths: str | Path | Iterable[str | Path],
    *,
    dayfirst: bool = ...,
    today: date | None = ...,
    mapping: TableMapping | None = ...,
    people: str | Path | None = ...,
    errors: Literal["yield"],
) -> Iterator[Case | InputError]: ...
def load(
    paths: str | Path | Iterable[str | Path],
    *,
    dayfirst: bool = True,
    today: date | None = None,
    mapping: TableMapping | None = None,
    people: str | Path | None = None,
    errors: Literal["raise", "yield"] = "raise",
) -> Iterator[Case] | Iterator[Case | InputError]:
    """Read cases from files or directories (JSON, JSON Lines, CSV, XLSX).

    Args:
        paths: a file, a directory (walked recursively), or several of them.
        dayfirst: read ``04/03/2016`` as 4 March (the UK default); False for month-first.
        today: the date two-digit years are resolved against (default: today).
        mapping: header mapping for CSV/XLSX chronologies (default: built-in profile).
        people: a people CSV to read with a chronology CSV (default ``<name>.people.csv``).
        errors: ``"raise"`` stops at the first unreadable case with an
            :class:`~reviewlint.InputError`; ``"yield"`` yields the error in
            the case's place and carries on.

    Yields:
        Cases in input order (JSON Lines and directories are streamed).
    """
    stream = iter_cases(paths, dayfirst=dayfirst, today=today, mapping=mapping, people=people)
    if errors == "yield":
        return stream
    return _raise_first(stream)


def _raise_first(stream: Iterator[Case | InputError]) -> Iterator[Case]:
    for item in stream:
        if isinstance(item, InputError):
            raise item
        yield item
