"""Admission cycles, results and the applicant's own list as JSON."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from edusalud.admissions.models import AdmissionCycle, Applicant, Assignment, Position
from edusalud.core import serializers as strict


class CycleSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdmissionCycle
        fields = ["year", "status", "requires_complete_lists"]


class ResultSerializer(serializers.ModelSerializer):
    """One applicant's assignment; programme is the match files' key (CLUES-specialty)."""

    applicant = serializers.CharField(source="applicant.folio")
    programme = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["applicant", "programme", "rank_obtained"]

    def get_programme(self, assignment) -> str | None:
        if assignment.position is None:
            return None
        programme = assignment.position.programme
        return f"{programme.site.clues}-{programme.specialty.code}"


class PositionSerializer(serializers.ModelSerializer):
    """A programme's places in the cycle; `programme` is the match files' key."""

    programme = serializers.SerializerMethodField()
    site = serializers.CharField(source="programme.site.clues", help_text="CLUES")
    specialty = serializers.CharField(source="programme.specialty.code")

    class Meta:
        model = Position
        fields = ["id", "programme", "site", "specialty", "places", "foreign_places"]

    def get_programme(self, position) -> str:
        return f"{position.programme.site.clues}-{position.programme.specialty.code}"


class ApplicantSerializer(serializers.ModelSerializer):
    """An applicant as the match sees them: no personal data beyond the folio."""

    specialty = serializers.CharField(source="specialty.code")
    ranked = serializers.IntegerField(help_text="Sites in their rank list")

    class Meta:
        model = Applicant
        fields = ["folio", "score", "category", "specialty", "ranked"]


class ApplicantDetailSerializer(ApplicantSerializer):
    preferences = serializers.SerializerMethodField(
        help_text="The CLUES of the sites they ranked, best first"
    )

    class Meta(ApplicantSerializer.Meta):
        fields = [*ApplicantSerializer.Meta.fields, "preferences"]

    def get_preferences(self, applicant) -> list[str]:
        return [p.position.programme.site.clues for p in applicant.preferences.all()]


class RankedSiteSerializer(serializers.Serializer):
    position = serializers.IntegerField(source="pk")
    clues = serializers.CharField(source="programme.site.clues")
    site = serializers.CharField(source="programme.site.name")
    places = serializers.IntegerField()


class ApplicationSerializer(serializers.Serializer):
    """The applicant's application: their list, best first, and their result once published."""

    cycle = serializers.IntegerField(source="applicant.cycle.year")
    folio = serializers.CharField(source="applicant.folio")
    specialty = serializers.CharField(source="applicant.specialty.code")
    ranking_open = serializers.BooleanField()
    saved = serializers.BooleanField()
    ranking = RankedSiteSerializer(many=True)
    result = serializers.CharField(allow_null=True, help_text="CLUES of the site obtained")
    rank_obtained = serializers.IntegerField(allow_null=True)


class PositionIdsField(serializers.ListField):
    """Position ids; any problem is one message (DRF keys item errors by index)."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            raise serializers.ValidationError(
                _("Send the ids of the positions, best first: a list of whole numbers.")
            ) from None


class OrderSerializer(strict.Serializer):
    """The whole list, best first: the ids of the positions (see `ranking`)."""

    order = PositionIdsField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        min_length=1,
        max_length=2_000,
    )
