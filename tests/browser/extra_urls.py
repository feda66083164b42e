"""The demo's URLs, plus pages the browser tests need and the demo should not have:

- ``/hostile-docs/``: a spec and page whose title, labels and description hold script;
- ``/broken-docs/``: a spec that does not validate, and one that cannot be generated;
- ``/active-html-docs/``: a spec whose text holds a style, a form, a remote image and script links.
"""

from pathlib import Path

from dispatch_demo.urls import DISPATCH_PATH
from dispatch_demo.urls import urlpatterns as demo_urlpatterns
from django.urls import path
from rides.consumers import DispatchConsumer

from django_bridge import AsyncAPIDocView, AsyncAPISpecView
from tests.browser.hostile_text import HOSTILE
from tests.views.consumers import BrokenConsumer

HERE = Path(__file__).resolve().parent

urlpatterns = [
    *demo_urlpatterns,
    path(
        "hostile-docs/",
        AsyncAPIDocView.as_view(title=HOSTILE, specs=[(HOSTILE, "/hostile-docs/asyncapi.yaml"), ("Dispatch", "/ws-docs/dispatch/asyncapi.yaml")]),
    ),
    path(
        "hostile-docs/asyncapi.yaml",
        AsyncAPISpecView.as_view(
            consumer=DispatchConsumer,
            channel_path=DISPATCH_PATH,
            info={
                "title": HOSTILE,
                "description": f'Hostile text: {HOSTILE} <img src="x" onerror="window.__xss=2"> `{HOSTILE}`',
            },
        ),
    ),
    path(
        "broken-docs/",
        AsyncAPIDocView.as_view(specs=[("Invalid file", "/broken-docs/invalid.yaml"), ("Cannot be generated", "/broken-docs/error.yaml")]),
    ),
    path("broken-docs/invalid.yaml", AsyncAPISpecView.as_view(source="file", spec_file=HERE / "invalid_spec.yaml")),
    path("broken-docs/error.yaml", AsyncAPISpecView.as_view(consumer=BrokenConsumer)),
    path("active-html-docs/", AsyncAPIDocView.as_view()),
    path("active-html-docs/asyncapi.yaml", AsyncAPISpecView.as_view(source="file", spec_file=HERE / "active_html.yaml")),
]
