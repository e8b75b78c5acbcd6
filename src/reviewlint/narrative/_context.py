"""Deciding what a concept mention means: negated, denied, uncertain, hypothetical, past, whose.

An implementation in the ConText tradition (Harkema, Chapman et al.): trigger
phrases, found in the same single pass over the text's tokens as the
concepts, modify the concept mentions within their scope. A `before` trigger
reaches forward, an `after` trigger back; both stop at a terminating word
(``but``, ``however``), at the end of the sentence, or after a window of
words. Concept phrases are chosen first, longest first, and a trigger that
overlaps one is dropped, so "no access" is a concept and its "no" negates
nothing. Pseudo-triggers ("no further action") take their words out of play.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._text import FoldedText, TermIndex

MODIFIERS = (
    "negated",
    "denied",
    "uncertain",
    "hypothetical",
    "historical",
    "other_person",
    "challenged",
)
_SENTENCE_END = frozenset({".", "!", "?", ";"})


@dataclass(frozen=True, slots=True)
class Context:
    """What the words around one concept mention say about it."""

    negated: bool = False
    denied: bool = False
    uncertain: bool = False
    hypothetical: bool = False
    historical: bool = False
    other_person: bool = False
    challenged: bool = False

    @property
    def experiencer(self) -> str:
        """``family`` (the child, their household and carers) or ``other``."""
        return "other" if self.other_person else "family"


PLAIN = Context()


@dataclass(frozen=True, slots=True)
class Mention:
    """A concept mention in token positions, with its context."""

    label: str
    first: int
    end: int  # token after the last
    context: Context


def merge_triggers(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Trigger lists of ``base`` with those of ``extra`` appended (a local pack's additions).

    Scalars (``window``) in ``extra`` replace those of ``base``; lists are joined, per
    direction for a modifier's ``before``/``after``/``sentence``/``quoted`` lists.
    """
    merged: dict[str, Any] = {
        k: (dict(v) if isinstance(v, Mapping) else v) for k, v in base.items()
    }
    for key, value in extra.items():
        if isinstance(value, Mapping):
            lists = merged.setdefault(key, {})
            for direction, phrases in value.items():
                lists[direction] = [*(lists.get(direction) or []), *phrases]
        elif isinstance(value, list):
            merged[key] = [*(merged.get(key) or []), *value]
        else:
            merged[key] = value
    return merged


