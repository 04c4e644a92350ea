"""Pattern matching: routing requests and reading webhook payloads with `match`."""

NOT_FOUND = "404 Not Found"
METHOD_NOT_ALLOWED = "405 Method Not Allowed"


def route(method: str, path: str) -> str:
    """Return the handler name for a request, such as 'get_user:42', or '404 Not Found' / '405 Method Not Allowed'."""
    allowed: dict[str, str]
    match [part for part in path.split("/") if part]:
        case ["health"]:
            allowed = {"GET": "health"}
        case ["users"]:
            allowed = {"GET": "list_users", "POST": "create_user"}
        case ["users", user_id] if user_id.isdecimal():
            update = f"update_user:{user_id}"
            allowed = {"GET": f"get_user:{user_id}", "PUT": update, "PATCH": update, "DELETE": f"delete_user:{user_id}"}
        case ["users", user_id, "orders"] if user_id.isdecimal():
            allowed = {"GET": f"list_orders:{user_id}"}
        case _:
            return NOT_FOUND
    return allowed.get(method, METHOD_NOT_ALLOWED)


def describe_event(event: object) -> str:
    """Return one log line for a webhook payload, such as '3 commits pushed to main'; ValueError if unknown."""
    match event:
        case {"type": "push", "branch": str(branch), "commits": list(commits)}:
            noun = "commit" if len(commits) == 1 else "commits"
            return f"{len(commits)} {noun} pushed to {branch}"
        case {"type": "issue", "action": "opened" | "closed" | "reopened" as action, "number": int(number)}:
            return f"issue #{number} {action}"
        case {"type": "ping"}:
            return "ping"
        case {"type": "push" | "issue" as kind}:
            raise ValueError(f"malformed {kind} event: {event!r}")
        case {"type": str(kind)}:
            raise ValueError(f"unsupported event type: {kind!r}")
        case _:
            raise ValueError(f"malformed event: {event!r}")
