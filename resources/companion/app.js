// Screenmate companion web client: pair, then talk (push-to-talk) or type into the desktop's
// live session, see the transcript and hear the answer. Protocol: docs/companion-protocol.md.
"use strict";

const PROTOCOL_VERSION = 1;
const TOKEN_KEY = "screenmate.companion.token";
const NAME_KEY = "screenmate.companion.name";
const MAX_LINES = 100;
const PLAYBACK_LEAD_S = 0.06; // small jitter buffer before the first queued chunk plays
const MIC_IDLE_CLOSE_MS = 30000;

const $ = (id) => document.getElementById(id);
const stats = { audioBytesIn: 0, audioChunksOut: 0, audioChunksPlayed: 0, messages: 0 };
window.companionStats = stats;

const app = {
  ws: null,
  token: localStorage.getItem(TOKEN_KEY) || "",
  pairSecret: "",
  pairCode: "",
  authed: false,
  session: "idle",
  floor: "none",
  pressed: false,
  talking: false,
  reconnectDelay: 1000,
  reconnectTimer: 0,
  openLines: new Map(),
  speakerRate: 24000,
  play: null, // { ctx, head, sources }
  mic: null, // { ctx, stream, node }
  micIdleTimer: 0,
  voiceProblem: "",
};

// -- start ---------------------------------------------------------------------------------

function start() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("pair")) {
    app.pairSecret = hash.get("pair");
    // The one-time secret must not stay in the address bar or the history.
    history.replaceState(null, "", location.pathname + location.search);
  }
  app.voiceProblem = voiceProblem();
  $("pair-name").value = localStorage.getItem(NAME_KEY) || guessName();
  $("pair-form").addEventListener("submit", onPairSubmit);
  $("text-form").addEventListener("submit", onTextSubmit);
  bindTalkButton($("talk"));
  // Keep the newest line in view when the screen turns or the keyboard opens.
  window.addEventListener("resize", () => { $("transcript").scrollTop = 1e9; });
  if (app.token || app.pairSecret) {
    connect();
  } else {
    showPairView("");
  }
}

function voiceProblem() {
  if (!window.isSecureContext) {
    return "Voice needs a secure connection: this page is not on trusted HTTPS. " +
      "Trust the desktop's certificate once (see the pairing screen), or just type.";
  }
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return "This browser gives the page no microphone, so voice is unavailable. Typing works.";
  }
  if (!window.AudioWorkletNode) {
    return "This browser cannot process microphone audio (no AudioWorklet). Typing works.";
  }
  return "";
}

function guessName() {
  const small = Math.min(screen.width, screen.height) < 460;
  const ua = navigator.userAgent;
  const os = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : "";
  return (small ? "Watch" : "Phone") + (os ? ` (${os})` : "");
}

// -- connection ----------------------------------------------------------------------------

function connect() {
  clearTimeout(app.reconnectTimer);
  setStatus("connecting", "Connecting to the desktop…");
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const ws = new WebSocket(`${scheme}://${location.host}/ws`);
  ws.binaryType = "arraybuffer";
  app.ws = ws;
  app.authed = false;
  ws.onopen = () => {
    if (app.token) {
      send({ type: "hello", v: PROTOCOL_VERSION, token: app.token });
    } else {
      const name = $("pair-name").value.trim() || guessName();
      const msg = { type: "pair", v: PROTOCOL_VERSION, name };
      if (app.pairSecret) msg.secret = app.pairSecret;
      else msg.code = app.pairCode;
      app.pairSecret = "";
      app.pairCode = "";
      send(msg);
    }
  };
  ws.onmessage = (e) => {
    if (typeof e.data === "string") onMessage(JSON.parse(e.data));
    else onAudio(e.data);
  };
  ws.onclose = (e) => onClose(ws, e);
}

function send(msg) {
  if (app.ws && app.ws.readyState === WebSocket.OPEN) {
    app.ws.send(JSON.stringify(msg));
    return true;
  }
  return false;
}

function onClose(ws, e) {
  if (app.ws !== ws) return;
  app.ws = null;
  app.authed = false;
  stopTalking(false);
  const reason = e.reason || "";
  if (e.code === 4401 || e.code === 4410) {
    forgetToken();
    showPairView(e.code === 4410 ? "This device was removed on the desktop. Pair it again."
      : "The desktop does not know this device any more. Pair it again.");
    return;
  }
  if (e.code === 4403 || e.code === 4429 || e.code === 4400 || e.code === 4426) {
    if (!app.token) {
      showPairView(reason || "Pairing failed.");
      return;
    }
  }
  if (!app.token) {
    showPairView(reason || "Could not reach the desktop.");
    return;
  }
  setStatus("offline", reason ? `Disconnected: ${reason}` : "Desktop not reachable; retrying…");
  app.reconnectTimer = setTimeout(connect, app.reconnectDelay);
  app.reconnectDelay = Math.min(app.reconnectDelay * 2, 10000);
}

function forgetToken() {
  app.token = "";
  localStorage.removeItem(TOKEN_KEY);
}

