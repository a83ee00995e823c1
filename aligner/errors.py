"""Errors the user can act on. Each carries the file it concerns and the fix, in one line."""

from __future__ import annotations

from pathlib import Path


class AlignerError(Exception):
    """Base of every error the CLI reports as one line and a non-zero exit.

    `path` names the file concerned (when there is one) and `fix` tells the user what to do.
    """

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.fix = fix

    def one_line(self) -> str:
        parts = [f"{self.path}: {self.message}" if self.path else self.message]
        if self.fix:
            parts.append(self.fix)
        return " — ".join(parts).replace("\n", " ")

    def __str__(self) -> str:
        return self.one_line()

    def __reduce__(self):
        # Raised in a worker process, the error crosses to the CLI pickled: rebuild it from its
        # fields, whatever the subclass's own __init__ takes.
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(cls: type, args: tuple, state: dict) -> AlignerError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(AlignerError):
    """An input file cannot be read as text: wrong encoding, empty, binary, missing."""


class UnknownNameError(AlignerError):
    """A language, engine or format name that no registry knows; the message lists the choices."""

    def __init__(self, kind: str, name: str, choices: list[str], *, path=None):
        self.kind, self.name, self.choices = kind, name, list(choices)
        super().__init__(
            f"unknown {kind} {name!r}",
            path=path,
            fix=f"choose one of: {', '.join(self.choices)}",
        )


class MissingPackageError(AlignerError):
    """An optional model or dictionary package is not installed."""

    def __init__(self, what: str, install: str):
        super().__init__(f"{what} is not installed", fix=f"install it with: {install}")


class FormatError(AlignerError):
    """A TMX, TEI or sidecar file on import is malformed."""


class OutputError(AlignerError):
    """An output file or folder cannot be written."""
