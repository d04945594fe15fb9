"""Every source notebook: one `parameters` cell of literals, no stored outputs, portable kernel."""

import ast
import json

import pytest

from tenacious import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_stage_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    assert {"01_data.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean_and_parameterised(path):
    nb = json.loads(path.read_text())
    cells = nb["cells"]
    params = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, f"{path.name}: want exactly one cell tagged 'parameters'"
    tree = ast.parse("".join(params[0]["source"]))
    for node in tree.body:
        assert isinstance(node, ast.Assign), f"{path.name}: parameters cell holds only assignments"
        ast.literal_eval(node.value)  # raises ValueError for anything but a literal
    for cell in cells:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, f"{path.name}: stored outputs"
    kernel = nb["metadata"].get("kernelspec", {})
    assert kernel.get("name") == "python3" and kernel.get("language") == "python", f"{path.name}: kernelspec"
