"""One module per command. Each reads like a script of stages and returns what to report."""
