"""Write docs/api.md, the API reference, from the docstrings of this tree's package.

    python docs/generate_api.py            # rewrite docs/api.md
    python docs/generate_api.py --check    # write nothing; exit 1 when docs/api.md is stale

It documents every name of ``elementlist.__all__`` and of the deep modules the docs name
as importable (:data:`MODULES`): for each its signature and docstring, for a class its
public methods and properties, for a constant the comment above its assignment. The output
depends on the source only (no memory addresses, no values that differ between the
compiled and the pure kernels, sets sorted), so a stale api.md shows as a diff; the test
tests/test_docs_api.py fails when it is not current.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import enum
import importlib
import importlib.util
import inspect
import re
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
API_MD = DOCS / "api.md"
COMMAND = "python docs/generate_api.py"

# What the reference covers, in the order a reader needs it: a module and its names
# (None: its ``__all__``). A deep module is here when docs/ or README.md names it.
MODULES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("elementlist", None),
    ("elementlist.options", None),
    ("elementlist.writers", None),
    ("elementlist.importers", None),
    ("elementlist.fetch", None),
    ("elementlist.batch", None),
    ("elementlist.batch.progress", ("ProgressBar",)),
    ("elementlist.transcripts", None),
    ("elementlist.captions.timing", ("time_captions",)),
    ("elementlist.table.wordlists", ("WordLists",)),
    ("elementlist.timecodes", None),
    ("elementlist.kernels", None),
    ("elementlist.atomic", ("write_atomic",)),
)

WIDTH = 88  # a signature longer than this gets one parameter a line
SHORT_VALUE = 70  # a constant's source expression up to this length is shown
SET_VALUE = 200  # else a set up to this length is shown, sorted

_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


class _Text:
    """Stands in an inspect.Signature for an annotation or a default: shown as given."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


@dataclasses.dataclass
class Reference:
    """The rendered markdown, and the public names that have no documentation."""

    markdown: str
    undocumented: list[str]


def render() -> Reference:
    """The whole of docs/api.md, from the package this script's tree holds."""
    undocumented: list[str] = []
    out = [
        "# API reference",
        "",
        f"Generated from the docstrings by `{COMMAND}`; do not edit by hand",
        "(tests/test_docs_api.py fails when this file is not current). How to read it and",
        "where each part is explained: [index.md](index.md#api-reference).",
        "",
    ]
    out += [f"- [`{name}`](#{anchor(name)})" for name, _ in MODULES]
    for module_name, names in MODULES:
        module = importlib.import_module(module_name)
        chosen = list(names if names is not None else module.__all__)
        out += ["", f"## {module_name}", ""]
        if names is None:
            out += [_markdown(inspect.getdoc(module) or ""), ""]
            if not module.__doc__:
                undocumented.append(module_name)
        for name in sorted(chosen, key=_order(module)):
            out += _entry(module, name, undocumented)
    return Reference("\n".join(out).rstrip("\n") + "\n", undocumented)


def _order(module: types.ModuleType) -> Callable[[str], tuple[int, str]]:
    """Classes, then functions, then constants; by name within each."""

    def key(name: str) -> tuple[int, str]:
        obj = getattr(module, name)
        rank = 0 if inspect.isclass(obj) else 1 if _is_function(obj) else 2
        return rank, name.lower()

    return key


