from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "edusalud.catalog"
    label = "catalog"
