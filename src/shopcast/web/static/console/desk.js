// The answers waiting for an operator: one card per proposed answer with its time-out
// countdown and one-click approve / edit / reject. Cards are kept across refreshes (an edit in
// progress is never wiped); decided answers move to the history list.

import { fill, h } from "/static/watch/dom.js";

const PATH_NAMES = {
  faq: "FAQ",
  llm: "AI-phrased",
  price: "catalog price",
  safe: "safe line",
  disclosure: "AI disclosure",
  greeting: "greeting",
  redirect: "redirect",
  refusal: "refusal",
  whisper: "your hint",
};
const STATE_ICONS = { approved: "✅", edited: "✏️", rejected: "🚫", timed_out: "⌛" };

export class Desk {
  constructor(list, empty, history, { decide, onTimeout }) {
    this.list = list;
    this.empty = empty;
    this.history = history;
    this.decide = decide; // (proposal, action, text) => Promise
    this.onTimeout = onTimeout || "drop";
    this.cards = new Map(); // id -> {node, proposal, deadline}
    setInterval(() => this.#tick(), 200);
  }

  update(desk) {
    this.onTimeout = desk.mode === "human" ? "drop" : desk.on_timeout;
    const seen = new Set();
    for (const proposal of desk.pending) {
      seen.add(proposal.id);
      const deadline = performance.now() + (proposal.expires_in_s || 0) * 1000;
      const card = this.cards.get(proposal.id);
      if (card) {
        card.proposal = proposal;
        card.deadline = deadline;
      } else {
        const node = this.#card(proposal);
        this.cards.set(proposal.id, { node, proposal, deadline });
        this.list.append(node);
      }
    }
    for (const [id, card] of this.cards) {
      if (!seen.has(id)) {
        card.node.remove();
        this.cards.delete(id);
      }
    }
    this.empty.hidden = this.cards.size > 0;
    fill(this.history, desk.decided.slice(0, 12).map((p) => this.#decidedRow(p)));
    this.#tick();
  }

  #card(proposal) {
    const text = h("p", { class: "answer", dir: "auto" }, proposal.text);
    const editor = h("textarea", { class: "editor", maxlength: 280, dir: "auto", hidden: true });
    const ring = h("span", { class: "countdown", "aria-label": "time left" });
    const approve = h("button", { type: "button", class: "approve" }, "✓ Approve");
    const edit = h("button", { type: "button", class: "edit" }, "✎ Edit");
    const reject = h("button", { type: "button", class: "reject" }, "✕ Reject");
    const send = h("button", { type: "button", class: "approve", hidden: true }, "Send edit");
    const cancel = h("button", { type: "button", hidden: true }, "Cancel");
    const note = h("p", { class: "note", role: "status" });
    const node = h(
      "li",
      { class: "proposal", dataset: { id: String(proposal.id) } },
      h(
        "div",
        { class: "proposal-head" },
        h("span", { class: "viewer" }, proposal.viewer),
        h("span", { class: "chip" }, PATH_NAMES[proposal.path] || proposal.path),
        proposal.whisper ? h("span", { class: "chip hint" }, "🤫 hint") : null,
        ring,
      ),
      h("p", { class: "question", dir: "auto" }, `“${proposal.question}”`),
      text,
      editor,
      h("div", { class: "actions" }, approve, edit, reject, send, cancel),
      note,
    );
    const busy = (on) => {
      for (const b of [approve, edit, reject, send, cancel]) b.disabled = on;
    };
    const act = async (action, value) => {
      const card = this.cards.get(proposal.id);
      busy(true);
      note.textContent = "";
      try {
        await this.decide(card ? card.proposal : proposal, action, value);
        node.classList.add("done");
      } catch (error) {
        note.textContent = error.message;
        busy(false);
      }
    };
    const editing = (on) => {
      text.hidden = on;
      editor.hidden = !on;
      approve.hidden = edit.hidden = reject.hidden = on;
      send.hidden = cancel.hidden = !on;
      node.classList.toggle("editing", on);
      if (on) {
        editor.value = proposal.text;
        editor.focus();
      }
    };
    approve.addEventListener("click", () => act("approve"));
    reject.addEventListener("click", () => act("reject"));
    edit.addEventListener("click", () => editing(true));
    cancel.addEventListener("click", () => editing(false));
    send.addEventListener("click", () => act("edit", editor.value));
    node._ring = ring;
    return node;
  }

  #tick() {
    const now = performance.now();
    for (const card of this.cards.values()) {
      const total = card.proposal.timeout_s || 30;
      const left = Math.max(0, (card.deadline - now) / 1000);
      const ring = card.node._ring;
      ring.textContent = `${Math.ceil(left)}s`;
      ring.style.setProperty("--left", String(left / total));
      ring.dataset.urgent = left < Math.min(10, total / 3) ? "1" : "";
      ring.title = `Then: ${this.onTimeout.replace("_", " ")}`;
    }
  }

  #decidedRow(p) {
    const who = p.decided_by ? `by ${p.decided_by}` : "nobody decided in time";
    return h(
      "li",
      { class: `decided-row ${p.state}` },
      h("span", { class: "icon" }, STATE_ICONS[p.state] || "•"),
      h(
        "div",
        {},
        h("p", { dir: "auto" }, p.spoken_text || p.text),
        h("p", { class: "muted small" }, `${p.viewer} · ${p.state.replace("_", " ")} ${who}`),
      ),
    );
  }
}
