"""Pattern matching: routing requests and reading webhook payloads with `match`."""


def route(method: str, path: str) -> str:
    """Return the handler name for a request, such as 'get_user:42', or '404 Not Found' / '405 Method Not Allowed'."""
    raise NotImplementedError("route: write me (task 1)")


def describe_event(event: object) -> str:
    """Return one log line for a webhook payload, such as '3 commits pushed to main'; ValueError if unknown."""
    raise NotImplementedError("describe_event: write me (task 2)")
