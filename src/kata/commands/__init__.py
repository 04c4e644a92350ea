"""The `kata` commands, one module each: `cli.py` parses the arguments and hands over to one of these.

- `check`: run one kata (or project milestone) and say how it went; `listing`: `kata list`;
  `hints`: `kata hint`; `next`: `kata next`; `reset`: `kata reset` and `kata restore`; `diff`: `kata diff`.
- `ptw`: `kata-ptw`, what plain `ptw` (pytest-watch) runs before each of its runs.

`kata watch` is a package of its own, `kata.watch`. The commands run tests through `kata.engine` and share
the workspace (`kata.workspace`), the learner's state (`kata.state`), the screen (`kata.render`) and the
sentences (`kata.messages`).
"""