def _entry(module: types.ModuleType, name: str, undocumented: list[str]) -> list[str]:
    obj = getattr(module, name)
    qualified = f"{module.__name__}.{name}"
    out = ["", f"### {qualified}", ""]
    if inspect.isclass(obj):
        out += _code(_class_line(name, obj))
        doc = _own_doc(obj)
        if doc is None:
            undocumented.append(qualified)
        out += _paragraph(doc)
        out += _class_members(obj, name, qualified, undocumented)
    elif _is_function(obj):
        out += _code(_function_line(name, obj))
        doc = _own_doc(obj)
        if doc is None:
            undocumented.append(qualified)
        out += _paragraph(doc)
    else:
        comment, annotation, expression = _constant_source(module, name)
        alias = annotation is None and _is_type_alias(obj)
        shown = name if alias else f"{name}: {annotation or type(obj).__name__}"
        if expression is not None and "\n" not in expression and len(expression) <= SHORT_VALUE:
            shown += f" = {expression}"
        elif isinstance(obj, (set, frozenset)) and len(_value_text(obj)) <= SET_VALUE:
            shown += f" = {_value_text(obj)}"
        out += _code(shown)
        if comment is None:
            undocumented.append(qualified)
        out += _paragraph(comment)
    return out


def _is_function(obj: Any) -> bool:
    """A function (not a type alias such as ``Callable[[int], str]``, which is callable too)."""
    return inspect.isroutine(obj) or type(obj).__name__ == "cython_function_or_method"


def _is_type_alias(obj: Any) -> bool:
    """``Callable[...]``, ``Literal[...]``, a TypeVar: a name for a type, not a value."""
    return isinstance(obj, (types.GenericAlias, TypeVar)) or type(obj).__module__ == "typing"


def _class_line(name: str, cls: type) -> str:
    bases = [b for b in cls.__bases__ if b is not object]
    head = f"class {name}"
    if issubclass(cls, enum.Enum):
        members = ", ".join(m.name for m in cls)
        return f"{head}({', '.join(_type_name(b) for b in bases)})  # {members}"
    if issubclass(cls, BaseException):
        return f"{head}({', '.join(_type_name(b) for b in bases)})"
    signature = _signature(cls)
    return head + (_format_signature(head, signature) if signature is not None else "")


def _function_line(name: str, function: Any) -> str:
    head = f"def {name}"
    signature = _signature(function)
    return head + (_format_signature(head, signature) if signature is not None else "(...)")


def _class_members(cls: type, name: str, qualified: str, undocumented: list[str]) -> list[str]:
    """The public methods and properties a class defines (or has from a private base of
    this package; what a documented base defines is documented there)."""
    out: list[str] = []
    fields = _field_names(cls)
    for member in sorted(n for n in dir(cls) if not n.startswith("_") and n not in fields):
        owner = next((k for k in cls.__mro__ if member in vars(k)), None)
        if owner is None or not owner.__module__.startswith("elementlist"):
            continue
        if owner is not cls and not owner.__name__.startswith("_"):
            continue
        raw = vars(owner)[member]
        if isinstance(raw, property):
            line = "@property\n" + _function_line(member, raw.fget)
            doc = _member_doc(owner, member, raw)
        elif isinstance(raw, (staticmethod, classmethod, types.FunctionType)):
            decorator = {staticmethod: "@staticmethod\n", classmethod: "@classmethod\n"}
            line = decorator.get(type(raw), "") + _function_line(member, getattr(cls, member))
            doc = _member_doc(owner, member, raw)
        else:
            continue
        if doc is None:
            undocumented.append(f"{qualified}.{member}")
        out += ["", f"#### {name}.{member}", ""]
        out += _code(line)
        out += _paragraph(doc)
    return out


def _member_doc(owner: type, member: str, raw: Any) -> str | None:
    """A method's or property's docstring, or that of the one it overrides."""
    for klass in owner.__mro__:
        candidate = vars(klass).get(member)
        if candidate is None:
            continue
        if isinstance(candidate, (staticmethod, classmethod)):
            candidate = candidate.__func__
        doc = _own_doc(candidate)
        if doc is not None:
            return doc
    return None


def _field_names(cls: type) -> set[str]:
    """Fields the class signature shows already (dataclass, NamedTuple, msgspec Struct)."""
    if dataclasses.is_dataclass(cls):
        return {f.name for f in dataclasses.fields(cls)}
    names = getattr(cls, "__struct_fields__", None) or getattr(cls, "_fields", None) or ()
    return set(names)


