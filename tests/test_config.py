"""Project configuration: finding it, reading it, and what the linter does with it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reviewlint import Config, ConfigError, Linter, Severity, load_config, load_pack
from reviewlint._config import find_config

from .conftest import DATA, entry, make_case

BASE = DATA / "packs" / "base.yaml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp/project/{src/deep, packs} with nothing configured yet."""
    (tmp_path / "project" / "src" / "deep").mkdir(parents=True)
    return tmp_path / "project"


def test_reviewlint_toml_is_found_walking_up(tree: Path) -> None:
    cfg = write(tree / "reviewlint.toml", 'fail-on = "high"\n')
    assert find_config(tree / "src" / "deep") == cfg.resolve()
    config = load_config(search_from=tree / "src" / "deep")
    assert config.fail_on == Severity.HIGH
    assert config.path == cfg.resolve()


def test_pyproject_tool_section_is_found_walking_up(tree: Path) -> None:
    cfg = write(
        tree / "pyproject.toml",
        """
        [project]
        name = "x"

        [tool.reviewlint]
        fail-on = "none"
        dayfirst = false
        select = ["child-voice"]
    """,
    )
    config = load_config(search_from=tree / "src" / "deep")
    assert (config.path, config.fail_on, config.dayfirst, config.select) == (
        cfg.resolve(),
        "none",
        False,
        ["child-voice"],
    )


def test_pyproject_without_the_section_is_passed_over(tree: Path) -> None:
    write(tree / "src" / "pyproject.toml", '[project]\nname = "inner"\n[tool.ruff]\nx = 1\n')
    outer = write(tree / "reviewlint.toml", 'ignore = ["appointment-clash"]\n')
    assert find_config(tree / "src" / "deep") == outer.resolve()
    assert load_config(search_from=tree / "src").ignore == ["appointment-clash"]


def test_reviewlint_toml_wins_over_pyproject_in_the_same_folder(tree: Path) -> None:
    write(tree / "pyproject.toml", '[tool.reviewlint]\nfail-on = "low"\n')
    own = write(tree / "reviewlint.toml", 'fail-on = "high"\n')
    assert find_config(tree) == own.resolve()
    assert load_config(search_from=tree).fail_on == Severity.HIGH


def test_nearest_config_wins(tree: Path) -> None:
    write(tree / "reviewlint.toml", 'fail-on = "high"\n')
    inner = write(tree / "src" / "reviewlint.toml", 'fail-on = "low"\n')
    assert find_config(tree / "src" / "deep") == inner.resolve()


def test_no_config_gives_defaults(tree: Path) -> None:
    config = load_config(search_from=tree / "src")
    assert config == Config()
    assert (config.fail_on, config.packs, config.path) == (Severity.MEDIUM, [], None)


def test_reviewlint_toml_may_use_a_tool_table(tree: Path) -> None:
    cfg = write(tree / "reviewlint.toml", '[tool.reviewlint]\nfail-on = "info"\n')
    assert load_config(cfg).fail_on == Severity.INFO


def test_every_setting_is_read(tree: Path) -> None:
    cfg = write(
        tree / "reviewlint.toml",
        """
        packs = ["scr-core", "packs/local.yaml", "other.yml", "lib/dir/"]
        select = ["child-voice", "chronology-*"]
        ignore = ["appointment-clash"]
        fail-on = "low"
        dayfirst = false

        [severity]
        chronology-gap = "high"
        child-not-seen = "info"
    """,
    )
    config = load_config(cfg)
    # Paths are relative to the config file, wherever reviewlint runs from; ids are kept.
    assert config.packs == [
        "scr-core",
        str(tree / "packs/local.yaml"),
        str(tree / "other.yml"),
        str(tree / "lib/dir/"),
    ]
    assert config.select == ["child-voice", "chronology-*"]
    assert config.ignore == ["appointment-clash"]
    assert config.fail_on == Severity.LOW and config.dayfirst is False
    assert config.severity == {"chronology-gap": Severity.HIGH, "child-not-seen": Severity.INFO}


