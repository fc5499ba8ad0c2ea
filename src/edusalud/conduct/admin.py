from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from edusalud.conduct.models import Acknowledgement, Code, CodeVersion


@admin.register(Code)
class CodeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Versions are what people accepted and acceptances are their statements: the pages
    write them through the services, the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CodeVersion)
class CodeVersionAdmin(ReadOnlyAdmin):
    list_display = ["code", "number", "published_on"]
    list_filter = ["code"]
    list_select_related = ["code"]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["user", "version", "acknowledged_at"]
    list_filter = ["version__code", "version"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "version__code"]
