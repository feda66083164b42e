"""The docs page of ``asyncapi-tools html``: self-contained, escaped, under a hash-based CSP.

Browser behaviour (search, dark mode, deep links, offline) is in tests/browser/test_html_page.py;
these tests pin what the file itself must hold.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from asyncapi_tools._html import build_page
from asyncapi_tools._html._page import _SCRIPT_MARKUP, json_block
from asyncapi_tools.cli import app
from tests.conftest import REPO_ROOT

runner = CliRunner()
DEMO = REPO_ROOT / "examples" / "dispatch" / "asyncapi.template.yaml"
HOSTILE = '</script><script>alert(1)</script><!--<script>--> & <img src=x onerror=alert(2)>'
SPEC: dict[str, Any] = {
    "asyncapi": "3.0.0",
    "info": {"title": HOSTILE, "version": "1.0.0", "description": HOSTILE},
    "channels": {"c": {"address": "/ws/", "messages": {"m": {"payload": {"type": "object", "properties": {"zip": {"type": "string", "description": HOSTILE}}}}}}},
}


def data_block(html: str, element_id: str) -> Any:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_single_file_inlines_everything_and_links_nothing() -> None:
    html = build_page(SPEC).html
    markup = re.sub(r"(<(script|style)[^>]*>).*?</\2>", r"\1", html, flags=re.S)
    assert not re.search(r"<link\b|\bsrc=|\bhref=", markup)
    assert data_block(html, "aat-spec") == SPEC
    # three inline scripts (viewer, features, page) and three styles, nothing else executable
    assert len(re.findall(r"<script>", html)) == 3
    assert len(re.findall(r"<style>", html)) == 3
    assert "AsyncApiStandalone" in html and "AsyncApiDocsFeatures" in html


def test_spec_text_is_never_markup() -> None:
    html = build_page(SPEC).html
    assert HOSTILE not in html
    assert "alert(1)</script>" not in html
    block = re.search(r'id="aat-spec">(.*?)</script>', html, re.S)
    assert block and not re.search(r"[<>&]", block.group(1))
    assert json.loads(json_block({"x": "</script>"})) == {"x": "</script>"}


def test_the_policy_admits_exactly_the_inline_scripts_and_styles() -> None:
    page = build_page(SPEC)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page.html)
    assert meta and meta.group(1) == page.policy
    directives = dict(part.strip().split(" ", 1) for part in page.policy.split(";"))
    scripts = re.findall(r"<script>(.*?)</script>", page.html, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page.html, re.S)
    assert directives["script-src"].split() == [*map(sha256, scripts), "'unsafe-eval'"]
    assert directives["style-src"].split() == [*map(sha256, styles)]
    assert directives["default-src"] == "'none'" and directives["connect-src"] == "'none'"
    assert "'unsafe-inline'" not in page.policy


def test_markup_inside_inlined_scripts_cannot_end_the_element() -> None:
    source = 'const a = "<script></script>"; const b = /<!--/;'
    escaped = _SCRIPT_MARKUP.sub(r"\\x3C", source)
    assert escaped == 'const a = "\\x3Cscript>\\x3C/script>"; const b = /\\x3C!--/;'
    for script in re.findall(r"<script>(.*?)</script>", build_page(SPEC).html, re.S):
        assert not re.search(r"<!--|<script|</script", script, re.I)


def test_the_linked_form_lists_its_assets_and_allows_self() -> None:
    page = build_page(SPEC, inline=False)
    assert sorted(page.files) == ["asyncapi-react.css", "asyncapi-react.js", "features.css", "features.js", "page.css", "page.js"]
    for name in page.files:
        assert f'"assets/{name}"' in page.html
    assert "script-src 'self' 'unsafe-eval'" in page.policy


def test_cli_writes_one_file_from_the_demo_template(tmp_path: Path) -> None:
    target = tmp_path / "api.html"
    result = runner.invoke(app, ["html", str(DEMO), "-o", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    spec = data_block(target.read_text(encoding="utf-8"), "aat-spec")
    assert spec["info"]["title"] == "Dispatch API"
    assert "{{" not in json.dumps(spec)  # rendered: placeholders substituted
    assert spec["components"]["messages"]["requestRide"]["payload"]["title"] == "RequestRide"


def test_cli_writes_a_folder_with_separate_assets(tmp_path: Path) -> None:
    result = runner.invoke(app, ["html", str(DEMO), "-o", f"{tmp_path}/site/"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert sorted(p.name for p in (tmp_path / "site" / "assets").iterdir()) == sorted(build_page(SPEC, inline=False).files)


def test_an_invalid_spec_is_not_written_and_the_old_page_stays(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("asyncapi: 3.0.0\ninfo:\n  title: x\n", encoding="utf-8")  # no version
    target = tmp_path / "api.html"
    target.write_bytes(b"old page")
    result = runner.invoke(app, ["html", str(bad), "-o", str(target), "--no-template"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "bad.yaml:2" in result.output and "not written" in result.output
    assert target.read_bytes() == b"old page"


def test_a_yaml_error_names_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("asyncapi: 3.0.0\ninfo: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["html", str(bad), "-o", str(tmp_path / "x.html")], catch_exceptions=False)
    assert result.exit_code == 1
    assert re.search(r"broken\.yaml:\d+:\d+", result.output)
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_the_django_page_serves_the_same_feature_files() -> None:
    """One source: the Django static copies are byte-identical to the core's (scripts/vendor_assets.py)."""
    for name in ("features.js", "features.css"):
        source = REPO_ROOT / "asyncapi_tools" / "_html" / "assets" / name
        copy = REPO_ROOT / "django_bridge" / "static" / "django_bridge" / "vendor" / "features" / name
        assert copy.read_bytes() == source.read_bytes(), f"stale {copy}: run python scripts/vendor_assets.py"


@pytest.mark.parametrize("name", ["features.js", "page.js"])
def test_our_scripts_never_write_markup(name: str) -> None:
    source = (REPO_ROOT / "asyncapi_tools" / "_html" / "assets" / name).read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # comments may name them
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", source)


def test_a_missing_viewer_file_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from asyncapi_tools._html import _page

    monkeypatch.setattr(_page, "ASSETS", (*_page.ASSETS, ("gone.js", "vendor/gone.js", "script")))
    source = tmp_path / "spec.yaml"
    source.write_text("asyncapi: 3.0.0\ninfo:\n  title: x\n  version: '1'\n", encoding="utf-8")
    result = runner.invoke(app, ["html", str(source), "-o", str(tmp_path / "x.html")], catch_exceptions=False)
    assert result.exit_code == 1
    assert "vendor/gone.js" in result.output and "scripts/vendor_assets.py" in result.output
    assert not (tmp_path / "x.html").exists()
