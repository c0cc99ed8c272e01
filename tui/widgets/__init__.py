"""Textual widgets of the reader and their pure helpers."""
