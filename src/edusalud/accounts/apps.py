from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "edusalud.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from edusalud.accounts.middleware import stamp_login

        user_logged_in.connect(stamp_login, dispatch_uid="edusalud.stamp_login")
