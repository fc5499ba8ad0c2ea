"""The catalog under /api/v1/: read in the user's scope, written by national coordinators.

Rows come only through the selectors, so a site or programme outside the
scope is a 404 as on the pages. The catalog is national reference data:
like its imports (exchange), only national coordinators create or change it.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.routers import SimpleRouter

from edusalud.accounts.selectors import scope_of
from edusalud.catalog import selectors, services
from edusalud.catalog.enums import CareLevel, EntryKind, QualityRecognition, SiteKind
from edusalud.catalog.serializers import (
    ProgrammeSerializer,
    RegionSerializer,
    SiteSerializer,
    SpecialtySerializer,
)
from edusalud.core.api import BooleanFilter, ChoiceFilter, TypedChoiceFilter
from edusalud.core.viewsets import ListReadCreatePatchViewSet


class NationalWritesOnly(permissions.BasePermission):
    """Everyone signed in reads (within their scope); only national coordinators write."""

    message = _("Only national coordinators change the catalog.")

    def has_permission(self, request, view):
        if view.action != "create":
            return True  # the row is fetched first: one outside the scope is a 404
        return scope_of(request.user).is_national

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or scope_of(request.user).is_national


class CatalogViewSet(ListReadCreatePatchViewSet):
    """List, read, create and change (PATCH) one kind of catalog row, with history."""

    permission_classes = [permissions.IsAuthenticated, NationalWritesOnly]
    selector = None

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def perform_create(self, serializer):
        instance = serializer.Meta.model(**serializer.validated_data)
        serializer.instance = services.save_catalog_entry(
            by=self.request.user, instance=instance, reason="created"
        )

    def perform_update(self, serializer):
        instance = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        services.save_catalog_entry(by=self.request.user, instance=instance, reason="changed")


class RegionViewSet(CatalogViewSet):
    serializer_class = RegionSerializer
    selector = selectors.regions_visible_to
    lookup_field = "code"
    lookup_value_converter = "str"
    ordering_fields = ["code", "name"]
    ordering = ["name"]


class SiteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or CLUES contains"))
    region = django_filters.CharFilter(field_name="region__code", label=_("Region code"))
    kind = ChoiceFilter(choices=SiteKind.choices)
    care_level = TypedChoiceFilter(choices=CareLevel.choices, coerce=int)

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(clues__icontains=value))


class SiteViewSet(CatalogViewSet):
    serializer_class = SiteSerializer
    selector = selectors.sites_visible_to
    filterset_class = SiteFilter
    lookup_field = "clues"
    lookup_value_converter = "str"
    ordering_fields = ["clues", "name", "beds", "care_level"]
    ordering = ["name", "pk"]


class SpecialtyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or code contains"))
    entry = ChoiceFilter(choices=EntryKind.choices)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name_es__icontains=value) | Q(name_en__icontains=value) | Q(code__icontains=value)
        )


class SpecialtyViewSet(CatalogViewSet):
    serializer_class = SpecialtySerializer
    selector = selectors.specialties_visible_to
    filterset_class = SpecialtyFilter
    lookup_field = "code"
    lookup_value_converter = "str"
    ordering_fields = ["code", "name_es", "duration_years"]
    ordering = ["name_es", "pk"]


class ProgrammeFilter(django_filters.FilterSet):
    specialty = django_filters.CharFilter(field_name="specialty__code", label=_("Specialty code"))
    site = django_filters.CharFilter(field_name="site__clues", label=_("Site CLUES"))
    region = django_filters.CharFilter(field_name="site__region__code", label=_("Region code"))
    quality_recognition = ChoiceFilter(choices=[c for c in QualityRecognition.choices if c[0]])
    is_quality_recognised = BooleanFilter(method="recognised", label=_("PNPC/SNP recognised today"))

    def recognised(self, queryset, name, value):
        recognised = queryset.quality_recognised()
        return recognised if value else queryset.exclude(pk__in=recognised.values("pk"))


class ProgrammeViewSet(CatalogViewSet):
    serializer_class = ProgrammeSerializer
    selector = selectors.programmes_visible_to
    filterset_class = ProgrammeFilter
    lookup_value_converter = "int"
    ordering_fields = ["id", "yearly_positions", "specialty__name_es", "site__name"]
    ordering = ["specialty__name_es", "site__name", "pk"]


router = SimpleRouter(use_regex_path=False)
router.register("regions", RegionViewSet, basename="api-region")
router.register("sites", SiteViewSet, basename="api-site")
router.register("specialties", SpecialtyViewSet, basename="api-specialty")
router.register("programmes", ProgrammeViewSet, basename="api-programme")
