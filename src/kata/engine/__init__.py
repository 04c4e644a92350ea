"""The engine: how one check runs an exercise's tests, fast, and reads back what happened.

- `runner`: the warm parent (imports pytest and the frameworks once) that forks one child per check;
  `spare`: a child forked ahead of the next save; `preload`: what the parent imports before it forks.
- `child`: pytest on one exercise inside the child; `stream`: each test's result sent to the parent as it
  ends; `outcome`: the results file, failure places and exit status read back as an `Outcome`.
- `pytest_plugin` (loaded by every pytest run: solution mode, the results file, timeouts that name the
  line) and `locate` (the failure's file and line, a plugin of the child).
"""
