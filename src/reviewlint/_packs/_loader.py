"""Finding, reading and merging rule packs (``extends:``), with positions for every error.

A pack reference is a built-in pack id (``scr-core``), the name of a pack
installed through the ``reviewlint.packs`` entry point, or a path to a
YAML file or to a directory holding ``pack.yaml``. ``extends:`` paths are
resolved next to the extending file and must stay inside the directories
the caller allows (by default, the directory of the pack being loaded).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .._errors import PackError
from ._schema import ContextSpec, IdentitySpec, PackSpec, RuleOverride, RuleSpec, Vocabularies
from ._yaml import Loc, Marks, read_yaml

PACK_ENTRY_POINT_GROUP = "reviewlint.packs"
PACK_FILE = "pack.yaml"


def builtin_pack_dir() -> Path:
    """Where the built-in packs live: in the installed package, or the source tree's ``rules/``."""
    shipped = Path(str(files("reviewlint"))) / "rules"
    if shipped.is_dir():
        return shipped
    # An editable install: the packs sit at the top of the source tree.
    return Path(__file__).resolve().parents[3] / "rules"


def builtin_packs() -> dict[str, Path]:
    """Built-in pack ids and their files."""
    root = builtin_pack_dir()
    if not root.is_dir():
        return {}
    return {d.name: d / PACK_FILE for d in sorted(root.iterdir()) if (d / PACK_FILE).is_file()}


def installed_packs() -> dict[str, Path]:
    """Packs registered by other packages under the ``reviewlint.packs`` entry point."""
    found: dict[str, Path] = {}
    for ep in entry_points(group=PACK_ENTRY_POINT_GROUP):
        try:
            target = ep.load()
            path = Path(target() if callable(target) else target)
        except Exception as exc:  # a broken plugin is reported, not fatal to others
            raise PackError(
                f"the pack plugin {ep.name!r} failed to load ({type(exc).__name__})"
            ) from exc
        found[ep.name] = path / PACK_FILE if path.is_dir() else path
    return found


def available_packs() -> dict[str, Path]:
    """Every pack that can be named by id: built-in first, then installed."""
    return {**installed_packs(), **builtin_packs()}


@dataclass
class Origin:
    """Where a piece of a merged pack was written, for error messages."""

    marks: Marks
    loc: Loc

    def error(self, message: str, sub: Loc = (), rule_id: str | None = None) -> PackError:
        """A PackError located at ``loc + sub`` (or the nearest position known)."""
        where = (*self.loc, *sub)
        mark = self.marks.find(where)
        return PackError(
            message,
            path=self.marks.path,
            line=mark.line if mark else None,
            column=mark.column if mark else None,
            rule_id=rule_id,
            field=".".join(str(p) for p in where) or None,
        )


@dataclass
class ResolvedPack:
    """A pack with its ``extends`` chain merged in, and where each rule part came from."""

    spec: PackSpec
    path: Path | None
    chain: list[str] = field(default_factory=list)
    rule_origin: dict[str, Origin] = field(default_factory=dict)
    params_origin: dict[str, Origin] = field(default_factory=dict)
    where_origin: dict[str, Origin] = field(default_factory=dict)
    rule_pack: dict[str, tuple[str, str]] = field(default_factory=dict)
    pack_origin: Origin | None = None


def _friendly(err: dict[str, Any], model_fields: list[str]) -> str:
    kind = err["type"]
    loc = err["loc"]
    last = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(last, model_fields, n=1, cutoff=0.6)
        hint = f" — did you mean {close[0]!r}?" if close else ""
        return f"unknown key {last!r}{hint}"
    if kind == "missing":
        return f"{last!r} is required here"
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    return f"{last!r}: {msg}" if last and not last.isdigit() else msg


