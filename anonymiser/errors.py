"""The few exceptions the anonymiser raises on purpose.

Every error here is something a comms officer can act on: the message names the file and says
what to do. The command line turns them into one line on stderr and exit code 2; nothing else
catches them, so an unexpected problem is never swallowed.
"""

from pathlib import Path


class AnonymiserError(Exception):
    """Base class: stop, explain, exit 2."""

    exit_code = 2


class InputError(AnonymiserError):
    """A document (or folder) cannot be read safely: unsupported, corrupt, encrypted, empty."""

    def __init__(self, path: Path | str, problem: str, advice: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.advice = advice
        message = f"{self.path}: {problem}"
        if advice:
            message += f" {advice}"
        super().__init__(message)


class ConfigError(AnonymiserError):
    """anonymiser.yml, a review.yml or a redactions.yml is missing, malformed or inconsistent."""


class KeyProblem(AnonymiserError):
    """The partnership key is missing or does not match the one a review file was made with."""


class DecisionsError(AnonymiserError):
    """The decisions in redactions.yml do not cover what the drafts contain (fail closed)."""
