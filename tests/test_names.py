from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewlint._names import NameParseError, PersonName, parse_name


@pytest.mark.parametrize(
    ("name", "given_names", "family"),
    [
        # FAMILY, Given
        ("SMITH, Jayden", ("Jayden",), "Smith"),
        ("Smith, Jayden", ("Jayden",), "Smith"),
        ("SMITH,Jayden", ("Jayden",), "Smith"),
        ("SMITH , Jayden Lee", ("Jayden", "Lee"), "Smith"),
        ("SMITH, Mrs Kelly", ("Kelly",), "Smith"),
        ("Smith-Jones, Kelly", ("Kelly",), "Smith-Jones"),
        ("van der BERG, Jan", ("Jan",), "van der Berg"),
        ("O'NEILL, Siobhan", ("Siobhan",), "O'Neill"),
        ("O’NEILL, Siobhan", ("Siobhan",), "O'Neill"),
        # an all-capitals word among mixed-case words is the family name
        ("Jayden SMITH", ("Jayden",), "Smith"),
        ("SMITH Jaiden", ("Jaiden",), "Smith"),
        ("Mary Ann SMITH", ("Mary", "Ann"), "Smith"),
        ("Jayden SMITH Lee", ("Jayden", "Lee"), "Smith"),
        ("Kelly SMITH-JONES", ("Kelly",), "Smith-Jones"),
        ("Kelly SMITH JONES", ("Kelly",), "Smith Jones"),
        ("Siobhan O'NEILL", ("Siobhan",), "O'Neill"),
        ("Jayden McDONALD", ("Jayden",), "McDonald"),
        ("JAYDEN McDONALD", ("Jayden",), "McDonald"),
        ("Łukasz MÜLLER", ("Łukasz",), "Müller"),
        ("jayden SMITH", ("Jayden",), "Smith"),
        ("J SMITH", ("J",), "Smith"),
        ("Jayden J SMITH", ("Jayden", "J"), "Smith"),
        # otherwise the last word is the family name
        ("Jayden Smith", ("Jayden",), "Smith"),
        ("JAYDEN SMITH", ("Jayden",), "Smith"),
        ("jayden smith", ("Jayden",), "Smith"),
        ("Mary Ann Smith", ("Mary", "Ann"), "Smith"),
        ("Kelly Smith-Jones", ("Kelly",), "Smith-Jones"),
        ("Siobhan O'Neill", ("Siobhan",), "O'Neill"),
        ("Siobhan O’Neill", ("Siobhan",), "O'Neill"),
        ("Jayden McDonald", ("Jayden",), "McDonald"),
        ("Jayden MacKenzie", ("Jayden",), "MacKenzie"),
        ("Mary-Ann Smith", ("Mary-Ann",), "Smith"),
        ("MARY-ANN SMITH", ("Mary-Ann",), "Smith"),
        ("DeShawn Smith", ("DeShawn",), "Smith"),
        ("Zoë Brontë", ("Zoë",), "Brontë"),
        ("ŁUKASZ NOWAK", ("Łukasz",), "Nowak"),
        ("J. Smith", ("J.",), "Smith"),
        ("  Jayden   Smith  ", ("Jayden",), "Smith"),
        # particles stay with the family name
        ("Jan van der Berg", ("Jan",), "van der Berg"),
        ("Jan Van Der Berg", ("Jan",), "van der Berg"),
        ("Jan VAN DER BERG", ("Jan",), "van der Berg"),
        ("JAN van der BERG", ("Jan",), "van der Berg"),
        ("JAN VAN DER BERG", ("Jan",), "van der Berg"),
        ("Maria de la Cruz", ("Maria",), "de la Cruz"),
        ("Luca di Marco", ("Luca",), "di Marco"),
        ("Paul du Pont", ("Paul",), "du Pont"),
        ("Marie le Pen", ("Marie",), "le Pen"),
        ("Omar al Rashid", ("Omar",), "al Rashid"),
        ("Amir bin Rashid", ("Amir",), "bin Rashid"),
        ("Amira bint Khalid", ("Amira",), "bint Khalid"),
        ("Yusuf ibn Said", ("Yusuf",), "ibn Said"),
        ("Dafydd ap Gwilym", ("Dafydd",), "ap Gwilym"),
        ("Anna von Trapp", ("Anna",), "von Trapp"),
        # ...but a name that opens with one is a given name
        ("Van Morrison", ("Van",), "Morrison"),
        ("Al Smith", ("Al",), "Smith"),
        # titles are dropped
        ("Mrs Kelly Smith", ("Kelly",), "Smith"),
        ("Mr. Dean Jones", ("Dean",), "Jones"),
        ("Dr Amir bin Rashid", ("Amir",), "bin Rashid"),
        ("Ms Kelly SMITH", ("Kelly",), "Smith"),
        ("Miss Kelly Smith", ("Kelly",), "Smith"),
        ("Mx Sam Smith", ("Sam",), "Smith"),
        ("MRS KELLY SMITH", ("Kelly",), "Smith"),
        ("Mr Mr Smith", (), "Smith"),
        # ...and a title alone with one word marks a family name
        ("Mrs Smith", (), "Smith"),
        ("Dr SMITH", (), "Smith"),
        # a single word is a given name
        ("Dean", ("Dean",), None),
        ("DEAN", ("Dean",), None),
        ("Miss", ("Miss",), None),
        # remarks are dropped; some say the family name is not known
        ("Dean (surname unknown)", ("Dean",), None),
        ("Dean (Surname Unknown)", ("Dean",), None),
        ("Dean (surname not known)", ("Dean",), None),
        ("Dean (SNK)", ("Dean",), None),
        ("Dean (snk)", ("Dean",), None),
        ("Dean (last name unknown)", ("Dean",), None),
        ("Dean Jones (surname unknown)", ("Dean", "Jones"), None),
        ("Dean SNK", ("Dean",), None),
        ("Dean (surname unknown", ("Dean",), None),
        ("Dean [SNK]", ("Dean",), None),
        ("Kelly Smith (nee Jones)", ("Kelly",), "Smith"),
        ("Kelly SMITH (mother)", ("Kelly",), "Smith"),
        ('Jayden "JJ" Smith', ("Jayden",), "Smith"),
        ("Jayden “JJ” SMITH", ("Jayden",), "Smith"),
        ("Jayden 'JJ' SMITH", ("Jayden",), "Smith"),
        ("SMITH (forename unknown)", (), "Smith"),
        ("SMITH, Dean (SNK)", ("Dean",), None),
    ],
)
def test_name_forms(name: str, given_names: tuple[str, ...], family: str | None) -> None:
    parsed = parse_name(name)
    assert parsed.given == given_names
    assert parsed.family == family
    assert not parsed.placeholder
    assert parsed.recorded == name