def _signature(obj: Any) -> inspect.Signature | None:
    """The signature with annotations as written in the source and stable defaults."""
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    written = _written_annotations(obj)
    if isinstance(obj, types.FunctionType) and obj.__name__ != "<lambda>":
        parameters = list(signature.parameters.values())
        qualname = obj.__qualname__
        if parameters and parameters[0].name in ("self", "cls") and "." in qualname:
            signature = signature.replace(parameters=parameters[1:])
    parameters = []
    for p in signature.parameters.values():
        annotation = written.get(p.name, p.annotation)
        default = p.default
        parameters.append(
            p.replace(
                annotation=_annotation(annotation),
                default=default if default is p.empty else _Text(_value_text(default)),
            )
        )
    returned = written.get("return", signature.return_annotation)
    if inspect.isclass(obj):
        returned = inspect.Signature.empty
    return signature.replace(parameters=parameters, return_annotation=_annotation(returned))


def _written_annotations(obj: Any) -> dict[str, Any]:
    if inspect.isclass(obj):
        written: dict[str, Any] = {}
        for klass in reversed(obj.__mro__):
            written.update(vars(klass).get("__annotations__", {}))
        init = vars(obj).get("__init__")
        if isinstance(init, types.FunctionType):
            written.update(init.__annotations__)
        written.pop("return", None)
        return written
    return dict(getattr(obj, "__annotations__", {}) or {})


def _annotation(annotation: Any) -> Any:
    if annotation is inspect.Signature.empty:
        return annotation
    if isinstance(annotation, str):
        return _Text(annotation)
    return _Text(_ADDRESS.sub("", inspect.formatannotation(annotation)))


def _value_text(value: Any) -> str:
    """A default value as text that is the same in every run."""
    if isinstance(value, (set, frozenset)):
        items = ", ".join(sorted(_value_text(v) for v in value))
        return f"{type(value).__name__}({{{items}}})" if items else f"{type(value).__name__}()"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if inspect.isfunction(value) or inspect.isclass(value) or inspect.isbuiltin(value):
        return value.__qualname__
    return _ADDRESS.sub("", repr(value))


def _format_signature(head: str, signature: inspect.Signature) -> str:
    text = str(signature)
    if len(head) + len(text) <= WIDTH or not signature.parameters:
        return text
    # one parameter a line: rebuild with the separators str(Signature) puts in
    pieces: list[str] = []
    previous: inspect._ParameterKind | None = None
    for p in signature.parameters.values():
        if previous == p.POSITIONAL_ONLY and p.kind != p.POSITIONAL_ONLY:
            pieces.append("/")
        if p.kind == p.KEYWORD_ONLY and previous not in (p.KEYWORD_ONLY, p.VAR_POSITIONAL):
            pieces.append("*")
        pieces.append(str(p))
        previous = p.kind
    if previous == inspect.Parameter.POSITIONAL_ONLY:
        pieces.append("/")
    returned = ""
    if signature.return_annotation is not inspect.Signature.empty:
        returned = f" -> {inspect.formatannotation(signature.return_annotation)}"
    return "(\n" + "".join(f"    {piece},\n" for piece in pieces) + ")" + returned


def _own_doc(obj: Any) -> str | None:
    """The object's own docstring (not one inherited, nor a dataclass's made-up one)."""
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str) or not doc.strip():
        return None
    if (
        inspect.isclass(obj)
        and dataclasses.is_dataclass(obj)
        and doc.startswith(obj.__name__ + "(")
    ):
        return None
    if inspect.isclass(obj) and any(doc is vars(k).get("__doc__") for k in obj.__mro__[1:]):
        return None
    return inspect.cleandoc(doc)


