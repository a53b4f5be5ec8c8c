"""The office-file kit shared by every Word and Excel file plantrack writes (the consolidated
report and workbook, the reminder letter, the units' Excel forms): one reproducible zip
writer (``package``) and the worksheet table helpers (``tables``)."""
