"""Presentation: results as tables, CSV/TSV/Markdown, SVG and HTML.

The pieces without Rich (:mod:`.style`, :mod:`.catalog`, :mod:`.flat`) are what a CSV or
Markdown run imports; :mod:`.show` and the views need Rich and are imported only to print a
table. :mod:`capexcli.present.output` is the one place that chooses between them.
"""
