"""Project configuration: ``reviewlint.toml`` or ``[tool.reviewlint]`` in ``pyproject.toml``.

Example::

    [tool.reviewlint]
    packs = ["scr-core", "packs/local.yaml"]
    select = ["*"]
    ignore = ["appointment-clash"]
    fail-on = "medium"
    dayfirst = true

    [tool.reviewlint.severity]
    chronology-gap = "high"
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._errors import ConfigError
from ._loaders import TableMapping
from ._packs._schema import Severity

CONFIG_FILE = "reviewlint.toml"


class Config(BaseModel):
    """What a project asks of reviewlint; every field has a sensible default."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    packs: list[str] = Field(
        default_factory=list, description="pack ids or paths (relative to the config file)"
    )
    select: list[str] = Field(default_factory=list, description="rule ids, themes or globs to run")
    ignore: list[str] = Field(default_factory=list, description="rule ids, themes or globs to skip")
    severity: dict[str, Severity] = Field(default_factory=dict, description="per-rule severity")
    fail_on: Severity | Literal["none"] = Field(
        Severity.MEDIUM, alias="fail-on", description="exit 1 when findings reach this severity"
    )
    dayfirst: bool = Field(True, description="read 04/03/2016 as 4 March")
    table: TableMapping | None = Field(None, description="CSV/XLSX column mapping")
    path: Path | None = Field(None, exclude=True, description="the file this came from")


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the file ({exc.strerror})", path=path) from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("reviewlint")
        return section if isinstance(section, dict) else None
    return data.get("tool", {}).get("reviewlint", data) if "tool" in data else data


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``reviewlint.toml``, or ``pyproject.toml`` with a ``[tool.reviewlint]``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / CONFIG_FILE
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file() and _read(py) is not None:
            return py
    return None


def load_config(path: str | Path | None = None, *, search_from: Path | None = None) -> Config:
    """Read configuration from ``path``, or from the nearest config file; defaults if none."""
    found = Path(path) if path is not None else find_config(search_from)
    if found is None:
        return Config()
    data = _read(found)
    if data is None:
        if path is not None:
            raise ConfigError("no [tool.reviewlint] table in this file", path=found)
        return Config()
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False, include_input=False)[0]
        key = ".".join(str(p) for p in err["loc"])
        raise ConfigError(str(err["msg"]), path=found, field=key) from None
    base = found.parent
    config.packs = [
        p if ("/" not in p and not p.endswith((".yaml", ".yml"))) else str(base / p)
        for p in config.packs
    ]
    config.path = found
    return config
