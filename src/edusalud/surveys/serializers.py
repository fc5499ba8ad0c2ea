"""Instruments, campaigns and aggregated results as JSON; never a single answer."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from edusalud.core import serializers as strict
from edusalud.surveys.models import Band, Campaign, Instrument, Item


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = [
            "number",
            "kind",
            "text_es",
            "text_en",
            "required",
            "choices",
            "subscale",
            "reverse",
            "measure",
        ]


class BandSerializer(serializers.ModelSerializer):
    class Meta:
        model = Band
        fields = ["scale", "low", "high", "label_es", "label_en", "source"]


class InstrumentSerializer(serializers.ModelSerializer):
    items = ItemSerializer(many=True, read_only=True)
    bands = BandSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "id",
            "code",
            "version",
            "name_es",
            "name_en",
            "abbreviation",
            "published_on",
            "items",
            "bands",
        ]


class CampaignSerializer(serializers.ModelSerializer):
    instruments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    # The campaign's filter: null targets every region, site or specialty.
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    site = serializers.SlugRelatedField(slug_field="clues", read_only=True, allow_null=True)
    specialty = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    targeted = serializers.IntegerField(read_only=True)
    answered = serializers.IntegerField(read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "year",
            "instruments",
            "opens_on",
            "closes_on",
            "region",
            "site",
            "specialty",
            "resident_year",
            "targeted",
            "answered",
        ]


class CampaignCreateSerializer(strict.Serializer):
    name = serializers.CharField(max_length=200)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    instruments = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=20,
        help_text=_("Ids of published instruments"),
    )
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    region = serializers.CharField(max_length=8, required=False, allow_null=True, default=None)
    site = serializers.CharField(max_length=11, required=False, allow_null=True, default=None)
    specialty = serializers.CharField(max_length=16, required=False, allow_null=True, default=None)
    resident_year = serializers.IntegerField(
        min_value=1, max_value=6, required=False, allow_null=True, default=None
    )


class SurveyResultsQuerySerializer(strict.Serializer):
    region = serializers.CharField(max_length=8, required=False, default="")
    site = serializers.CharField(max_length=11, required=False, default="")
    specialty = serializers.CharField(max_length=16, required=False, default="")
    year = serializers.IntegerField(min_value=1, max_value=6, required=False, default=None)


class SurveyPheemScaleSerializer(serializers.Serializer):
    mean = serializers.FloatField()
    max = serializers.IntegerField()
    band = serializers.CharField(allow_null=True)


class SurveyResultSerializer(serializers.Serializer):
    """A group's aggregate, or `suppressed` with the reason and no figure."""

    campaign = serializers.IntegerField()
    suppressed = serializers.BooleanField(required=False)
    reason = serializers.CharField(required=False)
    code = serializers.CharField(required=False)
    answers = serializers.IntegerField(required=False)
    targeted = serializers.IntegerField(required=False)
    response_rate = serializers.FloatField(required=False, allow_null=True)
    satisfaction_rate = serializers.FloatField(required=False, allow_null=True)
    recommendation_rate = serializers.FloatField(required=False, allow_null=True)
    nps = serializers.FloatField(required=False, allow_null=True)
    pheem_total = SurveyPheemScaleSerializer(required=False, allow_null=True)
    pheem_subscales = serializers.DictField(child=SurveyPheemScaleSerializer(), required=False)
