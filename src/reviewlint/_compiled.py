"""A rule pack compiled for checking: vocabularies, lexicon, selectors and validated params.

Compiling does every check that can be done without a case, so that a
broken pack fails when it is loaded (with file, line and column), never
half-way through a batch; and it builds every matcher once, so checking a
case only runs them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ._errors import PackError
from ._packs._loader import Origin, ResolvedPack, validation_error
from ._packs._schema import PackSpec, PersonMatch, RuleSpec, Selector, Severity
from ._render import PLACEHOLDER_NAME, placeholders
from ._selectors import Matcher, PersonMatcher, SelectorCompiler
from ._text import Lexicon
from ._vocab import Vocabulary
from .detectors._api import COMMON_VALUES, Detector
from .detectors._registry import BROKEN, all_detectors, suggest_detector
from .narrative._context import ContextRules


@dataclass
class CompiledRule:
    """One rule, ready to run."""

    spec: RuleSpec
    pack_id: str
    pack_version: str
    detector: Detector[Any]
    params: Any
    where: Matcher | None
    matchers: dict[int, Matcher | PersonMatcher]
    severity: Severity

    @property
    def id(self) -> str:
        """The rule's id."""
        return self.spec.id


@dataclass
class CompiledPack:
    """A pack with everything compiled once."""

    spec: PackSpec
    vocab: dict[str, Vocabulary]
    lexicon: Lexicon
    rules: list[CompiledRule] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The pack's id."""
        return self.spec.id

    @property
    def version(self) -> str:
        """The pack's version."""
        return self.spec.version


def _selectors_in(
    value: Any, loc: tuple[str | int, ...]
) -> list[tuple[Selector | PersonMatch, tuple[str | int, ...]]]:
    found: list[tuple[Selector | PersonMatch, tuple[str | int, ...]]] = []
    if isinstance(value, (Selector, PersonMatch)):
        found.append((value, loc))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found += _selectors_in(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found += _selectors_in(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _selectors_in(item, (*loc, key))
    return found


def check_message(template: str, allowed: frozenset[str]) -> str | None:
    """Why a message template is invalid (an unknown or complex placeholder), or None."""
    for name in placeholders(template):
        if not PLACEHOLDER_NAME.fullmatch(name):
            return f"placeholder {{{name}}} must be a plain name such as {{count}}"
        if name not in allowed:
            close = difflib.get_close_matches(name, sorted(allowed), n=1)
            hint = f" — did you mean {{{close[0]}}}?" if close else ""
            return f"the message uses {{{name}}}, which this detector does not provide{hint}"
    return None


def compile_pack(resolved: ResolvedPack) -> CompiledPack:
    """Compile a resolved pack; raises :class:`PackError` with a position for any problem."""
    spec = resolved.spec
    vocab = {
        "agency": Vocabulary("agency", spec.vocabularies.agency),
        "entry_type": Vocabulary("entry_type", spec.vocabularies.entry_type),
        "role": Vocabulary("role", spec.vocabularies.role),
        "legal_status": Vocabulary("legal_status", spec.vocabularies.legal_status),
    }
    for kind, v in vocab.items():
        if v.conflicts:
            written, first, second = v.conflicts[0]
            assert resolved.pack_origin is not None
            raise resolved.pack_origin.error(
                f"{kind.replace('_', ' ')} {written!r} is listed under both {first!r} and "
                f"{second!r}; a recorded value must mean one thing",
                ("vocabularies", kind, second),
            )
    lexicon = Lexicon(
        {name: c.terms for name, c in spec.lexicons.items()}, context=_context_rules(spec)
    )
    pack = CompiledPack(spec=spec, vocab=vocab, lexicon=lexicon, chain=resolved.chain)
    detectors = all_detectors()
    for rule in spec.rules:
        origin = resolved.rule_origin.get(rule.id) or resolved.pack_origin
        assert origin is not None
        params_origin = resolved.params_origin.get(rule.id, origin)
        where_origin = resolved.where_origin.get(rule.id, origin)
        if rule.theme not in spec.themes:
            raise origin.error(
                f"theme {rule.theme!r} is not declared under 'themes' "
                f"(declared: {', '.join(sorted(spec.themes)) or 'none'})",
                ("theme",),
                rule.id,
            )
        detector = detectors.get(rule.detector)
        if detector is None and rule.detector in BROKEN:
            raise origin.error(
                f"detector {rule.detector!r} comes from a plugin that is installed but broken: "
                f"{BROKEN[rule.detector]}",
                ("detector",),
                rule.id,
            )
        if detector is None:
            hint = suggest_detector(rule.detector)
            raise origin.error(
                f"unknown detector {rule.detector!r}"
                + (f" — did you mean {hint!r}?" if hint else f" (known: {', '.join(detectors)})"),
                ("detector",),
                rule.id,
            )
        try:
            params = detector.params.model_validate(rule.params)
        except ValidationError as exc:
            raise validation_error(
                exc, params_origin.marks, params_origin.loc, rule.id, model=detector.params
            ) from None
        problem = check_message(rule.message, COMMON_VALUES | detector.provides)
        if problem:
            raise origin.error(problem, ("message",), rule.id)

        def error_at(
            message: str,
            loc: tuple[str | int, ...],
            *,
            _o: Origin = params_origin,
            _w: Origin = where_origin,
            _r: str = rule.id,
        ) -> PackError:
            if loc and loc[0] == "#where":
                return _w.error(message, loc[1:], _r)
            return _o.error(message, loc, _r)

        compiler = SelectorCompiler(vocab, lexicon, error_at)
        matchers: dict[int, Matcher | PersonMatcher] = {
            id(sel): (
                compiler.compile(sel, loc)
                if isinstance(sel, Selector)
                else compiler.compile_person(sel, loc)
            )
            for sel, loc in _selectors_in(params, ())
        }
        where = compiler.compile(rule.where, ("#where",)) if rule.where is not None else None
        pack_id, pack_version = resolved.rule_pack.get(rule.id, (spec.id, spec.version))
        pack.rules.append(
            CompiledRule(
                spec=rule,
                pack_id=pack_id,
                pack_version=pack_version,
                detector=detector,
                params=params,
                where=where,
                matchers=matchers,
                severity=rule.severity,
            )
        )
    return pack


def _context_rules(spec: PackSpec) -> ContextRules:
    """The built-in context triggers with the pack's own additions."""
    from .narrative import builtin_context_spec
    from .narrative._context import merge_triggers

    return ContextRules(merge_triggers(builtin_context_spec(), spec.context.model_dump()))
