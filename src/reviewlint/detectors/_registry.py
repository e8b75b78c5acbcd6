"""The detector registry: built-in detectors plus those installed through entry points.

Third-party packages register detectors under the entry-point group
``reviewlint.detectors``; each entry point names a :class:`Detector`
object (or a function returning one).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from importlib.metadata import entry_points
from typing import Any, TypeVar

from ._api import Detector, Hit, Params, RuleContext

P = TypeVar("P", bound=Params)

_BUILTIN: dict[str, Detector[Any]] = {}
_plugins_loaded = False
# Entry points that failed to load, by name, so a rule that needs one can say why.
BROKEN: dict[str, str] = {}
ENTRY_POINT_GROUP = "reviewlint.detectors"


def detector(
    name: str, params: type[P], provides: Iterable[str] = ()
) -> Callable[[Callable[[RuleContext, P], Iterable[Hit]]], Detector[P]]:
    """Register a function as a detector named ``name`` with parameter model ``params``."""

    def wrap(function: Callable[[RuleContext, P], Iterable[Hit]]) -> Detector[P]:
        made = Detector(name, params, function, frozenset(provides))
        taken = _BUILTIN.get(name)
        if taken is not None and taken.function.__qualname__ != function.__qualname__:
            # Rules name detectors; letting a plugin replace one would change
            # what existing rules mean without anyone noticing.
            raise ValueError(f"a detector named {name!r} is already registered")
        _BUILTIN[name] = made
        return made

    return wrap


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            made = obj() if callable(obj) and not isinstance(obj, Detector) else obj
        except Exception as exc:  # a broken plugin must not stop runs that do not use it
            BROKEN[ep.name] = f"{ep.value} failed to load ({type(exc).__name__})"
            continue
        if not isinstance(made, Detector):
            BROKEN[ep.name] = f"{ep.value} is not a Detector"
            continue
        _BUILTIN.setdefault(made.name, made)


def all_detectors() -> dict[str, Detector[Any]]:
    """Every detector by name: built-in and installed plugins."""
    from . import _builtin  # noqa: F401  (registers the built-in detectors)

    _load_plugins()
    return dict(sorted(_BUILTIN.items()))


def get_detector(name: str) -> Detector[Any] | None:
    """The detector with this name, or None."""
    return all_detectors().get(name)


def suggest_detector(name: str) -> str | None:
    """The closest detector name, for 'did you mean' messages."""
    close = difflib.get_close_matches(name, list(all_detectors()), n=1, cutoff=0.6)
    return close[0] if close else None
