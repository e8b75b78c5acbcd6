"""Shared helpers: build cases and one-rule packs in a line or two."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

import reviewlint
from reviewlint import Case, Linter

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


def entry(
    eid: str, date: str | None, type_: str = "home visit", agency: str = "CSC", **extra: Any
) -> dict[str, Any]:
    """An entry dict; keyword arguments add or override fields."""
    data: dict[str, Any] = {
        "id": eid,
        "date": date,
        "agency": agency,
        "type": type_,
        "text": extra.pop("text", "Visit completed."),
    }
    data.update(extra)
    return data


def make_case(
    entries: list[dict[str, Any]], people: list[dict[str, Any]] | None = None, **fields: Any
) -> Case:
    """A validated Case from entry dicts."""
    data: dict[str, Any] = {
        "case_id": fields.pop("case_id", "c1"),
        "entries": entries,
        "people": people
        or [{"id": "p1", "name": "Amy TEST", "role": "child", "dob": "2015-01-01"}],
    }
    data.update(fields)
    return Case.model_validate(data)


def rule_pack(
    tmp_path: Path,
    detector: str,
    params: dict[str, Any],
    *,
    message: str = "found {count}",
    where: dict[str, Any] | None = None,
) -> Path:
    """The mini pack with its rules replaced by one rule using ``detector``."""
    pack = yaml.safe_load((DATA / "mini-pack.yaml").read_text())
    rule: dict[str, Any] = {
        "id": "r",
        "title": "R",
        "theme": "t",
        "severity": "high",
        "detector": detector,
        "params": params,
        "message": message,
    }
    if where is not None:
        rule["where"] = where
    pack["rules"] = [rule]
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(pack, sort_keys=False))
    return path


@pytest.fixture
def run(tmp_path: Path):
    """run(detector, params, case, **kw) -> list of findings of the one-rule pack."""

    def _run(
        detector: str, params: dict[str, Any], case: Case, **kw: Any
    ) -> list[reviewlint.Finding]:
        path = rule_pack(tmp_path, detector, params, **kw)
        return Linter([path]).check(case).findings

    return _run


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip()
