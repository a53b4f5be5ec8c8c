"""Excel workbooks built with openpyxl: the consolidated appendix tables and charts."""
