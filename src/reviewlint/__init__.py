"""reviewlint: find the failures Serious Case Reviews keep finding, in case records.

Check a case file with the built-in ``scr-core`` pack::

    import reviewlint

    report = reviewlint.check("fixtures/cases/demo-001.json")
    for finding in report.findings:
        print(finding.rule_id, finding.severity, finding.message)

Build a :class:`Linter` once to check many cases with the same packs.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ._compiled import CompiledPack as Pack
from ._compiled import compile_pack
from ._config import Config, load_config
from ._dates import RecordedDate
from ._engine import Linter
from ._errors import (
    CaseFormatError,
    ConfigError,
    InputError,
    MissingExtraError,
    PackError,
    ReviewlintError,
)
from ._findings import Evidence, Finding, Report
from ._loaders import TableMapping, load
from ._model import Case, Entry, Person
from ._packs._loader import resolve_pack
from ._packs._schema import Severity

try:
    __version__ = version("reviewlint")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

__all__ = [
    "Case",
    "CaseFormatError",
    "Config",
    "ConfigError",
    "Entry",
    "Evidence",
    "Finding",
    "InputError",
    "Linter",
    "MissingExtraError",
    "Pack",
    "PackError",
    "Person",
    "RecordedDate",
    "Report",
    "ReviewlintError",
    "Severity",
    "TableMapping",
    "__version__",
    "check",
    "load",
    "load_config",
    "load_pack",
]


def load_pack(ref: str | Path, *, allowed_roots: list[Path] | None = None) -> Pack:
    """Load and compile a rule pack by id (``"scr-core"``) or path, following ``extends``.

    Raises :class:`PackError` with the file, line and column of any problem.
    """
    return compile_pack(resolve_pack(ref, allowed_roots=allowed_roots))


def check(
    source: Case | str | Path | Iterable[str | Path],
    *,
    packs: Iterable[str | Path | Pack] | None = None,
    config: Config | None = None,
) -> Report:
    """Check one case, or every case in some files, with the given packs (default ``scr-core``).

    For repeated use build a :class:`Linter` once instead: it compiles the
    packs a single time.
    """
    linter = Linter(packs, config=config)
    if isinstance(source, Case):
        return linter.check(source)
    return linter.check_paths(source)
