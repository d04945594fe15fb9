"""The package's layers: base utilities, the benchmark (`tenacious.bench`), and the pipeline above them.

Every module is parsed with `ast` (imports anywhere in its body count, deferred ones too) and placed in a
layer: BASE modules import nothing else from the package; `tenacious.bench` and its subpackages (one unit:
`bench.probes` builds on `bench.rubric` and bench reads the probes) import only themselves and BASE; every
other top-level module is the pipeline layer (training, ablation, reports, entry points), which may import
anything below it. The import graph between these packages (pipeline, bench, base) must have no cycle, and
each failure names the offending import as file:line. (`test_imports` checks the module graph for cycles.)

There is one command line, `tenacious.cli` (pipeline layer); no entry point is exempt from the rule.
"""

import ast
import itertools
from dataclasses import dataclass
from pathlib import Path

from test_imports import find_cycle

from tenacious import paths

PACKAGE = Path(paths.__file__).resolve().parent
BENCH = "tenacious.bench"
# Base utilities: below the benchmark, importing nothing else from the package.
BASE = frozenset({"tenacious", "tenacious.io", "tenacious.paths", "tenacious.render", "tenacious.stats"})
LAYER_ORDER = ("base", "bench", "pipeline")  # a unit may import its own layer and the layers before it


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported package module
    where: str  # file:line of the import statement

    def __str__(self) -> str:
        return f"{self.where}: {self.source} imports {self.target}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def imports(found: dict[str, Path] | None = None) -> list[Import]:
    """Every import of one package module by another, with where it is written."""
    found = modules() if found is None else found
    out = []
    for name, path in found.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in found else base for a in node.names]
            else:
                continue
            where = f"{path.relative_to(PACKAGE.parent.parent).as_posix()}:{node.lineno}"
            out += [Import(name, t, where) for t in targets if t in found and t != name]
    return out


def layer(module: str) -> str:
    if module in BASE:
        return "base"
    if module == BENCH or module.startswith(BENCH + "."):
        return "bench"
    return "pipeline"


def upward(edges: list[Import]) -> list[Import]:
    """Imports from a lower layer into a higher one."""
    return [i for i in edges if LAYER_ORDER.index(layer(i.target)) > LAYER_ORDER.index(layer(i.source))]


def unit_cycle(edges: list[Import]) -> list[Import] | None:
    """One cycle in the graph between layers, as the imports that close it, or None."""
    by_pair: dict[tuple[str, str], Import] = {}
    for i in edges:
        a, b = layer(i.source), layer(i.target)
        if a != b:
            by_pair.setdefault((a, b), i)
    graph: dict[str, set[str]] = {unit: set() for unit in LAYER_ORDER}
    for a, b in by_pair:
        graph[a].add(b)
    cycle = find_cycle(graph)
    return None if cycle is None else [by_pair[(a, b)] for a, b in itertools.pairwise(cycle)]


def test_the_graph_sees_bench_and_pipeline_imports():
    edges = imports()
    assert any(i.source == "tenacious.train" and i.target == "tenacious.bench.prompts" for i in edges)
    assert any(i.source == "tenacious.bench.load" and i.target == "tenacious.paths" for i in edges)
    assert all(":" in i.where and i.where.startswith("lib/tenacious/") for i in edges)


def test_the_checks_catch_an_upward_import_and_a_cycle():
    fake = [Import("tenacious.train", "tenacious.bench.load", "lib/tenacious/train.py:3"),
            Import("tenacious.bench.cards", "tenacious.tables", "lib/tenacious/bench/cards.py:19")]
    assert upward(fake) == [fake[1]]
    assert unit_cycle(fake) == [fake[1], fake[0]]  # bench -> pipeline -> bench
    assert unit_cycle(fake[:1]) is None


def test_base_modules_exist_and_import_nothing_above_them():
    assert BASE <= set(modules())
    bad = [i for i in imports() if layer(i.source) == "base" and layer(i.target) != "base"]
    assert not bad, "a base module imports upward:\n" + "\n".join(map(str, bad))


def test_bench_imports_no_pipeline_module():
    bad = [i for i in imports() if layer(i.source) == "bench" and layer(i.target) == "pipeline"]
    assert not bad, "tenacious.bench imports the pipeline layer:\n" + "\n".join(map(str, bad))


def test_no_import_goes_up_a_layer():
    bad = upward(imports())
    assert not bad, "imports against the layer order base < bench < pipeline:\n" + "\n".join(map(str, bad))


def test_no_cycle_between_packages():
    cycle = unit_cycle(imports())
    assert cycle is None, "a cycle between layers:\n" + "\n".join(map(str, cycle))
