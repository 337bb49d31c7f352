"""Everything with widgets. The only package that imports Qt."""
