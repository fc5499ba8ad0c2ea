"""The viewset the apps' APIs start from.

Apart from core.api: the settings name classes there, and DRF's generic views
read the settings when imported.
"""

from rest_framework import mixins, viewsets


class ListReadCreatePatchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and change; no delete, and no PUT: a change names what it changes."""

    http_method_names = ["get", "post", "patch"]
