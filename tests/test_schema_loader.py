"""White-box: ``load_schema()``'s contract with the validator, which ``validate()`` never shows.

It hands out a fresh dict each call (the validator patches its copy before compiling) and refuses
a version it has no schema for (``validate()`` reports such a version before it asks). What users
see of the bundled schemas is tested through ``validate()`` in tests/test_validate.py and, against
``@asyncapi/specs`` itself, in tests/test_corpus_validate.py.
"""

from __future__ import annotations

import pytest

from asyncapi_tools import _schemas


def test_load_schema_reads_the_bundled_schemas() -> None:
    for version in _schemas.SUPPORTED_VERSIONS:
        schema = _schemas.load_schema(version)
        assert schema["$id"] == f"http://asyncapi.com/definitions/{version}/asyncapi.json"
        assert schema["$schema"].startswith("http://json-schema.org/draft-07/schema")
    assert _schemas.load_schema("3.0.0") is not _schemas.load_schema("3.0.0")
    with pytest.raises(ValueError, match=r"3\.0\.0, 3\.1\.0"):
        _schemas.load_schema("2.6.0")
