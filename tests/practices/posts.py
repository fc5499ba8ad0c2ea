"""Helpers that write posts through the services, as the pages do."""

from edusalud.practices import services
from edusalud.practices.models import Post
from edusalud.training.models import CompetencyArea


def write(author, site, *, title: str = "Casos clínicos en la guardia", **changes) -> Post:
    """A draft by `author` at `site`; pass for_review=True to send it too."""
    fields = {
        "title": title,
        "summary": "Diez minutos de un caso real al entregar la guardia.",
        "body": "Cada mañana un R2 presenta un caso.\n\nLos R1 preguntan primero.",
        "author_name": "Dr. Héctor Villaseñor Ruiz",
        "areas": list(CompetencyArea.objects.filter(code="toma-de-decisiones")),
    }
    return services.create_draft(by=author, site=site, **(fields | changes))


def publish(world, *, title: str = "Casos clínicos en la guardia", **changes) -> Post:
    """A post by the world's professor, approved by the site coordinator."""
    post = write(world.users["professor"], world.site, title=title, for_review=True, **changes)
    return services.approve(by=world.users["site"], post=post)
