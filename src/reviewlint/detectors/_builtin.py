"""Imports every built-in detector so that each registers itself."""

from . import (  # noqa: F401
    age_without,
    cluster_without_response,
    each_entry,
    entry_absent,
    gap,
    not_followed_by,
    same_period,
    state_duration,
)
