"""Rule packs: located errors, safe YAML, extends/overrides/disable, JSON Schema.

Every broken pack here is the stable base pack (``data/packs/base.yaml``, a copy
of the mini pack) with one thing changed; the expected position is computed
from where the broken text sits in the file, so the assertions say "the error
points at the thing that is wrong".
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

import reviewlint
from reviewlint import Linter, PackError, Severity, load_pack

from .conftest import DATA, ROOT, entry, make_case

BASE = DATA / "packs" / "base.yaml"
BASE_TEXT = BASE.read_text()
SCR_CORE = ROOT / "rules" / "scr-core" / "pack.yaml"
MINI = DATA / "mini-pack.yaml"


def pos(text: str, needle: str, skip: int = 0, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the ``nth`` occurrence of ``needle``, ``skip`` characters in."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += skip
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column


def edit(old: str, new: str, text: str = BASE_TEXT) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the base pack"
    return text.replace(old, new)


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def load_error(path: Path, **kw: Any) -> PackError:
    with pytest.raises(PackError) as info:
        load_pack(path, **kw)
    return info.value


RULE = BASE_TEXT[BASE_TEXT.index("  - id: each") :]
MATCH = "match: {type: visit, child_seen: false}"

# (name, broken pack text, (needle, characters into it) where the error must point,
#  rule id, field, fragments the message must contain)
LOCATED: list[tuple[str, str, tuple[str, int], str | None, str | None, list[str]]] = [
    (
        "unknown-detector",
        edit("detector: each_entry", "detector: each_entri"),
        ("each_entri", 0),
        "each",
        "rules.0.detector",
        ["unknown detector 'each_entri'", "did you mean 'each_entry'"],
    ),
    (
        "unknown-rule-key",
        edit("    severity: medium", "    severty: medium"),
        ("severty: medium", 9),
        "each",
        "rules.0.severty",
        ["unknown key 'severty'", "did you mean 'severity'"],
    ),
    (
        "bad-severity",
        edit("severity: medium", "severity: urgent"),
        ("urgent", 0),
        "each",
        "rules.0.severity",
        ["'severity'", "'info', 'low', 'medium' or 'high'"],
    ),
    (
        "unknown-theme",
        edit("    theme: t\n", "    theme: safeguarding\n"),
        ("safeguarding", 0),
        "each",
        "rules.0.theme",
        ["theme 'safeguarding' is not declared", "declared: t"],
    ),
    (
        "typo-param-key",
        edit(MATCH, MATCH.replace("match", "mach")),
        ("mach:", 6),
        "each",
        "rules.0.params.mach",
        ["unknown key 'mach'", "did you mean 'match'"],
    ),
    (
        "wrong-param-type",
        edit(MATCH, MATCH + "\n      min_count: lots"),
        ("lots", 0),
        "each",
        "rules.0.params.min_count",
        ["'min_count'", "valid integer"],
    ),
    (
        "param-out-of-range",
        edit(MATCH, MATCH + "\n      min_count: 0"),
        ("min_count: 0", 11),
        "each",
        "rules.0.params.min_count",
        ["'min_count'", "greater than or equal to 1"],
    ),
    (
        "bad-param-choice",
        edit(MATCH, MATCH + "\n      group: family"),
        ("family", 0),
        "each",
        "rules.0.params.group",
        ["'group'", "'entry' or 'case'"],
    ),
    (
        "unknown-term-in-params",
        edit(MATCH, "match: {type: vist, child_seen: false}"),
        ("vist", 0),
        "each",
        "rules.0.params.match.type",
        ["entry type 'vist' is not a term or group", "did you mean 'visit'"],
    ),
    (
        "unknown-term-nested",
        edit(MATCH, "match: {all: [{type: visit}, {not: {agency: polise}}]}"),
        ("polise", 0),
        "each",
        "rules.0.params.match.all.1.not.agency",
        ["agency 'polise'", "did you mean 'police'"],
    ),
    (
        "unknown-term-in-where",
        edit("    detector:", "    where: {role: mothr}\n    detector:"),
        ("mothr", 0),
        "each",
        None,
        ["role 'mothr' is not a term or group", "did you mean 'mother'"],
    ),
    (
        "unknown-concept",
        edit(MATCH, "match: {text: {concept: neglekt}}"),
        ("neglekt", 0),
        "each",
        "rules.0.params.match.text.concept",
        ["unknown lexicon concept 'neglekt'", "did you mean 'neglect'"],
    ),
    (
        "re2-backreference",
        edit(MATCH, r"match: {text: {regex: '(a)\1'}}"),
        ("'(a)", 0),
        "each",
        None,
        ["not valid RE2 syntax", "backreferences"],
    ),
    (
        "re2-lookahead",
        edit(MATCH, "match: {text: {regex: 'seen(?!alone)'}}"),
        ("'seen(", 0),
        "each",
        None,
        ["not valid RE2 syntax"],
    ),
    (
        "text-needs-one-kind",
        edit(MATCH, "match: {text: {phrase: x, concept: neglect}}"),
        ("{phrase", 0),
        "each",
        "rules.0.params.match.text",
        ["exactly one of phrase, concept or regex"],
    ),
    (
        "text-list-item",
        edit(MATCH, "match: {text: [{phrase: x}, {regex: a, phrase: y}]}"),
        ("{regex", 0),
        "each",
        "rules.0.params.match.text.1",
        ["exactly one of phrase, concept or regex"],
    ),
    (
        "text-key-typo",
        edit(MATCH, "match: {text: {phrse: seen}}"),
        ("seen}", 0),
        "each",
        "rules.0.params.match.text.phrse",
        ["unknown key 'phrse'", "did you mean 'phrase'"],
    ),
    (
        "tristate",
        edit(MATCH, "match: {child_seen: maybe}"),
        ("maybe", 0),
        "each",
        "rules.0.params.match.child_seen",
        ["'child_seen'", "valid boolean", "'unknown'"],
    ),
    (
        "bad-date",
        edit(MATCH, "match: {date: {after: last spring}}"),
        ("last spring", 0),
        "each",
        "rules.0.params.match.date.after",
        ["'after'", "valid date"],
    ),
    (
        "empty-selector",
        edit(MATCH, "match: {}"),
        ("{}", 0),
        "each",
        "rules.0.params.match",
        ["empty selector matches everything"],
    ),
    (
        "unknown-placeholder",
        edit("({entry_id})", "({entry_idd})"),
        ('"{type}', 0),
        "each",
        "rules.0.message",
        ["{entry_idd}", "does not provide", "did you mean {entry_id}"],
    ),
    (
        "complex-placeholder",
        edit("({entry_id})", "({entry_id.upper})"),
        ('"{type}', 0),
        "each",
        "rules.0.message",
        ["must be a plain name"],
    ),
    (
        "duplicate-rule-id",
        BASE_TEXT + RULE,
        (
            "id: each",
            4,
        ),
        "each",
        "rules.1.id",
        ["rule id is used twice"],
    ),
    (
        "bad-rule-id",
        edit("- id: each", "- id: Each_Rule"),
        ("Each_Rule", 0),
        "Each_Rule",
        "rules.0.id",
        ["lower-case letters, digits and hyphens"],
    ),
    (
        "synonym-under-two-terms",
        edit("police: [constabulary]", "police: [constabulary, MASH]"),
        ("[constabulary, MASH]", 0),
        None,
        "vocabularies.agency.police",
        ["'MASH' is listed under both 'csc' and 'police'"],
    ),
    (
        "unknown-top-level-key",
        edit("lexicons:", "lexicon:"),
        ("neglect:", 0),
        None,
        "lexicon",
        ["unknown key 'lexicon'", "did you mean 'lexicons'"],
    ),
    (
        "bad-term-id",
        edit("    school: [primary school]", "    School-Nurse: [primary school]"),
        ("csc: {label", 0),
        None,
        "vocabularies.agency",
        ["'School-Nurse' must be lower case"],
    ),
    (
        "invalid-yaml",
        edit("title: Test pack", "title: Test: pack"),
        ("Test: pack", 4),
        None,
        None,
        ["not valid YAML", "mapping values are not allowed"],
    ),
    (
        "duplicate-yaml-key",
        edit("title: Test pack", "title: Test pack\ntitle: Again"),
        ("title: Again", 0),
        None,
        None,
        ["key 'title' appears twice"],
    ),
    (
        "python-object-tag",
        edit("title: Test pack", "title: !!python/object:os.system {}"),
        ("!!python", 0),
        None,
        None,
        ["tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"],
    ),
    (
        "python-apply-tag",
        edit("title: Test pack", "title: !!python/object/apply:os.system [echo]"),
        ("!!python", 0),
        None,
        None,
        ["python/object/apply:os.system' is not allowed"],
    ),
    (
        "python-name-tag",
        edit("title: Test pack", "title: !!python/name:os.system ''"),
        ("!!python", 0),
        None,
        None,
        ["python/name:os.system' is not allowed"],
    ),
    (
        "set-tag",
        edit("title: Test pack", "title: !!set {a, b}"),
        ("!!set", 0),
        None,
        None,
        ["tag 'tag:yaml.org,2002:set' is not allowed"],
    ),
    (
        "merge-key",
        edit("  t: {title: Test theme}", "  t: &t {title: Test theme}\n  u:\n    <<: *t"),
        ("<<", 0),
        None,
        None,
        ["'<<' merge keys are not supported"],
    ),
    (
        "recursive-alias",
        edit("title: Test pack", "title: &x [a, *x]"),
        ("&x", 0),
        None,
        None,
        ["alias refers to the value that contains it"],
    ),
]


@pytest.mark.parametrize(
    ("text", "at", "rule_id", "field", "fragments"),
    [pytest.param(*row[1:], id=row[0]) for row in LOCATED],
)
def test_pack_error_is_located(
    tmp_path: Path,
    text: str,
    at: tuple[str, int],
    rule_id: str | None,
    field: str | None,
    fragments: list[str],
) -> None:
    path = write(tmp_path, text)
    err = load_error(path)
    line, column = pos(text, at[0], skip=at[1], nth=1 if at[0] == "id: each" else 0)
    assert (err.path, err.line, err.column) == (path, line, column), str(err)
    assert err.rule_id == rule_id
    if field is not None:
        assert err.field == field
    for fragment in fragments:
        assert fragment in err.message
    # The one-line form a terminal shows starts with file:line:column.
    assert str(err).startswith(f"{path}:{line}:{column}: ")
    assert "Traceback" not in str(err)


ORDER = ["info", "low", "medium", "high"]


@pytest.mark.parametrize("a", ORDER)
@pytest.mark.parametrize("b", ORDER)
def test_severity_compares_by_rank_not_alphabetically(a: str, b: str) -> None:
    x, y = Severity(a), Severity(b)
    i, j = ORDER.index(a), ORDER.index(b)
    got = (x < y, x <= y, x > y, x >= y, x == y)
    assert got == (i < j, i <= j, i > j, i >= j, i == j)


def test_the_base_pack_itself_loads() -> None:
    pack = load_pack(BASE)
    assert (pack.id, [r.id for r in pack.rules]) == ("mini", ["each"])


def test_a_misspelt_key_is_reported_before_the_field_it_leaves_missing(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, edit("    message:", "    mesage:")))
    assert err.message.startswith("unknown key 'mesage' — did you mean 'message'?")
    assert "1 more problem" in err.message


def test_a_missing_required_field_names_it(tmp_path: Path) -> None:
    text = edit("    theme: t\n", "")
    err = load_error(write(tmp_path, text))
    assert "'theme' is required" in err.message
    assert err.rule_id == "each"
    assert err.line == pos(text, "- id: each", skip=2)[0]


@pytest.mark.parametrize("text", ["- just\n- a list\n", "plain text\n"])
def test_a_pack_that_is_not_a_mapping_is_refused(tmp_path: Path, text: str) -> None:
    err = load_error(write(tmp_path, text))
    assert "must be a YAML mapping" in err.message


def test_plain_aliases_still_work(tmp_path: Path) -> None:
    text = edit("  t: {title: Test theme}", "  t: &t {title: Test theme}\n  u: *t")
    pack = load_pack(write(tmp_path, text))
    assert pack.spec.themes["u"].title == "Test theme"


def _alias_bomb(levels: int = 9, fan_out: int = 10) -> str:
    lines = ["lol0: &lol0 [" + ", ".join(["lol"] * fan_out) + "]"]
    for i in range(1, levels):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * fan_out) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_quickly_and_without_memory(tmp_path: Path) -> None:
    path = write(tmp_path, _alias_bomb() + BASE_TEXT)  # 10**9 values if expanded
    tracemalloc.start()
    started = time.perf_counter()
    try:
        err = load_error(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "expands to more than" in err.message
    assert err.path == path
    assert elapsed < 2.0
    assert peak < 20_000_000


def test_a_few_levels_of_aliases_within_the_limit_are_read(tmp_path: Path) -> None:
    text = BASE_TEXT + "description: x\n"
    text = _alias_bomb(levels=3).replace("lol", "x_lol") + text  # 1,000 values
    # Unknown top-level keys are refused after reading, which proves the read succeeded.
    err = load_error(write(tmp_path, text))
    assert "unknown key 'x_lol0'" in err.message


# -- extends ------------------------------------------------------------------


def gap_case() -> reviewlint.Case:
    # 45 days e1->e2; closed at e3; 285 days e3->e4 (after closure).
    return make_case(
        [
            entry("e1", "2020-01-01"),
            entry("e2", "2020-02-15"),
            entry("e3", "2020-02-20", type_="case closed"),
            entry("e4", "2020-12-01"),
        ]
    )


@pytest.fixture(scope="module")
def scr_core() -> reviewlint.Pack:
    """scr-core compiled once for the module (a Linter does not change a pack it is given)."""
    return load_pack("scr-core")


def found(linter: Linter, case: reviewlint.Case, rule_id: str) -> list[reviewlint.Finding]:
    return [f for f in linter.check(case).findings if f.rule_id == rule_id]


def test_override_changes_severity_and_merges_params_keeping_the_others(
    tmp_path: Path, scr_core: reviewlint.Pack
) -> None:
    case = gap_case()
    assert found(Linter([scr_core]), case, "chronology-gap") == []
    local = write(
        tmp_path,
        """
        id: local
        version: "2"
        extends: scr-core
        overrides:
          chronology-gap:
            severity: high
            params: {max_days: 30}
    """,
    )
    linter = Linter([local])
    [rule] = [r for r in linter.rules if r.id == "chronology-gap"]
    assert rule.params.max_days == 30
    assert rule.params.closes is not None  # inherited, not replaced by the override
    [finding] = found(linter, case, "chronology-gap")
    # Only the open-case gap: the 285 days after closure stay ignored (closes: kept).
    assert finding.entry_ids == ["e1", "e2"]
    assert finding.data["gap_days"] == 45
    assert finding.severity == "high"
    assert (finding.pack, finding.pack_version) == ("scr-core", "0.1.0")
    assert [p.id for p in linter.check(case).packs] == ["local"]


def test_override_where_changes_what_the_rule_sees(
    tmp_path: Path, scr_core: reviewlint.Pack
) -> None:
    case = make_case(
        [
            entry("e1", "2020-01-01", agency="police", type_="domestic incident"),
            entry("e2", "2020-03-01"),
            entry("e3", "2020-06-01", agency="police", type_="domestic incident"),
        ]
    )
    [base] = found(Linter([scr_core], select=["chronology-gap"]), case, "chronology-gap")
    assert base.entry_ids == ["e2", "e3"]
    local = write(
        tmp_path,
        """
        id: local
        extends: scr-core
        overrides:
          chronology-gap:
            where: {agency: police}
    """,
    )
    [finding] = found(Linter([local], select=["chronology-gap"]), case, "chronology-gap")
    assert finding.entry_ids == ["e1", "e3"]
    assert finding.rule_id == "chronology-gap" and finding.pack == "scr-core"


def test_disable_turns_a_rule_off(tmp_path: Path, scr_core: reviewlint.Pack) -> None:
    case = make_case([entry("e1", "2020-01-01"), entry("e2", "2020-06-01")])
    assert found(Linter([scr_core]), case, "chronology-gap")
    local = write(
        tmp_path,
        """
        id: local
        extends: scr-core
        disable: [chronology-gap, appointment-clash]
    """,
    )
    linter = Linter([local])
    ids = [r.id for r in linter.rules]
    assert "chronology-gap" not in ids and "appointment-clash" not in ids
    assert "child-not-seen" in ids
    assert found(linter, case, "chronology-gap") == []
    assert linter.check(case).packs[0].rules == len(ids)


def test_local_vocabulary_synonyms_map_a_value_the_base_did_not(
    tmp_path: Path, scr_core: reviewlint.Pack
) -> None:
    case = make_case(
        [
            entry(
                "e1",
                "2020-01-01",
                type_="doorstep call",
                child_seen=False,
                text="Spoke to mother at the door.",
            )
        ]
    )
    report = Linter([scr_core]).check(case)
    assert not [f for f in report.findings if f.rule_id == "child-not-seen"]
    assert any("'doorstep call'" in n.message for n in report.notices)
    local = write(
        tmp_path,
        """
        id: local
        extends: scr-core
        vocabularies:
          entry_type:
            home_visit: [doorstep call]
    """,
    )
    report = Linter([local]).check(case)
    [finding] = [f for f in report.findings if f.rule_id == "child-not-seen"]
    assert finding.entry_ids == ["e1"] and finding.pack == "scr-core"
    assert not any("'doorstep call'" in n.message for n in report.notices)
    # The base synonyms are still there.
    pack = load_pack(local)
    assert "HV home visit" in pack.spec.vocabularies.entry_type["home_visit"].synonyms


def test_local_lexicon_terms_are_added_to_the_base_concept(
    tmp_path: Path, scr_core: reviewlint.Pack
) -> None:
    case = make_case(
        [
            entry(
                "e1", "2020-01-01", text="Mother at the door; the child was hiding under the duvet."
            ),
            entry("e2", "2020-02-01", text="Mother reports all well. Child asleep."),
        ]
    )
    base = Linter([scr_core], select=["child-not-seen"]).check(case).findings
    assert [f.entry_ids for f in base] == [["e2"]]
    local = write(
        tmp_path,
        """
        id: local
        extends: scr-core
        lexicons:
          child_not_seen: [hiding under the duvet]
    """,
    )
    report = Linter([local], select=["child-not-seen"]).check(case)
    assert [f.entry_ids for f in report.findings] == [["e1"], ["e2"]]
    span = next(ev for ev in report.findings[0].evidence if ev.text)
    assert span.text == "hiding under the duvet"


def test_extends_a_base_file_by_relative_path(tmp_path: Path) -> None:
    write(tmp_path, BASE_TEXT, "lib/base.yaml")
    local = write(
        tmp_path,
        """
        id: team
        extends: lib/base.yaml
        overrides:
          each:
            severity: high
            params: {group: case}
            message: "{count} visits without seeing the child"
    """,
    )
    case = make_case(
        [
            entry("e1", "2020-01-01", child_seen=False),
            entry("e2", "2020-02-01", child_seen=False),
            entry("e3", "2020-03-01", child_seen=True),
        ]
    )
    [finding] = Linter([local]).check(case).findings
    assert (finding.rule_id, finding.pack, finding.severity) == ("each", "mini", "high")
    assert finding.entry_ids == ["e1", "e2"]  # match: kept from the base; group: overridden
    assert finding.message == "2 visits without seeing the child"
    assert load_pack(local).chain == ["mini", "team"]


def test_override_errors_point_into_the_local_file(tmp_path: Path) -> None:
    text = textwrap.dedent("""\
        id: local
        extends: scr-core
        overrides:
          chronology-gap:
            params:
              max_days: lots
    """)
    local = write(tmp_path, text)
    err = load_error(local)
    assert (err.path, (err.line, err.column)) == (local, pos(text, "lots"))
    assert err.rule_id == "chronology-gap" and "valid integer" in err.message


@pytest.mark.parametrize(
    ("override", "needle", "fragments"),
    [
        ("params: {max_dayz: 3}", "3}", ["unknown key 'max_dayz'", "did you mean 'max_days'"]),
        ("where: {agency: polise}", "polise", ["did you mean 'police'"]),
        ("params: {closes: {type: closur}}", "closur", ["did you mean 'closure'"]),
        ('message: "gap of {gap_dayz} days"', '"gap', ["did you mean {gap_days}"]),
        ("severity: critical", "critical", ["'severity'"]),
        ("theme: neglect", "neglect", ["unknown key 'theme'"]),
    ],
    ids=[
        "param-key",
        "where-term",
        "param-selector-term",
        "message",
        "severity",
        "not-overridable",
    ],
)
def test_errors_in_overrides_are_located_in_the_local_file(
    tmp_path: Path, override: str, needle: str, fragments: list[str]
) -> None:
    text = f"id: local\nextends: scr-core\noverrides:\n  chronology-gap:\n    {override}\n"
    local = write(tmp_path, text)
    err = load_error(local)
    assert (err.path, err.line, err.column) == (local, *pos(text, needle)), str(err)
    assert err.rule_id in ("chronology-gap", None)
    for fragment in fragments:
        assert fragment in err.message


def test_overriding_an_unknown_rule_suggests_the_right_one(tmp_path: Path) -> None:
    text = "id: local\nextends: scr-core\noverrides:\n  child-not-sen: {severity: low}\n"
    err = load_error(write(tmp_path, text))
    assert err.rule_id == "child-not-sen"
    assert "did you mean 'child-not-seen'" in err.message
    assert (err.line, err.column) == pos(text, "{severity")


def test_disabling_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    text = "id: local\nextends: scr-core\ndisable: [chronology-gapp]\n"
    err = load_error(write(tmp_path, text))
    assert err.rule_id == "chronology-gapp" and err.line == 3


def test_redefining_a_base_rule_instead_of_overriding_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, BASE_TEXT, "base.yaml")
    text = "id: local\nextends: base.yaml\nthemes: {t: {title: T}}\nrules:\n" + RULE
    err = load_error(write(tmp_path, text, "local.yaml"))
    assert "change it under 'overrides'" in err.message
    assert err.line == pos(text, "- id: each")[0] and err.rule_id == "each"


def test_overrides_without_extends_are_an_error(tmp_path: Path) -> None:
    text = BASE_TEXT + "overrides:\n  each: {severity: low}\n"
    err = load_error(write(tmp_path, text))
    assert "only makes sense with 'extends'" in err.message
    assert err.line == pos(text, "each: {severity")[0]


@pytest.mark.parametrize("exists", [True, False], ids=["existing", "missing"])
def test_extends_outside_the_pack_directory_is_refused(tmp_path: Path, exists: bool) -> None:
    outside = tmp_path / "x.yaml"
    if exists:
        outside.write_text(BASE_TEXT)
    text = "id: local\nextends: ../x.yaml\n"
    local = write(tmp_path, text, "team/local.yaml")
    err = load_error(local)
    # Refused before looking: a pack cannot probe for files outside its directory.
    assert "refusing to read a pack outside the allowed directories" in err.message
    assert (err.path, err.line, err.column) == (local, *pos(text, "../x.yaml"))


def test_extends_an_absolute_path_elsewhere_is_refused(tmp_path: Path) -> None:
    text = f"id: local\nextends: {BASE.resolve()}\n"
    err = load_error(write(tmp_path, text))
    assert "outside the allowed directories" in err.message and err.line == 2


def test_extends_through_a_symlink_out_of_the_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "link").mkdir()
    (tmp_path / "link" / "pack.yaml").symlink_to(BASE.resolve())
    err = load_error(write(tmp_path, "id: local\nextends: link\n"))
    assert "outside the allowed directories" in err.message


def test_allowed_roots_widen_where_extends_may_read(tmp_path: Path) -> None:
    write(tmp_path, BASE_TEXT, "shared/base.yaml")
    local = write(tmp_path, "id: team\nextends: ../shared/base.yaml\n", "team/local.yaml")
    assert "outside the allowed" in load_error(local).message
    pack = load_pack(local, allowed_roots=[tmp_path])
    assert pack.chain == ["mini", "team"]
    linter = Linter([local], allowed_roots=[tmp_path])
    assert [r.id for r in linter.rules] == ["each"]


def test_circular_extends_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "id: a\nextends: b.yaml\n", "a.yaml")
    write(tmp_path, "id: b\nextends: a.yaml\n", "b.yaml")
    err = load_error(tmp_path / "a.yaml")
    assert "extend each other in a circle" in err.message
    assert (err.path, err.line) == (tmp_path / "b.yaml", 2)
    err = load_error(write(tmp_path, "id: s\nextends: s.yaml\n", "s.yaml"))
    assert "circle" in err.message


def test_extends_an_unknown_pack_id_suggests_one(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, "id: local\nextends: scr-cor\n"))
    assert "did you mean 'scr-core'" in err.message and err.line == 2


# -- JSON Schema ------------------------------------------------------------------


@pytest.fixture(scope="module")
def pack_validator() -> Draft202012Validator:
    out = subprocess.run(
        [sys.executable, "-m", "reviewlint", "schema", "pack"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    schema = json.loads(out.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("path", [SCR_CORE, MINI, BASE], ids=["scr-core", "mini", "base"])
def test_pack_schema_accepts_the_real_packs(
    pack_validator: Draft202012Validator, path: Path
) -> None:
    errors = [e.message for e in pack_validator.iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


def _mini_with(change: Any) -> dict[str, Any]:
    data = yaml.safe_load(BASE_TEXT)
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["rules"][0]["params"].update(min_count="lots"),
        lambda d: d["rules"][0]["params"].update(group="family"),
        lambda d: d["rules"][0]["params"].update(mach={"type": "visit"}),
        lambda d: d["rules"][0]["params"].update(match=5),
        lambda d: d["rules"][0]["params"].update(match={"tpye": "visit"}),
        lambda d: d["rules"][0].update(detector="each_entri"),
        lambda d: d["rules"][0].update(severty="high"),
        lambda d: d["rules"][0].update(severity="urgent"),
        lambda d: d.update(rulez=[]),
    ],
    ids=[
        "param-type",
        "param-choice",
        "param-key",
        "selector-type",
        "selector-key",
        "detector",
        "rule-key",
        "severity",
        "top-level-key",
    ],
)
def test_pack_schema_rejects_broken_packs(
    pack_validator: Draft202012Validator, change: Any
) -> None:
    assert not pack_validator.is_valid(_mini_with(change))


def test_pack_schema_checks_params_by_detector(pack_validator: Draft202012Validator) -> None:
    data = yaml.safe_load(SCR_CORE.read_text())
    rule = next(r for r in data["rules"] if r["id"] == "chronology-gap")
    rule["params"]["max_days"] = "ninety"
    messages = [e.message for e in pack_validator.iter_errors(data)]
    assert any("'ninety' is not of type 'integer'" in m for m in messages)
    # 'min_count' is fine for each_entry but not a gap parameter.
    rule["params"]["max_days"] = 90
    rule["params"]["min_count"] = 2
    assert not pack_validator.is_valid(data)


def test_extending_a_concept_keeps_its_description(tmp_path: Path) -> None:
    (tmp_path / "local.yaml").write_text(
        "id: local\nextends: scr-core\nlexicons:\n  challenge: [raised at panel]\n"
    )
    pack = reviewlint.load_pack(tmp_path / "local.yaml")
    concept = pack.spec.lexicons["challenge"]
    assert "raised at panel" in concept.terms and "escalated" in concept.terms
    assert concept.description
