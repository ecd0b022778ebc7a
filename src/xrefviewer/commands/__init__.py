"""One module per subcommand of `xrefviewer`; each has `register(subparsers)`."""
