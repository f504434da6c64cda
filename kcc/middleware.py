from django.conf import settings

# No inline script or style anywhere: the policy can stay this strict.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        # The chat's event streams may come from their own (ASGI) origin.
        f"connect-src 'self' {settings.KCC_SSE_URL}".strip(),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Django's admin keeps a few inline scripts; it gets its own, looser policy.
        if request.path.startswith("/admin/"):
            policy = CONTENT_SECURITY_POLICY.replace(
                "script-src 'self'", "script-src 'self' 'unsafe-inline'"
            ).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        else:
            policy = CONTENT_SECURITY_POLICY
        response.setdefault("Content-Security-Policy", policy)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        # Pages may show personal data: no copies in shared or browser caches.
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.setdefault("Cache-Control", "no-store")
        return response
