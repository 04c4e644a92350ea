"""Milestone 3: the protocol over FastAPI WebSockets — log in, join, presence, messages, typing, leave.

Each test connects with FastAPI's TestClient, often as several users at once. A socket that
must NOT receive something is checked by making it do something that answers, and asserting
the answer comes first.

Mistakes these tests catch: closing an unauthenticated socket with the wrong code (or letting it
in), broadcasting to every room instead of one, echoing typing back to the typist, forgetting the
sender in a broadcast, presence that never says goodbye when a client just drops, one tab leaving
taking the user out of a room they are still in through another tab, one bad frame killing the
connection, a `joined` without the room's recent history, a close without a reason, a broadcast that
waits for a slow client (it must be closed with 1013), a shutdown that does not say 1001, a cancelled
handler that never announces its leave, a goodbye to a vanished client that crashes the handler.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

pytestmark = pytest.mark.task(taskno=3)
SECRET = "test-secret-key-0123456789-abcdefghijklmnop"  # the conftest's test secret
Token = Callable[[str], str]


def url(token: str) -> str:
    return f"/ws?token={token}"


def join(ws: Any, room: str = "lobby") -> tuple[dict[str, Any], dict[str, Any]]:
    """Join `room`; return the `joined` reply and the presence event announcing ourselves."""
    ws.send_json({"type": "join", "room": room})
    return ws.receive_json(), ws.receive_json()


def both_in_lobby(ann: Any, sam: Any) -> None:
    """ann joins the lobby, then sam; ann's socket has consumed the news that sam joined."""
    join(ann)
    join(sam)
    assert ann.receive_json()["user"] == "sam"


