from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from edusalud.catalog.models import Programme, Region, Site, Specialty
from edusalud.core.admin import FileExchangeLinks


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Site)
class SiteAdmin(FileExchangeLinks, SimpleHistoryAdmin):
    export_kind = "sedes"
    list_display = ["clues", "name", "kind", "care_level", "region", "beds"]
    list_filter = ["kind", "care_level", "region"]
    search_fields = ["clues", "name"]
    list_select_related = ["region"]


@admin.register(Specialty)
class SpecialtyAdmin(FileExchangeLinks, SimpleHistoryAdmin):
    export_kind = "especialidades"
    list_display = ["code", "name_es", "name_en", "entry", "prerequisite", "duration_years"]
    list_filter = ["entry", "duration_years"]
    search_fields = ["code", "name_es", "name_en"]
    list_select_related = ["prerequisite"]


@admin.register(Programme)
class ProgrammeAdmin(FileExchangeLinks, SimpleHistoryAdmin):
    export_kind = "programas"
    list_display = ["specialty", "site", "university", "quality_recognition", "yearly_positions"]
    list_filter = ["quality_recognition", "quality_level", "site__region"]
    search_fields = ["specialty__name_es", "site__name", "site__clues"]
    list_select_related = ["specialty", "site"]
    autocomplete_fields = ["specialty", "site"]
