"""Pydantic model instances built without validation, from values valid by construction.

Apart from :mod:`._models` so that mypyc can compile it with the extraction reader
(which builds every claim, cue and agent through it): a compiled module cannot hold the
pydantic classes themselves.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

from pydantic import BaseModel

_new_object: Final = object.__new__
# The four slots every pydantic model instance has, set through their own descriptors:
# what object.__setattr__ does once it has looked the name up, without the look-up.
_set_dict: Final = BaseModel.__dict__["__dict__"].__set__
_set_fields_set: Final = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra: Final = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private: Final = BaseModel.__dict__["__pydantic_private__"].__set__
_M = TypeVar("_M", bound=BaseModel)


def _assemble(cls: type[_M], values: dict[str, Any], fields: set[str]) -> _M:
    """The instance :meth:`._models._Model._trusted` builds, from ``values`` that already
    hold every field of ``cls`` in declaration order and ``fields``, the set of their
    names (copied for the instance). For the extractor's own loops, which write each
    model's fields out in that order: no keyword arguments to pack, no order to check."""
    model = _new_object(cls)
    _set_dict(model, values)
    _set_fields_set(model, fields.copy())
    _set_extra(model, None)
    _set_private(model, None)
    return model
