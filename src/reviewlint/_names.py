"""Splitting recorded person names into given and family names.

Agencies write the same name in different orders and cases: ``SMITH,
Jayden`` in one system, ``Jayden SMITH`` or ``Jayden Smith`` in another, or
already split into fields. Parsing brings these to one display form so the
same person can be recognised across records; the recorded text is kept
unchanged beside it. Diacritics are never stripped here: whether ``Lukasz``
and ``Łukasz`` are the same person is a matching decision, not a parsing one.

Error messages never contain the name; they say what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

__all__ = ["NameParseError", "PersonName", "parse_name"]


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as recorded, split into given names and a family name.

    ``given`` and ``family`` are in display case. ``family`` is None when it
    is not known. For a placeholder (``Baby Smith``, ``Unknown male``) the
    placeholder words sit in ``given``, so that ``display`` still reads as
    recorded and a placeholder never looks like a bare family name: check
    ``placeholder`` before treating ``given`` as real given names. A record
    with no name in it at all (``-``, ``(not given)``) is a placeholder with
    neither part.
    """

    recorded: str
    given: tuple[str, ...]
    family: str | None
    placeholder: bool = False

    @property
    def display(self) -> str:
        """Given names then family name, in display case.

        A record with no name in it at all (``-``, ``(not given)``) shows as
        recorded, with its whitespace collapsed.
        """
        parts = [*self.given, self.family] if self.family else list(self.given)
        return " ".join(parts) if parts else " ".join(self.recorded.split())

    @property
    def normalised(self) -> str:
        """The display form folded for comparison: case-folded, accents kept.

        Punctuation other than hyphens and apostrophes is removed and
        whitespace collapsed, so ``J. Smith`` and ``j smith`` compare equal.
        """
        return _normalise(self.display)

    def sort_key(self) -> tuple[str, str, str]:
        """Return a key that orders names by family name, then given names."""
        return (
            _normalise(self.family or ""),
            _normalise(" ".join(self.given)),
            self.recorded,
        )

    def __str__(self) -> str:
        return self.display


class NameParseError(ValueError):
    """No name given at all: every field missing, empty or blank.

    The message says what was expected and never contains the value.
    """


_TITLES: Final = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx"})
_PARTICLES: Final = frozenset(
    {
        "van", "von", "der", "den", "ter", "ten", "de", "del", "della", "la", "le",
        "da", "di", "du", "dos", "das", "al", "el", "bin", "bint", "ibn", "ap",
    }
)  # fmt: skip
# A name opening with one of these stands in for a person not yet named.
_PLACEHOLDER_FIRST: Final = frozenset({"baby", "unborn", "unknown", "unidentified", "unnamed"})
# Words that continue such a stand-in ("Unborn baby of ..."), up to any real name.
_PLACEHOLDER_WORDS: Final = _PLACEHOLDER_FIRST | frozenset(
    {"male", "female", "man", "woman", "boy", "girl", "child", "adult", "of"}
)
_PLACEHOLDER_NAMES: Final = frozenset(
    {"unknown", "unknown male", "unknown female", "not known", "n/k"}
)
# Written where the family name should be, these say it is not known.
_FAMILY_UNKNOWN: Final = frozenset({"snk", "s/n/k", "nk", "n/k", "unk", "unknown", "not known"})

_FOLD_PUNCTUATION: Final = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    }
)  # fmt: skip
# Remarks and quoted nicknames are not part of the name: "Dean (surname
# unknown)", "Jayden \"JJ\" Smith". An unclosed bracket runs to the end.
_REMARK = re.compile(r'\(([^()]*)\)?|\[([^\[\]]*)\]?|"([^"]*)"?')
_FAMILY_UNKNOWN_REMARK = re.compile(
    r"\b(?:snk|s/n/k|(?:sur|last|family)\s*name\s+(?:unknown|not\s+known|n/?k))\b",
    re.IGNORECASE,
)
_GIVEN_UNKNOWN_REMARK = re.compile(
    r"\b(?:fore|first|given|christian)\s*names?\s+(?:unknown|not\s+known|n/?k)\b",
    re.IGNORECASE,
)
_STRAY = re.compile(r"^[^\w']+|[^\w'.]+$")
_SEGMENTS = re.compile(r"([-'/])")
_MC = re.compile(r"(Ma?c)(\w+)")

