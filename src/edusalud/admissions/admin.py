from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from edusalud.admissions.models import AdmissionCycle, Applicant, Position, RankingPeriod


class RankingPeriodInline(admin.TabularInline):
    model = RankingPeriod
    extra = 0


@admin.register(AdmissionCycle)
class AdmissionCycleAdmin(SimpleHistoryAdmin):
    list_display = ["year", "status", "requires_complete_lists"]
    list_filter = ["status"]
    inlines = [RankingPeriodInline]
    # The status moves through services (the match, the publication), never by hand.
    readonly_fields = ["status"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["programme", "cycle", "places", "foreign_places"]
    list_filter = ["cycle", "programme__specialty"]
    list_select_related = ["programme__site", "programme__specialty", "cycle"]
    raw_id_fields = ["programme"]


@admin.register(Applicant)
class ApplicantAdmin(SimpleHistoryAdmin):
    list_display = ["folio", "cycle", "score", "category", "specialty"]
    list_filter = ["cycle", "category", "specialty"]
    list_select_related = ["cycle", "specialty"]
    search_fields = ["folio"]
    raw_id_fields = ["person"]
