"""The kernel depends on nothing above it, and no module imports itself round a loop.

``cyp/urls.py`` is the project URLconf and includes the apps' URLconfs by name;
the settings list the apps. Every other module of ``cyp/`` names no app: the
apps register with the kernel (``cyp.registry``) instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("indicators", "commentary", "reports", "plans")
PACKAGES = ("cyp", *APPS)
#: The modules of cyp/ that may name the apps: the project URLconf and the settings.
KERNEL_EXCEPTIONS = {"cyp/urls.py", "cyp/settings.py", "cyp/settings_test.py"}


def imported_names(tree: ast.AST, *, on_load_only: bool = False):
    """Every module an import statement names: ``from a.b import c`` gives "a.b" and "a.b.c".

    ``on_load_only``: only the imports that run when the module is loaded, not those inside
    functions (which run later, once everything is loaded) nor under ``if TYPE_CHECKING:``.
    """
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        if on_load_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if on_load_only and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))


def kernel_imports_of_apps() -> dict[str, list[str]]:
    found = {}
    for path in sorted((ROOT / "cyp").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in KERNEL_EXCEPTIONS:
            continue
        names = sorted({name for name in imported_names(ast.parse(path.read_text())) if name.split(".")[0] in APPS})
        if names:
            found[relative] = names
    return found


def test_no_module_of_the_kernel_imports_an_app():
    assert kernel_imports_of_apps() == {}


def test_the_kernel_check_finds_an_import_of_an_app_even_inside_a_function():
    tree = ast.parse("def f():\n    from plans.services import plan_reminders_send\n")

    assert sorted(imported_names(tree)) == ["plans.services", "plans.services.plan_reminders_send"]


def test_the_loop_check_counts_only_the_imports_that_run_on_load():
    tree = ast.parse(
        "import a\nif TYPE_CHECKING:\n    import b\nelse:\n    import c\ntry:\n    import d\nexcept ImportError:\n"
        "    pass\ndef f():\n    import e\n"
    )

    assert sorted(imported_names(tree, on_load_only=True)) == ["a", "c", "d"]


def module_graph() -> dict[str, set[str]]:
    """module -> the first-party modules it imports when it is loaded (imports inside functions aside)."""
    paths = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            paths[name] = path
    graph = {}
    for name, path in paths.items():
        edges = set()
        for target in imported_names(ast.parse(path.read_text()), on_load_only=True):
            while target and target not in paths:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.add(target)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_modules_import_each_other_round_a_loop():
    assert cycles(module_graph()) == []


def test_the_loop_check_finds_a_loop():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
