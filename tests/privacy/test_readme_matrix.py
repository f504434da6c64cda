from pathlib import Path

from kcc import authz

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_shows_the_matrix_of_kcc_authz():
    """README's table is generated (`manage.py authz_matrix`): it may not drift."""
    text = README.read_text()
    start = text.index("<!-- authz-matrix:start -->\n") + len("<!-- authz-matrix:start -->\n")
    end = text.index("<!-- authz-matrix:end -->")
    assert text[start:end] == authz.matrix_markdown()
