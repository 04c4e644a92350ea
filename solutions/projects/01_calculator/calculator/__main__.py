"""`python -m calculator`: see calc_cli."""

import sys

from calculator.calc_cli import main

sys.exit(main())
