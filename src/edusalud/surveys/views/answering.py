"""Residents answer the surveys addressed to them; nobody sees anyone else's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from edusalud.surveys import selectors, services
from edusalud.surveys.models import AGREEMENT_LABELS, ItemKind


@login_required
def my_surveys(request):
    today = timezone.localdate()
    invitations = list(selectors.invitations_of(request.user))
    return render(
        request,
        "surveys/my_surveys.html",
        {
            "invitations": invitations,
            "today": today,
            "follows_campaigns": selectors.campaigns_visible_to(request.user).exists(),
        },
    )


def _questions(items, values: dict, errors: dict) -> list[dict]:
    """What the template draws for each item: its options, current value and error."""
    questions = []
    for item in items:
        name = services.field_name(item)
        value = values.get(name)
        if item.kind == ItemKind.AGREEMENT:
            options = [(v, str(AGREEMENT_LABELS[v])) for v in range(5)]
        elif item.kind == ItemKind.SCALE:
            options = [(v, str(v)) for v in range(11)]
        elif item.kind == ItemKind.CHOICE:
            options = list(enumerate(item.options))
        else:
            options = []
        questions.append(
            {
                "item": item,
                "name": name,
                "value": "" if value is None else str(value),
                "options": [(str(v), label) for v, label in options],
                "error": errors.get(name),
            }
        )
    return questions


@login_required
def answer(request, pk: int):
    """The questionnaire: save a draft as often as wanted, then submit once."""
    invitation = get_object_or_404(selectors.invitations_of(request.user), campaign_id=pk)
    campaign = invitation.campaign
    items = selectors.items_to_answer(campaign)
    today = timezone.localdate()
    values, errors, problem = services.draft_values(invitation), {}, None
    if request.method == "POST":
        values = {services.field_name(i): request.POST.get(services.field_name(i)) for i in items}
        submitting = "submit" in request.POST
        try:
            if submitting:
                services.submit(invitation=invitation, raw=values, today=today)
            else:
                services.save_draft(invitation=invitation, raw=values, today=today)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {k: " ".join(v) for k, v in error.message_dict.items()}
                problem = _("Nothing was saved: correct the questions marked below.")
            else:
                problem = " ".join(error.messages)
        else:
            if submitting:
                messages.success(request, _("Thank you: your answers were sent anonymously."))
                return redirect("surveys:my_surveys")
            messages.success(
                request, _("Draft saved. Nothing is sent until you press “Send answers”.")
            )
            return redirect("surveys:answer", pk=campaign.pk)
    if invitation.has_answered and request.method != "POST":
        # Nothing to show: the answers are not kept with the person's name.
        messages.info(request, _("You have already answered this survey. Thank you."))
        return redirect("surveys:my_surveys")
    instruments = []
    for item in items:
        if not instruments or instruments[-1]["instrument"] != item.instrument:
            instruments.append({"instrument": item.instrument, "items": []})
        instruments[-1]["items"].append(item)
    sections = [
        {"instrument": s["instrument"], "questions": _questions(s["items"], values, errors)}
        for s in instruments
    ]
    return render(
        request,
        "surveys/answer.html",
        {
            "campaign": campaign,
            "sections": sections,
            "problem": problem,
            "is_open": campaign.is_open_on(today),
        },
        status=400 if problem else 200,
    )
