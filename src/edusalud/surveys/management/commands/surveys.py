import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from edusalud.surveys import results
from edusalud.surveys.models import Campaign


class Command(BaseCommand):
    help = _("Survey results: `results` prints the aggregate of a group, never single answers.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        group = actions.add_parser("results", help=_("Print the aggregate results of a group."))
        group.add_argument(
            "--campaign", type=int, help=_("Campaign number (default: the latest opened).")
        )
        group.add_argument("--region", default="", help=_("Region code."))
        group.add_argument("--site", default="", help=_("Site CLUES."))
        group.add_argument("--specialty", default="", help=_("Specialty code."))
        group.add_argument("--year", type=int, help=_("Residents' year, 1 to 6."))
        group.add_argument("--json", action="store_true", help=_("Print JSON."))

    def handle(self, *args, **options):
        campaign = self._campaign(options["campaign"])
        if options["year"] is not None and not 1 <= options["year"] <= 6:
            raise CommandError(_("--year must be a residents' year from 1 to 6."))
        try:
            group = results.group_from_codes(
                region=options["region"],
                site=options["site"],
                specialty=options["specialty"],
                year=options["year"],
            )
        except results.GroupNotFound as error:
            raise CommandError(_("Nothing is called %(what)s.") % {"what": error}) from None
        figures = {"campaign": campaign.pk} | results.result_of(campaign, group).as_json()
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{campaign.name} ({campaign.pk})")
        for key, value in figures.items():
            if key != "campaign":
                self.stdout.write(f"  {key}: {value}")

    def _campaign(self, pk: int | None) -> Campaign:
        if pk is not None:
            campaign = Campaign.objects.filter(pk=pk).first()
            if campaign is None:
                raise CommandError(_("There is no campaign %(pk)s.") % {"pk": pk})
            return campaign
        campaign = (
            Campaign.objects.filter(opens_on__lte=timezone.localdate())
            .order_by("-opens_on", "-pk")
            .first()
        )
        if campaign is None:
            raise CommandError(_("No campaign has opened yet."))
        return campaign
