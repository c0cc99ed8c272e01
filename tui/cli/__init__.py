"""Command-line interface of jiedu: the reader and its subcommands."""
