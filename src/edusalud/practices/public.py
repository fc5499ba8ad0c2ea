"""Pages anyone may open without signing in: published good practices and their Atom feed.

Only approved posts, and of them only what was written for publication (the
author's name as published, the site, the text). Authors write plain text:
the templates escape it, and the feed declares its texts as text, not HTML.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from edusalud.core.pagination import paginate
from edusalud.practices import selectors
from edusalud.practices.models import Post


def post_list(request):
    page = paginate(request, selectors.published_posts(), per_page=selectors.PUBLIC_PER_PAGE)
    return render(request, "practices/public_list.html", {"page": page})


def post_detail(request, slug: str):
    post = selectors.published_post(slug)
    if post is None:
        raise Http404
    return render(request, "practices/public_detail.html", {"post": post})


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are declared plain text.

    Django's Atom1Feed marks a description as `type="html"`, which a reader
    would render as markup: an author's "<script>" would run in the
    communications team's tools. Summaries here are plain text, as written.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("summary", item["plain_summary"], {"type": "text"})


@method_decorator(cache_control(max_age=300, public=True), name="__call__")
class PostFeed(Feed):
    """The latest published posts, for the institute's social-media campaign."""

    feed_type = PlainTextAtomFeed
    title = _("Good teaching practices")
    subtitle = _(
        "Teaching practices that worked, told by the professors of the institute's academic sites."
    )
    link = reverse_lazy("practices:public_list")
    feed_url = reverse_lazy("practices:feed")
    author_name = settings.CERTIFICATE_ISSUER

    def __call__(self, request, *args, **kwargs):
        # Spanish whatever the reader's language cookie: the posts are in Spanish,
        # and feed readers share one copy among all their users.
        with translation.override(settings.LANGUAGE_CODE):
            return super().__call__(request, *args, **kwargs)

    def items(self) -> list[Post]:
        return selectors.feed_posts()

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> None:
        return None  # written by PlainTextAtomFeed as plain text

    def item_extra_kwargs(self, item: Post) -> dict:
        return {"plain_summary": item.summary}

    def item_link(self, item: Post) -> str:
        return reverse("practices:public_detail", args=[item.slug])

    def item_author_name(self, item: Post) -> str:
        return item.author_name

    def item_pubdate(self, item: Post):
        return item.reviewed_at

    def item_updateddate(self, item: Post):
        return item.reviewed_at

    def item_categories(self, item: Post) -> list[str]:
        return [area.name_es for area in item.areas.all()]
