"""Backend Katas: the `kata` command-line tool."""
