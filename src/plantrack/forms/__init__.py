"""The unit's Excel form: ``form export`` writes a Vietnamese workbook a unit fills in, and
``form import`` reads it back into the unit's YAML report, with every problem located at a
sheet and cell (``Nhiệm vụ!E7``).

``layout`` (sheet and column definitions), ``content`` (what a form holds, no openpyxl) and
``report_yaml`` are light; ``export``, ``workbook`` and ``importer`` import openpyxl, so
callers import them lazily.
"""
