"""Your answers to tasks 1 and 2: what you observed, with the loader as it was given (see README.md)."""

FIRST_FAILING_HOST = ""  # task 1: the APP_HOST of the first server in fleet_environments() whose settings fail to load
FAILING_TEXT = ""  # task 2: the text that the failing conversion was given, on that server
