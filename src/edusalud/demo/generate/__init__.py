"""Generate the national demo dataset, from regions down to graduates.

Why: the dashboards must show the institute's published figures (DOMAIN.md)
computed from rows, so the demo creates every region, site, specialty,
programme, person and enrolment instead of printing constants.

Determinism: chance comes only from random.Random instances seeded from the
seed, one per phase, so the same seed and scale give the same rows and the
catalog does not depend on the scale. Dates hang from the academic year (it
opens on 1 March) that contains the reference day, so a reload later in the
same academic year gives the same rows as well.

Speed: rows are written with bulk_create in batches, each with its "created"
history row (django-simple-history), one transaction per phase.
"""

from edusalud.demo.generate.accounts import demo_accounts
from edusalud.demo.generate.load import database_has_data, erase_demo_data, load_demo

__all__ = ["database_has_data", "demo_accounts", "erase_demo_data", "load_demo"]
