"""Searches that may hold personal data (a name, a CURP) stay out of URLs.

URLs end up in server logs, browser history and Referer headers, so a list
whose search box accepts a CURP posts the search; the text is kept in the
session under a short random token, and the URL carries only the token
(`?b=...`), next to the list's other, non-personal filters.
"""

import secrets

from django.http import QueryDict

SESSION_KEY = "private_searches"
TOKEN_PARAM = "b"
KEPT = 20  # searches remembered per session


def stash_search(request, data: QueryDict, field: str = "q") -> str:
    """The query string to redirect to: `data` with `field` swapped for a token."""
    params = data.copy()
    for name in ("csrfmiddlewaretoken", "page", TOKEN_PARAM):
        params.pop(name, None)
    text = params.pop(field, [""])[-1].strip()
    if text:
        token = secrets.token_urlsafe(6)
        searches = dict(request.session.get(SESSION_KEY, {}))
        searches[token] = text
        request.session[SESSION_KEY] = dict(list(searches.items())[-KEPT:])
        params[TOKEN_PARAM] = token
    return params.urlencode()


def recall_search(request, field: str = "q") -> QueryDict:
    """The request's GET parameters with the search text back in `field`.

    A token from another session or an expired one gives no search at all.
    """
    params = request.GET.copy()
    params.pop(field, None)  # a search typed straight into the URL is ignored
    token = params.get(TOKEN_PARAM, "")
    text = request.session.get(SESSION_KEY, {}).get(token, "") if token else ""
    if text:
        params[field] = text
    return params
