"""Safe YAML reading that remembers where every value came from.

Packs are untrusted input. They are parsed with PyYAML's safe composer (no
tags that build Python objects) and turned into plain data here, by hand,
so that (1) every value's line and column is known for error messages and
(2) alias expansion is bounded: a "billion laughs" document is refused
after a fixed number of nodes instead of exhausting memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .._errors import PackError

MAX_PACK_BYTES = 5_000_000
MAX_NODES = 1_000_000

Loc = tuple[str | int, ...]

# The only tags a mapping or a sequence may carry: plain YAML ones (an explicit
# '!!map' or '!!seq' is harmless). '!!python/object', '!!set', '!!omap', ... are refused.
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


@dataclass(frozen=True)
class Mark:
    """A position in a pack file (1-based line and column)."""

    path: Path | None
    line: int
    column: int


class Marks:
    """Positions of values in one YAML document, by their path in the data."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._marks: dict[Loc, Mark] = {}
        self._kinds: dict[Loc, str] = {}

    def add(self, loc: Loc, node: yaml.Node) -> None:
        self._marks[loc] = Mark(self.path, node.start_mark.line + 1, node.start_mark.column + 1)
        self._kinds[loc] = (
            "mapping"
            if isinstance(node, yaml.MappingNode)
            else "sequence"
            if isinstance(node, yaml.SequenceNode)
            else "scalar"
        )

    def kind(self, loc: Loc) -> str | None:
        """'mapping', 'sequence' or 'scalar' for a value written in this file, else None."""
        return self._kinds.get(tuple(loc))

    def find(self, loc: Loc) -> Mark | None:
        """The mark of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            mark = self._marks.get(loc)
            if mark is not None or not loc:
                return mark
            loc = loc[:-1]


class _Builder:
    def __init__(self, marks: Marks) -> None:
        self.marks = marks
        self.count = 0
        self._constructor = yaml.SafeLoader("")

    def check_size(self, root: yaml.Node) -> None:
        """Refuse a document whose aliases expand past MAX_NODES, before expanding any.

        Aliased nodes are the same object in the composed graph, so their
        expanded size is counted once per distinct node (memoised), in time
        proportional to the document's text, not to its expansion.
        """
        sizes: dict[int, int] = {}
        open_: set[int] = set()  # nodes whose children are still being counted
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            if id(node) in sizes:
                continue
            if not children_done and id(node) in open_:
                raise self._error(node, "an alias refers to the value that contains it")
            if isinstance(node, yaml.MappingNode):
                kids = [n for pair in node.value for n in pair]
            elif isinstance(node, yaml.SequenceNode):
                kids = list(node.value)
            else:
                sizes[id(node)] = 1
                continue
            if not children_done:
                open_.add(id(node))
                stack.append((node, True))
                stack.extend((k, False) for k in kids if id(k) not in sizes)
                continue
            total = 1 + sum(sizes.get(id(k), 1) for k in kids)
            if total > MAX_NODES:
                raise self._too_big()
            sizes[id(node)] = total
            open_.discard(id(node))

    def _too_big(self) -> PackError:
        return PackError(
            f"the pack expands to more than {MAX_NODES:,} values (are aliases "
            "repeating themselves?); refusing to read it",
            path=self.marks.path,
        )

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._too_big()
        self.marks.add(loc, node)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            raise self._error(node, f"the tag {node.tag!r} is not allowed in packs")
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self._error(key_node, "'<<' merge keys are not supported in packs")
                key = self._scalar(key_node)
                if not isinstance(key, (str, int, bool)) or isinstance(key, bool):
                    raise self._error(key_node, "mapping keys must be plain text")
                key = str(key)
                if key in out:
                    raise self._error(key_node, f"key {key!r} appears twice in this mapping")
                out[key] = self.build(value_node, (*loc, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self._error(node, "expected a plain value here")
        # SafeConstructor only knows the standard scalar tags (str, int, float,
        # bool, null, timestamp); anything else is refused, never built.
        try:
            value = self._constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise self._error(node, f"the tag {node.tag!r} is not allowed in packs") from None
        if not isinstance(value, str) and node.style in ("'", '"'):
            return node.value
        return value

    def _error(self, node: yaml.Node, message: str) -> PackError:
        return PackError(
            message,
            path=self.marks.path,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )


def read_yaml(text: str, path: Path | None = None) -> tuple[Any, Marks]:
    """Parse one YAML document safely; return the data and the positions of its values."""
    if len(text) > MAX_PACK_BYTES:
        raise PackError(f"the pack is larger than {MAX_PACK_BYTES:,} characters", path=path)
    marks = Marks(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise PackError(
            f"not valid YAML: {exc.problem}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise PackError(f"not valid YAML: {exc}", path=path) from None
    if node is None:
        return {}, marks
    builder = _Builder(marks)
    builder.check_size(node)
    return builder.build(node, ()), marks
