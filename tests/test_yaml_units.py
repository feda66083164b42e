"""White-box: two units of the YAML adapter held to properties that no public function shows.

- ``insert_key`` moving a key that is already there: its one caller (title injection) only
  inserts ``title`` where there is none, so no public call takes that branch.
- ``rewrite`` (the tree editor below ``write()``) staying linear on alias DAGs: ``write()``
  patches the text when it can, so it reaches the tree editor only for edits the line patcher
  refuses; the editor is held to the bound directly (tests/test_titles.py holds ``write()``).
"""

from __future__ import annotations

import pytest

from asyncapi_tools import Document, inject_titles
from asyncapi_tools._yaml import insert_key
from asyncapi_tools._yaml.edit import rewrite
from asyncapi_tools._yaml.equality import data_equal
from benchmarks.bench_titles_aliases import alias_dag
from tests._support.work import count_calls


def test_insert_key_puts_the_key_at_its_index_in_a_plain_dict() -> None:
    mapping = {"a": 1, "b": 2, "c": 3}
    holder = [mapping]
    insert_key(mapping, 0, "title", "T")
    assert list(holder[0]) == ["title", "a", "b", "c"]
    insert_key(mapping, 2, "a", 9)  # an existing key moves
    assert list(mapping.items()) == [("title", "T"), ("b", 2), ("a", 9), ("c", 3)]


@pytest.mark.parametrize("depth", [8, 20])
def test_rewriting_a_file_tree_into_a_titled_alias_dag_is_linear(depth: int) -> None:
    """The in-place writer compares and rewrites the file's own tree into the titled one; at
    depth 20 there are a million paths, so comparing per path would never finish."""
    from ruamel.yaml import YAML

    text = alias_dag(depth)
    document = Document(tree=YAML(typ="rt").load(text), source="dag.yaml")
    inject_titles(document)
    existing = YAML(typ="rt").load(text)
    changed, calls = count_calls(lambda: rewrite(existing, document.tree))
    assert changed
    assert data_equal(existing, document.tree)
    # ~280-580 calls per line from depth 4 to 20; comparing per path would need 2**depth times more
    assert calls < 1000 * len(text.splitlines()), f"{calls} calls: shared nodes are compared more than once"
