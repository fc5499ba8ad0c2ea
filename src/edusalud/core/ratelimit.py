"""A fixed-window request counter in the cache, for public pages that could be scraped."""

import time

from django.core.cache import cache


def client_address(request) -> str:
    # The address the server saw, as django-axes reads it: a forwarded header
    # could be forged by the client itself.
    return request.META.get("REMOTE_ADDR", "")


def allow(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more hit for `key` in the current window; False once past `limit`."""
    bucket = f"ratelimit:{key}:{int(time.time() // window_seconds)}"
    cache.add(bucket, 0, timeout=window_seconds)
    try:
        return cache.incr(bucket) <= limit
    except ValueError:  # the bucket expired between add and incr
        cache.add(bucket, 1, timeout=window_seconds)
        return True
