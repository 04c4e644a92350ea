"""Grading beyond "the tests pass": what exercise tests import to judge a learner's tests or files.

- `write_tests`: a write-tests kata's grader, the learner's tests against the correct module and each
  planted bug; `pool`: those runs in forks of the check, in parallel.
- `suite`: project 8, the learner's test suite against a given package and its planted bugs.
- `configure`: configure katas, the real tool (hadolint, docker compose, actionlint, cfn-lint...) on the
  learner's file, and a learner's server command started and asked for a page.
"""
