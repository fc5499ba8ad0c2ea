"""Admissions under /api/v1/: cycles, their positions, applicants (with their
lists) and results for national coordinators; an applicant's own application,
and their list, for the applicant. Places and applicants are loaded from files
(the import pages), so these read.

Everybody else gets a 404, as on the pages.
"""

import django_filters
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, views
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from edusalud.admissions import selectors, services
from edusalud.admissions.models import (
    Applicant,
    ApplicantCategory,
    Assignment,
    Position,
    Preference,
)
from edusalud.admissions.serializers import (
    ApplicantDetailSerializer,
    ApplicantSerializer,
    ApplicationSerializer,
    CycleSerializer,
    OrderSerializer,
    PositionSerializer,
    ResultSerializer,
)
from edusalud.core.api import ChoiceFilter


class CycleList(generics.ListAPIView):
    serializer_class = CycleSerializer
    filter_backends = []

    def get_queryset(self):
        return selectors.cycles_visible_to(self.request.user).order_by("-year")


class CycleDetail(generics.RetrieveAPIView):
    serializer_class = CycleSerializer
    lookup_field = "year"

    def get_queryset(self):
        return selectors.cycles_visible_to(self.request.user)


def _visible_cycle(request, year):
    return get_object_or_404(selectors.cycles_visible_to(request.user), year=year)


class PositionList(generics.ListAPIView):
    """The cycle's positions, by specialty and site."""

    serializer_class = PositionSerializer
    filter_backends = []

    def get_queryset(self):
        cycle = _visible_cycle(self.request, self.kwargs["year"])
        return Position.objects.filter(cycle=cycle).select_related(
            "programme__site", "programme__specialty"
        )


class ApplicantFilter(django_filters.FilterSet):
    specialty = django_filters.CharFilter(field_name="specialty__code", label=_("Specialty code"))
    category = ChoiceFilter(choices=ApplicantCategory.choices)

    class Meta:
        model = Applicant
        fields = ["specialty", "category"]


class ApplicantList(generics.ListAPIView):
    """The cycle's applicants, best score first (the tie rule: folio)."""

    serializer_class = ApplicantSerializer
    filterset_class = ApplicantFilter
    filter_backends = [DjangoFilterBackend]
    queryset = Applicant.objects.none()  # the schema's model; requests use get_queryset

    def get_queryset(self):
        cycle = _visible_cycle(self.request, self.kwargs["year"])
        return (
            Applicant.objects.filter(cycle=cycle)
            .select_related("specialty")
            .annotate(ranked=Count("preferences"))
            .order_by("-score", "folio")
        )


class ApplicantDetail(generics.RetrieveAPIView):
    """One applicant and their rank list."""

    serializer_class = ApplicantDetailSerializer
    lookup_field = "folio"

    def get_queryset(self):
        cycle = _visible_cycle(self.request, self.kwargs["year"])
        return (
            Applicant.objects.filter(cycle=cycle)
            .select_related("specialty")
            .annotate(ranked=Count("preferences"))
            .prefetch_related(
                Prefetch(
                    "preferences",
                    Preference.objects.select_related("position__programme__site").order_by("rank"),
                )
            )
        )


class ResultList(generics.ListAPIView):
    """The cycle's assignments (once matched), in ENARM folio order."""

    serializer_class = ResultSerializer
    filter_backends = []

    def get_queryset(self):
        cycle = _visible_cycle(self.request, self.kwargs["year"])
        return (
            Assignment.objects.filter(applicant__cycle=cycle)
            .select_related(
                "applicant", "position__programme__site", "position__programme__specialty"
            )
            .order_by("applicant__folio")
        )


class MyApplication(views.APIView):
    """The signed-in applicant's application; PUT their whole list, best first."""

    def _applicant(self, request):
        applicant = selectors.application_of(request.user)
        if applicant is None:
            raise NotFound
        return applicant

    def _answer(self, applicant):
        ranking, saved = selectors.ranking_of(applicant)
        assignment = selectors.published_assignment(applicant)
        data = {
            "applicant": applicant,
            "ranking_open": selectors.open_period(applicant.cycle, timezone.localdate())
            is not None,
            "saved": saved,
            "ranking": ranking,
            "result": (
                assignment.position.programme.site.clues
                if assignment and assignment.position
                else None
            ),
            "rank_obtained": assignment.rank_obtained if assignment else None,
        }
        return Response(ApplicationSerializer(data).data)

    @extend_schema(responses=ApplicationSerializer)
    def get(self, request):
        return self._answer(self._applicant(request))

    @extend_schema(request=OrderSerializer, responses=ApplicationSerializer)
    def put(self, request):
        applicant = self._applicant(request)
        serializer = OrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.save_ranking(
            applicant=applicant,
            order=serializer.validated_data["order"],
            today=timezone.localdate(),
        )
        return self._answer(applicant)
