from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from edusalud.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["region", "site", "programme"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