@pytest.mark.parametrize(
    ("name", "display"),
    [
        ("SMITH, Jayden", "Jayden Smith"),
        ("Jayden SMITH", "Jayden Smith"),
        ("SMITH Jaiden", "Jaiden Smith"),
        ("O'NEILL, SIOBHAN", "Siobhan O'Neill"),
        ("SMITH-JONES, KELLY", "Kelly Smith-Jones"),
        ("Jayden McDONALD", "Jayden McDonald"),
        ("MCDONALD, JAYDEN", "Jayden Mcdonald"),
        ("JAN VAN DER BERG", "Jan van der Berg"),
        ("ŁUKASZ MÜLLER", "Łukasz Müller"),
        ("Dean (surname unknown)", "Dean"),
        ("Baby SMITH", "Baby Smith"),
        ("Unborn baby of Kelly SMITH", "Unborn Baby of Kelly Smith"),
    ],
)
def test_display(name: str, display: str) -> None:
    parsed = parse_name(name)
    assert parsed.display == display
    assert str(parsed) == display


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Jayden SMITH", "jayden smith"),
        ("SMITH, Jayden", "jayden smith"),
        ("J. Smith", "j smith"),
        ("Siobhan O’NEILL", "siobhan o'neill"),
        ("Kelly SMITH-JONES", "kelly smith-jones"),
        ("Łukasz MÜLLER", "łukasz müller"),
        ("Zoë Brontë", "zoë brontë"),
        ("  Jayden    Lee   SMITH ", "jayden lee smith"),
        ("Jan VAN DER BERG", "jan van der berg"),
        ("Dean (surname unknown)", "dean"),
        ("n/k", "nk"),
    ],
)
def test_normalised(name: str, normalised: str) -> None:
    assert parse_name(name).normalised == normalised


def test_normalised_keeps_accents() -> None:
    assert parse_name("Lukasz Muller").normalised != parse_name("Łukasz Müller").normalised