_EMPTY: Final = "expected a name: 'name', 'given_names' or 'family_name' must not be empty"


def parse_name(
    name: str | None = None,
    *,
    given_names: str | None = None,
    family_name: str | None = None,
) -> PersonName:
    """Split a recorded name into given names and a family name.

    ``given_names``/``family_name`` win over ``name`` when either is given.
    In ``name``, a comma marks ``FAMILY, Given``; otherwise an all-capitals
    word among mixed-case words is the family name wherever it stands, and
    failing that the last word is. A single word is a given name, unless a
    title precedes it (``Mrs Smith``). Parenthesised remarks are dropped
    from the parse (``(surname unknown)`` and ``(SNK)`` leave the family
    name unknown) but kept in ``recorded``. Raises NameParseError when no
    name is given at all.
    """
    given_field = _stripped(given_names)
    family_field = _stripped(family_name)
    if given_field is not None or family_field is not None:
        recorded = " ".join(part for part in (given_field, family_field) if part)
        given_text, given_remarks = _strip_remarks(given_field or "")
        family_text, family_remarks = _strip_remarks(family_field or "")
        family = _known_family(_tokens(family_text), [*given_remarks, *family_remarks])
        given = _strip_titles(_tokens(given_text), keep_last=not family)
        return _build(recorded, given, family)

    if name is None or not name.strip():
        raise NameParseError(_EMPTY)
    text, remarks = _strip_remarks(name)
    if "," in text:
        family_part, _, given_part = text.partition(",")
        family = _known_family(_tokens(family_part), remarks)
        given = _strip_titles(_tokens(given_part.replace(",", " ")), keep_last=not family)
        return _build(name, given, family)

    tokens = _tokens(text)
    stripped = _strip_titles(tokens, keep_last=True)
    titled = len(stripped) < len(tokens)
    tokens = stripped
    lead: list[str] = []
    if tokens and tokens[0].casefold() in _PLACEHOLDER_FIRST:
        while tokens and tokens[0].casefold() in _PLACEHOLDER_WORDS:
            lead.append(tokens.pop(0))
        if len(tokens) == 1:
            # "Baby Smith", "Baby X": what follows the stand-in is a family name.
            return _build(name, lead, tokens)
    family_unknown = _FAMILY_UNKNOWN_REMARK.search(" ".join(remarks)) is not None
    if len(tokens) > 1 and tokens[-1].casefold() in _FAMILY_UNKNOWN:
        family_unknown = True
        tokens = tokens[:-1]
    if family_unknown or not tokens:
        return _build(name, lead + tokens, [])
    given_unknown = _GIVEN_UNKNOWN_REMARK.search(" ".join(remarks)) is not None
    if given_unknown or (titled and len(tokens) == 1):
        # A title goes with a family name ("Mrs Smith"), not a given one.
        return _build(name, lead, tokens)
    if len(tokens) == 1:
        return _build(name, lead + tokens, [])
    start, end = _family_span(tokens)
    return _build(name, lead + tokens[:start] + tokens[end:], tokens[start:end])


