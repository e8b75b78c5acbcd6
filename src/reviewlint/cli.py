"""The ``reviewlint`` command line.

Exit status: 0 when nothing reaches ``--fail-on``, 1 when findings do, 2 for
usage errors, unreadable input or broken packs (with a message, never a
traceback unless ``--debug``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from ._config import Config, load_config
from ._engine import Linter
from ._errors import ConfigError, ReviewlintError
from ._packs._schema import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewlint",
        description="Find the failures Serious Case Reviews keep finding, in case records.",
    )
    parser.add_argument("--version", action="version", version=f"reviewlint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check case files against rule packs")
    check.add_argument("paths", nargs="+", type=Path, help="case files or directories")
    check.add_argument(
        "--pack",
        action="append",
        dest="packs",
        metavar="PACK",
        help="pack id or path (repeatable; default: scr-core)",
    )
    check.add_argument("--config", type=Path, help="reviewlint.toml or pyproject.toml to use")
    check.add_argument(
        "--select",
        action="append",
        metavar="RULE",
        help="only these rules/themes/globs (repeatable, or comma-separated)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        metavar="RULE",
        help="skip these rules/themes/globs (repeatable, or comma-separated)",
    )
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--output", "-o", type=Path, help="write the report here (default stdout)")
    check.add_argument(
        "--fail-on",
        choices=[*(s.value for s in Severity), "none"],
        help="exit 1 when a finding is at least this severe (default medium)",
    )
    check.add_argument("--people", type=Path, help="people CSV for a chronology CSV")
    dates = check.add_mutually_exclusive_group()
    dates.add_argument(
        "--dayfirst",
        dest="dayfirst",
        action="store_true",
        default=None,
        help="read 04/03/2016 as 4 March (default)",
    )
    dates.add_argument(
        "--monthfirst", dest="dayfirst", action="store_false", help="read 04/03/2016 as 3 April"
    )
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument(
        "--no-timing",
        action="store_true",
        help="leave timings out of JSON output (byte-identical reruns)",
    )

    rules = sub.add_parser("rules", help="list rules, or explain one")
    rules.add_argument("rule", nargs="?", help="a rule id to explain")
    rules.add_argument("--pack", action="append", dest="packs", metavar="PACK")
    rules.add_argument("--format", choices=["text", "json"], default="text")

    validate = sub.add_parser("validate", help="check that packs load and compile")
    validate.add_argument("packs", nargs="+", metavar="PACK")

    test = sub.add_parser("test", help="run a pack's own test cases (PACK_DIR/tests)")
    test.add_argument("pack_dir", help="a pack directory (with pack.yaml and tests/) or pack id")
    test.add_argument(
        "--strict",
        action="store_true",
        help="findings no 'fires' expectation accounts for are failures",
    )
    test.add_argument("--format", choices=["text", "json"], default="text")

    schema = sub.add_parser("schema", help="print a JSON Schema")
    schema.add_argument("kind", choices=["case", "pack", "findings"])
    return parser


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return False
    return stream.isatty()


def _check_patterns(linter: Linter, option: str, patterns: list[str] | None) -> None:
    """A --select/--ignore value that names no rule or theme is a typo, not a no-op."""
    import difflib
    import fnmatch

    ids = [r.id for p in linter.packs for r in p.rules]
    themes = [t for p in linter.packs for t in p.spec.themes]
    for pattern in patterns or ():
        if pattern in themes or any(fnmatch.fnmatchcase(i, pattern) for i in ids):
            continue
        close = difflib.get_close_matches(pattern, sorted({*ids, *themes}), n=1)
        hint = f" — did you mean {close[0]!r}?" if close else ""
        raise ConfigError(
            f"{pattern!r} matches no rule id or theme of the loaded packs{hint}", field=option
        )


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    config: Config = load_config(args.config) if args.config else load_config()
    select, ignore = _split(args.select), _split(args.ignore)
    linter = Linter(args.packs or None, config=config, select=select, ignore=ignore)
    _check_patterns(linter, "--select", select)
    _check_patterns(linter, "--ignore", ignore)
    report = linter.check_paths(args.paths, dayfirst=args.dayfirst, people=args.people)
    if args.format == "json":
        text = report.to_json(timing=not args.no_timing) + "\n"
    else:
        stream = sys.stdout if args.output is None else None
        text = report.render(color=bool(stream) and _use_color(args.color, sys.stdout)) + "\n"
    if args.output is not None:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ReviewlintError(
                f"cannot write {args.output} ({exc.strerror or type(exc).__name__})"
            ) from None
    else:
        out.write(text)
    fail_on = args.fail_on or (
        config.fail_on.value if isinstance(config.fail_on, Severity) else config.fail_on
    )
    if report.errors:
        return EXIT_ERROR
    if fail_on != "none" and report.at_or_above(Severity(fail_on)):
        return EXIT_FINDINGS
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from ._docgen import rule_page

    linter = Linter(args.packs or None, config=load_config())
    rules = linter.rules
    if args.rule:
        match = [r for r in rules if r.id == args.rule]
        if not match:
            import difflib

            close = difflib.get_close_matches(args.rule, [r.id for r in rules], n=1)
            hint = f" — did you mean {close[0]!r}?" if close else " ('reviewlint rules' lists them)"
            raise ReviewlintError(f"no rule {args.rule!r} in the loaded packs{hint}")
        out.write(rule_page(match[0]) + "\n")
        return EXIT_OK
    if args.format == "json":
        data = [
            {
                "id": r.id,
                "pack": r.pack_id,
                "theme": r.spec.theme,
                "severity": linter.severity_of(r).value,
                "title": r.spec.title,
                "detector": r.detector.name,
            }
            for r in rules
        ]
        out.write(json.dumps(data, indent=2) + "\n")
        return EXIT_OK
    width = max((len(r.id) for r in rules), default=10)
    for r in rules:
        out.write(
            f"{r.id:<{width}}  {linter.severity_of(r).value:<6}  "
            f"{r.spec.theme:<22}  {r.spec.title}\n"
        )
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from . import load_pack

    status = EXIT_OK
    for ref in args.packs:
        try:
            pack = load_pack(ref)
        except ReviewlintError as exc:
            sys.stderr.write(f"{exc}\n")
            status = EXIT_ERROR
            continue
        out.write(f"{ref}: ok ({pack.id} {pack.version}, {len(pack.rules)} rules)\n")
    return status


def _cmd_test(args: argparse.Namespace, out: TextIO) -> int:
    from . import load_pack
    from ._packs._loader import PACK_FILE, available_packs
    from ._packtest import run_pack_tests

    given = Path(args.pack_dir)
    known = available_packs()
    pack_file = (
        known[args.pack_dir]
        if args.pack_dir in known and not given.exists()
        else (given / PACK_FILE if given.is_dir() else given)
    )
    pack = load_pack(pack_file)
    report = run_pack_tests(pack, pack_file.parent / "tests", strict=args.strict)
    out.write((report.to_json() if args.format == "json" else report.render()) + "\n")
    return EXIT_OK if report.passed else EXIT_FINDINGS


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from ._schemas import SCHEMAS

    out.write(json.dumps(SCHEMAS[args.kind](), indent=2) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    stream = out or sys.stdout
    commands = {
        "check": _cmd_check,
        "rules": _cmd_rules,
        "validate": _cmd_validate,
        "schema": _cmd_schema,
        "test": _cmd_test,
    }
    try:
        return commands[args.command](args, stream)
    except ReviewlintError as exc:
        sys.stderr.write(f"reviewlint: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("reviewlint: interrupted\n")
        return 130
    except Exception as exc:  # never show a traceback to a user who did not ask for one
        if args.debug:
            traceback.print_exc()
        sys.stderr.write(
            f"reviewlint: internal error ({type(exc).__name__}); rerun with --debug and report it\n"
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
