"""Reads of good-practice posts.

Signed-in pages: an author sees their own posts; a coordinator reviews the
posts of the sites their scope reaches (site, region, or every site for the
national coordination), never their own. Public pages and the feed see the
published posts only, and nothing about a post but what is published.
"""

from django.db.models import Prefetch, Q, QuerySet

from edusalud.accounts.models import User
from edusalud.accounts.selectors import scope_of
from edusalud.catalog.models import Site
from edusalud.practices.models import Post, PostStatus
from edusalud.residents.selectors import manageable_sites
from edusalud.training.models import CompetencyArea

PUBLIC_PER_PAGE = 20
FEED_SIZE = 50


def author_sites(user: User) -> QuerySet[Site]:
    """Sites the user may write about: their programmes' (professors) and their coordination's."""
    if not user.is_authenticated:
        return Site.objects.none()
    scope = scope_of(user)
    if scope.is_national:
        return Site.objects.all()
    return Site.objects.filter(
        Q(pk__in=manageable_sites(user).values("pk"))
        | Q(pk__in=Site.objects.filter(programmes__in=scope.programme_ids).values("pk"))
    )


def can_write(user: User) -> bool:
    """Professors and coordinators write posts; residents and applicants do not."""
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.is_coordinator or bool(scope.programme_ids)


def can_review(user: User) -> bool:
    return user.is_authenticated and scope_of(user).is_coordinator


def reviews_site_of(user: User, post: Post) -> bool:
    """Whether the post's site lies in the coordinator's scope (its status aside)."""
    if not can_review(user):
        return False
    return scope_of(user).is_national or manageable_sites(user).filter(pk=post.site_id).exists()


def _with_areas(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.select_related("site").prefetch_related(
        Prefetch("areas", queryset=CompetencyArea.objects.order_by("name_es"))
    )


def posts_of(user: User) -> QuerySet[Post]:
    """The user's own posts, in every status."""
    if not user.is_authenticated:
        return Post.objects.none()
    return _with_areas(Post.objects.filter(author_id=user.pk))


def posts_reviewable_by(user: User) -> QuerySet[Post]:
    """Posts of the sites the coordinator's scope reaches, except their own, in every status."""
    if not can_review(user):
        return Post.objects.none()
    posts = Post.objects.exclude(author_id=user.pk).exclude(status=PostStatus.DRAFT)
    if not scope_of(user).is_national:
        posts = posts.filter(site__in=manageable_sites(user).values("pk"))
    return _with_areas(posts).select_related("author", "reviewed_by")


def review_queue(user: User) -> QuerySet[Post]:
    """Posts waiting for the coordinator's review, the longest waiting first."""
    return (
        posts_reviewable_by(user).filter(status=PostStatus.SUBMITTED).order_by("submitted_at", "pk")
    )


def published_in_scope(user: User) -> QuerySet[Post]:
    """Published posts the coordinator may withdraw, newest first."""
    return (
        posts_reviewable_by(user)
        .filter(status=PostStatus.APPROVED)
        .order_by("-published_on", "-reviewed_at", "-pk")
    )


def published_posts() -> QuerySet[Post]:
    """Every published post, newest first, with its site and areas (public: no sign-in)."""
    return _with_areas(Post.objects.filter(status=PostStatus.APPROVED)).order_by(
        "-published_on", "-reviewed_at", "-pk"
    )


def published_post(slug: str) -> Post | None:
    return published_posts().filter(slug=slug).first()


def feed_posts() -> list[Post]:
    """The latest published posts, for the Atom feed."""
    return list(published_posts()[:FEED_SIZE])