# --- separate fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_names", "family_name", "given", "family", "recorded"),
    [
        ("Jayden", "SMITH", ("Jayden",), "Smith", "Jayden SMITH"),
        ("JAYDEN", "smith", ("Jayden",), "Smith", "JAYDEN smith"),
        ("Mary Ann", "Smith", ("Mary", "Ann"), "Smith", "Mary Ann Smith"),
        ("  Jayden ", " Smith  ", ("Jayden",), "Smith", "Jayden Smith"),
        ("Jan", "VAN DER BERG", ("Jan",), "van der Berg", "Jan VAN DER BERG"),
        ("Siobhan", "O’Neill", ("Siobhan",), "O'Neill", "Siobhan O’Neill"),
        ("Mrs Kelly", "Smith", ("Kelly",), "Smith", "Mrs Kelly Smith"),
        ("Mrs", "Smith", (), "Smith", "Mrs Smith"),
        ("Dean", None, ("Dean",), None, "Dean"),
        ("Dean", "", ("Dean",), None, "Dean"),
        ("Dean", "unknown", ("Dean",), None, "Dean unknown"),
        ("Dean", "SNK", ("Dean",), None, "Dean SNK"),
        ("Dean", "(surname unknown)", ("Dean",), None, "Dean (surname unknown)"),
        (None, "Smith", (), "Smith", "Smith"),
        ("", "SMITH", (), "Smith", "SMITH"),
        ("Miss", None, ("Miss",), None, "Miss"),
    ],
)
def test_fields(
    given_names: str | None,
    family_name: str | None,
    given: tuple[str, ...],
    family: str | None,
    recorded: str,
) -> None:
    parsed = parse_name(given_names=given_names, family_name=family_name)
    assert parsed.given == given
    assert parsed.family == family
    assert parsed.recorded == recorded


def test_fields_win_over_name() -> None:
    parsed = parse_name("Kelly Jones", given_names="Kelly", family_name="Smith")
    assert parsed.family == "Smith"
    assert parsed.recorded == "Kelly Smith"


def test_blank_fields_do_not_win_over_name() -> None:
    parsed = parse_name("Kelly Jones", given_names=" ", family_name="")
    assert parsed.family == "Jones"
    assert parsed.recorded == "Kelly Jones"


@pytest.mark.parametrize(
    ("name", "given_names", "family_name"),
    [
        ("SMITH, Jayden", "Jayden", "Smith"),
        ("Jayden SMITH", "JAYDEN", "SMITH"),
        ("Jan VAN DER BERG", "Jan", "van der Berg"),
        ("O'NEILL, Siobhan", "Siobhan", "O’Neill"),
        ("Mrs Kelly SMITH-JONES", "Kelly", "Smith-Jones"),
        ("Łukasz MÜLLER", "łukasz", "müller"),
        ("Dean (surname unknown)", "Dean", None),
    ],
)
def test_both_forms_of_one_person_are_equal_when_normalised(
    name: str, given_names: str, family_name: str | None
) -> None:
    from_name = parse_name(name)
    from_fields = parse_name(given_names=given_names, family_name=family_name)
    assert from_name.normalised == from_fields.normalised
    assert (from_name.given, from_name.family) == (from_fields.given, from_fields.family)


# --- placeholders ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "given", "family"),
    [
        ("Baby Smith", ("Baby",), "Smith"),
        ("Baby SMITH", ("Baby",), "Smith"),
        ("BABY SMITH", ("Baby",), "Smith"),
        ("baby smith", ("Baby",), "Smith"),
        ("Baby X", ("Baby",), "X"),
        ("Baby", ("Baby",), None),
        ("SMITH, Baby", ("Baby",), "Smith"),
        ("Unborn baby", ("Unborn", "Baby"), None),
        ("Unborn Baby SMITH", ("Unborn", "Baby"), "Smith"),
        ("Baby of Kelly SMITH", ("Baby", "of", "Kelly"), "Smith"),
        ("Unknown", ("Unknown",), None),
        ("unknown male", ("Unknown", "Male"), None),
        ("Unknown Female", ("Unknown", "Female"), None),
        ("UNKNOWN MALE", ("Unknown", "Male"), None),
        ("MALE, Unknown", ("Unknown", "Male"), None),
        ("Unknown adult male", ("Unknown", "Adult", "Male"), None),
        ("not known", ("Not", "Known"), None),
        ("n/k", ("N/K",), None),
        ("N/K", ("N/K",), None),
        ("(surname unknown)", (), None),
        ("(name not given)", (), None),
        ("-", (), None),
        ("?", (), None),
    ],
)
def test_placeholders(name: str, given: tuple[str, ...], family: str | None) -> None:
    parsed = parse_name(name)
    assert parsed.placeholder
    assert parsed.given == given
    assert parsed.family == family
    assert parsed.recorded == name


def test_placeholder_from_fields() -> None:
    assert parse_name(given_names="Baby", family_name="Smith").placeholder
    assert parse_name(given_names="Unborn baby").placeholder
    assert parse_name(given_names="Unknown", family_name="male").placeholder


def test_name_with_no_name_in_it_displays_as_recorded() -> None:
    parsed = parse_name("  (surname   unknown) ")
    assert parsed.display == "(surname unknown)"


