"""JSON Schemas for the three documents reviewlint reads and writes."""

from __future__ import annotations

from typing import Any

from ._findings import Report
from ._model import Case
from ._packs._schema import PackSpec
from .detectors._registry import all_detectors

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a ``reviewlint.case/1`` case object."""
    schema = Case.model_json_schema(mode="validation")
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "reviewlint case (reviewlint.case/1)"
    return schema


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of a rule pack, with each detector's params checked by its own schema."""
    schema = PackSpec.model_json_schema(mode="validation")
    defs = schema.setdefault("$defs", {})
    branches = []
    for name, det in all_detectors().items():
        params = det.params.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
        defs.update(params.pop("$defs", {}))
        defs[f"params_{name}"] = params
        branches.append(
            {
                "if": {"properties": {"detector": {"const": name}}, "required": ["detector"]},
                "then": {"properties": {"params": {"$ref": f"#/$defs/params_{name}"}}},
            }
        )
    rule = defs["RuleSpec"]
    rule["allOf"] = branches
    rule["properties"]["detector"]["enum"] = sorted(all_detectors())
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "reviewlint rule pack"
    return schema


def findings_schema() -> dict[str, Any]:
    """The JSON Schema of ``reviewlint check --format json`` output."""
    schema = Report.model_json_schema(mode="serialization")
    schema["properties"]["format"] = {"const": "reviewlint.findings/1"}
    count_map = {"type": "object", "additionalProperties": {"type": "integer"}}
    schema["properties"]["counts"] = {
        "type": "object",
        "properties": {"rule": count_map, "theme": count_map, "severity": count_map},
        "required": ["rule", "theme", "severity"],
    }
    schema.setdefault("required", []).extend(["format", "counts"])
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "reviewlint findings (reviewlint.findings/1)"
    return schema


SCHEMAS = {"case": case_schema, "pack": pack_schema, "findings": findings_schema}
