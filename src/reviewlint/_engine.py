"""The linter: compile packs once, check many cases, collect findings into reports."""

from __future__ import annotations

import difflib
import fnmatch
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ._case_view import CaseView, Notice, agencies_of
from ._compiled import CompiledPack, CompiledRule, compile_pack
from ._config import Config
from ._dates import RecordedDate
from ._errors import ConfigError, InputError, ReviewlintError
from ._findings import (
    CaseErrorRecord,
    Evidence,
    Finding,
    NoticeRecord,
    PackInfo,
    Report,
    fingerprint,
)
from ._loaders import TableMapping, iter_cases
from ._model import Case
from ._packs._loader import resolve_pack
from ._packs._schema import Severity
from ._render import render_template
from ._selectors import Matcher
from .detectors._api import Hit, RuleContext

MAX_NOTICE_CASES = 20


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, RecordedDate):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass
class _RunNotices:
    """Notices gathered over a run, reported once each with how often they occurred."""

    counts: Counter[tuple[str, str, str | None]] = field(default_factory=Counter)
    cases: dict[tuple[str, str, str | None], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, notice: Notice, times: int = 1) -> None:
        key = (notice.code, notice.message, notice.rule_id)
        self.counts[key] += times
        seen = self.cases[key]
        if notice.case_id and len(seen) < MAX_NOTICE_CASES and notice.case_id not in seen:
            seen.append(notice.case_id)

    def records(self) -> list[NoticeRecord]:
        return [
            NoticeRecord(code=c, message=m, rule_id=r, count=n, cases=self.cases[(c, m, r)])
            for (c, m, r), n in sorted(
                self.counts.items(), key=lambda kv: (*kv[0][:2], kv[0][2] or "")
            )
        ]


