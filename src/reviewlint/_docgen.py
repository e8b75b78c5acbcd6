"""Generate the rule reference (``docs/rules/``) from the packs themselves.

Every rule gets a page with a fixed layout (what it finds, why reviews
care, what to do, an example, a near miss, parameters with their defaults),
and ``index.md`` lists the rules by theme. A test regenerates the pages and
fails when a committed page is missing or stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ._compiled import CompiledPack, CompiledRule, compile_pack
from ._findings import Finding
from ._model import Case
from ._packs._loader import builtin_packs, resolve_pack


def _value(value: Any) -> str:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(value, ensure_ascii=False, default=str)


def _params_table(rule: CompiledRule) -> list[str]:
    model = type(rule.params)
    lines = ["| parameter | value | default | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        value = getattr(rule.params, name)
        default = (
            "required"
            if info.is_required()
            else _value(info.get_default(call_default_factory=True))
        )
        meaning = (info.description or "").replace("|", "\\|")
        lines.append(f"| `{key}` | `{_value(value)}` | {default} | {meaning} |")
    return lines


def example_finding(pack: CompiledPack, rule: CompiledRule, tests: Path) -> Finding | None:
    """The rule's finding on the first pack test case that expects it to fire."""
    from ._engine import Linter
    from ._loaders import load

    if not tests.is_dir():
        return None
    linter = Linter([pack], select=[rule.id])
    for path in sorted(tests.glob("*.json")):
        for case in load(path):
            if not _expects_fire(case, rule.id):
                continue
            found = [f for f in linter.findings(case) if f.rule_id == rule.id]
            if found:
                return found[0]
    return None


def _expects_fire(case: Case, rule_id: str) -> bool:
    records = [case.extra, *(e.extra for e in case.entries), *(p.extra for p in case.all_people)]
    return any(rule_id in (r.get("expect") or {}).get("fires", []) for r in records)


def _finding_block(finding: Finding) -> list[str]:
    lines = ["An example finding, from the pack's own test cases:", "", "```text"]
    lines.append(f"{finding.severity.value} {finding.rule_id} [{finding.theme}] {finding.message}")
    for ev in finding.evidence:
        if ev.entry_id:
            span = f": {ev.field}[{ev.start}:{ev.end}] {ev.text!r}" if ev.text is not None else ""
            agency = ev.agency or "no agency"
            lines.append(f"  - entry {ev.entry_id} {ev.date or 'undated'} ({agency}){span}")
        elif ev.person_id:
            lines.append(f"  - person {ev.person_id}")
    return [*lines, "```", ""]


def rule_page(rule: CompiledRule, example: Finding | None = None) -> str:
    """The Markdown reference page of one rule."""
    s = rule.spec
    out = [
        f"# `{s.id}`: {s.title}",
        "",
        f"- **Theme:** `{s.theme}`",
        f"- **Severity:** {rule.severity.value}",
        f"- **Pack:** `{rule.pack_id}` {rule.pack_version}",
        f"- **Detector:** `{rule.detector.name}`",
        "",
        "## What it finds",
        "",
        (s.description or rule.detector.doc.splitlines()[0]).strip(),
        "",
        f"Message: _{s.message}_",
        "",
        "## Why reviews care",
        "",
        s.rationale.strip() or "(not written yet)",
        "",
        "## What to do",
        "",
        s.guidance.strip() or "(not written yet)",
        "",
        "## Example",
        "",
        (s.example or "(none given)").strip(),
        "",
        *(_finding_block(example) if example is not None else []),
        "## Near miss (does not fire)",
        "",
        (s.near_miss or "(none given)").strip(),
        "",
        "## Parameters",
        "",
        *_params_table(rule),
        "",
    ]
    if s.where is not None:
        out += ["Entries visible to the rule (`where`):", "", f"`{_value(s.where)}`", ""]
    out += [
        "Override any of these in a local pack:",
        "",
        "```yaml",
        f"extends: {rule.pack_id}",
        "overrides:",
        f"  {s.id}:",
        "    severity: high",
        "    params: {}",
        "```",
        "",
    ]
    return "\n".join(out)


def index_page(packs: list[CompiledPack]) -> str:
    """The rule index, grouped by theme."""
    out = ["# Rule reference", "", "Generated from the packs by `make docs`; do not edit.", ""]
    for pack in packs:
        out += [f"## Pack `{pack.id}` {pack.version}", "", pack.spec.description.strip(), ""]
        for theme_id, theme in pack.spec.themes.items():
            rules = [r for r in pack.rules if r.spec.theme == theme_id]
            if not rules:
                continue
            out += [f"### {theme.title} (`{theme_id}`)", "", theme.description, ""]
            out += [f"- [`{r.id}`]({r.id}.md): {r.spec.title} ({r.severity.value})" for r in rules]
            out.append("")
    return "\n".join(out)


def generate(target: Path) -> dict[Path, str]:
    """Pages for every rule of every built-in pack, keyed by where they belong."""
    found = builtin_packs()
    packs = [compile_pack(resolve_pack(name)) for name in found]
    pages = {target / "index.md": index_page(packs)}
    for pack in packs:
        tests = found[pack.id].parent / "tests"
        for rule in pack.rules:
            pages[target / f"{rule.id}.md"] = rule_page(rule, example_finding(pack, rule, tests))
    return pages


def main(argv: list[str]) -> int:
    """Write the pages into the folder given (default ``docs/rules``)."""
    target = Path(argv[0] if argv else "docs/rules")
    target.mkdir(parents=True, exist_ok=True)
    for path, text in generate(target).items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(list(target.glob('*.md')))} pages to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
