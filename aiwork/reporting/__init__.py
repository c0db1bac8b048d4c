"""Module 4, reports from data: synthetic data, figures, charts, the figure checker, the BÁO CÁO.

- :mod:`.data`       where the tables live, loading CSV/XLSX, column roles and labels
- :mod:`.synth`      the deterministic generator of the (synthetic) data
- :mod:`.figures`    the report's figures with pandas; the figures table for prompts and reports
- :mod:`.charts`     matplotlib charts with Vietnamese labels (DejaVu Sans), PNG
- :mod:`.numbers`    Vietnamese number formats: parsing mentions out of prose, formatting
- :mod:`.candidates` the figures a table supports for one sentence's scope
- :mod:`.figcheck`   ``check_figures(text, table)``: is every number supported? (and the CLI's core)
- :mod:`.report`     the BÁO CÁO through module 2's Decree 30 builder, and its check
- :mod:`.samples`    assistant drafts with planted wrong numbers (lesson, assignment)
"""