class Linter:
    """Checks cases against rule packs. Build it once; check as many cases as you like.

    Args:
        packs: pack ids (``"scr-core"``), paths to pack files or directories,
            or already-compiled packs. Default: the packs named in ``config``,
            else ``scr-core``.
        config: project configuration (selection, severity overrides, ...).
        select: rule ids, themes or glob patterns to keep (default: all).
        ignore: rule ids, themes or glob patterns to drop.
        allowed_roots: directories ``extends:`` may read packs from.
    """

    def __init__(
        self,
        packs: Iterable[str | Path | CompiledPack] | None = None,
        *,
        config: Config | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        allowed_roots: list[Path] | None = None,
    ) -> None:
        self.config = config or Config()
        refs = list(packs) if packs is not None else list(self.config.packs or ["scr-core"])
        self.packs: list[CompiledPack] = [
            p
            if isinstance(p, CompiledPack)
            else compile_pack(resolve_pack(p, allowed_roots=allowed_roots))
            for p in refs
        ]
        self._select = list(select) if select is not None else list(self.config.select)
        self._ignore = list(ignore) if ignore is not None else list(self.config.ignore)
        self._check_patterns()
        self._rules: list[tuple[CompiledPack, list[CompiledRule]]] = [
            (pack, [r for r in pack.rules if self._wanted(r)]) for pack in self.packs
        ]
        # Kept on the linter, not written onto the rules: a compiled pack may be
        # shared by linters with different configurations.
        self._severity = {
            r.id: self.config.severity.get(r.id, r.severity)
            for _, rules in self._rules
            for r in rules
        }

    def _check_patterns(self) -> None:
        known = {r.id for p in self.packs for r in p.rules} | {
            r.spec.theme for p in self.packs for r in p.rules
        }
        for label, patterns in (("select", self._select), ("ignore", self._ignore)):
            for pattern in patterns:
                if not any(fnmatch.fnmatchcase(k, pattern) for k in known):
                    close = difflib.get_close_matches(pattern, sorted(known), n=1)
                    hint = f" — did you mean {close[0]!r}?" if close else ""
                    raise ConfigError(
                        f"{pattern!r} matches no rule id or theme of the loaded packs{hint}",
                        field=label,
                    )
        for rule_id in self.config.severity:
            if not any(r.id == rule_id for p in self.packs for r in p.rules):
                raise ConfigError(
                    f"{rule_id!r} is not a rule of the loaded packs", field="severity"
                )

    def severity_of(self, rule: CompiledRule) -> Severity:
        """The severity this linter gives a rule (after configuration overrides)."""
        return self._severity.get(rule.id, rule.severity)

    def _wanted(self, rule: CompiledRule) -> bool:
        if not rule.spec.enabled:
            return False

        def hit(patterns: list[str]) -> bool:
            return any(
                fnmatch.fnmatchcase(rule.id, p) or fnmatch.fnmatchcase(rule.spec.theme, p)
                for p in patterns
            )

        if self._select and not hit(self._select):
            return False
        return not hit(self._ignore)

    @property
    def rules(self) -> list[CompiledRule]:
        """The rules this linter runs, in pack order."""
        return [r for _, rules in self._rules for r in rules]

    # -- checking -----------------------------------------------------------

    def findings(self, case: Case, notices: list[Notice] | None = None) -> list[Finding]:
        """Run every rule on one case and return its findings in report order."""
        found: list[Finding] = []
        for pack, rules in self._rules:
            view = CaseView(case, pack)
            for rule in rules:
                ctx = RuleContext(view, rule.id, rule.matchers, rule.where)
                for hit in rule.detector.function(ctx, rule.params):
                    found.append(self._finding(rule, view, hit))
            if notices is not None:
                notices.extend(view.notices)
                notices.extend(_vocabulary_notices(view))
        found.sort(key=Finding.sort_key)
        return found

    def check(self, case: Case) -> Report:
        """Check one case."""
        return self.check_many([case])

    def check_many(self, cases: Iterable[Case | InputError]) -> Report:
        """Check many cases (errors in the stream are recorded, and the batch goes on)."""
        started = time.perf_counter()
        report = Report(
            packs=[PackInfo(id=p.id, version=p.version, rules=len(r)) for p, r in self._rules]
        )
        notices = _RunNotices()
        extras: Counter[str] = Counter()
        for item in cases:
            if isinstance(item, InputError):
                report.errors.append(_error_record(item))
                continue
            raw: list[Notice] = []
            try:
                found = self.findings(item, raw)
            except ReviewlintError as exc:
                report.errors.append(
                    CaseErrorRecord(message=str(exc), case_id=item.case_id, path=item.source)
                )
                continue
            except Exception as exc:  # a detector bug must not end a nightly batch
                # Only the exception type: its text could quote the case's contents.
                report.errors.append(
                    CaseErrorRecord(
                        message=f"internal error while checking this case ({type(exc).__name__});"
                        " the other cases were checked; please report it",
                        case_id=item.case_id,
                        path=item.source,
                    )
                )
                continue
            report.findings.extend(found)
            report.cases_checked += 1
            report.entries_checked += len(item.entries)
            for notice in raw:
                notices.add(notice)
            _count_extras(item, extras)
        for key, n in sorted(extras.items()):
            record, name = key.split(":", 1)
            notices.add(
                Notice(
                    "unknown-field",
                    f"{record} field {name!r} is not part of the case format; it is kept "
                    "and rules can read it as 'extra'",
                ),
                times=n,
            )
        report.notices = notices.records()
        report.timing["check_seconds"] = round(time.perf_counter() - started, 6)
        return report

    def check_paths(
        self,
        paths: str | Path | Iterable[str | Path],
        *,
        dayfirst: bool | None = None,
        mapping: TableMapping | None = None,
        people: str | Path | None = None,
    ) -> Report:
        """Read and check every case under the paths; unreadable cases become report errors."""
        first = self.config.dayfirst if dayfirst is None else dayfirst
        return self.check_many(
            iter_cases(paths, dayfirst=first, mapping=mapping or self.config.table, people=people)
        )

    def iter_findings(self, cases: Iterable[Case]) -> Iterator[Finding]:
        """Findings case by case, for streaming callers that do not want a report."""
        for case in cases:
            yield from self.findings(case)

    # -- building findings --------------------------------------------------

    def _finding(self, rule: CompiledRule, view: CaseView, hit: Hit) -> Finding:
        evidence: list[Evidence] = []
        words: list[str] = []
        if hit.highlight is not None:
            chosen = [rule.matchers.get(id(sel)) for sel in hit.highlight]
            matchers = [m for m in chosen if isinstance(m, Matcher)]
        else:
            matchers = [m for m in rule.matchers.values() if isinstance(m, Matcher)]
            if rule.where is not None:
                matchers.append(rule.where)
        for entry in hit.entries:
            e = entry.entry
            base: dict[str, Any] = {
                "entry_id": e.id,
                "agency": e.agency or None,
                "date": str(e.date) if e.date is not None else None,
            }
            # Only conditions this entry satisfies explain why it is evidence.
            spans = {
                (s.field, s.start, s.end, s.concept or ""): s
                for m in matchers
                if view.matched(m, entry)
                for s in view.spans(m, entry)
            }
            if not spans:
                evidence.append(Evidence.model_construct(**base))
            for _, span in sorted(spans.items()):
                words.append(span.text)
                evidence.append(
                    Evidence.model_construct(
                        **base,
                        field=span.field,
                        start=span.start,
                        end=span.end,
                        text=span.text,
                        concept=span.concept,
                    )
                )
        for pid in hit.people:
            evidence.append(Evidence.model_construct(person_id=pid))
        values = self._values(view, hit)
        entry_ids = [e.entry.id for e in hit.entries]
        # Built from values the engine already checked, so validation is skipped.
        finding = Finding.model_construct(
            rule_id=rule.id,
            pack=rule.pack_id,
            pack_version=rule.pack_version,
            theme=rule.spec.theme,
            severity=self.severity_of(rule),
            title=rule.spec.title,
            message=render_template(rule.spec.message, values),
            case_id=view.case_id,
            evidence=evidence,
            confidence=hit.confidence,
            guidance=rule.spec.guidance,
            fingerprint=fingerprint(
                rule.id, view.case_id, entry_ids, list(hit.people), words, hit.key
            ),
            data={k: _plain(v) for k, v in values.items()},
        )
        finding._order = hit.entries[0].index if hit.entries else -1
        return finding

    @staticmethod
    def _values(view: CaseView, hit: Hit) -> dict[str, Any]:
        entries = hit.entries
        dates = [e.date for e in entries if e.date is not None]
        agencies = list(dict.fromkeys(e.entry.agency for e in entries if e.entry.agency))
        people = [view.people[p] for p in hit.people if p in view.people]
        subjects = view.subjects
        values: dict[str, Any] = {
            "case_id": view.case_id,
            "count": len(entries),
            "entries": [e.entry.id for e in entries],
            "agencies": agencies,
            "agency_count": len(agencies_of(entries)),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "people": [p.describe() for p in people],
            "subject": subjects[0].describe() if subjects else "the child",
        }
        if entries:
            first = entries[0]
            values.update(
                entry_id=first.entry.id,
                date=first.date,
                agency=first.entry.agency,
                type=first.entry.type,
            )
        values.update(hit.values)
        return values


