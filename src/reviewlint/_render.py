"""Text output: message templates, and the human-readable report."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from ._dates import RecordedDate

if TYPE_CHECKING:
    from ._findings import Report

# The one definition of message placeholders: {name}; {{ and }} are literal braces.
PLACEHOLDER_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_]*)\}")
_ANY_BRACES = re.compile(r"\{([^{}]*)\}")


def placeholders(template: str) -> list[str]:
    """What each ``{...}`` in a message template holds (escaped braces ignored)."""
    return _ANY_BRACES.findall(template.replace("{{", "").replace("}}", ""))


def format_value(value: Any) -> str:
    """How a value reads inside a sentence: UK dates, 'a, b and c' lists."""
    if isinstance(value, RecordedDate):
        if value.is_exact:
            return value.earliest.strftime("%d/%m/%Y")
        return str(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (list, tuple)):
        items = [format_value(v) for v in value]
        if not items:
            return "none"
        if len(items) == 1:
            return items[0]
        return ", ".join(items[:-1]) + " and " + items[-1]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None:
        return "unknown"
    return str(value)


def render_template(template: str, values: dict[str, Any]) -> str:
    """Fill ``{name}`` placeholders; ``{{`` and ``}}`` are literal braces.

    Only plain names are substituted (never attribute or index access), so a
    pack's message cannot reach into Python objects.
    """

    def replace(m: re.Match[str]) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        return format_value(values.get(m.group(1)))

    return _PLACEHOLDER.sub(replace, template)


_COLOURS = {"high": "\033[31m", "medium": "\033[33m", "low": "\033[36m", "info": "\033[2m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def render_text(report: Report, *, color: bool = False) -> str:
    """The report grouped by case, one block per finding with its evidence lines."""
    lines: list[str] = []

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    current = None
    for f in report.findings:
        if f.case_id != current:
            if current is not None:
                lines.append("")
            current = f.case_id
            lines.append(paint(f"case {f.case_id}", _BOLD))
        sev = paint(f"{f.severity.value:<6}", _COLOURS[f.severity.value])
        lines.append(f"  {sev} {f.rule_id} [{f.theme}] {f.message}")
        for ev in f.evidence:
            if ev.entry_id:
                where = f"entry {ev.entry_id}"
                if ev.date:
                    where += f" {ev.date}"
                if ev.agency:
                    where += f" ({ev.agency})"
                if ev.text is not None:
                    where += f": {ev.field}[{ev.start}:{ev.end}] {ev.text!r}"
                lines.append(f"         - {where}")
            elif ev.person_id:
                lines.append(f"         - person {ev.person_id}")
    if report.errors:
        lines.append("")
        lines.append(paint("errors", _BOLD))
        for e in report.errors:
            where = ":".join(str(x) for x in (e.path, e.line) if x is not None)
            ids = ", ".join(
                f"{k} {v!r}"
                for k, v in (
                    ("case", e.case_id),
                    ("entry", e.entry_id),
                    ("person", e.person_id),
                    ("field", e.field),
                )
                if v
            )
            lines.append(f"  {where}{': ' if where else ''}{ids}{': ' if ids else ''}{e.message}")
            for p in e.problems if len(e.problems) > 1 else []:
                bits = ", ".join(
                    f"{k.removesuffix('_id')} {v!r}" for k, v in p.items() if k != "message"
                )
                lines.append(f"    - {bits}: {p.get('message')}")
    if report.notices:
        lines.append("")
        lines.append(paint("notices", _BOLD))
        for n in report.notices:
            times = f" ({n.count}x)" if n.count > 1 else ""
            lines.append(f"  {n.code}: {n.message}{times}")
    counts = report.counts["severity"]
    found = _plural(len(report.findings), "finding")
    if counts:
        found += " (" + ", ".join(f"{n} {s}" for s, n in counts.items()) + ")"
    lines.append("")
    lines.append(
        f"{found} in {_plural(report.cases_checked, 'case')} "
        f"({_plural(report.entries_checked, 'entry', 'entries')}); "
        f"{len(report.errors)} unreadable"
    )
    return "\n".join(lines)
