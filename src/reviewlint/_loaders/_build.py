"""Turn one decoded case object into a :class:`Case`, or a precise error.

Pydantic reports locations as index paths (``entries.3.date``); auditors
need ids (``entry 'e4', field 'date'``) and file lines, so this module
translates one into the other. Input values never reach the message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._errors import CaseFormatError, Problem
from .._model import Case

# Given an index path into the decoded file (e.g. (2, "entries", 5)), the line
# it starts on. Computing it is slow, so it is only done when something failed.
LineLocator = Callable[[Sequence[str | int]], int | None]


def _case_id_of(data: Any) -> str | None:
    if isinstance(data, dict):
        cid = data.get("case_id")
        if isinstance(cid, (str, int)):
            return str(cid)
    return None


def _id_at(data: Any, key: str, index: Any) -> str | None:
    try:
        item = data[key][index]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(item, dict) and isinstance(item.get("id"), (str, int)):
        return str(item["id"])
    return None


def _is_branch_tag(step: Any) -> bool:
    # pydantic names the union branch tried: "str", or the model's validator
    # chain, e.g. "function-after[_needs_a_name(), InlinePerson]".
    return isinstance(step, str) and (step == "str" or "InlinePerson" in step)


def _problem_from(
    data: Any,
    loc: tuple[str | int, ...],
    message: str,
    locate: LineLocator | None,
    prefix: Sequence[str | int],
) -> Problem | None:
    """The located problem, or None for an error that only restates another one."""
    entry_id = person_id = None
    field_parts: list[str] = []
    record_loc: tuple[str | int, ...] = ()
    rest = list(loc)
    if len(rest) >= 2 and rest[0] == "entries" and isinstance(rest[1], int):
        entry_id = _id_at(data, "entries", rest[1]) or f"#{rest[1] + 1}"
        record_loc = (rest[0], rest[1])
        rest = rest[2:]
        if len(rest) >= 2 and rest[0] == "people" and isinstance(rest[1], int):
            ref = data["entries"][record_loc[1]]
            inline_id = _id_at(ref, "people", rest[1])
            person_id = inline_id or f"{entry_id}#p{rest[1] + 1}"
            record_loc = (*record_loc, "people", rest[1])
            rest = rest[2:]
            # A union (id or inline person) puts the branch name in the path.
            if rest and _is_branch_tag(rest[0]):
                item = ref["people"][record_loc[3]] if isinstance(ref, dict) else None
                if isinstance(item, dict) and rest[0] == "str":
                    return None  # an object is an inline person; "not a string" is noise
                rest = rest[1:]
                if not isinstance(item, dict):
                    # Neither branch fits: one problem about the list item, not two.
                    message = "expected a person id (text) or a person object"
                    person_id, record_loc, rest = None, record_loc[:2], ["people"]
    elif len(rest) >= 2 and rest[0] == "people" and isinstance(rest[1], int):
        person_id = _id_at(data, "people", rest[1]) or f"#{rest[1] + 1}"
        record_loc = (rest[0], rest[1])
        rest = rest[2:]
    field_parts = [str(p) for p in rest]
    line = locate((*prefix, *record_loc)) if locate is not None else None
    return Problem(
        message=message,
        field=".".join(field_parts) or None,
        entry_id=entry_id,
        person_id=person_id,
        line=line,
    )


def _clean(msg: str) -> str:
    # pydantic prefixes our own ValueErrors; the prefix helps nobody.
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return msg[len(prefix) :]
    return msg


def build_case(
    data: Any,
    *,
    path: Path | None = None,
    line: int | None = None,
    locate: LineLocator | None = None,
    prefix: Sequence[str | int] = (),
    dayfirst: bool = True,
    today: date | None = None,
) -> Case:
    """Validate one decoded case object, raising :class:`CaseFormatError` with locations."""
    case_id = _case_id_of(data)
    if not isinstance(data, dict):
        raise CaseFormatError(
            "a case must be a JSON object with 'case_id' and 'entries'",
            path=path,
            line=line if line is not None else (locate(prefix) if locate else None),
        )
    try:
        case = Case.model_validate(data, context={"dayfirst": dayfirst, "today": today})
    except ValidationError as exc:
        problems: list[Problem] = []
        for err in exc.errors(include_input=False, include_url=False):
            problem = _problem_from(data, tuple(err["loc"]), _clean(err["msg"]), locate, prefix)
            if problem is not None and problem not in problems:
                problems.append(problem)
        raise _combine(problems, path, line, case_id) from None
    except CaseFormatError as exc:
        # Link problems (duplicate or unknown ids) found after field validation.
        repeats: dict[tuple[str | None, str | None], int] = {}
        for i, p in enumerate(exc.problems):
            if p.line is None and locate is not None:
                # A repeated id (field 'id') is located at its repeat, not its first use.
                nth = 0
                if p.field == "id":
                    key = (p.entry_id, p.person_id)
                    nth = repeats[key] = repeats.get(key, 0) + 1
                exc.problems[i] = Problem(
                    p.message,
                    p.field,
                    p.entry_id,
                    p.person_id,
                    _line_of_id(data, p, locate, prefix, nth),
                )
        raise _combine(exc.problems, path, line, case_id) from None
    if path is not None:
        case._source = f"{path}:{line}" if line is not None else str(path)
    if line is not None:
        case._line = line
    return case


def _line_of_id(
    data: dict[str, Any],
    p: Problem,
    locate: LineLocator,
    prefix: Sequence[str | int],
    nth: int = 0,
) -> int | None:
    """The line of the record with the problem's id: its ``nth`` use (0 = first), or the last."""
    key, wanted = ("entries", p.entry_id) if p.entry_id else ("people", p.person_id)
    if wanted is None:
        return None
    found = [
        i
        for i, item in enumerate(data.get(key) or ())
        if isinstance(item, dict) and str(item.get("id")) == wanted
    ]
    if not found:
        return None
    return locate((*prefix, key, found[min(nth, len(found) - 1)]))


def _combine(
    problems: list[Problem], path: Path | None, line: int | None, case_id: str | None
) -> CaseFormatError:
    first = problems[0]
    many = len(problems) > 1
    return CaseFormatError(
        f"{len(problems)} problems in this case" if many else first.message,
        path=path,
        line=line if line is not None else first.line,
        case_id=case_id,
        entry_id=None if many else first.entry_id,
        person_id=None if many else first.person_id,
        field=None if many else first.field,
        problems=problems,
    )
