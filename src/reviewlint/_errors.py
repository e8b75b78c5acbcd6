"""The exceptions reviewlint raises.

Findings are values, never exceptions. Exceptions mean reviewlint could not
do what it was asked::

    ReviewlintError
    ├── InputError          a case file or record could not be read
    │   └── CaseFormatError a case broke the case-format contract
    ├── PackError           a rule pack could not be loaded or compiled
    ├── ConfigError         project configuration is invalid
    └── MissingExtraError   an optional dependency is not installed

Every error carries where it happened as attributes (``path``, ``line``,
``column``, ``case_id``, ``entry_id``, ``person_id``, ``field``, ``rule_id``)
so tools can act on them without parsing text. Messages never contain
names, dates of birth or narrative text from the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path


class ReviewlintError(Exception):
    """Base class for every error reviewlint raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input record, located as precisely as known."""

    message: str
    field: str | None = None
    entry_id: str | None = None
    person_id: str | None = None
    line: int | None = None

    def where(self) -> str:
        """Describe the location in words, for error messages."""
        parts = []
        if self.entry_id is not None:
            parts.append(f"entry {self.entry_id!r}")
        if self.person_id is not None:
            parts.append(f"person {self.person_id!r}")
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts)


@dataclass
class InputError(ReviewlintError):
    """A case file, or one case in it, could not be read."""

    message: str
    path: Path | None = None
    line: int | None = None
    case_id: str | None = None
    entry_id: str | None = None
    person_id: str | None = None
    field: str | None = None
    problems: list[Problem] = dc_field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        head = []
        if self.path is not None:
            head.append(str(self.path) + (f":{self.line}" if self.line is not None else ""))
        if self.case_id is not None:
            head.append(f"case {self.case_id!r}")
        loc = Problem("", self.field, self.entry_id, self.person_id).where()
        if loc:
            head.append(loc)
        text = ": ".join([", ".join(head), self.message]) if head else self.message
        if len(self.problems) > 1 or (self.problems and self.problems[0].message != self.message):
            for p in self.problems:
                where = p.where()
                line = f" (line {p.line})" if p.line is not None else ""
                text += f"\n  - {where}{line}: {p.message}" if where else f"\n  - {p.message}"
        return text


class CaseFormatError(InputError):
    """A case broke the ``reviewlint.case/1`` contract (missing field, bad date, duplicate id)."""


@dataclass
class PackError(ReviewlintError):
    """A rule pack could not be loaded, validated or compiled."""

    message: str
    path: Path | None = None
    line: int | None = None
    column: int | None = None
    rule_id: str | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        rule = f"rule {self.rule_id!r}: " if self.rule_id else ""
        return f"{where}{rule}{self.message}"


@dataclass
class ConfigError(ReviewlintError):
    """Project configuration (reviewlint.toml, [tool.reviewlint], arguments) is invalid."""

    message: str
    path: Path | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        key = f"{self.field}: " if self.field else ""
        return f"{where}{key}{self.message}"


@dataclass
class MissingExtraError(ReviewlintError):
    """An optional dependency is needed for what was asked and is not installed."""

    feature: str
    extra: str
    module: str

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return (
            f"{self.feature} needs the optional package {self.module!r}: "
            f"pip install 'reviewlint[{self.extra}]'"
        )
