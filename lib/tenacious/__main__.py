"""`python -m tenacious` runs the `tenacious` command (tenacious.cli)."""

import sys

from tenacious.cli import main

sys.exit(main())