def test_the_linter_uses_config_packs_selection_and_severity(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tree / "packs" / "base.yaml", BASE.read_text())
    write(
        tree / "packs" / "local.yaml",
        """
        id: local
        extends: base.yaml
        overrides:
          each: {severity: low}
    """,
    )
    cfg = write(
        tree / "reviewlint.toml",
        """
        packs = ["packs/local.yaml"]
        [severity]
        each = "high"
    """,
    )
    monkeypatch.chdir(tree / "src")  # a relative pack path must not depend on the cwd
    config = load_config(search_from=Path.cwd())
    assert config.path == cfg.resolve()
    linter = Linter(config=config)
    assert [(p.id, p.chain) for p in linter.packs] == [("local", ["mini", "local"])]
    [finding] = linter.check(make_case([entry("e1", "2020-01-01", child_seen=False)])).findings
    assert (finding.rule_id, finding.pack, finding.severity) == ("each", "mini", Severity.HIGH)


def test_config_select_and_ignore_by_id_theme_and_glob() -> None:
    pack = load_pack("scr-core")
    all_ids = [r.id for r in pack.rules]
    themes = {r.id: r.spec.theme for r in pack.rules}

    def ids(**kw: list[str]) -> list[str]:
        return [r.id for r in Linter([pack], config=Config(**kw)).rules]

    assert ids(select=["record-accuracy"]) == [i for i in all_ids if themes[i] == "record-accuracy"]
    # A glob matches rule ids and theme ids alike ("child-*" takes the child-voice theme).
    assert ids(select=["child-*"]) == [
        i for i in all_ids if i.startswith("child-") or themes[i].startswith("child-")
    ]
    assert "lived-experience-missing" in ids(select=["child-*"])
    assert ids(ignore=["escalation-thresholds", "plan-not-shared"]) == [
        i for i in all_ids if themes[i] != "escalation-thresholds" and i != "plan-not-shared"
    ]
    assert ids(select=["record-accuracy"], ignore=["chronology-gap", "*dob*"]) == [
        i
        for i in all_ids
        if themes[i] == "record-accuracy" and i != "chronology-gap" and "dob" not in i
    ]
    assert "dob-mismatch" not in ids(select=["record-accuracy"], ignore=["*dob*"])
    # Arguments given to the linter replace the config's lists.
    assert [
        r.id
        for r in Linter(
            [pack], config=Config(select=["child-voice"]), select=["chronology-gap"]
        ).rules
    ] == ["chronology-gap"]


@pytest.mark.parametrize(
    ("text", "field", "fragments"),
    [
        ('fail-on = "urgent"', "fail-on", ["info, low, medium, high, none", "'urgent'"]),
        ("fail-on = 3", "fail-on", ["info, low, medium, high, none"]),
        ('selct = ["x"]', "selct", ["unknown key 'selct'", "did you mean 'select'"]),
        ('failon = "low"', "failon", ["did you mean 'fail-on'"]),
        ('select = "child-voice"', "select", ["valid list"]),
        ("packs = [1]", "packs.0", ["valid string"]),
        (
            '[severity]\nchronology-gap = "urgent"',
            "severity.chronology-gap",
            ["'info', 'low', 'medium' or 'high'"],
        ),
        ('dayfirst = "maybe"', "dayfirst", ["valid boolean"]),
        ("[table]\ncolumnz = 1", "table.columnz", ["unknown key 'columnz'"]),
        ('path = "/etc"', "path", ["unknown key 'path'"]),
        ("tool = 1", "tool", ["[tool.reviewlint]"]),
    ],
    ids=[
        "fail-on",
        "fail-on-type",
        "unknown-key",
        "unknown-key-alias",
        "select-type",
        "packs-item",
        "severity-value",
        "dayfirst",
        "table-key",
        "path",
        "tool-not-table",
    ],
)
def test_invalid_config_names_the_field(
    tmp_path: Path, text: str, field: str, fragments: list[str]
) -> None:
    cfg = write(tmp_path / "reviewlint.toml", text + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    err = info.value
    assert (err.path, err.field) == (cfg, field)
    for fragment in fragments:
        assert fragment in err.message
    assert str(err).startswith(f"{cfg}: {field}: ")


def test_invalid_pyproject_section_is_found_and_reported(tree: Path) -> None:
    cfg = write(tree / "pyproject.toml", '[tool.reviewlint]\nfail-on = "sometimes"\n')
    with pytest.raises(ConfigError) as info:
        load_config(search_from=tree / "src")
    assert (info.value.path, info.value.field) == (cfg.resolve(), "fail-on")


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    cfg = write(tmp_path / "reviewlint.toml", "fail-on = \n")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert info.value.path == cfg and "not valid TOML" in info.value.message


def test_explicit_files_that_cannot_be_used(tmp_path: Path) -> None:
    py = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool.reviewlint\] table"):
        load_config(py)
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")