def test_login_returns_a_token_that_opens_a_socket(client: TestClient) -> None:
    response = client.post("/login", json={"username": "ann"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["username"] == "ann"
    assert body["expires_in"] > 0
    with client.websocket_connect(url(body["token"])) as ws:
        joined, _ = join(ws)
        assert joined["type"] == "joined", "the token from /login must be accepted by /ws"


@pytest.mark.parametrize("name", ["", "has space", "x" * 33, "<b>"])
def test_login_refuses_a_bad_name(client: TestClient, name: str) -> None:
    assert client.post("/login", json={"username": name}).status_code == 422


@pytest.mark.parametrize("query", ["", "?token=", "?token=garbage", "?token=FORGED"])
def test_socket_without_a_valid_token_is_closed_with_1008(client: TestClient, query: str) -> None:
    from chat import issue_token

    if query == "?token=FORGED":
        query = "?token=" + issue_token("ann", "some-other-secret-0123456789-abcdefghij", ttl_seconds=60)
    with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect("/ws" + query) as ws:
        ws.receive_json()
    assert closed.value.code == 1008, f"close with 1008 (policy violation), not {closed.value.code}"


def test_join_replies_joined_and_announces_presence(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ws:
        joined, presence = join(ws)
    assert joined == {"type": "joined", "room": "lobby", "history": []}
    assert presence == {"type": "presence", "room": "lobby", "event": "join", "user": "ann", "members": ["ann"]}


def test_members_already_in_the_room_see_the_newcomer(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("sam"))) as sam, client.websocket_connect(url(token("ann"))) as ann:
        join(sam)
        _, presence = join(ann)
        assert presence["members"] == ["ann", "sam"], "members: everyone in the room, sorted"
        assert sam.receive_json() == presence, "sam, already in the lobby, must hear that ann joined"


def test_message_reaches_every_member_including_the_sender(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ann, client.websocket_connect(url(token("sam"))) as sam:
        both_in_lobby(ann, sam)
        ann.send_json({"type": "message", "room": "lobby", "text": "hello sam"})
        for ws, who in ((ann, "ann, the sender"), (sam, "sam")):
            event = ws.receive_json()
            assert (event["type"], event["user"], event["text"]) == ("message", "ann", "hello sam"), (
                f"{who} must receive the message (the sender's copy doubles as its acknowledgement)"
            )
            assert isinstance(event["id"], int), "messages carry their stored id"
            assert event["sent_at"], "messages carry their time"


def test_a_message_stays_in_its_room(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ann, client.websocket_connect(url(token("sam"))) as sam:
        join(ann, "lobby")
        join(sam, "random")
        join(ann, "random")
        assert sam.receive_json()["type"] == "presence", "sam hears ann join 'random'"
        ann.send_json({"type": "message", "room": "lobby", "text": "lobby only"})
        assert ann.receive_json()["text"] == "lobby only"
        sam.send_json({"type": "message", "room": "random", "text": "random only"})
        event = sam.receive_json()
        assert event["text"] == "random only", (
            f"ann wrote to 'lobby' only, yet sam (who shares 'random' with ann) received {event}: "
            "publish a message to the room it names, not to every room of its sender"
        )


def test_typing_goes_to_the_others_not_the_typist(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ann, client.websocket_connect(url(token("sam"))) as sam:
        both_in_lobby(ann, sam)
        ann.send_json({"type": "typing", "room": "lobby", "typing": True})
        assert sam.receive_json() == {"type": "typing", "room": "lobby", "user": "ann", "typing": True}
        ann.send_json({"type": "message", "room": "lobby", "text": "done typing"})
        event = ann.receive_json()
        assert event["type"] == "message", f"the typist must not get their own typing event; got {event}"


def test_leave_tells_the_leaver_and_the_others(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ann, client.websocket_connect(url(token("sam"))) as sam:
        both_in_lobby(ann, sam)
        sam.send_json({"type": "leave", "room": "lobby"})
        assert sam.receive_json() == {"type": "left", "room": "lobby"}
        assert ann.receive_json() == {
            "type": "presence",
            "room": "lobby",
            "event": "leave",
            "user": "sam",
            "members": ["ann"],
        }
        sam.send_json({"type": "message", "room": "lobby", "text": "still here?"})
        assert sam.receive_json()["code"] == "not_in_room", "after leaving, the room's events are refused"


def test_a_dropped_connection_leaves_its_rooms(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ann:
        join(ann)
        with client.websocket_connect(url(token("sam"))) as sam:
            join(sam)
            ann.receive_json()  # sam joined
        # sam's socket is gone without a word: the server must notice and clean up
        ann.send_json({"type": "message", "room": "lobby", "text": "anyone?"})
        presence = ann.receive_json()
        assert presence["type"] == "presence", (
            f"sam's socket closed without a word, but ann heard no leave before her own message (got {presence}): "
            "leave every room of a connection when it ends, however it ends (a `finally`)"
        )
        assert (presence["event"], presence["user"], presence["members"]) == ("leave", "sam", ["ann"])


def test_a_user_with_two_tabs_stays_until_both_leave(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ann, client.websocket_connect(url(token("sam"))) as tab1:
        join(ann)
        join(tab1)
        ann.receive_json()
        with client.websocket_connect(url(token("sam"))) as tab2:
            _, presence = join(tab2)
            assert presence["members"] == ["ann", "sam"], "a second connection of sam is still one member"
            ann.receive_json()
            tab1.receive_json()
        presence = ann.receive_json()
        assert presence["event"] == "leave"
        assert presence["members"] == ["ann", "sam"], (
            "sam closed one tab but is still in the lobby through the other: count connections per user"
        )


def test_events_for_a_room_you_did_not_join_are_refused(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ws:
        for kind, extra in (("message", {"text": "hi"}), ("typing", {"typing": True}), ("leave", {})):
            ws.send_json({"type": kind, "room": "lobby", **extra})
            error = ws.receive_json()
            assert (error["type"], error["code"]) == ("error", "not_in_room"), f"{kind} before join: {error}"


@pytest.mark.parametrize(
    ("frame", "named"),
    [
        ("not json", "JSON"),
        ("[1, 2]", "type"),
        ('{"type": "dance", "room": "lobby"}', "type"),
        ('{"type": "join", "room": "Not A Room!"}', "room"),
        ('{"type": "join"}', "room"),
        ('{"type": "message", "room": "lobby", "text": "   "}', "text"),
        ('{"type": "typing", "room": "lobby", "typing": "yes"}', "typing"),
    ],
)
def test_a_bad_frame_gets_an_error_and_the_socket_stays_open(
    client: TestClient, token: Token, frame: str, named: str
) -> None:
    with client.websocket_connect(url(token("ann"))) as ws:
        join(ws)
        ws.send_text(frame)
        error = ws.receive_json()
        assert (error["type"], error["code"]) == ("error", "bad_request"), f"{frame!r} -> {error}"
        assert named in str(error.get("detail")), f"the detail should name what is wrong ({named}): {error}"
        ws.send_json({"type": "message", "room": "lobby", "text": "still connected"})
        assert ws.receive_json()["text"] == "still connected", "one bad frame must not end the connection"


def test_history_over_http_needs_a_token(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ws:
        join(ws)
        for n in range(3):
            ws.send_json({"type": "message", "room": "lobby", "text": f"note {n}"})
            ws.receive_json()
    missing = client.get("/rooms/lobby/messages")
    assert missing.status_code == 401, "no bearer token: 401"
    assert missing.headers.get("WWW-Authenticate") == "Bearer", "a 401 names the scheme it wants (RFC 6750)"
    for header in ("Bearer nonsense", f"Basic {token('sam')}", token("sam")):
        refused = client.get("/rooms/lobby/messages", headers={"Authorization": header})
        assert refused.status_code == 401, f"Authorization: {header[:20]}... must get 401"
    assert client.get("/rooms/Bad!/messages", headers={"Authorization": f"Bearer {token('sam')}"}).status_code == 404
    # the scheme is case-insensitive (RFC 7235)
    response = client.get("/rooms/lobby/messages?limit=2", headers={"Authorization": f"bearer {token('sam')}"})
    assert response.status_code == 200, response.text
    assert [m["text"] for m in response.json()] == ["note 1", "note 2"], "the last `limit` messages, oldest first"


def test_a_binary_frame_is_a_bad_request(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ws:
        ws.send_bytes(b'{"type": "join", "room": "lobby"}')
        error = ws.receive_json()
        assert (error["type"], error["code"]) == ("error", "bad_request"), f"the protocol is JSON text frames: {error}"


def test_joining_twice_replies_again_without_a_second_presence(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ann, client.websocket_connect(url(token("sam"))) as sam:
        both_in_lobby(ann, sam)
        sam.send_json({"type": "join", "room": "lobby"})
        assert sam.receive_json()["type"] == "joined", "joining a room you are in is harmless: just `joined` again"
        ann.send_json({"type": "message", "room": "lobby", "text": "one presence each"})
        event = ann.receive_json()
        assert event["type"] == "message", f"a repeated join must not announce sam again; ann got {event}"
        assert sam.receive_json()["text"] == "one presence each"
        sam.send_json({"type": "leave", "room": "lobby"})
        assert sam.receive_json()["type"] == "left"
        assert ann.receive_json()["members"] == ["ann"], "one leave takes sam out: the second join counted nothing"


def test_a_database_failure_is_an_error_not_a_dropped_socket(client: TestClient, token: Token) -> None:
    from sqlalchemy.exc import OperationalError

    server = client.app.state.chat  # the ChatServer create_app wired in

    async def broken_add(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT ...", {}, Exception("database is locked"))

    with client.websocket_connect(url(token("ann"))) as ws:
        join(ws)
        working_add, server.store.add = server.store.add, broken_add
        ws.send_json({"type": "message", "room": "lobby", "text": "into the void"})
        error = ws.receive_json()
        assert (error["type"], error["code"]) == ("error", "unavailable"), f"say the message was not stored: {error}"
        assert "try again" in error["detail"]
        server.store.add = working_add
        ws.send_json({"type": "message", "room": "lobby", "text": "once more"})
        assert ws.receive_json()["text"] == "once more", "the socket survives a database hiccup"


@pytest.mark.parametrize(
    ("query", "reason"),
    [("", "missing token"), ("?token=garbage", "invalid token: Not enough segments")],
)
def test_the_1008_close_reason_says_why(client: TestClient, query: str, reason: str) -> None:
    with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect("/ws" + query) as ws:
        ws.receive_json()
    assert (closed.value.code, closed.value.reason) == (1008, reason), (
        "close with the AuthError's message as the reason: the page shows it to the user"
    )


def test_an_event_for_a_room_not_joined_names_the_room(client: TestClient, token: Token) -> None:
    with client.websocket_connect(url(token("ann"))) as ws:
        ws.send_json({"type": "message", "room": "lobby", "text": "hi"})
        error = ws.receive_json()
        assert (error["code"], error["detail"]) == ("not_in_room", "join 'lobby' first"), error


def test_joining_replies_with_the_last_messages_of_that_room(
    make_client: Callable[..., TestClient], token: Token
) -> None:
    client = make_client(history_limit=2, rate_burst=10)
    with client.websocket_connect(url(token("ann"))) as ann:
        join(ann)
        join(ann, "random")
        for room, text in (("lobby", "one"), ("lobby", "two"), ("random", "elsewhere"), ("lobby", "three")):
            ann.send_json({"type": "message", "room": room, "text": text})
            ann.receive_json()
    with client.websocket_connect(url(token("sam"))) as sam:
        joined, _ = join(sam)
    assert [m["text"] for m in joined["history"]] == ["two", "three"], (
        "`joined` carries the room's last `history_limit` messages, oldest first, and only that room's"
    )


def test_a_database_failure_is_logged(client: TestClient, token: Token, caplog: pytest.LogCaptureFixture) -> None:
    from sqlalchemy.exc import OperationalError

    server = client.app.state.chat

    async def broken_add(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT ...", {}, Exception("database is locked"))

    with client.websocket_connect(url(token("ann"))) as ws:
        join(ws)
        server.store.add = broken_add
        ws.send_json({"type": "message", "room": "lobby", "text": "into the void"})
        error = ws.receive_json()
    assert error["detail"] == "the message could not be stored; try again", error
    failures = [record for record in caplog.records if record.getMessage() == "storing a message failed"]
    assert failures, "log the failure (log.exception('storing a message failed')) so an operator sees it"
    assert failures[0].exc_info is not None, "with its traceback: log.exception, not log.error"


def test_shutdown_closes_open_sockets_with_1001(client: TestClient, token: Token) -> None:
    server = client.app.state.chat
    with client.websocket_connect(url(token("ann"))) as ws:
        join(ws)
        assert client.portal is not None
        client.portal.call(server.shutdown)  # what the lifespan does when the server stops
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert (closed.value.code, closed.value.reason) == (1001, "server shutting down"), (
        f"a shutting-down server says goodbye with 1001 (going away), not {closed.value.code}"
    )


def test_a_closed_socket_is_forgotten(client: TestClient, token: Token) -> None:
    server = client.app.state.chat
    with client.websocket_connect(url(token("ann"))) as ws:
        join(ws)
        assert len(server.rooms.connections) == 1, "an open socket is in `rooms.connections` (shutdown needs it)"
    assert server.rooms.connections == set(), "a closed socket must leave `rooms.connections`, or it leaks"


def test_publishing_on_a_memory_hub_that_is_not_running_is_an_error() -> None:
    import asyncio

    from chat import MemoryHub

    async def deliver(room: str, payload: str) -> None:
        pass

    async def main() -> list[str]:
        hub = MemoryHub()
        errors = []
        for stage in ("before start", "after close"):
            try:
                await hub.publish("lobby", "{}")
            except RuntimeError as error:
                errors.append(str(error))
            if stage == "before start":
                await hub.start(deliver)
                await hub.publish("lobby", "{}")  # running: fine
                await hub.close()
        return errors

    assert asyncio.run(main()) == ["publish() before start()"] * 2, (
        "publish before start() or after close() must raise RuntimeError('publish() before start()')"
    )


class StuckSocket:
    """A client that never reads: every send waits forever."""

    async def send_text(self, text: str) -> None:
        import asyncio

        await asyncio.Event().wait()


def test_a_member_too_slow_to_read_is_closed_with_1013() -> None:
    import asyncio

    from chat import TokenBucket
    from chat.chat_connection import Close, Connection
    from chat.chat_rooms import LocalRooms

    async def main() -> Close | None:
        rooms = LocalRooms()
        slow = Connection(StuckSocket(), "sam", TokenBucket(5, 1.0), outbox_size=2)  # type: ignore[arg-type]
        rooms.add("lobby", slow)
        for n in range(3):  # one more than the outbox holds
            await rooms.deliver("lobby", f'{{"type": "message", "room": "lobby", "n": {n}}}')
        return await asyncio.wait_for(slow.write_loop(), timeout=5)

    assert asyncio.run(main()) == Close(1013, "too slow: outbox full"), (
        "a broadcast never waits for a client: a full outbox is dropped and the client closed with 1013"
    )


def test_a_closing_member_ignores_later_events() -> None:
    import asyncio

    from chat import TokenBucket
    from chat.chat_connection import Close, Connection
    from chat.chat_rooms import LocalRooms

    async def main() -> Close | None:
        rooms = LocalRooms()
        leaving = Connection(StuckSocket(), "sam", TokenBucket(5, 1.0), outbox_size=1)  # type: ignore[arg-type]
        rooms.add("lobby", leaving)
        leaving.close_soon(1001, "server shutting down")
        await rooms.deliver("lobby", '{"type": "message", "room": "lobby"}')
        return await asyncio.wait_for(leaving.write_loop(), timeout=5)

    assert asyncio.run(main()) == Close(1001, "server shutting down"), (
        "once a connection is closing, events for it are dropped: they must not turn its goodbye into a 1013"
    )


class FakeSocket:
    """Just enough of Starlette's WebSocket for `ChatServer.serve`: it reads `frames`, then waits forever."""

    def __init__(self, token: str, frames: list[str], close_error: BaseException | None = None) -> None:
        from starlette.websockets import WebSocketState

        self.query_params = {"token": token}
        self.application_state = WebSocketState.CONNECTED
        self.frames = frames
        self.sent: list[dict[str, Any]] = []
        self.close_error = close_error

    async def accept(self) -> None:
        pass

    async def receive(self) -> dict[str, str]:
        import asyncio

        if self.frames:
            return {"type": "websocket.receive", "text": self.frames.pop(0)}
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    async def send_text(self, text: str) -> None:
        import json

        self.sent.append(json.loads(text))

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        if self.close_error is not None:
            raise self.close_error


def serve_fake(tmp_path: Path, socket: FakeSocket, *, cancel_after_join: bool) -> list[dict[str, Any]]:
    """Run `ChatServer.serve(socket)` on a hub that yields to the event loop (as a network hub does);
    return every event the hub carried. With `cancel_after_join`, cancel the handler once it has joined."""
    import asyncio
    import json

    import anyio
    from chat import MemoryHub, MessageStore, Settings
    from chat.chat_server import ChatServer

    class NetworkHub(MemoryHub):
        async def remove_member(self, room: str, user: str) -> list[str]:
            await asyncio.sleep(0)
            return await super().remove_member(room, user)

        async def publish(self, room: str, payload: str) -> None:
            await asyncio.sleep(0)
            await super().publish(room, payload)

    async def main() -> list[dict[str, Any]]:
        carried: list[dict[str, Any]] = []

        async def deliver(room: str, payload: str) -> None:
            carried.append(json.loads(payload))

        settings = Settings(secret_key=SECRET, database_url=f"sqlite:///{tmp_path / 'fake.db'}", max_frame_bytes=2000)
        store, hub = MessageStore(settings.database_url), NetworkHub()
        await store.create_tables()
        await hub.start(deliver)
        server = ChatServer(settings, hub, store)
        try:
            with anyio.fail_after(10):
                async with anyio.create_task_group() as group:
                    group.start_soon(server.serve, socket)
                    if cancel_after_join:
                        while not any(event["type"] == "joined" for event in socket.sent):
                            await asyncio.sleep(0)
                        group.cancel_scope.cancel()  # what a server does to handlers it stops waiting for
        finally:
            await store.close()
        return carried

    return asyncio.run(main())


def test_a_cancelled_handler_still_says_goodbye(tmp_path: Path) -> None:
    from chat import issue_token

    socket = FakeSocket(issue_token("ann", SECRET, ttl_seconds=60), ['{"type": "join", "room": "lobby"}'])
    carried = serve_fake(tmp_path, socket, cancel_after_join=True)
    assert carried[-1] == {"type": "presence", "room": "lobby", "event": "leave", "user": "ann", "members": []}, (
        "leave the rooms in a `finally` shielded from cancellation (anyio.move_on_after(5, shield=True)): "
        f"a cancelled handler must still announce the leave; the hub carried {carried}"
    )


@pytest.mark.parametrize("error", [RuntimeError("already closed"), OSError("connection reset"), WebSocketDisconnect()])
def test_a_client_gone_before_the_goodbye_is_no_error(tmp_path: Path, error: BaseException) -> None:
    from chat import issue_token

    socket = FakeSocket(issue_token("ann", SECRET, ttl_seconds=60), ["x" * 2001], close_error=error)
    serve_fake(tmp_path, socket, cancel_after_join=False)  # the 1009 close fails: serve must swallow it
