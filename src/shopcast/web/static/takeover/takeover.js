// Voice takeover: the operator's microphone drives the host (docs/voice-takeover.md).
//
//   import { startTakeover, stopTakeover } from "/static/takeover/takeover.js";
//   await startTakeover("glow-hour", { onLevel: (v) => meter.value = v, onState: (s) => ... });
//   await stopTakeover();
//
// The microphone is tapped by an AudioWorklet that posts Float32 frames to this page; they are
// gathered into 20 ms chunks, converted to 16-bit PCM and sent as binary WebSocket frames to
// /api/shows/{showId}/takeover (the session cookie signs the socket in: operator role or
// higher). onLevel gets 0..1 per chunk (for a meter); onState gets the server's state
// ("waiting", "live", "dropout", "off", "replaced") plus "connecting", "error" and "closed",
// with the server's message as the second argument. onStatus, if given, gets a plain sentence
// per state change instead (for a page that only shows a note).

const PROCESSOR = "shopcast-takeover-tap"; // registered by tap-worklet.js
const WORKLET_URL = new URL("./tap-worklet.js", import.meta.url);
const CHUNK_S = 0.02;
const MAX_BUFFERED_BYTES = 64 * 1024; // a stalled socket drops audio rather than lag behind

let current = null;

const SAID = {
  connecting: "Starting your microphone…",
  waiting: "Connected: waiting for your microphone's first sound.",
  live: "You are live: the host speaks with your voice.",
  dropout: "Your microphone stopped sending: the host falls back until it returns.",
  off: "The host speaks on its own again.",
  replaced: "Another operator took over the voice.",
  closed: "The takeover connection closed.",
};

export async function startTakeover(
  showId,
  { onLevel = () => {}, onState = () => {}, onStatus = null } = {},
) {
  if (onStatus) {
    const onStateGiven = onState;
    onState = (state, message) => {
      onStateGiven(state, message);
      const text = state === "error" ? message && message.message : SAID[state];
      if (text) onStatus(text);
    };
  }
  if (current) await stopTakeover();
  onState("connecting", null);
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  let context;
  try {
    context = new AudioContext({ sampleRate: 48000 });
  } catch {
    context = new AudioContext(); // the device's own rate (44100 or 48000)
  }
  const session = { stream, context, socket: null, closed: false };
  current = session;
  try {
    await context.audioWorklet.addModule(WORKLET_URL);
    const socket = await openSocket(showId);
    session.socket = socket;
    socket.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.type === "state") onState(message.state, message);
      else if (message.type === "error") onState("error", message);
    };
    socket.onclose = (event) => {
      if (!session.closed) onState("closed", { code: event.code, reason: event.reason });
      release(session);
    };
    socket.send(JSON.stringify({ type: "start", sample_rate: context.sampleRate }));

    const source = context.createMediaStreamSource(stream);
    const tap = new AudioWorkletNode(context, PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 1 });
    const mute = context.createGain();
    mute.gain.value = 0; // keeps the tap pulled by the graph without playing the mic back
    source.connect(tap).connect(mute).connect(context.destination);
    const chunk = new Float32Array(Math.round(context.sampleRate * CHUNK_S));
    let filled = 0;
    tap.port.onmessage = ({ data }) => {
      let offset = 0;
      while (offset < data.length) {
        const n = Math.min(chunk.length - filled, data.length - offset);
        chunk.set(data.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === chunk.length) {
          send(socket, chunk, onLevel);
          filled = 0;
        }
      }
    };
    session.tap = tap;
    if (context.state === "suspended") await context.resume();
  } catch (error) {
    release(session);
    onState("error", { message: String(error && error.message ? error.message : error) });
    throw error;
  }
}

export async function stopTakeover() {
  const session = current;
  if (!session) return;
  session.closed = true;
  const socket = session.socket;
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ type: "stop" }));
    socket.close(1000, "stop");
  }
  release(session);
}

function openSocket(showId) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const path = `/api/shows/${encodeURIComponent(showId)}/takeover`;
  const socket = new WebSocket(`${scheme}//${location.host}${path}`);
  socket.binaryType = "arraybuffer";
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve(socket);
    socket.onerror = () => reject(new Error("the takeover socket could not be opened"));
    socket.onclose = (event) =>
      reject(new Error(event.reason || `the takeover socket was closed (${event.code})`));
  });
}

function send(socket, chunk, onLevel) {
  const pcm = new Int16Array(chunk.length);
  let energy = 0;
  for (let i = 0; i < chunk.length; i += 1) {
    const v = Math.max(-1, Math.min(1, chunk[i]));
    energy += v * v;
    pcm[i] = v < 0 ? v * 32768 : v * 32767;
  }
  const db = 10 * Math.log10(energy / chunk.length + 1e-12);
  onLevel(Math.max(0, Math.min(1, (db + 60) / 60)));
  if (socket.readyState === WebSocket.OPEN && socket.bufferedAmount < MAX_BUFFERED_BYTES) {
    socket.send(pcm.buffer);
  }
}

function release(session) {
  if (session.tap) session.tap.port.onmessage = null;
  for (const track of session.stream.getTracks()) track.stop();
  if (session.context.state !== "closed") session.context.close().catch(() => {});
  if (current === session) current = null;
}
