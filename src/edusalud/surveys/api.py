"""Survey instruments, campaigns and aggregated results under /api/v1/.

Instruments are reference data for every signed-in user. Campaigns and their
results are for coordinators, each group inside their part of the institution
and through the anonymity rules, like the pages; anyone else gets a 404.
Individual answers are never served.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from edusalud.accounts.selectors import scope_of
from edusalud.catalog.models import Region, Site, Specialty
from edusalud.surveys import results, selectors, services
from edusalud.surveys.serializers import (
    CampaignCreateSerializer,
    CampaignSerializer,
    InstrumentSerializer,
    SurveyResultSerializer,
    SurveyResultsQuerySerializer,
)


class InstrumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published instruments, with their items and interpretation bands."""

    serializer_class = InstrumentSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = []
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.published_instruments().prefetch_related("items", "bands")


class CampaignViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Campaigns with how many were invited and have answered; national coordinators create."""

    serializer_class = CampaignSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = []
    lookup_value_converter = "int"

    def get_queryset(self):
        campaigns = selectors.campaigns_visible_to(self.request.user)
        return (
            selectors.campaign_summaries(campaigns)
            .select_related("region", "site", "specialty")
            .order_by("-opens_on", "-pk")
        )

    def get_serializer_class(self):
        return CampaignCreateSerializer if self.action == "create" else CampaignSerializer

    def _check_coordinator(self):
        if not scope_of(self.request.user).is_coordinator:
            raise NotFound

    def list(self, request, *args, **kwargs):
        self._check_coordinator()
        return super().list(request, *args, **kwargs)

    @extend_schema(request=CampaignCreateSerializer, responses={201: CampaignSerializer})
    def create(self, request, *args, **kwargs):
        self._check_coordinator()
        serializer = CampaignCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        wanted = data.pop("instruments")
        instruments = list(selectors.published_instruments().filter(pk__in=wanted))
        if len(instruments) != len(set(wanted)):
            raise ValidationError({"instruments": [_("Only published instruments can be used.")]})
        for field, model, lookup in (
            ("region", Region, "code"),
            ("site", Site, "clues"),
            ("specialty", Specialty, "code"),
        ):
            if data[field] is not None:
                found = model.objects.filter(**{lookup: data[field]}).first()
                if found is None:
                    raise ValidationError({field: [_("Nothing has this code.")]})
                data[field] = found
        campaign = services.create_campaign(by=request.user, instruments=instruments, **data)
        shown = self.get_queryset().get(pk=campaign.pk)
        return Response(CampaignSerializer(shown).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[SurveyResultsQuerySerializer], responses=SurveyResultSerializer)
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request, pk=None):
        """The aggregate of a group of the campaign, or why it is suppressed."""
        campaign = get_object_or_404(self.get_queryset(), pk=pk)
        query = SurveyResultsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            group = selectors.group_in_scope(request.user, **query.validated_data)
        except results.GroupNotFound as error:
            raise NotFound(_("Nothing you can see is called %(what)s.") % {"what": error}) from None
        figures = {"campaign": campaign.pk} | results.cached_result(campaign, group).as_json()
        return Response(figures)


router = SimpleRouter(use_regex_path=False)
router.register("survey-instruments", InstrumentViewSet, basename="api-instrument")
router.register("survey-campaigns", CampaignViewSet, basename="api-campaign")
