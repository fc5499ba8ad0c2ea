"""Courses, editions, participants and certificates as JSON."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from edusalud.core import serializers as strict
from edusalud.training import selectors
from edusalud.training.models import (
    Audience,
    Certificate,
    CompetencyArea,
    Course,
    Edition,
    Modality,
    Participation,
)


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompetencyArea
        fields = ["code", "name_es", "name_en"]


class CourseSerializer(serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Course
        fields = [
            "id",
            "title",
            "description",
            "areas",
            "hours",
            "modality",
            "audience",
            "resident_year",
        ]


class CourseCreateSerializer(strict.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    areas = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=CompetencyArea.objects.all(),
        help_text=_("Competency area codes"),
    )
    hours = serializers.IntegerField(min_value=1, max_value=1000)
    modality = serializers.ChoiceField(choices=Modality.choices)
    audience = serializers.ChoiceField(choices=Audience.choices)
    resident_year = serializers.IntegerField(
        min_value=1, max_value=6, required=False, allow_null=True, default=None
    )


class EditionSerializer(serializers.ModelSerializer):
    course = serializers.PrimaryKeyRelatedField(read_only=True)
    course_title = serializers.CharField(source="course.title", read_only=True)
    site = serializers.SlugRelatedField(
        slug_field="clues",
        read_only=True,
        allow_null=True,
        help_text=_("CLUES; null for a national edition"),
    )
    taken = serializers.IntegerField(read_only=True, help_text=_("Places taken"))
    waiting = serializers.IntegerField(read_only=True, help_text=_("People on the waiting list"))

    class Meta:
        model = Edition
        fields = [
            "id",
            "course",
            "course_title",
            "site",
            "starts_on",
            "ends_on",
            "capacity",
            "taken",
            "waiting",
            "instructors",
            "venue",
            "closed_on",
        ]


class EditionCreateSerializer(strict.Serializer):
    course = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    site = serializers.CharField(
        max_length=11,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("CLUES; omit or null for a national edition"),
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    capacity = serializers.IntegerField(min_value=1, max_value=20000)
    instructors = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    venue = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ParticipantSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.full_name")
    certificate = serializers.SerializerMethodField()

    class Meta:
        model = Participation
        fields = ["id", "person", "name", "status", "grade", "certificate"]

    def get_certificate(self, participation) -> str | None:
        certificate = getattr(participation, "certificate", None)
        return certificate.code if certificate else None


class EnrolInputSerializer(strict.Serializer):
    people = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=20000,
        help_text=_("Person ids, in the order they get places"),
    )


class EnrolResultSerializer(serializers.Serializer):
    enrolled = serializers.IntegerField()
    waiting = serializers.IntegerField()
    skipped = serializers.IntegerField(help_text=_("Already in the edition"))


class ResultInputSerializer(strict.Serializer):
    participation = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    passed = serializers.BooleanField()
    grade = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
        default=None,
    )


class ResultsInputSerializer(strict.Serializer):
    results = ResultInputSerializer(many=True, allow_empty=False)


class CertificateSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "code",
            "person_name",
            "course_title",
            "hours",
            "starts_on",
            "ends_on",
            "issued_on",
            "status",
            "revoked_on",
            "revocation_reason",
            "verify_url",
        ]

    def get_status(self, certificate) -> str:
        return "revoked" if certificate.is_revoked else "valid"

    def get_verify_url(self, certificate) -> str:
        return selectors.verify_url(certificate.code, site_url=settings.SITE_URL)
