"""The last guard before printing: a result with every string cleaned of control characters
(:mod:`capexcli.model.safe_text`), whatever it came from (an option, a name in the data, a PDF).

Data files refuse them and PDF text drops them already; this catches what a future field or
option lets through, for every format at once (terminal, JSON, CSV/TSV, Markdown, HTML, SVG,
xlsx), and keeps an SVG or HTML file well-formed (XML cannot hold most controls).
"""

from __future__ import annotations

from typing import Any, TypeVar

from capexcli.model.safe_text import CONTROL, strip_controls

T = TypeVar("T")


def safe(result: T) -> T:
    """``result`` itself when it holds no control character (the usual case, no copy made);
    else a copy with them removed."""
    cleaned = _clean(result)
    return result if cleaned is _SAME else cleaned  # type: ignore[return-value]


_SAME: Any = object()


def _clean(value: Any) -> Any:
    """The cleaned value, or _SAME when nothing in it changes."""
    if isinstance(value, str):
        return strip_controls(value) if CONTROL.search(value) else _SAME
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:  # a pydantic model (not imported here: the fast path skips it)
        updates = {}
        for name in fields:
            cleaned = _clean(getattr(value, name))
            if cleaned is not _SAME:
                updates[name] = cleaned
        return value.model_copy(update=updates) if updates else _SAME
    if isinstance(value, list | tuple):
        items = [_clean(item) for item in value]
        if all(item is _SAME for item in items):
            return _SAME
        out = [old if new is _SAME else new for old, new in zip(value, items, strict=True)]
        return type(value)(out) if isinstance(value, tuple) else out
    if isinstance(value, dict):
        pairs = {k: _clean(v) for k, v in value.items()}
        keys = {k: _clean(k) if isinstance(k, str) else _SAME for k in value}
        if all(v is _SAME for v in pairs.values()) and all(k is _SAME for k in keys.values()):
            return _SAME
        return {
            (k if keys[k] is _SAME else keys[k]): (value[k] if pairs[k] is _SAME else pairs[k])
            for k in value
        }
    return _SAME