def _count_extras(case: Case, extras: Counter[str]) -> None:
    for name in case.model_extra or {}:
        extras[f"case:{name}"] += 1
    for person in case.all_people:
        for name in person.model_extra or {}:
            extras[f"person:{name}"] += 1
    for entry in case.entries:
        for name in entry.model_extra or {}:
            extras[f"entry:{name}"] += 1


def _vocabulary_notices(view: CaseView) -> list[Notice]:
    out: list[Notice] = []
    seen: set[tuple[str, str]] = set()
    pack = view.pack.id

    def unmapped(kind: str, label: str, recorded: str) -> None:
        key = (kind, recorded.casefold().strip())
        if not recorded.strip() or key in seen:
            return
        seen.add(key)
        out.append(
            Notice(
                "unmapped-value",
                f"{label} {recorded.strip()!r} is not in the vocabulary of pack {pack!r}; map it "
                f"in a local pack (vocabularies.{kind}) so rules can use it",
                view.case_id,
            )
        )

    for entry in view.entries:
        if entry.agency.term is None:
            unmapped("agency", "agency", entry.entry.agency)
        if entry.type.term is None:
            unmapped("entry_type", "entry type", entry.entry.type)
        for name in entry.entry.shared_with:
            if view.pack.vocab["agency"].normalise(name).term is None:
                # shared_with often names a person ('Dr Patel'): say where, not what.
                key = ("shared_with", entry.id)
                if key not in seen:
                    seen.add(key)
                    out.append(
                        Notice(
                            "unmapped-value",
                            f"entry {entry.id!r}: a 'shared_with' value is not an agency of "
                            f"pack {pack!r}'s vocabulary, so rules cannot see that sharing",
                            view.case_id,
                        )
                    )
    for person in view.people.values():
        if person.role.term is None and person.role.recorded:
            unmapped("role", "role", person.role.recorded)
    return out


def _error_record(exc: InputError) -> CaseErrorRecord:
    return CaseErrorRecord(
        message=exc.message,
        path=str(exc.path) if exc.path else None,
        line=exc.line,
        case_id=exc.case_id,
        entry_id=exc.entry_id,
        person_id=exc.person_id,
        field=exc.field,
        problems=[{k: v for k, v in vars(p).items() if v is not None} for p in exc.problems],
    )