def _fields_near(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    # Candidates for 'did you mean': every field name any pack model uses, and the
    # fields of the model being validated (a detector's params model has its own).
    names: set[str] = set()
    for m in (model, PackSpec, RuleSpec, RuleOverride, Vocabularies):
        for name, info in m.model_fields.items():
            names.add(info.alias or name)
    from ._schema import DateWindow, Selector, TextMatch, Theme

    for m2 in (Selector, DateWindow, TextMatch, Theme):
        for name, info in m2.model_fields.items():
            names.add(info.alias or name)
    return sorted(names)


_TAG_LIKE = re.compile(r"[\[\](), ]|^[A-Z]")


def _clean_loc(err: Any, marks: Marks, prefix: Loc) -> tuple[tuple[Any, ...], int | None]:
    """An error's location as the keys and indexes written in the file.

    pydantic puts union branch names in locations (``'list[TextMatch]'``,
    ``'function-after[_exactly_one(), TextMatch]'``, ``'bool'``); they are left
    out. Also returns how much of the location comes before the first branch
    name (None: there were none).
    """
    raw = tuple(err["loc"])
    out: list[Any] = []
    union_at: int | None = None
    for i, part in enumerate(raw):
        kind = marks.kind((*prefix, *out))
        if kind is None:  # not written in this file (inherited): keep what looks like a key
            if isinstance(part, int) or not _TAG_LIKE.search(str(part)):
                out.append(part)
            elif union_at is None:
                union_at = len(out)
        elif (kind != "scalar" and marks.kind((*prefix, *out, part)) is not None) or (
            i == len(raw) - 1 and err["type"] == "missing" and kind == "mapping"
        ):
            out.append(part)
        elif union_at is None:  # a branch name under a value, or under a mapping that lacks it
            union_at = len(out)
    return tuple(out), union_at


def validation_error(
    exc: ValidationError,
    marks: Marks,
    prefix: Loc = (),
    rule_id: str | None = None,
    data: Any = None,
    model: type[BaseModel] = PackSpec,
) -> PackError:
    """Turn the first pydantic error into a located, plain-English PackError."""
    raw = exc.errors(include_url=False, include_input=False)
    errors = [(err, *_clean_loc(err, marks, prefix)) for err in raw]
    # A misspelt key shows up twice: as an unknown key and as a missing field.
    # Report the unknown key first; its 'did you mean' names the missing one.
    errors.sort(key=lambda e: e[0]["type"] != "extra_forbidden")
    _, loc, union_at = errors[0]
    rivals = [errors[0]]
    if union_at is not None:
        # A value that matched no branch of a union (a text condition or a list of them;
        # true, false or 'unknown'): report the branch that got furthest into the value.
        stem = loc[:union_at]
        rivals = [e for e in errors if e[2] == union_at and e[1][:union_at] == stem]
        loc = max(rivals, key=lambda e: len(e[1]))[1]
    same = [e[0] for e in rivals if e[1] == loc]
    if rule_id is None and data is not None and len(loc) >= 2 and loc[0] == "rules":
        try:
            rule_id = str(data["rules"][loc[1]]["id"])
        except (KeyError, IndexError, TypeError):
            rule_id = None
    fields = _fields_near(model, loc)
    messages = list(dict.fromkeys(_friendly({**e, "loc": loc}, fields) for e in same))
    named = f"{loc[-1]!r}: " if loc else ""
    message = messages[0] + "".join("; or " + m.removeprefix(named) for m in messages[1:])
    others = len({e[1] for e in errors if e not in rivals})
    if others > 0:
        message += f" (and {others} more problem{'s' if others > 1 else ''})"
    return Origin(marks, prefix).error(message, loc, rule_id)


def read_pack_file(path: Path) -> tuple[PackSpec, Marks]:
    """Read and validate one pack file (without following ``extends``)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PackError("no such pack file", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"cannot read the pack ({type(exc).__name__})", path=path) from None
    data, marks = read_yaml(text, path)
    if not isinstance(data, dict):
        raise PackError("a pack must be a YAML mapping with id, rules, ...", path=path, line=1)
    try:
        spec = PackSpec.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, marks, data=data) from None
    return spec, marks


def _check_allowed(path: Path, allowed: list[Path]) -> None:
    if not allowed:
        return
    resolved = path.resolve()
    if not any(resolved.is_relative_to(root.resolve()) for root in allowed):
        raise PackError(
            "refusing to read a pack outside the allowed directories "
            f"({', '.join(str(a) for a in allowed)})",
            path=path,
        )


def _locate(ref: str | Path, base_dir: Path | None, allowed: list[Path]) -> Path:
    text = str(ref)
    known = available_packs()
    if isinstance(ref, str) and text in known:
        return known[text]
    path = Path(text)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    # Checked before anything is looked up on disk, so that a pack cannot even
    # find out whether a file outside the allowed directories exists; and again
    # for a directory's pack.yaml, which may be a link to somewhere else.
    _check_allowed(path, allowed)
    if path.is_dir():
        path = path / PACK_FILE
        _check_allowed(path, allowed)
    if not path.exists():
        close = difflib.get_close_matches(text, list(known), n=1, cutoff=0.6)
        hint = f" — did you mean {close[0]!r}?" if close else ""
        raise PackError(
            f"no pack called {text!r}{hint} (built-in and installed packs: "
            f"{', '.join(sorted(known)) or 'none'}; or give a path to a pack.yaml)"
        )
    return path


def resolve_pack(
    ref: str | Path, *, allowed_roots: list[Path] | None = None, _seen: tuple[Path, ...] = ()
) -> ResolvedPack:
    """Load a pack by id or path and merge its ``extends`` chain."""
    path = _locate(ref, None, list(allowed_roots or []))
    return _resolve_path(path, allowed_roots, _seen)


def _resolve_path(
    path: Path, allowed_roots: list[Path] | None, seen: tuple[Path, ...]
) -> ResolvedPack:
    real = path.resolve()
    if real in seen:
        raise PackError("the packs extend each other in a circle", path=path)
    spec, marks = read_pack_file(path)
    own = ResolvedPack(spec=spec, path=path, chain=[spec.id], pack_origin=Origin(marks, ()))
    for i, rule in enumerate(spec.rules):
        if rule.id in own.rule_origin:
            raise Origin(marks, ("rules", i, "id")).error("this rule id is used twice", (), rule.id)
        own.rule_origin[rule.id] = Origin(marks, ("rules", i))
        own.params_origin[rule.id] = Origin(marks, ("rules", i, "params"))
        own.where_origin[rule.id] = Origin(marks, ("rules", i, "where"))
        own.rule_pack[rule.id] = (spec.id, spec.version)
    if spec.extends is None:
        if spec.overrides or spec.disable:
            key = "overrides" if spec.overrides else "disable"
            raise Origin(marks, (key,)).error(f"{key!r} only makes sense with 'extends'")
        return own
    roots = list(allowed_roots) if allowed_roots is not None else [path.parent]
    try:
        base_path = _locate(
            spec.extends, path.parent, roots if spec.extends not in available_packs() else []
        )
    except PackError as exc:
        located = Origin(marks, ("extends",)).error(exc.message)
        raise located from None
    if base_path.resolve() in (*seen, real):
        raise Origin(marks, ("extends",)).error("the packs extend each other in a circle")
    base = _resolve_path(base_path, allowed_roots, (*seen, real))
    return _merge(base, own, marks)


def _merge(base: ResolvedPack, child: ResolvedPack, marks: Marks) -> ResolvedPack:
    from .._vocab import merge_terms

    b, c = base.spec, child.spec
    rules = {r.id: r for r in b.rules}
    for rule_id, override in c.overrides.items():
        if rule_id not in rules:
            close = difflib.get_close_matches(rule_id, list(rules), n=1)
            hint = f" — did you mean {close[0]!r}?" if close else ""
            raise Origin(marks, ("overrides", rule_id)).error(
                f"overrides a rule the base pack does not have{hint}", (), rule_id
            )
        changes = override.model_dump(exclude_unset=True, by_alias=True)
        merged = rules[rule_id].model_dump(by_alias=True, exclude_unset=False)
        if "params" in changes:
            merged["params"] = {**merged["params"], **changes.pop("params")}
            base.params_origin[rule_id] = Origin(marks, ("overrides", rule_id, "params"))
        if "where" in changes:
            base.where_origin[rule_id] = Origin(marks, ("overrides", rule_id, "where"))
            changes["where"] = (
                override.where.model_dump(by_alias=True, exclude_unset=True)
                if override.where
                else None
            )
        if "message" in changes:
            # Message placeholders are checked when compiling: point at the new message.
            base.rule_origin[rule_id] = Origin(marks, ("overrides", rule_id))
        merged.update(changes)
        if merged.get("where") is not None and not isinstance(merged["where"], dict):
            merged["where"] = merged["where"].model_dump(by_alias=True, exclude_unset=True)
        try:
            rules[rule_id] = RuleSpec.model_validate(merged)
        except ValidationError as exc:
            raise validation_error(
                exc, marks, ("overrides", rule_id), rule_id, model=RuleSpec
            ) from None
    for rule_id in c.disable:
        if rule_id not in rules:
            raise Origin(marks, ("disable",)).error(
                f"disables a rule the base pack does not have: {rule_id!r}", (), rule_id
            )
        rules[rule_id] = rules[rule_id].model_copy(update={"enabled": False})
    for rule in c.rules:
        if rule.id in rules:
            raise child.rule_origin[rule.id].error(
                "the base pack already has this rule; change it under 'overrides'", ("id",), rule.id
            )
        rules[rule.id] = rule
    vocab = Vocabularies(
        agency=merge_terms(b.vocabularies.agency, c.vocabularies.agency),
        entry_type=merge_terms(b.vocabularies.entry_type, c.vocabularies.entry_type),
        role=merge_terms(b.vocabularies.role, c.vocabularies.role),
        legal_status=merge_terms(b.vocabularies.legal_status, c.vocabularies.legal_status),
    )
    lexicons = dict(b.lexicons)
    for name, concept in c.lexicons.items():
        old = lexicons.get(name)
        lexicons[name] = (
            concept
            if old is None
            else concept.model_copy(
                update={
                    "terms": list(dict.fromkeys([*old.terms, *concept.terms])),
                    "description": concept.description or old.description,
                }
            )
        )
    spec = PackSpec(
        id=c.id,
        version=c.version,
        title=c.title or b.title,
        description=c.description or b.description,
        themes={**b.themes, **c.themes},
        vocabularies=vocab,
        lexicons=lexicons,
        identity=IdentitySpec(
            name_variants=[*b.identity.name_variants, *c.identity.name_variants],
            surname_variants=[*b.identity.surname_variants, *c.identity.surname_variants],
        ),
        context=_merge_context(b.context, c.context),
        rules=list(rules.values()),
    )
    return ResolvedPack(
        spec=spec,
        path=child.path,
        chain=[*base.chain, c.id],
        rule_origin={**base.rule_origin, **child.rule_origin},
        params_origin={**base.params_origin, **child.params_origin},
        where_origin={**base.where_origin, **child.where_origin},
        rule_pack={**base.rule_pack, **child.rule_pack},
        pack_origin=child.pack_origin,
    )


def _merge_context(base: ContextSpec, child: ContextSpec) -> ContextSpec:
    from ..narrative._context import merge_triggers

    return ContextSpec.model_validate(merge_triggers(base.model_dump(), child.model_dump()))