@pytest.mark.parametrize("name", ["Babette Smith", "Jayden Unwin", "Kelly Baby", "Jayden Smith"])
def test_not_placeholders(name: str) -> None:
    assert not parse_name(name).placeholder


def test_placeholder_does_not_normalise_to_a_bare_family_name() -> None:
    assert parse_name("Baby Smith").normalised != parse_name("Mrs Smith").normalised


# --- errors and the value object ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "given_names", "family_name"),
    [
        (None, None, None),
        ("", None, None),
        ("   ", None, None),
        ("\t", "", " "),
        (None, "", ""),
    ],
)
def test_nothing_usable_raises(
    name: str | None, given_names: str | None, family_name: str | None
) -> None:
    with pytest.raises(NameParseError) as caught:
        parse_name(name, given_names=given_names, family_name=family_name)
    assert isinstance(caught.value, ValueError)
    assert "expected" in str(caught.value)
    assert caught.value.__context__ is None


def test_error_message_is_fixed_text() -> None:
    messages = set()
    for args in [(None, None, None), ("  ", " ", "\n")]:
        with pytest.raises(NameParseError) as caught:
            parse_name(args[0], given_names=args[1], family_name=args[2])
        messages.add(str(caught.value))
    assert len(messages) == 1


def test_person_name_is_frozen_and_hashable() -> None:
    parsed = parse_name("Jayden SMITH")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.family = "Jones"  # type: ignore[misc]
    assert hash(parsed) == hash(parse_name("Jayden SMITH"))
    assert parsed == PersonName("Jayden SMITH", ("Jayden",), "Smith")


def test_sort_key_orders_by_family_then_given() -> None:
    names = ["Zara ADAMS", "Jayden Smith", "adams, amy", "Dean", "Kelly SMITH", "Łukasz Müller"]
    ordered = sorted((parse_name(n) for n in names), key=PersonName.sort_key)
    assert [n.display for n in ordered] == [
        "Dean",
        "Amy Adams",
        "Zara Adams",
        "Łukasz Müller",
        "Jayden Smith",
        "Kelly Smith",
    ]


# --- properties ------------------------------------------------------------------------

# Letters whose upper and lower case map one to one, so that writing a word
# in capitals and back loses nothing.
LETTERS = "".join(
    c
    for c in "abcdefghijklmnopqrstuvwxyzàáâäãåçèéêëìíîïñòóôöøùúûüýÿłśźżćńąęšžčřďťňő"
    if len(c.upper()) == 1 and c.upper().lower() == c
)
RESERVED = {
    # titles, particles and placeholder or not-known words change the split on purpose
    "mr", "mrs", "ms", "miss", "dr", "mx",
    "van", "von", "der", "den", "ter", "ten", "de", "del", "della", "la", "le",
    "da", "di", "du", "dos", "das", "al", "el", "bin", "bint", "ibn", "ap",
    "baby", "unborn", "unknown", "unidentified", "unnamed", "male", "female", "man", "woman",
    "boy", "girl", "child", "adult", "snk", "nk", "unk", "of",
}  # fmt: skip

words = st.text(LETTERS, min_size=2, max_size=10).filter(lambda w: w not in RESERVED)
given_lists = st.lists(words.map(str.capitalize), min_size=1, max_size=3)
family_words = st.lists(words, min_size=1, max_size=2).map(lambda ws: "-".join(ws))


@given(given_words=given_lists, family=family_words)
def test_all_forms_of_a_name_agree(given_words: list[str], family: str) -> None:
    given_text = " ".join(given_words)
    forms = [
        parse_name(f"{family.upper()}, {given_text}"),
        parse_name(f"{given_text} {family.upper()}"),
        parse_name(f"{family.upper()} {given_text}"),
        parse_name(given_names=given_text, family_name=family.upper()),
        parse_name(given_names=given_text.upper(), family_name=family),
    ]
    expected = f"{given_text} {family}".casefold()
    assert {p.normalised for p in forms} == {expected}
    assert {p.family for p in forms} == {"-".join(w.capitalize() for w in family.split("-"))}
    assert {p.given for p in forms} == {tuple(given_words)}
    assert not any(p.placeholder for p in forms)


@given(given_words=given_lists, family=family_words)
def test_mixed_case_name_takes_the_last_word_as_family(given_words: list[str], family: str) -> None:
    display_family = "-".join(w.capitalize() for w in family.split("-"))
    parsed = parse_name(" ".join([*given_words, display_family]))
    assert parsed.family == display_family
    assert parsed.given == tuple(given_words)


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_name_parse_error(text: str) -> None:
    try:
        parsed = parse_name(text)
    except NameParseError:
        assert not text.strip()
    else:
        assert parsed.recorded == text
        assert parsed.normalised == parsed.normalised.casefold()
        assert "  " not in parsed.normalised
