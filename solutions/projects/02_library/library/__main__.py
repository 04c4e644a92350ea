"""`python -m library`: see library_cli."""

import sys

from library.library_cli import main

sys.exit(main())
