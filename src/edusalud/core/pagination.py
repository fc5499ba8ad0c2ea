from django.core.paginator import Page, Paginator

PER_PAGE = 50


def paginate(request, items, per_page: int = PER_PAGE) -> Page:
    """One page of `items`; a missing or malformed ?page= falls back to a valid page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