def _constant_source(
    module: types.ModuleType, name: str
) -> tuple[str | None, str | None, str | None]:
    """The comment above ``name``'s assignment, its annotation and its expression, as
    written in the module that assigns it (re-exports followed)."""
    found = _assignment(module.__name__, name, set())
    if found is None:
        return None, None, None
    lines, node, value = found
    comment: list[str] = []
    row = node.lineno - 2
    while row >= 0 and lines[row].lstrip().startswith("#"):
        comment.insert(0, lines[row].strip().lstrip("#").strip())
        row -= 1
    source = "\n".join(lines)
    annotation = None
    if isinstance(node, ast.AnnAssign):
        annotation = ast.get_source_segment(source, node.annotation)
    expression = ast.get_source_segment(source, value) if value is not None else None
    trailing = lines[node.end_lineno - 1].partition("  # ")[2] if node.end_lineno else ""
    if not comment and trailing:
        comment = [trailing.strip()]
    return (" ".join(comment) or None), annotation, expression


def _assignment(
    module_name: str, name: str, seen: set[str]
) -> tuple[list[str], ast.Assign | ast.AnnAssign, ast.expr | None] | None:
    if module_name in seen:
        return None
    seen.add(module_name)
    module = importlib.import_module(module_name)
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return None
    tree = ast.parse(source)
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(target, ast.Name) and target.id == name:
                assert isinstance(node, (ast.Assign, ast.AnnAssign))
                return source.splitlines(), node, value
            if isinstance(target, ast.Tuple):
                for i, element in enumerate(target.elts):
                    if isinstance(element, ast.Name) and element.id == name:
                        assert isinstance(node, (ast.Assign, ast.AnnAssign))
                        parts = value.elts if isinstance(value, ast.Tuple) else None
                        return source.splitlines(), node, parts[i] if parts else None
    for node in _imports_of(tree):
        if isinstance(node, ast.ImportFrom) and any(
            (a.asname or a.name) == name for a in node.names
        ):
            package = module_name if hasattr(module, "__path__") else module_name.rpartition(".")[0]
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            return _assignment(base, name, seen)
    return None


def _imports_of(tree: ast.Module) -> Iterator[ast.stmt]:
    """A module's top-level statements and those under ``if TYPE_CHECKING:`` (where a
    package that imports its modules lazily names them)."""
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            yield from node.body
        else:
            yield node


def _code(text: str) -> list[str]:
    return ["```python", text, "```"]


def _paragraph(doc: str | None) -> list[str]:
    return ["", _markdown(doc)] if doc else []


def _markdown(doc: str) -> str:
    """A docstring as markdown: reST roles become code, doctest examples a code block."""
    out: list[str] = []
    in_example = False
    for line in _ROLE.sub(lambda m: f"``{_short(m.group(1))}``", doc).splitlines():
        if line.lstrip().startswith(">>>") and not in_example:
            out += ["```pycon"] if out and not out[-1].strip() else ["", "```pycon"]
            in_example = True
        elif in_example and not line.strip():
            out += ["```"]
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


def _short(target: str) -> str:
    return target.rsplit(".", 1)[-1] if target.startswith(".") else target


def _type_name(cls: type) -> str:
    return cls.__name__ if cls.__module__ in ("builtins", "enum") else cls.__qualname__


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading (before any ``-1`` suffix of a repeated one)."""
    text = heading.strip().lower().replace("`", "")
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def headings(markdown: str) -> Iterator[str]:
    """The ATX headings of a markdown text, outside fenced code blocks."""
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            yield line.lstrip("#").strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args()
    reference = render()
    for name in reference.undocumented:
        print(f"no docstring: {name}", file=sys.stderr)
    current = API_MD.read_text(encoding="utf-8") if API_MD.exists() else None
    if args.check:
        stale = current != reference.markdown
        print(f"{API_MD.relative_to(ROOT)} is {'stale; run ' + COMMAND if stale else 'current'}")
        return 1 if stale or reference.undocumented else 0
    if current != reference.markdown:
        API_MD.write_text(reference.markdown, encoding="utf-8")
        print(f"wrote {API_MD.relative_to(ROOT)}")
    return 1 if reference.undocumented else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # this tree's package, whatever is installed
    raise SystemExit(main())
