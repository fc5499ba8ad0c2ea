"""Admin pieces shared by the apps."""


class FileExchangeLinks:
    """Adds Import and Export buttons to a change list, leading to the exchange pages.

    The import goes through the same preview and rules as the coordinators' page;
    the export through the same scoped list (`export_kind` names it).
    """

    change_list_template = "admin/change_list_exchange.html"
    export_kind = ""

    def changelist_view(self, request, extra_context=None):
        extra_context = {"export_kind": self.export_kind, **(extra_context or {})}
        return super().changelist_view(request, extra_context)
