"""Turn view-models and findings into text, JSON, SARIF, HTML, Markdown, xlsx and docx."""
