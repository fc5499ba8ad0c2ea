"""Figures of survey results as the pages print them."""

from django import template

register = template.Library()


@register.filter
def percent(rate: float | None) -> str:
    """A rate from 0 to 1 as a whole percentage ("78 %"), or a dash when there is none.

    A filter, not an included template: a ranking prints three per site.
    """
    if rate is None:
        return "—"
    return f"{round(100 * rate)}\u00a0%"
