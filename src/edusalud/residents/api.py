"""People and enrolments under /api/v1/, with the scope and services of the pages.

Reads go through people_visible_to / enrolments_visible_to; changes fetch the
row through enrolments_manageable_by, so a row the user may see but not change
is a 404, as on the person page. New residents go to the sites of
manageable_sites. Every write is one service of residents.services, which
leaves history with the acting user.

No endpoint takes a name or a CURP in the URL (decision 0010): lists filter by
site, specialty, year, status; a person is found by CURP only through
POST /api/v1/people/search/, with the CURP in the body.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from edusalud.accounts.selectors import SYSTEM
from edusalud.core.api import BooleanFilter, ChoiceFilter, IntegerFilter
from edusalud.core.validators import normalise_curp
from edusalud.core.viewsets import ListReadCreatePatchViewSet
from edusalud.residents import selectors, services
from edusalud.residents.enums import IN_TRAINING, EnrolmentStatus
from edusalud.residents.models import MEXICO
from edusalud.residents.serializers import (
    TRANSITION_INPUTS,
    AdmissionSerializer,
    CurpSearchSerializer,
    EmptyInput,
    EnrolmentChangeSerializer,
    EnrolmentCreateSerializer,
    EnrolmentSerializer,
    PersonChangeSerializer,
    PersonSerializer,
)
from edusalud.residents.transitions import TRANSITIONS


class CoordinatorCreates(permissions.BasePermission):
    """Only coordinators of some site register residents (the "new resident" page's rule)."""

    message = _("Only coordinators register residents.")

    def has_permission(self, request, view):
        if view.action != "create":
            return True
        return selectors.manageable_sites(request.user).exists()


class ResidentsViewSet(ListReadCreatePatchViewSet):
    permission_classes = [permissions.IsAuthenticated, CoordinatorCreates]
    lookup_value_converter = "int"


class PersonFilter(django_filters.FilterSet):
    nationality = django_filters.CharFilter(label=_("Country code (ISO 3166), e.g. MX"))
    is_foreign = BooleanFilter(method="foreign", label=_("Not Mexican"))

    def foreign(self, queryset, name, value):
        return (
            queryset.exclude(nationality=MEXICO) if value else queryset.filter(nationality=MEXICO)
        )


class PersonViewSet(ResidentsViewSet):
    """People in the user's scope. POST registers a new resident and their first enrolment."""

    filterset_class = PersonFilter
    ordering_fields = ["id", "last_name", "birth_date"]
    ordering = ["last_name", "second_last_name", "first_names", "pk"]

    def get_queryset(self):
        people = selectors.people_visible_to(self.request.user)
        if self.action == "partial_update":
            managed = selectors.enrolments_manageable_by(self.request.user)
            people = people.filter(pk__in=managed.values("person_id"))
        return people

    def get_serializer_class(self):
        if self.action == "create":
            return AdmissionSerializer
        if self.action == "partial_update":
            return PersonChangeSerializer
        return PersonSerializer

    @extend_schema(request=AdmissionSerializer, responses={201: PersonSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        enrolment = services.admit_resident(by=request.user, **serializer.validated_data)
        person = self.get_queryset().get(pk=enrolment.person_id)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PersonChangeSerializer, responses=PersonSerializer)
    def partial_update(self, request, *args, **kwargs):
        person = self.get_object()
        serializer = self.get_serializer(person, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        person = services.change_person(by=request.user, person=person, **serializer.validated_data)
        return Response(PersonSerializer(person).data)

    @extend_schema(request=CurpSearchSerializer, responses=PersonSerializer(many=True))
    @action(
        detail=False,
        methods=["post"],
        filter_backends=[],
        pagination_class=None,
        serializer_class=CurpSearchSerializer,
    )
    def search(self, request):
        """The person with this exact CURP, if in the user's scope: a list of 0 or 1.

        A POST, so that the CURP never lands in a URL (and in the logs).
        """
        serializer = CurpSearchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        curp = normalise_curp(serializer.validated_data["curp"])
        people = selectors.people_visible_to(request.user).filter(curp=curp)
        return Response(PersonSerializer(people, many=True).data)


class EnrolmentFilter(django_filters.FilterSet):
    person = IntegerFilter(field_name="person_id")
    programme = IntegerFilter(field_name="programme_id")
    site = django_filters.CharFilter(field_name="programme__site__clues", label=_("Site CLUES"))
    specialty = django_filters.CharFilter(
        field_name="programme__specialty__code", label=_("Specialty code")
    )
    year = IntegerFilter(max_value=6)
    status = ChoiceFilter(choices=EnrolmentStatus.choices)
    in_training = BooleanFilter(method="training", label=_("Active or on leave"))

    def training(self, queryset, name, value):
        if value:
            return queryset.filter(status__in=IN_TRAINING)
        return queryset.exclude(status__in=IN_TRAINING)


def _transition(name: str, attribute: str = ""):
    """The endpoint of one status change: POST /enrolments/{id}/<name>/.

    `attribute` is the viewset attribute holding it, when `name` cannot be one.
    """
    transition = TRANSITIONS[name]
    input_class = TRANSITION_INPUTS[name]

    def run(self, request, pk=None):
        enrolment = self.get_object()
        data = {}
        if input_class is not EmptyInput:  # a confirmation reads no body at all
            serializer = input_class(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        transition.run(request.user, enrolment, data)
        # Not through the user's scope: a transfer may have just moved it out, and
        # the caller is owed the result of what they did.
        enrolment = selectors.enrolments_visible_to(SYSTEM).get(pk=enrolment.pk)
        return Response(EnrolmentSerializer(enrolment).data)

    # Named before decorating: DRF maps the HTTP method to this attribute name.
    run.__name__ = attribute or name
    run = action(
        detail=True,
        methods=["post"],
        url_path=name,
        url_name=name,
        filter_backends=[],
        serializer_class=input_class,
    )(run)
    return extend_schema(
        summary=transition.label,
        request=None if input_class is EmptyInput else input_class,
        responses=EnrolmentSerializer,
        operation_id=f"enrolments_{name}",
    )(run)


class EnrolmentViewSet(ResidentsViewSet):
    """Enrolments in the user's scope; the status changes are actions on each one."""

    filterset_class = EnrolmentFilter
    ordering_fields = ["id", "started_on", "year", "person__last_name"]
    ordering = ["person__last_name", "person__second_last_name", "person__first_names", "pk"]

    def get_queryset(self):
        if self.action in ("list", "retrieve", "create", None):
            return selectors.enrolments_visible_to(self.request.user)
        return selectors.enrolments_manageable_by(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return EnrolmentCreateSerializer
        if self.action == "partial_update":
            return EnrolmentChangeSerializer
        return EnrolmentSerializer

    @extend_schema(request=EnrolmentCreateSerializer, responses={201: EnrolmentSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        enrolment = services.enroll_resident(by=request.user, **serializer.validated_data)
        enrolment = self.get_queryset().get(pk=enrolment.pk)
        return Response(EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EnrolmentChangeSerializer, responses=EnrolmentSerializer)
    def partial_update(self, request, *args, **kwargs):
        enrolment = self.get_object()
        serializer = self.get_serializer(enrolment, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.change_enrolment(by=request.user, enrolment=enrolment, **serializer.validated_data)
        enrolment = selectors.enrolments_visible_to(request.user).get(pk=enrolment.pk)
        return Response(EnrolmentSerializer(enrolment).data)

    promote = _transition("promote")
    leave = _transition("leave")
    return_from_leave = _transition("return", "return_from_leave")
    transfer = _transition("transfer")
    withdraw = _transition("withdraw")
    graduate = _transition("graduate")
    hiring = _transition("hiring")


router = SimpleRouter(use_regex_path=False)
router.register("people", PersonViewSet, basename="api-person")
router.register("enrolments", EnrolmentViewSet, basename="api-enrolment")