// -- messages ------------------------------------------------------------------------------

function onMessage(msg) {
  stats.messages++;
  switch (msg.type) {
    case "paired":
      app.token = msg.token;
      localStorage.setItem(TOKEN_KEY, msg.token);
      localStorage.setItem(NAME_KEY, msg.device.name);
      break;
    case "welcome":
      app.authed = true;
      app.reconnectDelay = 1000;
      app.speakerRate = msg.audio.speaker_rate;
      showTalkView();
      $("transcript").replaceChildren();
      app.openLines.clear();
      for (const line of msg.transcript) onTranscript(line);
      onState(msg.state);
      onFloor(msg.floor);
      break;
    case "state":
      onState(msg);
      break;
    case "transcript":
      onTranscript(msg);
      break;
    case "floor":
      onFloor(msg);
      break;
    case "talk":
      onTalkReply(msg);
      break;
    case "interrupted":
      stopPlayback();
      break;
    case "audio_format":
      app.speakerRate = msg.rate;
      break;
    case "error":
      showNotice(msg.message || msg.code);
      break;
    default:
      break; // newer servers may send more; ignoring is the contract
  }
}

const STATE_TEXT = {
  idle: "Desktop idle",
  connecting: "Desktop connecting…",
  live: "Live",
  reconnecting: "Desktop reconnecting…",
  closed: "Session closed",
  error: "Session error",
};

function onState(msg) {
  app.session = msg.state;
  const detail = msg.state === "error" && msg.detail ? `: ${msg.detail}` : "";
  setStatus(msg.state === "live" ? "live" : msg.state === "error" ? "error" : "connecting",
    (STATE_TEXT[msg.state] || msg.state) + detail);
  updateTalkButton();
}

function setStatus(kind, text) {
  $("status").dataset.kind = kind;
  $("status-text").textContent = text;
}

// -- transcript ----------------------------------------------------------------------------

function onTranscript(msg) {
  const list = $("transcript");
  let item = app.openLines.get(msg.line_id);
  if (!item && msg.revised) {
    // A late piece completed a line already shown final: replace it where it stands.
    const shown = list.querySelectorAll(`li[data-line-id="${Number(msg.line_id)}"]`);
    item = shown.length ? shown[shown.length - 1] : null;
  }
  if (!item) {
    item = document.createElement("li");
    item.className = `line ${msg.role}`;
    item.dataset.lineId = String(Number(msg.line_id));
    item.textContent = "";
    list.appendChild(item);
    while (list.children.length > MAX_LINES) list.removeChild(list.firstChild);
  }
  if (msg.final) {
    item.textContent = msg.text + (msg.interrupted ? " …" : "");
    item.classList.remove("open");
    app.openLines.delete(msg.line_id);
  } else {
    item.textContent += msg.text;
    item.classList.add("open");
    app.openLines.set(msg.line_id, item);
  }
  list.scrollTop = list.scrollHeight;
}

// -- typing --------------------------------------------------------------------------------

function onTextSubmit(e) {
  e.preventDefault();
  const input = $("text");
  const text = input.value.trim();
  if (!text) return;
  ensurePlayback(); // a tap is the gesture that lets the answer play
  if (send({ type: "text", text })) input.value = "";
  else showNotice("Not connected to the desktop.");
}

function onPairSubmit(e) {
  e.preventDefault();
  const code = $("pair-code").value.replace(/\D/g, "");
  if (code.length < 6) {
    $("pair-error").textContent = "The code has 6 digits.";
    return;
  }
  const name = $("pair-name").value.trim();
  if (name) localStorage.setItem(NAME_KEY, name);
  $("pair-error").textContent = "";
  ensurePlayback();
  app.pairCode = code;
  connect();
}

// -- push-to-talk --------------------------------------------------------------------------

function bindTalkButton(button) {
  const down = (e) => {
    e.preventDefault();
    if (button.disabled || app.pressed) return;
    if (e.pointerId !== undefined) button.setPointerCapture(e.pointerId);
    pressTalk();
  };
  const up = (e) => {
    e.preventDefault();
    if (app.pressed) releaseTalk();
  };
  button.addEventListener("pointerdown", down);
  button.addEventListener("pointerup", up);
  button.addEventListener("pointercancel", up);
  button.addEventListener("lostpointercapture", up);
  button.addEventListener("contextmenu", (e) => e.preventDefault());
  button.addEventListener("keydown", (e) => {
    if ((e.key === " " || e.key === "Enter") && !e.repeat) down(e);
  });
  button.addEventListener("keyup", (e) => {
    if (e.key === " " || e.key === "Enter") up(e);
  });
}

async function pressTalk() {
  if (app.voiceProblem) {
    showNotice(app.voiceProblem);
    return;
  }
  app.pressed = true;
  ensurePlayback();
  stopPlayback(); // talking over the answer: stop it here
  updateTalkButton();
  send({ type: "talk_start" });
  try {
    await openMic();
  } catch (err) {
    app.voiceProblem = `The microphone is not available (${err.name || err}). Typing works.`;
    showNotice(app.voiceProblem);
    releaseTalk();
  }
}

