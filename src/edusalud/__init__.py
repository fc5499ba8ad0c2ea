"""edusalud: health education at a national social-security institute."""
