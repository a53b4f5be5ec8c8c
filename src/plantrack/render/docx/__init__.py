"""The official Word documents (Nghị định 30/2020 layout) built with python-docx."""
