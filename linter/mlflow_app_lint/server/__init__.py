"""`mlflow-app-lint server`: the linter as a language server, on standard input and output.

pygls is imported here and below only: the CLI imports this package when the command runs."""


def serve() -> None:
    """Serve one client on stdin/stdout until it says `exit`."""
    from mlflow_app_lint.server.protocol import server

    server.start_io()
