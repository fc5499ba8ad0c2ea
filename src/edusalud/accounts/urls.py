from django.contrib.auth import views as auth_views
from django.urls import path

from edusalud.accounts import views

urlpatterns = [
    path("entrar/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("cuentas/bloqueadas/", views.lockout_list, name="account_lockouts"),
    path("cuentas/<int:pk>/desbloquear/", views.unlock, name="account_unlock"),
    path("perfil/tokens/", views.api_tokens, name="api_tokens"),
    path("perfil/tokens/<int:pk>/revocar/", views.api_token_revoke, name="api_token_revoke"),
]
