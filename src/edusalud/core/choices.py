from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The blank choice of a filter. Spanish agrees "all" with the field's noun:
# "Todos" los grados, "Todas" las sedes.
ALL = _("All")
ALL_FEMININE = pgettext_lazy("feminine", "All")
