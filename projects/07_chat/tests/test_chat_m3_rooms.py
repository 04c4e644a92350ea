"""Milestone 3: the protocol over FastAPI WebSockets — log in, join, presence, messages, typing, leave.

Each test connects with FastAPI's TestClient, often as several users at once. A socket that
must NOT receive something is checked by making it do something that answers, and asserting
the answer comes first.

Mistakes these tests catch: closing an unauthenticated socket with the wrong code (or letting it
in), broadcasting to every room instead of one, echoing typing back to the typist, forgetting the
sender in a broadcast, presence that never says goodbye when a client just drops, one tab leaving
taking the user out of a room they are still in through another tab, one bad frame killing the
connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

pytestmark = pytest.mark.task(taskno=3)
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
        ann.send_json({"type": "message", "room": "lobby", "text": "lobby only"})
        assert ann.receive_json()["text"] == "lobby only"
        sam.send_json({"type": "message", "room": "random", "text": "random only"})
        event = sam.receive_json()
        assert event["text"] == "random only", f"sam is only in 'random' but received {event}"


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
        presence = ann.receive_json()
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
