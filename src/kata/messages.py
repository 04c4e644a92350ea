"""Every sentence the `kata` tool says to a learner, each ending on the next step to take.

Kept in one place so that the wording stays consistent and tests can refer to it.
Placeholders are filled with `str.format`.
"""

NO_WORKSPACE = "Not inside a Backend Katas workspace ({error}). cd into the folder that holds katas/ and try again."
UNKNOWN_KATA = "No kata or project called {name!r}.{suggestion} Run `./kata list` to see them all."
DID_YOU_MEAN = " Did you mean {names}?"
ALL_SOLVED = "Every kata and project passes. Congratulations! Pick a stretch goal from a project README."
NEXT_KATA = "Next up: {slug}. Edit this file, with `./kata watch` running to check each save:"

PASSED = "{slug} passes: {passed}/{total} tests green."
CELEBRATE = "🎉 {slug} passes! Next: press n for {next} (or run `./kata next`)."
CELEBRATE_LAST = "🎉 {slug} passes, and so does everything else. You finished the curriculum!"
MILESTONE = (
    "{slug}: {done} of {total} milestones pass. Next: milestone {number}, checked by {path} "
    "(its spec is in the project's README.md)."
)
FAILED = "{slug}: {failed} of {total} tests failing. Fix the first one, save, and watch it turn green."
MORE_FAILURES = "... and {count} more failing tests (fix these first, or run `./kata check -v {slug}` to see them all)."
PRINTED = "what the test printed:"
NO_TESTS = "{slug}: no tests ran. Is a test file missing? `./kata reset {slug}` restores the starter files."
COLLECTION_ERROR = "{slug}: the tests could not even load. Fix this first, then save again."
MISSING_FILE = (
    "{slug}: {path} is missing (deleted or renamed?). Put it back, or run `./kata restore {slug}` / "
    "`./kata reset {slug}` to get it back."
)
HARD_TIMEOUT = (
    "{slug}: stopped after {seconds:.0f} s without finishing{where}. "
    "Look for an infinite loop or a blocking call, then save."
)
HARD_TIMEOUT_IN = ", while running {test}"
CHILD_DIED = "{slug}: the test run stopped without a result (exit status {code}). Did your code call os._exit()? {tail}"
CHILD_EXITED = "{slug}: the test run ended early (exit code {code}). Did your code call sys.exit() or exit()? {tail}"
TIMEOUT_MESSAGE = "took longer than the per-test limit: look for an infinite loop or a call that never returns"
INPUT_MESSAGE = (
    "your code called input(), but tests give no keyboard: take the value as a parameter (or read sys.stdin in main)"
)
SYS_EXIT_MESSAGE = "your code called sys.exit() or exit(); return a value or raise an exception instead"

TEST_FILE_EDITED = (
    "You changed {path}, so this check ran the original tests instead (a copy in .kata/originals/). "
    "`./kata reset --tests {slug}` puts the originals back and keeps a backup of your version."
)
GIVEN_FILE_EDITED = (
    "You changed {path}, a file the kata gives you (not one you write), and this check used your version. "
    "If a test fails because of it, `./kata reset --tests {slug}` puts the given files back and keeps a backup."
)
GRADE_EDITED = (
    "{slug}: not graded, because these files differ from the ones shipped: {paths}. "
    "`./kata reset --tests {slug}` puts the originals back."
)
ORIGINAL_MISSING = (
    "{slug}: a test file was changed and its original cannot be found ({error}). "
    "Put the file back from the workspace you were given, then save again."
)

HINT = "Hint {number} of {total} for {slug}:"
TASK_HINT = "{slug}: task {task}, hint {number} of {total}"
HINT_RUNNING = "Running {slug}'s tests to see which task fails first..."
HINT_ALL_PASS = "Every test of {slug} passes: no hint needed. Compare with the reference: `./kata diff {slug}`."
NO_HINTS = "{slug} has no hints. Read its README.md, or compare with the solution: `./kata diff {slug}`."
HINTS_EXHAUSTED = "That was the last hint for {slug}. Still stuck? `./kata diff {slug}` shows the reference solution."
HINT_NEXT = "Run `./kata hint {slug}` again for the next one."
WATCH_HINT_NEXT = "Press h again for the next one."

RESET_DONE = "Restored the starter of {slug} ({files}). Your version is saved in {backup}; `./kata restore {slug}` brings it back."
RESET_DONE_NO_BACKUP = "Restored the starter of {slug} ({files}). They were missing, so there was nothing to back up."
RESET_NOTHING = "{slug} already matches its starter: nothing to reset."
RESET_ALL_CONFIRM = "Reset ALL {count} katas and projects to their starters? Your files are backed up first. [y/N] "
RESET_ABORTED = "Nothing was changed."
NOT_IN_GIT = (
    "Cannot find the starter of {path} in git ({error}). `./kata reset` needs the workspace to be a git clone; "
    "your file was not touched."
)
RESTORE_DONE = "Brought back your version of {slug} from {backup}. The files it replaced are saved in {saved}."
NO_BACKUP = "No backup of {slug} in .kata/backups/. `./kata reset {slug}` makes one before it changes anything."

DIFF_CONFIRM = "{slug} is not solved yet. Reveal the reference solution anyway? [y/N] "
DIFF_KEPT_HIDDEN = "The solution stays hidden. `./kata hint {slug}` gives a nudge instead."
DIFF_SAME = "{path} is identical to the reference solution."
DIFF_NO_SOLUTION = "{slug} has no reference solution under solutions/."
CODE_NOT_FOUND = (
    "The `code` command is not on PATH. Open {path} in your editor, or run `./kata diff {slug}` in the terminal."
)

WATCH_START = "The tasks are in {readme}. Edit {path} and save: the tests run on every save."
WATCH_POLLING = (
    "File events are not arriving ({reason}); watching by polling instead (a save shows up within a second)."
)
WATCH_POLLING_NOW = (
    "Watching by polling: a save shows up within a second. (`./kata watch` without --poll uses file events.)"
)
WATCH_NOT_A_KATA = "{path} is not part of any kata or project, so nothing ran. Katas live in katas/NN_topic/NN_slug/."
WATCH_PRESS_D_AGAIN = "{slug} is not solved yet: press d again to reveal the reference solution."
WATCH_BYE = "Bye! Your progress is saved in .kata/; `./kata watch` picks up where you left off."
WATCH_STILL_RUNNING = "(the other tests are still running...)"
WATCH_CONFIRMING = (
    "{passed}/{total} tests pass with short hypothesis runs; running them again with the full ones before it counts..."
)
