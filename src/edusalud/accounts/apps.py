from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "edusalud.accounts"
    label = "accounts"