function releaseTalk() {
  app.pressed = false;
  stopTalking(true);
  updateTalkButton();
}

function onTalkReply(msg) {
  if (msg.granted) {
    if (app.pressed) {
      app.talking = true;
    } else {
      send({ type: "talk_end" }); // let go before the desktop answered
    }
  } else {
    app.talking = false;
    showNotice(msg.reason === "busy" ? `Busy: ${holderText(msg.holder, msg.name)} is talking.`
      : "Not connected to a live session.");
  }
  updateTalkButton();
}

function stopTalking(tell) {
  if (app.talking && tell) send({ type: "talk_end" });
  app.talking = false;
  scheduleMicClose();
}

function onFloor(msg) {
  app.floor = msg.holder;
  app.floorName = msg.name;
  if (msg.holder !== "you" && app.talking) {
    app.talking = false; // the desktop took the floor back (or it timed out)
  }
  updateTalkButton();
}

function holderText(holder, name) {
  if (holder === "desktop") return "the desktop";
  if (holder === "companion") return name || "another device";
  return "someone";
}

function updateTalkButton() {
  const button = $("talk");
  const label = $("talk-label");
  const busy = app.floor === "desktop" || app.floor === "companion";
  button.classList.toggle("active", app.talking);
  button.classList.toggle("busy", busy && !app.talking);
  button.classList.toggle("unavailable", !!app.voiceProblem);
  button.disabled = !app.authed;
  if (app.voiceProblem) label.textContent = "Voice unavailable";
  else if (app.talking) label.textContent = "Listening…";
  else if (app.pressed) label.textContent = "Waiting…";
  else if (busy) label.textContent = `Busy: ${holderText(app.floor, app.floorName)}`;
  else label.textContent = "Hold to talk";
  if (app.voiceProblem) showNotice(app.voiceProblem, true);
}

async function openMic() {
  clearTimeout(app.micIdleTimer);
  if (app.mic) return;
  const ctx = new AudioContext({ sampleRate: 16000 });
  await ctx.audioWorklet.addModule("mic-worklet.js");
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  const source = ctx.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(ctx, "pcm-capture");
  node.port.onmessage = (e) => {
    if (app.talking && app.ws && app.ws.readyState === WebSocket.OPEN) {
      app.ws.send(e.data);
      stats.audioChunksOut++;
    }
  };
  source.connect(node);
  app.mic = { ctx, stream, node };
}

function scheduleMicClose() {
  clearTimeout(app.micIdleTimer);
  app.micIdleTimer = setTimeout(() => {
    if (!app.mic || app.pressed) return;
    app.mic.stream.getTracks().forEach((t) => t.stop());
    app.mic.ctx.close();
    app.mic = null;
  }, MIC_IDLE_CLOSE_MS);
}

// -- the spoken answer ---------------------------------------------------------------------

function ensurePlayback() {
  if (!app.play) {
    try {
      app.play = { ctx: new AudioContext({ sampleRate: 24000 }), head: 0, sources: new Set() };
    } catch (err) {
      return;
    }
  }
  if (app.play.ctx.state === "suspended") app.play.ctx.resume();
}

function onAudio(buffer) {
  stats.audioBytesIn += buffer.byteLength;
  if (!app.play || app.play.ctx.state !== "running") return; // no gesture yet: cannot play
  const pcm = new Int16Array(buffer);
  const ctx = app.play.ctx;
  const audio = ctx.createBuffer(1, pcm.length, app.speakerRate);
  const samples = audio.getChannelData(0);
  for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 32768;
  const source = ctx.createBufferSource();
  source.buffer = audio;
  source.connect(ctx.destination);
  const at = Math.max(app.play.head, ctx.currentTime + PLAYBACK_LEAD_S);
  source.start(at);
  app.play.head = at + audio.duration;
  app.play.sources.add(source);
  source.onended = () => {
    app.play && app.play.sources.delete(source);
    stats.audioChunksPlayed++;
  };
}

function stopPlayback() {
  if (!app.play) return;
  for (const source of app.play.sources) {
    try { source.stop(); } catch (err) { /* already stopped */ }
  }
  app.play.sources.clear();
  app.play.head = 0;
}

// -- views ---------------------------------------------------------------------------------

function showPairView(error) {
  $("talk-view").hidden = true;
  $("pair-view").hidden = false;
  $("pair-error").textContent = error || "";
  setStatus("offline", "Not paired");
}

function showTalkView() {
  $("pair-view").hidden = true;
  $("talk-view").hidden = false;
  updateTalkButton();
}

let noticeTimer = 0;
function showNotice(text, sticky) {
  const notice = $("notice");
  notice.textContent = text;
  notice.hidden = !text;
  clearTimeout(noticeTimer);
  if (!sticky) {
    noticeTimer = setTimeout(() => {
      notice.hidden = !app.voiceProblem;
      notice.textContent = app.voiceProblem;
    }, 5000);
  }
}

start();
