"""Single sign-on with OpenID Connect, through Authlib's Django client.

Authlib reads the provider's discovery document (``<issuer>/.well-known/openid-configuration``), so a
council sets only the issuer, the client id and its secret (CYP_OIDC_*, cyp/settings.py). The flow is
the authorisation-code flow with PKCE (S256), a ``state`` kept in the session and a ``nonce`` checked in
the signed ID token, whose issuer, audience, expiry and signature (against the provider's published
keys) Authlib checks. Who that person is in cyp is cyp.signin.sso_user_for's decision.
"""

from __future__ import annotations

from functools import lru_cache

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from joserfc.errors import JoseError
from requests import RequestException

#: What can go wrong between the provider's redirect and the checked ID token: a state that is not
#: this browser's (tampered, replayed, or the session expired), a refused code, a bad or replayed token
#: (nonce, issuer, audience, signature, expiry), or the provider not answering.
SignInFailed = (OAuthError, JoseError, RequestException, ValueError, KeyError)


def oidc_enabled() -> bool:
    return bool(settings.CYP_OIDC_ENABLED)


def oidc_button_label() -> str:
    return f"Sign in with {settings.CYP_OIDC_PROVIDER_NAME}"


@lru_cache(maxsize=4)
def _client(issuer: str, client_id: str, client_secret: str, scopes: str):
    # One registry per configuration, so the discovery document and the keys are fetched once per process.
    oauth = OAuth()
    return oauth.register(
        name="cyp",
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": scopes, "code_challenge_method": "S256", "default_timeout": 15},
    )


def oidc_client():
    """The configured client (Authlib's DjangoOAuth2App)."""
    return _client(
        settings.CYP_OIDC_ISSUER, settings.CYP_OIDC_CLIENT_ID, settings.CYP_OIDC_CLIENT_SECRET, settings.CYP_OIDC_SCOPES
    )


def oidc_authorize_redirect(request, *, redirect_uri: str):
    """The redirect to the provider's sign-in page; state, nonce and the PKCE verifier go in the session."""
    return oidc_client().authorize_redirect(request, redirect_uri)


def oidc_claims(request) -> dict:
    """The checked ID token's claims for the provider's answer in ``request``. Raises one of SignInFailed."""
    token = oidc_client().authorize_access_token(request)
    claims = token.get("userinfo")
    if not claims:
        # Authlib checks the ID token only when the session holds the nonce it sent; without one, refuse.
        raise OAuthError(error="missing_id_token", description="The provider's answer had no checked ID token")
    return dict(claims)
