"""Course pages: the catalogue, an edition run by its coordinators, a person's training record.

The verification page and the Open Badges documents are public (public.py).
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from edusalud.accounts.selectors import scope_of
from edusalud.core.forms import add_service_errors
from edusalud.residents.selectors import manageable_sites, person_of
from edusalud.training import pdf, selectors, services, tasks
from edusalud.training.forms import (
    AreaForm,
    BulkEnrolForm,
    CourseForm,
    EditionForm,
    RevokeForm,
    SessionForm,
)
from edusalud.training.models import BatchStatus, CertificateBatch, ParticipationStatus


@login_required
@require_POST
def area_create(request):
    """National coordinators add a competency area to the catalogue."""
    if not scope_of(request.user).is_national:
        raise Http404
    form = AreaForm(request.POST)
    if form.is_valid():
        try:
            area = services.create_area(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Area “%(name)s” added.") % {"name": area.name})
            return redirect("training:course_list")
    for message in (m for errors in form.errors.values() for m in errors):
        messages.error(request, message)
    return redirect("training:course_list")


@login_required
def course_list(request):
    """The catalogue of courses with their coming editions; coordinators add courses."""
    can_create = selectors.can_create_editions(request.user)
    form = CourseForm(request.POST or None) if can_create else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                course = services.create_course(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Course created: now add its first edition."))
                return redirect("training:course_detail", pk=course.pk)
    context = {
        "courses": selectors.courses_visible_to(request.user),
        "editions": selectors.edition_list(request.user, when="upcoming").order_by("starts_on"),
        "form": form,
        "area_form": AreaForm() if scope_of(request.user).is_national else None,
    }
    return render(request, "training/course_list.html", context)


@login_required
def course_detail(request, pk: int):
    course = get_object_or_404(selectors.courses_visible_to(request.user), pk=pk)
    form = None
    if selectors.can_create_editions(request.user):
        form = EditionForm(
            request.POST or None,
            sites=manageable_sites(request.user).order_by("name"),
            national=scope_of(request.user).is_national,
        )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                edition = services.create_edition(
                    by=request.user, course=course, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Edition created."))
                return redirect("training:edition_detail", pk=edition.pk)
    context = {
        "course": course,
        "audience": services.audience_label(course),
        "editions": selectors.edition_list(request.user, course=course.pk),
        "form": form,
    }
    return render(request, "training/course_detail.html", context)


def _managed(request, pk: int):
    return get_object_or_404(selectors.editions_manageable_by(request.user), pk=pk)


@login_required
def edition_detail(request, pk: int):
    edition = get_object_or_404(selectors.editions_visible_to(request.user), pk=pk)
    manages = selectors.editions_manageable_by(request.user).filter(pk=pk).exists()
    person = person_of(request.user)
    context = {
        "edition": edition,
        "course": edition.course,
        "taken": selectors.places_taken(edition),
        "manages": manages,
        "own": edition.participations.filter(person=person).first() if person else None,
        "refusal": selectors.audience_refusal(request.user, edition.course),
        "audience": services.audience_label(edition.course),
        "started": selectors.has_started(edition),
        "today": timezone.localdate(),
        "Status": ParticipationStatus,
    }
    if manages:
        participants = list(selectors.participants_of(edition))
        sessions = list(edition.sessions.all())
        # Sessions whose roll was taken: a session still to come counts for nobody.
        rolls = {a.session_id for p in participants for a in p.attendances.all()}
        for p in participants:
            p.attendance = selectors.attendance_rate(p, len(rolls))
        sites = manageable_sites(request.user).order_by("name")
        if edition.site_id:
            sites = sites.filter(pk=edition.site_id)
        context |= {
            "participants": participants,
            "sessions": sessions,
            "enrol_form": BulkEnrolForm(sites=sites),
            "session_form": SessionForm(),
            "pending": sum(1 for p in participants if p.status == ParticipationStatus.ENROLLED),
            "issued": sum(
                1
                for p in participants
                if hasattr(p, "certificate") and not p.certificate.is_revoked
            ),
            "batch": edition.batches.filter(requested_by=request.user).first(),
            "BatchStatus": BatchStatus,
        }
    return render(request, "training/edition_detail.html", context)


@login_required
@require_POST
def edition_enrol_self(request, pk: int):
    edition = get_object_or_404(selectors.editions_visible_to(request.user), pk=pk)
    try:
        participation = services.enrol_self(
            user=request.user, edition=edition, today=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if participation.status == ParticipationStatus.ENROLLED:
            messages.success(request, _("You are enrolled."))
        else:
            messages.warning(request, _("The edition is full: you are on its waiting list."))
    return redirect("training:edition_detail", pk=edition.pk)


@login_required
@require_POST
def edition_enrol(request, pk: int):
    """Enrol the residents of a site (of one year, or all) in one go."""
    edition = _managed(request, pk)
    sites = manageable_sites(request.user)
    form = BulkEnrolForm(request.POST, sites=sites)
    if not form.is_valid():
        messages.error(request, _("Choose a site among yours and a year."))
        return redirect("training:edition_detail", pk=edition.pk)
    site = form.cleaned_data["site"]
    if edition.site_id and site.pk != edition.site_id:
        messages.error(request, _("This edition is for the residents of its own site."))
        return redirect("training:edition_detail", pk=edition.pk)
    people = list(
        selectors.residents_to_enrol(edition, site_id=site.pk, year=form.cleaned_data["year"])
    )
    try:
        counts = services.enrol(
            by=request.user, edition=edition, people=people, today=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if not people:
            messages.warning(request, _("Nobody to enrol: they are all in the edition already."))
        else:
            messages.success(
                request,
                _("%(enrolled)d enrolled, %(waiting)d on the waiting list.") % counts,
            )
    return redirect("training:edition_detail", pk=edition.pk)


@login_required
@require_POST
def participation_withdraw(request, pk: int, participation: int):
    edition = _managed(request, pk)
    target = get_object_or_404(edition.participations.select_related("person"), pk=participation)
    try:
        promoted = services.withdraw(by=request.user, participation=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was withdrawn.") % {"name": target.person})
        if promoted is not None:
            messages.info(
                request,
                _("%(name)s takes the place, from the waiting list.") % {"name": promoted.person},
            )
    return redirect("training:edition_detail", pk=edition.pk)


@login_required
@require_POST
def edition_session(request, pk: int):
    edition = _managed(request, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.add_session(edition=edition, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    for message in (m for errors in form.errors.values() for m in errors):
        messages.error(request, message)
    if not form.errors:
        messages.success(request, _("Session added."))
    return redirect("training:edition_detail", pk=edition.pk)


@login_required
def session_attendance(request, pk: int, session: int):
    """One session's roll: a checkbox per person enrolled."""
    edition = _managed(request, pk)
    target = get_object_or_404(edition.sessions, pk=session)
    enrolled = list(
        edition.participations.filter(status=ParticipationStatus.ENROLLED)
        .select_related("person")
        .order_by("person__last_name", "person__second_last_name", "person__first_names")
    )
    if request.method == "POST":
        try:
            present = {int(v) for v in request.POST.getlist("present")}
            services.record_attendance(session=target, present=present)
        except ValueError:
            messages.error(request, _("The list sent is not valid."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved: %(n)d person present.",
                    "Attendance saved: %(n)d people present.",
                    len(present),
                )
                % {"n": len(present)},
            )
            return redirect("training:edition_detail", pk=edition.pk)
    marked = {a.participation_id for a in target.attendances.all() if a.present}
    context = {"edition": edition, "session": target, "enrolled": enrolled, "marked": marked}
    return render(request, "training/attendance.html", context)


