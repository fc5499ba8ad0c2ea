"""Published figures and the knobs of the demo."""

import datetime

from edusalud.catalog.enums import (
    SiteKind,
)

# Published figures (DOMAIN.md), reached from rows at scale 1.
RESIDENTS_IN_TRAINING = 15_938
FOREIGN_RESIDENTS = 143
RECOGNISED_PROGRAMMES = 69
RECOGNISED_SPECIALTIES = 35

THIRD_LEVEL_SHARE = 0.5  # of the training capacity: "about half train at UMAEs"
VACANCY = 1.04  # positions offered per resident: a few positions stay empty
SITE_FACTOR = {SiteKind.UMAE: 3.0, SiteKind.HGR: 1.6, SiteKind.HGZ: 1.0, SiteKind.UMF: 1.0}
ON_LEAVE_SHARE = 0.01
WITHDRAWN_SHARE = 0.01  # of the residents in training, over the last 18 months
ANESTHESIOLOGY_SHARE = 0.35  # of the foreign residents
ORTHOPEDICS_SHARE = 0.25
FOREIGN_CURP_SHARE = 0.45  # foreigners holding a CURP (state "NE"); the rest a passport
FEMALE_SHARE = 0.52
SAME_STATE_BIRTH_SHARE = 0.55
# Graduated cohorts, oldest first: share NOT hired by the institute (87-89 % hired).
UNHIRED_SHARES = (0.13, 0.12, 0.11)
COHORT_SHRINK = 0.03  # each older cohort is a little smaller: positions grew
SNP_SINCE = datetime.date(2022, 1, 1)  # when CONAHCYT's SNP replaced CONACyT's PNPC
BATCH_SIZE = 2_000
HISTORY_REASON = "demo data"
DEMO_RESIDENT_YEAR = 2
