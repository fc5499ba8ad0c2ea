"""Courses, editions, their participants and certificates under /api/v1/.

The same scope and services as the pages: courses are a catalogue for every
signed-in user; editions are read by those who see them and run (participants,
enrolment, results) by those who manage them, anyone else gets a 404; a
certificate is its holder's and its edition's coordinators'.
"""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from edusalud.accounts.selectors import scope_of
from edusalud.core.api import ChoiceFilter, IntegerFilter
from edusalud.residents.selectors import manageable_sites, person_of
from edusalud.training import selectors, services
from edusalud.training.models import Audience, Edition
from edusalud.training.serializers import (
    CertificateSerializer,
    CourseCreateSerializer,
    CourseSerializer,
    EditionCreateSerializer,
    EditionSerializer,
    EnrolInputSerializer,
    EnrolResultSerializer,
    ParticipantSerializer,
    ResultsInputSerializer,
)


class CoordinatorsCreate(permissions.BasePermission):
    message = _("Only coordinators create courses and editions.")

    def has_permission(self, request, view):
        return view.action != "create" or selectors.can_create_editions(request.user)


class CourseFilter(django_filters.FilterSet):
    area = django_filters.CharFilter(field_name="areas__code", label=_("Competency area code"))
    audience = ChoiceFilter(choices=Audience.choices)


class CourseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [permissions.IsAuthenticated, CoordinatorsCreate]
    filterset_class = CourseFilter
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.courses_visible_to(self.request.user).order_by("title")

    def get_serializer_class(self):
        return CourseCreateSerializer if self.action == "create" else CourseSerializer

    @extend_schema(request=CourseCreateSerializer, responses={201: CourseSerializer})
    def create(self, request, *args, **kwargs):
        serializer = CourseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        course = services.create_course(by=request.user, **serializer.validated_data)
        return Response(CourseSerializer(course).data, status=status.HTTP_201_CREATED)


class EditionFilter(django_filters.FilterSet):
    course = IntegerFilter(field_name="course_id", label=_("Course id"))
    when = ChoiceFilter(
        method="by_time",
        choices=[("upcoming", _("upcoming")), ("past", _("past"))],
        label=_("upcoming: not ended yet; past: ended"),
    )

    def by_time(self, queryset, name, value):
        today = timezone.localdate()
        return (
            queryset.filter(ends_on__gte=today)
            if value == "upcoming"
            else queryset.filter(ends_on__lt=today)
        )


class EditionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [permissions.IsAuthenticated, CoordinatorsCreate]
    filterset_class = EditionFilter
    lookup_value_converter = "int"
    queryset = Edition.objects.none()  # the schema's model; requests use get_queryset

    def get_queryset(self):
        return selectors.edition_list(self.request.user).order_by("-starts_on", "pk")

    def get_serializer_class(self):
        return EditionCreateSerializer if self.action == "create" else EditionSerializer

    def _managed(self, pk) -> Edition:
        return get_object_or_404(selectors.editions_manageable_by(self.request.user), pk=pk)

    @extend_schema(request=EditionCreateSerializer, responses={201: EditionSerializer})
    def create(self, request, *args, **kwargs):
        serializer = EditionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        course = get_object_or_404(
            selectors.courses_visible_to(request.user), pk=data.pop("course")
        )
        clues = data.pop("site")
        site = None
        if clues:
            site = manageable_sites(request.user).filter(clues=clues).first()
            if site is None:
                raise NotFound(_("No site with this CLUES among yours."))
        elif not scope_of(request.user).is_national:
            raise PermissionDenied(_("Only the national coordination runs national editions."))
        edition = services.create_edition(by=request.user, course=course, site=site, **data)
        return Response(
            EditionSerializer(selectors.edition_list(request.user).get(pk=edition.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=ParticipantSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def participants(self, request, pk=None):
        """Everyone in the edition, enrolled, waiting or finished."""
        edition = self._managed(pk)
        return Response(ParticipantSerializer(selectors.participants_of(edition), many=True).data)

    @extend_schema(request=EnrolInputSerializer, responses=EnrolResultSerializer)
    @action(
        detail=True, methods=["post"], filter_backends=[], serializer_class=EnrolInputSerializer
    )
    def enrol(self, request, pk=None):
        """Give these people places, or turns on the waiting list once the edition is full."""
        edition = self._managed(pk)
        serializer = EnrolInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        wanted = serializer.validated_data["people"]
        people = {
            p.pk: p
            for p in selectors.enrollable_people(request.user, edition).filter(pk__in=wanted)
        }
        unknown = [pk for pk in wanted if pk not in people]
        if unknown:
            raise NotFound(
                _("Not among the people in training you coordinate: %(ids)s.")
                % {"ids": ", ".join(map(str, unknown[:20]))}
            )
        counts = services.enrol(
            by=request.user,
            edition=edition,
            people=[people[pk] for pk in wanted],
            today=timezone.localdate(),
        )
        return Response(EnrolResultSerializer(counts).data)

    @extend_schema(request=None, responses={201: ParticipantSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="enrol-me",
        url_name="enrol-me",
        filter_backends=[],
        serializer_class=None,
    )
    def enrol_me(self, request, pk=None):
        """The signed-in person asks for a place (or a turn on the waiting list)."""
        edition = get_object_or_404(selectors.editions_visible_to(request.user), pk=pk)
        participation = services.enrol_self(
            user=request.user, edition=edition, today=timezone.localdate()
        )
        return Response(ParticipantSerializer(participation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ResultsInputSerializer, responses=CertificateSerializer(many=True))
    @action(
        detail=True, methods=["post"], filter_backends=[], serializer_class=ResultsInputSerializer
    )
    def results(self, request, pk=None):
        """Record who passed (final) and issue their certificates; returns those issued."""
        edition = self._managed(pk)
        serializer = ResultsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        results = {
            row["participation"]: (row["passed"], row["grade"])
            for row in serializer.validated_data["results"]
        }
        issued = services.record_results(
            by=request.user, edition=edition, results=results, today=timezone.localdate()
        )
        return Response(CertificateSerializer(issued, many=True).data)


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Certificates of the editions the user runs, and their own."""

    serializer_class = CertificateSerializer
    lookup_field = "code"
    lookup_value_converter = "str"
    filter_backends = []

    def get_queryset(self):
        return selectors.certificates_visible_to(self.request.user).order_by("-issued_on", "code")


class MyCertificates(viewsets.GenericViewSet, mixins.ListModelMixin):
    """The signed-in person's own certificates."""

    serializer_class = CertificateSerializer
    filter_backends = []

    def get_queryset(self):
        person = person_of(self.request.user)
        if person is None:
            return selectors.certificates_visible_to(self.request.user).none()
        return (
            selectors.certificates_visible_to(self.request.user)
            .filter(participation__person=person)
            .order_by("-issued_on", "code")
        )


router = SimpleRouter(use_regex_path=False)
router.register("courses", CourseViewSet, basename="api-course")
router.register("course-editions", EditionViewSet, basename="api-edition")
router.register("certificates", CertificateViewSet, basename="api-certificate")
router.register("my-certificates", MyCertificates, basename="api-my-certificate")
