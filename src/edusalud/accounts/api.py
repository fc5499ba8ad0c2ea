"""API sign-in for other systems: `Authorization: Bearer <token>` (decision 0007)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from edusalud.accounts import tokens


class BearerTokenAuthentication(BaseAuthentication):
    """A token created on the page `perfil/tokens/`; a revoked or unknown one is a 401."""

    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None  # not ours: the session may still sign the request in
        if len(parts) != 2:
            raise AuthenticationFailed(_("Malformed Authorization header: use “Bearer <token>”."))
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(_("The token is not valid or was revoked.")) from None
        token = tokens.active_token(raw)
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(_("The token is not valid or was revoked."))
        tokens.record_use(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 rather than 403 to a request without credentials.
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token created on the page /perfil/tokens/.",
        }
