from django.contrib.auth import views as auth_views
from django.urls import path

from edusalud.accounts import views
from edusalud.accounts.forms import PasswordLinkForm

urlpatterns = [
    path("entrar/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    # Choosing a password by e-mail: forgotten, or never set (applicants' new accounts).
    path(
        "contrasena/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordLinkForm,
            email_template_name="registration/password_link.txt",
            subject_template_name="registration/password_link_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "contrasena/enviada/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "contrasena/nueva/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "contrasena/lista/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("cuentas/bloqueadas/", views.lockout_list, name="account_lockouts"),
    path("cuentas/<int:pk>/desbloquear/", views.unlock, name="account_unlock"),
    path("perfil/tokens/", views.api_tokens, name="api_tokens"),
    path("perfil/tokens/<int:pk>/revocar/", views.api_token_revoke, name="api_token_revoke"),
]
