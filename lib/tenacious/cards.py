"""Where `markdown_table` used to live; it is `tenacious.render.markdown_table` (one definition), re-exported
here only while `tenacious.cli` still imports it from this module."""

from tenacious.render import markdown_table

__all__ = ["markdown_table"]
