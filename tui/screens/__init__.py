"""Modal screens of the reader: pickers and help."""
