"""A URLconf whose spec views cannot build their specs (for the W004 check and the error pages)."""

from django.urls import path

from django_bridge import AsyncAPIDocView, AsyncAPISpecView

urlpatterns = [
    path("docs/", AsyncAPIDocView.as_view()),
    path("docs/asyncapi.yaml", AsyncAPISpecView.as_view(consumer="tests.views.consumers.EchoConsumr")),  # the typo is the test
    path("claims/asyncapi.yaml", AsyncAPISpecView.as_view(consumer="tests.views.consumers.ForwardRefConsumer")),
    path("good/asyncapi.yaml", AsyncAPISpecView.as_view(consumer="tests.views.consumers.EchoConsumer")),
]
