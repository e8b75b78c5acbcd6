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

import difflib
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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

    @field_validator("fail_on", mode="before")
    @classmethod
    def _fail_on(cls, value: Any) -> Any:
        if value not in _FAIL_ON:
            raise ValueError(f"must be one of {', '.join(_FAIL_ON)}, not {value!r}")
        return value


_FAIL_ON = [*(s.value for s in Severity), "none"]


def _field_of(loc: tuple[Any, ...], data: Any) -> str:
    # pydantic puts union branch names ('str-enum[Severity]') in locations; keep only
    # the parts that are keys or indexes in the file.
    parts: list[str] = []
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        ):
            data = data[part]
        else:
            if not parts:
                parts.append(str(part))
            break
        parts.append(str(part))
    return ".".join(parts)


def _message(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        name = str(err["loc"][-1])
        if len(err["loc"]) > 1:
            return f"unknown key {name!r}"
        known = [f.alias or n for n, f in Config.model_fields.items() if n != "path"]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" — did you mean {close[0]!r}?" if close else ""
        return f"unknown key {name!r}{hint}"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the file ({exc.strerror})", path=path) from None
    tool = data.get("tool")
    section = tool.get("reviewlint") if isinstance(tool, dict) else None
    if path.name == "pyproject.toml":
        return section if isinstance(section, dict) else None
    if "tool" not in data:
        return data
    if not isinstance(section, dict):
        raise ConfigError(
            "expected settings at the top level or under [tool.reviewlint]", path=path, field="tool"
        )
    return section


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
    if "path" in data:  # not a setting: where the configuration was read from
        raise ConfigError("unknown key 'path'", path=found, field="path")
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False, include_input=False)[0]
        raise ConfigError(_message(err), path=found, field=_field_of(err["loc"], data)) from None
    base = found.parent
    config.packs = [
        p if ("/" not in p and not p.endswith((".yaml", ".yml"))) else str(base / p)
        for p in config.packs
    ]
    config.path = found
    return config
