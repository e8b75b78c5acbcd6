"""Allow ``python -m reviewlint``."""

import sys

from .cli import main

sys.exit(main())
