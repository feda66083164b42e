"""A URLconf without docs views."""

urlpatterns: list[object] = []
