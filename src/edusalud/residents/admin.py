from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from edusalud.core.admin import FileExchangeLinks
from edusalud.residents.forms import PersonAdminForm
from edusalud.residents.models import Enrolment, Person


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    fields = ["programme", "year", "started_on", "status", "ended_on"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Person)
class PersonAdmin(FileExchangeLinks, SimpleHistoryAdmin):
    export_kind = "residentes"
    form = PersonAdminForm
    list_display = ["last_name", "second_last_name", "first_names", "curp", "nationality", "sex"]
    list_filter = ["nationality", "sex"]
    search_fields = ["curp", "first_names", "last_name", "second_last_name", "passport_number"]
    raw_id_fields = ["user"]
    inlines = [EnrolmentInline]


@admin.register(Enrolment)
class EnrolmentAdmin(FileExchangeLinks, SimpleHistoryAdmin):
    export_kind = "residentes"
    list_display = ["person", "programme", "year", "status", "started_on", "ended_on"]
    list_filter = ["status", "year", "programme__site__region"]
    search_fields = ["person__curp", "person__last_name", "programme__site__clues"]
    list_select_related = ["person", "programme__specialty", "programme__site"]
    raw_id_fields = ["person", "programme"]

    # Enrolments change only through the transitions of the residents pages,
    # which check the rules (duration, prerequisites, status) and record why.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
