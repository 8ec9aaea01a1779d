"""The manners every ``timeline`` command shares, apart from what the commands do.

Help in plain words: option values are named ``TEXT``, ``N``, ``PATH`` or by
their choices (``[table|json]``), never by the internal type (``<bool>``,
``<list[Path]>``, ``<int range>``), and arguments by their upper-case name.
Every usage error is one line on stderr (``error: ...``) with exit code 2,
never a box; a value that is not one of the choices names them.

Values are read without pydantic when they are what the commands take (text,
a whole number in range, one of the choices, a path, lists of these):
typer would build a pydantic ``TypeAdapter`` for every option given, which
costs a read command a fifth of its start-up. Any other value, and every value
that is wrong, goes to typer's own coercion, so its messages stay typer's.
"""

from __future__ import annotations

import copy
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer import Abort
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .errors import EXIT_FAILED, EXIT_INTERRUPTED

_TYPE = re.compile(r" <([^<>]*)>(\.\.\.)?$")
_WORDS = {"str": "TEXT", "int": "N", "int range": "N", "float": "NUMBER", "float range": "NUMBER",
          "Path": "PATH", "path": "PATH", "file": "PATH", "directory": "PATH"}


def _value_name(type_name: str) -> str:
    """``<list[Path]>`` → ``PATH``, ``<table|json>`` → ``[table|json]``, ``<bool>`` → nothing."""
    inner = type_name[5:-1] if type_name.startswith("list[") else type_name
    if inner == "bool":
        return ""
    if "|" in inner:
        return f"[{inner}]"
    return _WORDS.get(inner, inner.upper())


def _tidy_record(param, record: tuple[str, str]) -> tuple[str, str]:
    name, help_ = record
    if isinstance(param, TyperArgument):
        name = param.name.upper() + ("..." if param.nargs != 1 else "")
    else:
        m = _TYPE.search(name)
        if m:
            word = _value_name(m.group(1))
            name = name[: m.start()] + (f" {word}" if word else "") + (m.group(2) or "")
    help_ = re.sub(r"x>=(\d+)", r"at least \1", help_)
    return name, help_


def _format_options(command, ctx, formatter) -> None:
    args, opts = [], []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        (args if isinstance(param, TyperArgument) else opts).append(_tidy_record(param, record))
    if args:
        with formatter.section("Arguments"):
            formatter.write_dl(args)
    if opts:
        with formatter.section("Options"):
            formatter.write_dl(opts)


def _usage_pieces(command, ctx) -> list[str]:
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = param.name.upper()
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
    return pieces


_MISS = object()
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")


class PlainCoercion:
    """Typer's runtime coercion of one parameter (``coerce(value, param, ctx)``)
    for the plain cases, without pydantic; typer's own for the rest."""

    def __init__(self, descriptor) -> None:
        self.descriptor = descriptor
        self._typer = None

    def coerce(self, value: Any, param, ctx) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        annotation = self.descriptor.annotation
        if get_origin(annotation) is list and isinstance(value, (list, tuple)) and len(get_args(annotation)) == 1:
            inner = get_args(annotation)[0]
            items = [self._one(v, inner, ctx) for v in value]
            if all(i is not _MISS for i in items):
                return items
        elif not multi:
            one = self._one(value, annotation, ctx)
            if one is not _MISS:
                return one
        return self._fallback().coerce(value, param=param, ctx=ctx)

    def _one(self, value: Any, annotation: Any, ctx) -> Any:
        info = self.descriptor.parameter_info
        if info.parser is not None or (ctx is not None and ctx.token_normalize_func is not None):
            return _MISS
        if annotation is str and isinstance(value, str):
            return value
        if annotation is int and not isinstance(value, bool):
            if isinstance(value, str) and _WHOLE.fullmatch(value):
                value = int(value)
            if isinstance(value, int) and not (info.min is not None and value < info.min) \
                    and not (info.max is not None and value > info.max) and not info.clamp:
                return value
            return _MISS
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            if isinstance(value, annotation):
                return value
            if isinstance(value, str) and info.case_sensitive:
                for member in annotation:
                    if str(member.value) == value:
                        return member
            return _MISS
        if annotation is Path and isinstance(value, (str, Path)) and str(value):
            from typer._param_types import coerce_cli_path

            # given a Path, typer checks what the option asks (exists, ...) without pydantic
            return coerce_cli_path(Path(value), info, path_type=Path, ctx=ctx)
        return _MISS

    def _fallback(self):
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(self.descriptor)
        return self._typer


def plain_coercion(params) -> None:
    """Give each typer parameter in ``params`` the plain coercion."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and descriptor.file_annotation is None \
                and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = PlainCoercion(descriptor)


class Command(TyperCommand):
    """A command whose help names values in plain words and whose values are
    read without pydantic when they can be."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        plain_coercion(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def format_options(self, ctx, formatter) -> None:
        _format_options(self, ctx, formatter)

    def collect_usage_pieces(self, ctx) -> list[str]:
        return _usage_pieces(self, ctx)


def usage_line(exc: ClickException) -> str:
    """The one line a usage error prints: what is wrong and, for a choice, the choices."""
    message = " ".join(exc.format_message().split())
    message = message.replace("Value error, ", "")
    ctx = getattr(exc, "ctx", None)
    if ctx is None or "Did you mean" in message:
        return message
    if "No such command" in message and hasattr(ctx.command, "commands"):
        message += f" Commands: {', '.join(ctx.command.commands)}."
    elif isinstance(exc, NoSuchOption):
        message += f" (`{ctx.command_path} --help` lists them)"
    return re.sub(r"argument '(\w+)'", lambda m: f"argument {m.group(1).upper()}", message)


class Group(TyperGroup):
    """The root and sub-groups: plain help, and usage errors as one line on stderr."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        plain_coercion(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def format_options(self, ctx, formatter) -> None:
        _format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode: bool = True, **extra: Any):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            typer.echo(f"error: {usage_line(exc)}", err=True)
            sys.exit(exc.exit_code)
        except Abort:
            typer.echo("error: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.exit(EXIT_FAILED)
        sys.exit(code if isinstance(code, int) else 0)


class Typer(typer.Typer):
    """``typer.Typer`` whose commands and groups have these manners."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", Group)
        kwargs.setdefault("rich_markup_mode", None)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)

    def for_argv(self, argv: list[str]) -> Typer:
        """This app with only the command ``argv`` runs, when it names one: Typer
        turns every command's signature into options before running any (a tenth
        of a read command's start-up for our two dozen), and one command needs only
        its own. Anything else (no command, a group such as ``db``, help or
        completion asked of the app, a misspelt name) gets the whole app, so its
        help and its "did you mean" know every command."""
        from typer.main import get_command_name

        for i, arg in enumerate(argv):
            if arg in ("-h", "--help", "--install-completion", "--show-completion", "--"):
                return self
            if not arg.startswith("-"):
                break
        else:
            return self
        named = [c for c in self.registered_commands
                 if (c.name or get_command_name(c.callback.__name__)) == argv[i]]
        if len(named) != 1:
            return self
        narrow = copy.copy(self)
        narrow.registered_commands = named
        narrow.registered_groups = []
        return narrow