def _results_from(post, enrolled) -> tuple[dict, list[str]]:
    """The results form: a verdict per person (passed / not passed / no result yet) and a grade."""
    results, errors = {}, []
    for p in enrolled:
        verdict = post.get(f"verdict-{p.pk}", "")
        raw = post.get(f"grade-{p.pk}", "").strip().replace(",", ".")
        grade = None
        if raw:
            try:
                grade = Decimal(raw)
            except InvalidOperation:
                errors.append(
                    _("%(name)s: the grade «%(value)s» is not a number.")
                    % {"name": p.person, "value": raw}
                )
                continue
            if not grade.is_finite() or not 0 <= grade <= 100:
                errors.append(
                    _("%(name)s: the grade must be between 0 and 100.") % {"name": p.person}
                )
                continue
        if verdict in ("passed", "failed"):
            results[p.pk] = (verdict == "passed", grade)
        elif grade is not None:
            errors.append(_("%(name)s: a grade needs a verdict.") % {"name": p.person})
    return results, errors


@login_required
def edition_results(request, pk: int):
    """Who passed, with an optional grade; passing issues the certificate."""
    edition = _managed(request, pk)
    enrolled = list(
        edition.participations.filter(status=ParticipationStatus.ENROLLED)
        .select_related("person")
        .order_by("person__last_name", "person__second_last_name", "person__first_names")
    )
    errors = []
    for p in enrolled:  # what was sent, shown again when it is refused
        p.posted_verdict = request.POST.get(f"verdict-{p.pk}", "")
        p.posted_grade = request.POST.get(f"grade-{p.pk}", "")
    if request.method == "POST":
        results, errors = _results_from(request.POST, enrolled)
        if not errors and not results:
            errors = [_("Choose a verdict for at least one person.")]
        if not errors:
            try:
                issued = services.record_results(
                    by=request.user, edition=edition, results=results, today=timezone.localdate()
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request,
                    ngettext(
                        "Results saved: %(n)d certificate issued.",
                        "Results saved: %(n)d certificates issued.",
                        len(issued),
                    )
                    % {"n": len(issued)},
                )
                return redirect("training:edition_detail", pk=edition.pk)
    context = {
        "edition": edition,
        "enrolled": enrolled,
        "errors": errors,
        "posted": request.POST,
        "started": selectors.has_started(edition),
    }
    return render(request, "training/results.html", context, status=400 if errors else 200)