class ContextRules:
    """Trigger lists compiled into one token trie, applied to concept mentions."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        terms: dict[str, list[str]] = {}

        def phrases(value: Any) -> list[str]:
            items = value or []
            bad = [p for p in items if not isinstance(p, str)]
            if bad:
                # YAML reads an unquoted no/yes/on/off as true/false: say so.
                raise ValueError(f"trigger phrases must be text; quote {bad[0]!r} in the YAML")
            return list(items)

        for modifier in MODIFIERS:
            lists = spec.get(modifier) or {}
            for direction in ("before", "after", "sentence", "quoted"):
                for phrase in phrases(lists.get(direction)):
                    terms.setdefault(phrase, []).append(f"{modifier}:{direction}")
        for phrase in phrases(spec.get("pseudo")):
            terms.setdefault(phrase, []).append("pseudo")
        for phrase in phrases(spec.get("terminate")):
            terms.setdefault(phrase, []).append("terminate")
        self.window = int(spec.get("window", 8))
        self.after_window = int(spec.get("after_window", 4))
        self.index = TermIndex(terms)

    def apply(
        self, text: FoldedText, hits: Iterable[tuple[int, int, Sequence[str]]]
    ) -> list[Mention]:
        """Choose concept mentions among ``hits`` (token ranges) and give each its context."""
        tokens = text.tokens
        mentions = _choose_mentions(hits)
        if not mentions:
            return []
        raw_triggers = self.index.find_tokens(text)
        triggers = _choose_triggers(raw_triggers, [(a, b) for _, a, b in mentions])
        # A challenge word may itself be a concept ("challenged" is a response to concerns);
        # it still marks a quoted phrase as disputed, so quoted triggers skip the overlap rule.
        chosen_set = set(triggers)
        triggers += [
            (a, b, tuple(x for x in labels if x.endswith(":quoted")))
            for a, b, labels in raw_triggers
            if (a, b, labels) not in chosen_set and _has_quoted(labels)
        ]
        sentence = _sentences(text)
        terminators = [t for t in triggers if "terminate" in t[2]]
        # Work sentence by sentence: a long note has many mentions and triggers, and each
        # mention only looks at its own sentence (and, for quoted triggers, the next one).
        by_sentence: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
        for found in triggers:
            by_sentence.setdefault(sentence[found[0]], []).append(found)
        raw_by_sentence: dict[int, list[tuple[int, int, tuple[str, ...]]]] = {}
        for a, b, labels in raw_triggers:
            raw_by_sentence.setdefault(sentence[a], []).append((a, b, tuple(labels)))
        mentions_by_sentence: dict[int, list[tuple[str, int, int]]] = {}
        for m in mentions:
            mentions_by_sentence.setdefault(sentence[m[1]], []).append(m)
        out = []
        for label, first, end in mentions:
            flags = dict.fromkeys(MODIFIERS, False)
            s = sentence[first]
            # "?DV": a question mark written against the word marks it uncertain.
            if (
                first > 0
                and tokens[first - 1][2] == "?"
                and tokens[first - 1][1] == tokens[first][0]
            ):
                flags["uncertain"] = True
            near = by_sentence.get(s, [])
            following = [t for t in by_sentence.get(s + 1, []) if _reaches_next(text, t)]
            for t_first, t_end, labels in [*near, *following]:
                same = sentence[t_first] == s
                for trig in labels:
                    if trig in ("pseudo", "terminate"):
                        continue
                    modifier, direction = trig.split(":")
                    if flags[modifier]:
                        continue
                    if not same and direction != "quoted":
                        continue
                    if (
                        t_first <= first
                        and end <= t_end
                        and t_end - t_first > end - first
                        and direction != "quoted"
                    ):
                        # The trigger holds the concept word: "not present", "no concerns re".
                        flags[modifier] = True
                    elif direction == "sentence" or (
                        direction == "quoted" and _quoted(text, first, end)
                    ):
                        flags[modifier] = True
                    elif direction == "before" and t_end <= first:
                        if first - t_end <= self.window and not _blocked(terminators, t_end, first):
                            flags[modifier] = True
                    elif (
                        direction == "after"
                        and t_first >= end
                        and t_first - end <= self.after_window
                        and not _blocked(terminators, end, t_first)
                    ):
                        flags[modifier] = True
            # "seen" in "Mick not seen", "referred to CSC" in "not referred to CSC": a longer
            # phrase's own "not" still reaches a concept that overlaps it from inside,
            # though it negates nothing beyond the phrase.
            for o_label, o_first, o_end in mentions_by_sentence.get(s, ()):
                if o_label == label or not (o_first <= first < o_end):
                    continue
                if (o_first, o_end) == (first, end):
                    continue
                for t_first, t_end, labels in raw_by_sentence.get(s, ()):
                    if o_first <= t_first and t_end <= first:
                        for trig in labels:
                            if trig.endswith(":before") or trig.endswith(":sentence"):
                                flags[trig.split(":")[0]] = True
            if flags["denied"]:
                flags["negated"] = False  # a reported denial leaves the concern open
            out.append(Mention(label, first, end, Context(**flags)))
        return out


def _choose_mentions(hits: Iterable[tuple[int, int, Sequence[str]]]) -> list[tuple[str, int, int]]:
    # Per label, the longest match wins where matches overlap (leftmost first among equals).
    by_label: dict[str, list[tuple[int, int]]] = {}
    for first, end, labels in hits:
        for label in labels:
            by_label.setdefault(label, []).append((first, end))
    chosen: list[tuple[str, int, int]] = []
    for label, spans in by_label.items():
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        used: list[tuple[int, int]] = []
        for first, end in spans:
            if all(end <= a or first >= b for a, b in used):
                used.append((first, end))
        chosen.extend((label, a, b) for a, b in used)
    chosen.sort(key=lambda m: (m[1], m[2], m[0]))
    return chosen


def _choose_triggers(
    found: list[tuple[int, int, tuple[str, ...]]], mentions: list[tuple[int, int]]
) -> list[tuple[int, int, tuple[str, ...]]]:
    # A trigger inside a longer concept phrase is part of that phrase ("no" in "no access")
    # and is dropped; a trigger that holds a concept word ("no concerns re" holding
    # "concerns") stays a trigger. Longest first; triggers may not overlap each other.
    found = sorted(found, key=lambda t: (-(t[1] - t[0]), t[0]))
    used = [False] * (max((t[1] for t in found), default=0) + 1)
    # Mentions covering each token: phrases are a few tokens long, so this stays linear.
    covering: dict[int, list[tuple[int, int]]] = {}
    for a, b in mentions:
        for k in range(a, b):
            covering.setdefault(k, []).append((a, b))
    chosen: list[tuple[int, int, tuple[str, ...]]] = []
    for first, end, labels in found:
        if any(used[first:end]):
            continue
        near = {m for k in range(first, end) for m in covering.get(k, ())}
        if any(a <= first and end <= b and b - a > end - first for a, b in near):
            continue
        if any(not (first <= a and b <= end) for a, b in near):
            continue  # straddles a concept phrase's edge: the phrase wins
        for k in range(first, end):
            used[k] = True
        chosen.append((first, end, labels))
    chosen.sort()
    return chosen


def _has_quoted(labels: Sequence[str]) -> bool:
    return any(label.endswith(":quoted") for label in labels)


# Only an explicit challenge reaches back across a sentence end to a quoted phrase:
# "described as 'streetwise'. DSL challenged this." Words such as "however" or "but"
# open a new point as often as they dispute the last one.
_NEXT_SENTENCE_STEMS = ("challeng", "question", "victim", "inappropriate", "not appropriate",
                        "cannot consent", "can't consent", "unable to consent", "reframe",
                        "should not be used", "is being groomed", "is being exploited",
                        "being exploited", "being groomed", "is a victim")  # fmt: skip


def _reaches_next(text: FoldedText, trigger: tuple[int, int, tuple[str, ...]]) -> bool:
    first, end, labels = trigger
    if not _has_quoted(labels):
        return False
    tokens = text.tokens
    words = text.folded[tokens[first][0] : tokens[end - 1][1]]
    return words.startswith(_NEXT_SENTENCE_STEMS)


def _quoted(text: FoldedText, first: int, end: int) -> bool:
    """Whether a mention sits inside quotation marks in its sentence."""
    tokens = text.tokens
    folded = text.folded
    opened = False
    for k in range(first - 1, -1, -1):
        start, stop, word = tokens[k]
        if word in _SENTENCE_END:
            break
        if word in ("'", '"'):
            left = folded[start - 1 : start]
            right = folded[stop : stop + 1]
            if not (left.isalnum() and right.isalnum()):  # not the apostrophe in "Mum's"
                opened = True
                break
    if not opened:
        return False
    for k in range(end, len(tokens)):
        start, stop, word = tokens[k]
        if word in ("'", '"'):
            left = folded[start - 1 : start]
            right = folded[stop : stop + 1]
            if not (left.isalnum() and right.isalnum()):
                return True
        if word in _SENTENCE_END:
            return False
    return False


def _blocked(terminators: list[tuple[int, int, tuple[str, ...]]], start: int, stop: int) -> bool:
    return any(start <= t_first and t_end <= stop for t_first, t_end, _ in terminators)


def _sentences(text: FoldedText) -> list[int]:
    """The sentence number of each token: a sentence ends at . ! ? ; or a line break."""
    tokens = text.tokens
    folded = text.folded
    numbers = []
    current = 0
    for k, (start, end, word) in enumerate(tokens):
        if k and "\n" in folded[tokens[k - 1][1] : start]:
            current += 1
        numbers.append(current)
        if word in _SENTENCE_END:
            # A full stop inside "S.47" or "e.g." does not end a sentence; "?DV" does not either.
            nxt = folded[end : end + 1]
            if word in ".?" and nxt and not nxt.isspace():
                continue
            current += 1
    return numbers
