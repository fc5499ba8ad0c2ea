from django.contrib import admin
from django.core.exceptions import PermissionDenied
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
    # Not by CURP or passport: the admin's search goes in the URL (GET), and those
    # must never reach a URL; the residents page searches them privately.
    search_fields = ["first_names", "last_name", "second_last_name"]
    raw_id_fields = ["user"]
    inlines = [EnrolmentInline]

    # The admin's writes (add, change, revert to a past version, delete, the delete
    # action) go into the history with the acting user, like the pages' writes, and
    # with a reason. SimpleHistoryAdmin.save_model records the user.
    def save_model(self, request, obj, form, change):
        if change and Person.objects.filter(pk=obj.pk, pseudonymised_on__isnull=False).exists():
            raise PermissionDenied  # irreversible (decision 0008), even by reverting
        obj._change_reason = "changed in the admin" if change else "registered in the admin"
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._history_user = request.user
        obj._change_reason = "deleted in the admin"
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One by one, so that each history row gets the user and the reason.
        for obj in queryset:
            self.delete_model(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_pseudonymised:
            return False
        return super().has_change_permission(request, obj)


@admin.register(Enrolment)
class EnrolmentAdmin(FileExchangeLinks, SimpleHistoryAdmin):
    export_kind = "residentes"
    list_display = ["person", "programme", "year", "status", "started_on", "ended_on"]
    list_filter = ["status", "year", "programme__site__region"]
    search_fields = ["person__last_name", "person__first_names", "programme__site__clues"]
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