@login_required
@require_POST
def edition_close(request, pk: int):
    edition = _managed(request, pk)
    try:
        services.close_edition(by=request.user, edition=edition, today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The edition is closed."))
    return redirect("training:edition_detail", pk=edition.pk)


@login_required
def my_training(request):
    """The signed-in person's training record: courses, hours per area, certificates."""
    person = person_of(request.user)
    record = selectors.training_record_of(person) if person else None
    chart = None
    if record and record.hours_by_area:
        chart = {
            "labels": [row.area.name for row in record.hours_by_area],
            "values": [row.hours for row in record.hours_by_area],
        }
    return render(
        request,
        "training/my_training.html",
        {"person": person, "record": record, "chart": chart, "Status": ParticipationStatus},
    )


@login_required
def certificate_pdf(request, code: str):
    certificate = get_object_or_404(selectors.certificates_visible_to(request.user), code=code)
    if certificate.is_revoked:
        raise Http404
    body = pdf.render_certificate(selectors.facts_of(certificate, site_url=settings.SITE_URL))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="constancia-{certificate.code}.pdf"'
    return response


@login_required
def certificate_revoke(request, code: str):
    certificate = get_object_or_404(
        selectors.certificates_visible_to(request.user).filter(
            participation__edition__in=selectors.editions_manageable_by(request.user).values("pk")
        ),
        code=code,
    )
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_certificate(
                by=request.user,
                certificate=certificate,
                reason=form.cleaned_data["reason"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Certificate %(code)s revoked.") % {"code": code})
            return redirect("training:edition_detail", pk=certificate.participation.edition_id)
    return render(request, "training/revoke.html", {"certificate": certificate, "form": form})


@login_required
@require_POST
def edition_batch(request, pk: int):
    """Start making the edition's certificates into one ZIP; the page shows the progress."""
    edition = _managed(request, pk)
    if not selectors.certificates_of(edition).filter(revoked_on__isnull=True).exists():
        messages.error(request, _("This edition has no certificates yet."))
        return redirect("training:edition_detail", pk=edition.pk)
    batch = CertificateBatch.objects.create(edition=edition, requested_by=request.user)
    tasks.make_batch.delay(batch.pk)
    return redirect("training:edition_detail", pk=edition.pk)


def _own_batch(request, pk: int, batch: int) -> CertificateBatch:
    edition = _managed(request, pk)
    return get_object_or_404(edition.batches.filter(requested_by=request.user), pk=batch)


@login_required
def batch_progress(request, pk: int, batch: int):
    """The progress box, polled by htmx while the ZIP is made; then the page reloads."""
    target = _own_batch(request, pk, batch)
    if target.is_running:
        return render(request, "training/includes/batch_progress.html", {"batch": target})
    response = HttpResponse()
    response["HX-Refresh"] = "true"
    return response


@login_required
def batch_download(request, pk: int, batch: int):
    target = _own_batch(request, pk, batch)
    name = services.batch_name(target)
    if target.status != BatchStatus.DONE or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name),
        as_attachment=True,
        filename=f"constancias-edicion-{target.edition_id}.zip",
        content_type="application/zip",
    )
