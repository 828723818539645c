// The operator console: program preview, the answers waiting for a decision, say / whisper,
// the mode, rundown, pin/unpin, a flash deal, outputs and errors. The desk is polled once a
// second from the operator API; chat and the host's answers arrive on the show's WebSocket.

import { $, h } from "/static/watch/dom.js";
import { LiveSocket } from "/static/watch/live.js";
import { LivePlayer } from "/static/watch/player.js";
import { api, showPath } from "./api.js";
import { Desk } from "./desk.js";
import { renderDeal, renderRundown, renderShelf, renderStatus } from "./panels.js";
import { setupTakeover } from "./takeover-button.js";

const POLL_MS = 1000;
const MODE_NAMES = { autonomous: "Autonomous", copilot: "Co-pilot", human: "Human" };
const showId = document.body.dataset.showId;
let view = null;

function toast(message) {
  const node = $("#toast");
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (node.hidden = true), 6000);
}

const desk = new Desk($("#pending"), $("#pending-empty"), $("#decided"), {
  decide: async (proposal, action, text) => {
    const body = { version: proposal.version };
    if (action === "edit") body.text = text;
    try {
      await api("POST", showPath(showId, `/operator/answers/${proposal.id}/${action}`), body);
    } catch (error) {
      if (error.status === 409) toast(error.message);
      throw error;
    } finally {
      refresh();
    }
  },
});

async function refresh() {
  try {
    view = await api("GET", showPath(showId, "/operator"));
  } catch (error) {
    if (error.status === 401 || error.status === 403) location.reload();
    document.body.dataset.link = "down";
    return;
  }
  document.body.dataset.link = "up";
  render(view);
}

function render(v) {
  const mode = v.desk.mode;
  document.body.dataset.mode = mode;
  for (const button of $("#modes").querySelectorAll("button")) {
    button.setAttribute("aria-checked", String(button.dataset.mode === mode));
  }
  const when = v.desk.mode_set_at ? new Date(v.desk.mode_set_at).toLocaleTimeString() : "";
  $("#mode-by").textContent = v.desk.mode_set_by
    ? `${MODE_NAMES[mode]} · switched by ${v.desk.mode_set_by} at ${when}`
    : `${MODE_NAMES[mode]} · from the show file`;
  const then = { drop: "dropped", safe_line: "the safe line is said", send: "sent as proposed" };
  $("#policy").textContent =
    mode === "autonomous"
      ? "Autonomous: the host answers on its own. Switch to co-pilot to approve each answer."
      : mode === "human"
        ? "Human: your voice or typed lines drive the host; rundown lines appear on the prompter, answers wait for you."
        : `Co-pilot: after ${v.desk.timeout_s} s an answer is ${then[v.desk.on_timeout]}.`;
  $("#pending-count").textContent = String(v.desk.pending.length);
  desk.update(v.desk);
  renderStatus(v, {
    dot: $("#live-dot"),
    outputs: $("#outputs"),
    latency: $("#latency"),
    substance: $("#substance"),
    questions: $("#questions"),
    paths: $("#paths"),
    why: $("#why"),
    behind: $("#behind"),
    uptime: $("#uptime"),
    errors: $("#errors"),
  });
  renderRundown($("#rundown"), v.rundown);
  renderShelf($("#shelf"), v.shelf, v.state.pinned_sku, pin);
  renderDeal($("#deal-now"), v.state.deal);
  $("#speaking").textContent = v.state.speaking ? `🗣 ${v.state.speaking}` : "";
  if (v.desk.notice) $("#deal-note").textContent = v.desk.notice;
  $("#prompter").hidden = !v.desk.prompter;
  $("#prompter-text").textContent = v.desk.prompter || "";
  const whisper = v.desk.whisper;
  $("#whisper-text").placeholder = whisper
    ? `Waiting for the next answer: “${whisper.text}” (${whisper.operator})`
    : "A private hint for the next answer (viewers never see it)";
  document.body.dataset.ready = "1";
}

async function pin(sku) {
  try {
    await api("POST", showPath(showId, "/operator/pin"), { sku });
  } catch (error) {
    toast(error.message);
  }
  refresh();
}

function lineForm(form, input, path, done) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.disabled = true;
    try {
      const result = await api("POST", showPath(showId, path), { text });
      input.value = "";
      $("#voice-note").textContent = done(text, result);
    } catch (error) {
      $("#voice-note").textContent = error.message;
    } finally {
      input.disabled = false;
      input.focus();
      refresh();
    }
  });
}

function chatLine(kind, name, text) {
  const feed = $("#chat");
  feed.append(
    h(
      "li",
      { class: `chat-line ${kind}` },
      h("b", { dir: "auto" }, name),
      " ",
      h("span", { dir: "auto" }, text),
    ),
  );
  while (feed.children.length > 80) feed.firstElementChild.remove();
  feed.scrollTop = feed.scrollHeight;
}

function onEvent(event) {
  if (event.type === "chat") chatLine("viewer", event.line.name, event.line.text);
  else if (event.type === "answer") chatLine("host", "🤖 host", event.answer);
  else if (event.type === "said") chatLine("host", "🗣 you said", event.text);
  else if (event.type === "purchase") chatLine("purchase", "🛍", event.text);
  else if (event.type === "state" && view) {
    view.state = event.state;
    $("#speaking").textContent = event.state.speaking ? `🗣 ${event.state.speaking}` : "";
    renderDeal($("#deal-now"), event.state.deal);
  }
}

function boot() {
  for (const button of $("#modes").querySelectorAll("button")) {
    button.addEventListener("click", async () => {
      if (!view || button.dataset.mode === view.desk.mode) return;
      try {
        await api("POST", showPath(showId, "/operator/mode"), {
          mode: button.dataset.mode,
          version: view.desk.mode_version,
        });
      } catch (error) {
        toast(error.message);
      }
      refresh();
    });
  }
  lineForm($("#say-form"), $("#say-text"), "/operator/say", (text) => `Next on air: “${text}”`);
  lineForm(
    $("#whisper-form"),
    $("#whisper-text"),
    "/operator/whisper",
    (_text, result) => result.message,
  );
  $("#deal-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const deal = await api("POST", showPath(showId, "/operator/deal"), {
        price: $("#deal-price").value,
        countdown_s: Number($("#deal-countdown").value || 10),
        quantity: Number($("#deal-quantity").value || 50),
      });
      $("#deal-note").textContent = `Deal on: ${deal.price_text} (${deal.total} units).`;
    } catch (error) {
      $("#deal-note").textContent = error.message;
    }
    refresh();
  });
  $("#sign-out").addEventListener("click", async () => {
    await api("POST", "/auth/logout").catch(() => {});
    location.reload();
  });
  setupTakeover($("#takeover"), $("#takeover-note"), showId);
  const player = new LivePlayer(
    $("#video"),
    $("#sound"),
    `/live/${encodeURIComponent(showId)}/hls/index.m3u8`,
  );
  player.start();
  const viewer = `console-${Math.random().toString(36).slice(2, 10)}`;
  const socket = new LiveSocket(showId, viewer, {
    onEvent,
    onStatus: (status) => (document.body.dataset.socket = status),
  });
  socket.open();
  refresh();
  setInterval(refresh, POLL_MS);
}

boot();
