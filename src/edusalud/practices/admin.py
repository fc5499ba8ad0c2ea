from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from edusalud.practices.models import Post


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["title", "author_name", "site", "status", "submitted_at", "published_on"]
    list_filter = ["status", "site__region"]
    search_fields = ["title", "author_name", "site__name"]
    list_select_related = ["site"]
    raw_id_fields = ["author", "reviewed_by", "withdrawn_by", "site"]
    filter_horizontal = ["areas"]
    readonly_fields = ["slug", "created_at"]

    # Reviews happen on the pages, through the services; the admin's own writes
    # still go into the history with the acting user (SimpleHistoryAdmin) and a reason.
    def save_model(self, request, obj, form, change):
        obj._change_reason = "changed in the admin" if change else "created in the admin"
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._history_user = request.user
        obj._change_reason = "deleted in the admin"
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One by one, so that each history row gets the user and the reason.
        for obj in queryset:
            self.delete_model(request, obj)
