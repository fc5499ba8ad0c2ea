"""The catalog as JSON. Related rows are named by the codes people use (region
code, CLUES, specialty code), and only rows the user may see are accepted."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from edusalud.catalog import selectors
from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.core import serializers as strict


class ScopedSlugField(serializers.SlugRelatedField):
    """A related row by its code, looked up among the rows the user may see."""

    def __init__(self, *, model, selector, missing, **kwargs):
        self.selector = selector
        kwargs["error_messages"] = {"does_not_exist": missing}
        # The schema reads the model from `queryset`; requests use get_queryset().
        kwargs.setdefault("queryset", model.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.selector(self.context["request"].user)

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(**{self.slug_field: data})
        except (TypeError, ValueError):
            self.fail("invalid")
        except self.get_queryset().model.DoesNotExist:
            # %-style like the rest of our messages (DRF's fail() formats with braces).
            message = self.error_messages["does_not_exist"]
            raise serializers.ValidationError(
                message % {"value": data, "clues": data}, code="does_not_exist"
            ) from None


class RegionSerializer(strict.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name"]


class SiteSerializer(strict.ModelSerializer):
    region = ScopedSlugField(
        slug_field="code",
        model=Region,
        selector=selectors.regions_visible_to,
        missing=_("There is no region with code «%(value)s»."),
    )

    class Meta:
        model = Site
        fields = ["id", "clues", "name", "kind", "care_level", "region", "beds"]


class SpecialtySerializer(strict.ModelSerializer):
    prerequisite = ScopedSlugField(
        slug_field="code",
        model=Specialty,
        selector=selectors.specialties_visible_to,
        missing=_("There is no specialty with code «%(value)s»."),
        allow_null=True,
        required=False,
    )

    class Meta:
        model = Specialty
        fields = ["id", "code", "name_es", "name_en", "entry", "prerequisite", "duration_years"]


class ProgrammeSerializer(strict.ModelSerializer):
    specialty = ScopedSlugField(
        slug_field="code",
        model=Specialty,
        selector=selectors.specialties_visible_to,
        missing=_("There is no specialty with code «%(value)s»."),
    )
    site = ScopedSlugField(
        slug_field="clues",
        model=Site,
        selector=selectors.sites_visible_to,
        missing=_("There is no site with CLUES «%(clues)s»."),
    )
    is_quality_recognised = serializers.BooleanField(read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "specialty",
            "site",
            "university",
            "quality_recognition",
            "quality_level",
            "quality_valid_from",
            "quality_valid_until",
            "is_quality_recognised",
            "yearly_positions",
        ]