def _stripped(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return value.strip()


def _strip_remarks(text: str) -> tuple[str, list[str]]:
    remarks: list[str] = []

    def drop(match: re.Match[str]) -> str:
        remarks.append(next((group for group in match.groups() if group is not None), ""))
        return " "

    return _REMARK.sub(drop, text.translate(_FOLD_PUNCTUATION)), remarks


def _known_family(tokens: list[str], remarks: list[str]) -> list[str]:
    if any(_FAMILY_UNKNOWN_REMARK.search(remark) for remark in remarks):
        return []
    if " ".join(tokens).casefold() in _FAMILY_UNKNOWN:
        return []
    return tokens


def _tokens(text: str) -> list[str]:
    tokens = []
    for raw in text.split():
        token = _STRAY.sub("", raw)
        if len(token) > 2 and token[0] == token[-1] == "'":
            # A nickname in single quotes ('JJ'), like one in double quotes.
            continue
        if any(char.isalpha() for char in token):
            tokens.append(token)
    return tokens


def _is_title(token: str) -> bool:
    return token.rstrip(".").casefold() in _TITLES


def _strip_titles(tokens: list[str], *, keep_last: bool) -> list[str]:
    # With keep_last a lone "Miss" survives: it may be all that was written.
    limit = len(tokens) - 1 if keep_last else len(tokens)
    start = 0
    while start < limit and _is_title(tokens[start]):
        start += 1
    return tokens[start:]


def _is_capitals(token: str) -> bool:
    if sum(char.isalpha() for char in token) < 2:
        return False
    # "McDONALD" is written in capitals too; the small "c" is convention.
    mc = _MC.fullmatch(token)
    return (mc[2] if mc is not None and mc[2].isupper() else token).isupper()


def _family_span(tokens: list[str]) -> tuple[int, int]:
    capitals = [index for index, token in enumerate(tokens) if _is_capitals(token)]
    # Lower-case particles ("JAN van der BERG") do not make a name mixed-case.
    mixed = any(
        not _is_capitals(token)
        and token.casefold() not in _PARTICLES
        and any(char.islower() for char in token)
        for token in tokens
    )
    if capitals and mixed:
        # The last run of capitals, should there be more than one.
        end = capitals[-1] + 1
        start = end - 1
        while start > 0 and _is_capitals(tokens[start - 1]):
            start -= 1
    else:
        start, end = len(tokens) - 1, len(tokens)
    # Particles belong to the family name ("Jan van der Berg"), but not when
    # they open the name: "Van Morrison" has the given name Van.
    while start > 1 and tokens[start - 1].casefold() in _PARTICLES:
        start -= 1
    return start, end


def _build(recorded: str, given: list[str], family: list[str]) -> PersonName:
    words = [*given, *family]
    folded = " ".join(words).casefold()
    if folded in _PLACEHOLDER_NAMES:
        # "Unknown male" names nobody, whichever order it came in.
        return PersonName(recorded, tuple(_display_words(words)), None, placeholder=True)
    if not words:
        return PersonName(recorded, (), None, placeholder=True)
    placeholder = words[0].casefold() in _PLACEHOLDER_FIRST
    return PersonName(
        recorded,
        tuple(_display_words(given)),
        _display_family(family) if family else None,
        placeholder,
    )


def _display_words(tokens: list[str]) -> list[str]:
    # "of" in "Baby of Kelly Smith" is a word of the sentence, not a name.
    return [
        token.casefold() if token.casefold() == "of" else _display_word(token) for token in tokens
    ]


def _display_family(tokens: list[str]) -> str:
    last = len(tokens) - 1
    return " ".join(
        token.casefold()
        if index < last and token.casefold() in _PARTICLES
        else _display_word(token)
        for index, token in enumerate(tokens)
    )


def _display_word(token: str) -> str:
    return "".join(_display_segment(part) for part in _SEGMENTS.split(token))


def _display_segment(segment: str) -> str:
    if segment.isupper() or segment.islower():
        return segment[0].upper() + segment[1:].lower()
    mc = _MC.fullmatch(segment)
    if mc is not None and mc[2].isupper():
        return mc[1] + mc[2][0] + mc[2][1:].lower()
    # Mixed case as written ("McDonald", "DeShawn") is the person's own.
    return segment


def _normalise(text: str) -> str:
    kept = "".join(
        char
        for char in text.casefold()
        if char in "-' " or char.isspace() or unicodedata.category(char)[0] in "LMN"
    )
    return " ".join(kept.split())
