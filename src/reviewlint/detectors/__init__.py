"""Detectors: the small, tested functions that rules parameterise.

Rules are data; detectors are the code. A rule names a detector and gives
it parameters (validated by the detector's own pydantic model) and entry
selectors. To add a detector from another package::

    from pydantic import Field
    from reviewlint.detectors import Hit, Params, RuleContext, Selector, detector

    class LateRecordingParams(Params):
        match: Selector
        max_days: int = Field(7, ge=0)

    @detector("late_recording", LateRecordingParams)
    def late_recording(ctx: RuleContext, params: LateRecordingParams):
        \"\"\"Report entries written up more than ``max_days`` after the event.\"\"\"
        for entry in ctx.select(params.match):
            recorded = entry.entry.recorded_date
            late = recorded and entry.dated and (recorded.earliest - entry.start).days
            if late and late > params.max_days:
                yield Hit(entries=[entry])

and register it in your ``pyproject.toml``::

    [project.entry-points."reviewlint.detectors"]
    late_recording = "mypackage.detectors:late_recording"
"""

from .._case_view import CaseView, EntryView, PersonView
from .._packs._schema import Selector
from ._api import COMMON_VALUES, Detector, Hit, Params, RuleContext
from ._registry import ENTRY_POINT_GROUP, all_detectors, detector, get_detector

__all__ = [
    "COMMON_VALUES",
    "ENTRY_POINT_GROUP",
    "CaseView",
    "Detector",
    "EntryView",
    "Hit",
    "Params",
    "PersonView",
    "RuleContext",
    "Selector",
    "all_detectors",
    "detector",
    "get_detector",
]
