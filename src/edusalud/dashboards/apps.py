from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "edusalud.dashboards"
    label = "dashboards"
