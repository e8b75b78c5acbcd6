"""Findings and reports: what a run found, as plain values.

A :class:`Finding` is a prompt for a human reviewer: which rule, how
serious, a message naming people, agencies and dates, and the exact
evidence (entry and person ids, text spans). Its ``fingerprint`` is built
from the rule, the case and the evidence ids and matched words, never from
positions, so it survives re-ordered files and unrelated edits: baselines
key on it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ._packs._schema import Severity


class Evidence(BaseModel):
    """One piece of evidence: an entry or person, and optionally a span of its text."""

    model_config = ConfigDict(extra="forbid")

    entry_id: str | None = None
    person_id: str | None = None
    agency: str | None = Field(None, description="the agency as recorded")
    date: str | None = Field(None, description="the entry date at its recorded precision")
    field: str | None = Field(None, description="text field the span is in: text or outcome")
    start: int | None = Field(None, description="span start (character offset, inclusive)")
    end: int | None = Field(None, description="span end (character offset, exclusive)")
    text: str | None = Field(None, description="the matched words")
    concept: str | None = None


class Finding(BaseModel):
    """A rule's finding in one case."""

    model_config = ConfigDict(extra="forbid")

    rule_id: str
    pack: str
    pack_version: str
    theme: str
    severity: Severity
    title: str
    message: str
    case_id: str
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float | None = None
    guidance: str = ""
    fingerprint: str = ""
    data: dict[str, Any] = Field(
        default_factory=dict, description="the values the message was built from"
    )

    _order: int = PrivateAttr(default=0)  # date-order position of the first evidence entry

    @property
    def entry_ids(self) -> list[str]:
        """Ids of the entries in the evidence, in order, without repeats."""
        return list(dict.fromkeys(e.entry_id for e in self.evidence if e.entry_id))

    @property
    def person_ids(self) -> list[str]:
        """Ids of the people in the evidence, in order, without repeats."""
        return list(dict.fromkeys(e.person_id for e in self.evidence if e.person_id))

    def sort_key(self) -> tuple[Any, ...]:
        """Case, then first evidence position, then rule: the order reports use."""
        return (self.case_id, self._order, self.rule_id, self.fingerprint)


def fingerprint(
    rule_id: str,
    case_id: str,
    entry_ids: list[str],
    person_ids: list[str],
    words: list[str],
    key: str | None,
) -> str:
    """A stable id for a finding: rule, case, evidence ids and normalised matched words."""
    payload = json.dumps(
        [
            rule_id,
            case_id,
            sorted(set(entry_ids)),
            sorted(set(person_ids)),
            sorted({" ".join(w.casefold().split()) for w in words}),
            key,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


class NoticeRecord(BaseModel):
    """Something the run wants a human to know that is not a finding."""

    code: str
    message: str
    count: int = 1
    cases: list[str] = Field(default_factory=list, description="up to 20 case ids")
    rule_id: str | None = None


class CaseErrorRecord(BaseModel):
    """A case that could not be read or checked; the rest of the batch went on."""

    message: str
    path: str | None = None
    line: int | None = None
    case_id: str | None = None
    entry_id: str | None = None
    person_id: str | None = None
    field: str | None = None
    problems: list[dict[str, Any]] = Field(default_factory=list)


class PackInfo(BaseModel):
    """A pack used in the run."""

    id: str
    version: str
    rules: int


class Report(BaseModel):
    """Everything one run produced: findings, counts, notices, errors, packs and timing."""

    findings: list[Finding] = Field(default_factory=list)
    notices: list[NoticeRecord] = Field(default_factory=list)
    errors: list[CaseErrorRecord] = Field(default_factory=list)
    packs: list[PackInfo] = Field(default_factory=list)
    cases_checked: int = 0
    entries_checked: int = 0
    timing: dict[str, float] = Field(default_factory=dict)

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Finding counts by rule, theme and severity."""
        return {
            "rule": dict(sorted(Counter(f.rule_id for f in self.findings).items())),
            "theme": dict(sorted(Counter(f.theme for f in self.findings).items())),
            "severity": {
                s.value: n
                for s in sorted(Severity, reverse=True)
                if (n := sum(1 for f in self.findings if f.severity == s))
            },
        }

    def at_or_above(self, severity: Severity) -> list[Finding]:
        """Findings of this severity or higher."""
        return [f for f in self.findings if f.severity >= severity]

    def to_dict(self, *, timing: bool = True) -> dict[str, Any]:
        """The report as plain data (the JSON form), with counts included."""
        data = self.model_dump(mode="json", exclude={"timing"} if not timing else None)
        data["counts"] = self.counts
        data["format"] = "reviewlint.findings/1"
        return data

    def to_json(self, *, indent: int | None = 2, timing: bool = True) -> str:
        """The report as JSON (see ``reviewlint schema findings``)."""
        return json.dumps(self.to_dict(timing=timing), indent=indent, ensure_ascii=False)

    def render(self, *, color: bool = False) -> str:
        """A readable text rendering grouped by case, with evidence lines."""
        from ._render import render_text

        return render_text(self, color=color)

    def __str__(self) -> str:
        return self.render()
