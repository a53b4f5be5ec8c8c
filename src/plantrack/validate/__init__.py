"""Findings, their catalogue, schema errors turned into located findings, and cross-file rules."""
