"""People and enrolments as JSON, and the input of each write.

Sites and specialties are named by CLUES and code, as on the residents form;
a site outside the user's reach is refused with the form's own message.
"""

from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from edusalud.catalog.models import Programme, Site, Specialty
from edusalud.catalog.selectors import specialties_visible_to
from edusalud.catalog.serializers import ScopedSlugField
from edusalud.core import serializers as strict
from edusalud.core.validators import normalise_curp, validate_curp
from edusalud.residents import selectors
from edusalud.residents.enums import Sex
from edusalud.residents.models import MEXICO, Enrolment, Person

PERSON_FIELDS = [
    "first_names",
    "last_name",
    "second_last_name",
    "nationality",
    "passport_number",
    "sex",
    "birth_date",
    "email",
]


class PersonSerializer(strict.ModelSerializer):
    nationality = CountryField()

    class Meta:
        model = Person
        fields = ["id", "curp", *PERSON_FIELDS]
        read_only_fields = ["curp"]


class PersonChangeSerializer(strict.ModelSerializer):
    """The fields a PATCH may change; the CURP identifies the person and stays."""

    nationality = CountryField(required=False)

    class Meta:
        model = Person
        fields = PERSON_FIELDS


class CurpSearchSerializer(strict.Serializer):
    curp = serializers.CharField(max_length=18)


class SiteByCluesField(serializers.CharField):
    """A site by its CLUES, among all sites (as the residents form and transfer do)."""

    default_error_messages = {"does_not_exist": _("There is no site with CLUES «%(clues)s».")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # For the schema only: validators would run on the Site this field returns.
        self.max_length = 11

    def to_internal_value(self, data):
        clues = super().to_internal_value(data).strip().upper()
        site = Site.objects.filter(clues=clues).first()
        if site is None:
            raise serializers.ValidationError(
                self.error_messages["does_not_exist"] % {"clues": clues}, code="does_not_exist"
            )
        return site

    def to_representation(self, value):
        return value.clues


class EnrolmentInput(strict.Serializer):
    """Where and how a course starts: site (CLUES), specialty (code), year, start date."""

    site = SiteByCluesField(help_text=_("CLUES of a site you coordinate."))
    specialty = ScopedSlugField(
        slug_field="code",
        model=Specialty,
        selector=specialties_visible_to,
        missing=_("There is no specialty with code «%(value)s»."),
    )
    year = serializers.IntegerField(min_value=1, max_value=6, help_text=_("1 for R1, 2 for R2..."))
    started_on = serializers.DateField()
    prerequisite_evidence = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )

    def validate_site(self, site):
        user = self.context["request"].user
        if not selectors.manageable_sites(user).filter(pk=site.pk).exists():
            raise serializers.ValidationError(
                _("You cannot register residents at %(site)s: it is outside your scope.")
                % {"site": site.name}
            )
        return site

    def validate(self, attrs):
        site, specialty = attrs.pop("site"), attrs.pop("specialty")
        programme = (
            Programme.objects.filter(site=site, specialty=specialty)
            .select_related("specialty__prerequisite")
            .first()
        )
        if programme is None:
            raise serializers.ValidationError(
                {
                    "specialty": _("%(site)s does not teach %(specialty)s.")
                    % {"site": site.name, "specialty": specialty.name_es}
                }
            )
        attrs["programme"] = programme
        return attrs


class AdmissionSerializer(EnrolmentInput):
    """A new resident: the person and their first enrolment, saved together."""

    first_names = serializers.CharField(max_length=120)
    last_name = serializers.CharField(max_length=120)
    second_last_name = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )
    curp = serializers.CharField(
        max_length=18, required=False, allow_blank=True, allow_null=True, default=None
    )
    nationality = CountryField(default=MEXICO)
    passport_number = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default=""
    )
    sex = serializers.ChoiceField(choices=Sex.choices)
    birth_date = serializers.DateField()
    email = serializers.EmailField(required=False, allow_blank=True, default="")

    def validate_curp(self, value):
        curp = normalise_curp(value or "")
        if curp:
            validate_curp(curp)  # a Django ValidationError: DRF shows it on the field
        return curp or None


class EnrolmentCreateSerializer(EnrolmentInput):
    """A further course of a person already registered (e.g. a branch specialty)."""

    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["person"].queryset = selectors.people_visible_to(request.user)
        return fields


class EnrolmentSerializer(strict.ModelSerializer):
    site = serializers.CharField(source="programme.site.clues", read_only=True)
    specialty = serializers.CharField(source="programme.specialty.code", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "person",
            "person_name",
            "programme",
            "site",
            "specialty",
            "year",
            "started_on",
            "status",
            "ended_on",
            "withdrawal_reason",
            "prerequisite_evidence",
            "is_hired_by_institute",
            "hired_on",
        ]
        read_only_fields = fields


class EnrolmentChangeSerializer(strict.ModelSerializer):
    """A correction; status changes are the transitions (promote, leave...)."""

    class Meta:
        model = Enrolment
        fields = ["year", "started_on", "prerequisite_evidence"]
        extra_kwargs = {"year": {"min_value": 1, "max_value": 6}}


# The input of each transition, as the forms of the person page ask for it.


class EmptyInput(strict.Serializer):
    pass


class GraduateInput(strict.Serializer):
    on = serializers.DateField(help_text=_("Graduation date"))


class ReasonInput(strict.Serializer):
    reason = serializers.CharField(max_length=2000)


class TransferInput(strict.Serializer):
    site = SiteByCluesField(help_text=_("CLUES of the destination site"))


class HiringInput(strict.Serializer):
    is_hired = serializers.BooleanField()
    hired_on = serializers.DateField(required=False, allow_null=True, default=None)


TRANSITION_INPUTS = {
    "promote": EmptyInput,
    "leave": EmptyInput,
    "return": EmptyInput,
    "graduate": GraduateInput,
    "withdraw": ReasonInput,
    "transfer": TransferInput,
    "hiring": HiringInput,
}
