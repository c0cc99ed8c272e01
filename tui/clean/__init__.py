"""Cleaning: raw clipping bytes to clean lines, metadata and Markdown.

Imports only from ``tui.text``.
"""
