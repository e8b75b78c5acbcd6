"""Imports every built-in detector so that each registers itself."""

from . import (  # noqa: F401
    age_without,
    cluster_without_response,
    dob_implausible,
    dob_mismatch,
    each_entry,
    entry_absent,
    entry_elements,
    factors_not_addressed,
    gap,
    name_variants,
    not_followed_by,
    person_without,
    same_period,
    state_duration,
)
