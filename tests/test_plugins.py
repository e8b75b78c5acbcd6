"""Third-party detectors and packs arrive through entry points and work like built-in ones."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import reviewlint
from reviewlint._packs import _loader
from reviewlint.detectors import _registry

from .conftest import DATA, make_case
from .conftest import entry as e

PLUGIN = '''
from pydantic import Field
from reviewlint.detectors import Hit, Params, RuleContext, Selector, detector

class LateParams(Params):
    match: Selector
    max_days: int = Field(7, ge=0)

@detector("late_recording_test", LateParams, provides={"max_days"})
def late_recording(ctx: RuleContext, params: LateParams):
    """Report entries written up more than max_days after the event."""
    for entry in ctx.dated:
        if not ctx.matches(params.match, entry):
            continue
        rec = entry.entry.recorded_date
        if rec is not None and (rec.earliest - entry.start).days > params.max_days:
            yield Hit(entries=[entry], values={"max_days": params.max_days})

def pack_path():
    from pathlib import Path
    return Path(__file__).parent / "plugin_pack"
'''

PACK = """
id: plugin-pack
version: "2.0"
extends: {base}
overrides:
  each: {{severity: low}}
rules:
  - id: late-recording
    title: Written up late
    theme: t
    severity: low
    detector: late_recording_test
    params: {{match: {{type: visit}}, max_days: 7}}
    message: "{{entry_id}} written up more than {{max_days}} days later"
"""


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "rl_test_plugin.py").write_text(textwrap.dedent(PLUGIN))
    pack_dir = tmp_path / "plugin_pack"
    pack_dir.mkdir()
    base = (DATA / "mini-pack.yaml").resolve()
    (pack_dir / "pack.yaml").write_text(PACK.format(base=base))
    dist = tmp_path / "rl_test_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rl-test-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[reviewlint.detectors]\nlate = rl_test_plugin:late_recording\n\n"
        "[reviewlint.packs]\nplugin-pack = rl_test_plugin:pack_path\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(_registry, "_plugins_loaded", False)
    yield tmp_path
    _registry._BUILTIN.pop("late_recording_test", None)
    sys.modules.pop("rl_test_plugin", None)


def test_plugin_detector_and_pack_are_found_by_name(installed_plugin: Path) -> None:
    assert "plugin-pack" in _loader.available_packs()
    pack = reviewlint.load_pack("plugin-pack", allowed_roots=[DATA.resolve(), installed_plugin])
    assert [r.id for r in pack.rules] == ["each", "late-recording"]
    case = make_case(
        [
            e("v1", "2020-01-01", recorded_date="2020-01-20"),
            e("v2", "2020-01-01", recorded_date="2020-01-03"),
        ]
    )
    report = reviewlint.Linter([pack]).check(case)
    [finding] = [f for f in report.findings if f.rule_id == "late-recording"]
    assert finding.entry_ids == ["v1"]
    assert finding.message == "v1 written up more than 7 days later"
    assert finding.pack == "plugin-pack"


def test_broken_plugin_does_not_stop_other_runs_but_explains_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import rule_pack

    dist = tmp_path / "rl_broken-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rl-broken\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[reviewlint.detectors]\nbad = rl_no_such_module:thing\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(_registry, "_plugins_loaded", False)
    monkeypatch.setattr(_registry, "BROKEN", {})
    monkeypatch.setattr("reviewlint._compiled.BROKEN", _registry.BROKEN)
    assert "each_entry" in _registry.all_detectors()
    reviewlint.load_pack(DATA / "mini-pack.yaml")
    with pytest.raises(reviewlint.PackError, match="installed but broken") as info:
        reviewlint.load_pack(rule_pack(tmp_path, "bad", {}))
    assert info.value.rule_id == "r"


def test_a_plugin_cannot_silently_replace_a_builtin_detector() -> None:
    from reviewlint.detectors import Params, detector

    with pytest.raises(ValueError, match="already registered"):
        detector("gap", Params)(lambda ctx, params: [])
