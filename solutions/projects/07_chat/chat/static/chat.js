// The chat page: log in for a token, open one WebSocket, join a room, then send and show events.
"use strict";

const TYPING_IDLE_MS = 2500; // stop "typing" after this long without a keystroke
const TYPING_SHOWN_MS = 5000; // forget someone's "typing" if no refresh arrives
const $ = (id) => document.getElementById(id);

let socket = null;
let room = null;
let me = null;
let typingSent = false;
let typingTimer = null;
const typists = new Map(); // user -> timeout id
const seen = new Set(); // message ids shown (joining may deliver one twice: history and live)

function setStatus(text) { $("status").textContent = text; }

function addLine(parts, className) {
  const li = document.createElement("li");
  if (className) li.className = className;
  for (const [text, cls] of parts) {
    const span = document.createElement("span");
    if (cls) span.className = cls;
    span.textContent = text; // never innerHTML: messages are untrusted
    li.append(span);
  }
  $("messages").append(li);
  li.scrollIntoView({ block: "end" });
}

function showMessage(m) {
  if (seen.has(m.id)) return;
  seen.add(m.id);
  const when = new Date(m.sent_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  addLine([[m.user, "who"], [m.text, "text"], [when, "when"]]);
  stopShowingTyping(m.user);
}

function showMembers(members) {
  const list = $("members");
  list.replaceChildren(...members.map((name) => {
    const li = document.createElement("li");
    li.textContent = name === me ? `${name} (you)` : name;
    return li;
  }));
}

function renderTyping() {
  const names = [...typists.keys()];
  $("typing").textContent = names.length === 0 ? ""
    : `${names.join(", ")} ${names.length === 1 ? "is" : "are"} typing…`;
}

function stopShowingTyping(user) {
  clearTimeout(typists.get(user));
  typists.delete(user);
  renderTyping();
}

function onEvent(event) {
  switch (event.type) {
    case "joined":
      $("room-title").textContent = `#${event.room}`;
      event.history.forEach(showMessage);
      setStatus(`Connected as ${me}`);
      break;
    case "presence":
      showMembers(event.members);
      if (event.user !== me) addLine([[`${event.user} ${event.event === "join" ? "joined" : "left"}`, null]], "notice");
      if (event.event === "leave") stopShowingTyping(event.user);
      break;
    case "message":
      showMessage(event);
      break;
    case "typing":
      clearTimeout(typists.get(event.user));
      if (event.typing) typists.set(event.user, setTimeout(() => stopShowingTyping(event.user), TYPING_SHOWN_MS));
      else typists.delete(event.user);
      renderTyping();
      break;
    case "error":
      addLine([[`error: ${event.detail}`, null]], "notice");
      break;
  }
}

function send(event) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(event));
}

function setTyping(typing) {
  if (typing === typingSent) return;
  typingSent = typing;
  send({ type: "typing", room, typing });
}

async function login(event) {
  event.preventDefault();
  me = $("username").value.trim();
  room = $("room").value.trim();
  setStatus("Logging in…");
  const response = await fetch("/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: me }),
  });
  if (!response.ok) { setStatus("That name is not allowed: use letters, digits, _ or -"); return; }
  const { token } = await response.json();
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`);
  socket.addEventListener("open", () => send({ type: "join", room }));
  socket.addEventListener("message", (message) => onEvent(JSON.parse(message.data)));
  socket.addEventListener("close", (close) => setStatus(`Disconnected (${close.code}${close.reason ? ": " + close.reason : ""})`));
  $("login-form").hidden = true;
  $("chat").hidden = false;
  $("message").focus();
}

function sendMessage(event) {
  event.preventDefault();
  const input = $("message");
  const text = input.value.trim();
  if (!text) return;
  send({ type: "message", room, text });
  input.value = "";
  clearTimeout(typingTimer);
  setTyping(false);
}

function onInput() {
  setTyping(true);
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
}

$("login-form").addEventListener("submit", login);
$("message-form").addEventListener("submit", sendMessage);
$("message").addEventListener("input", onInput);
