// The chat feed over the video and the box to write in. Every viewer's name and text is set
// as text (never parsed as HTML) and isolated with dir="auto", so emoji, RTL and mixed scripts
// display in their own direction.

import { h } from "./dom.js";
import { store } from "./ids.js";
import { t } from "./strings.js";

const MAX_LINES = 80;

export class ChatFeed {
  constructor(list) {
    this.list = list;
    this.seen = new Set();
  }

  /** A viewer's line: {message_id, name, text, at}; repeats (state and event) show once. */
  add(line) {
    if (!line || !line.message_id || this.seen.has(line.message_id)) return;
    this.seen.add(line.message_id);
    this.#push(
      h(
        "li",
        { class: "msg", dataset: { id: line.message_id } },
        h("span", { class: "msg-name", dir: "auto" }, line.name),
        h("span", { class: "msg-text", dir: "auto" }, line.text),
      ),
    );
  }

  sync(lines) {
    for (const line of lines || []) this.add(line);
  }

  answer(question, answer) {
    this.#push(
      h(
        "li",
        { class: "msg msg-answer" },
        h("span", { class: "msg-name" }, `🤖 ${t("hostAnswered")}`),
        question ? h("span", { class: "msg-quote", dir: "auto" }, question) : null,
        h("span", { class: "msg-text", dir: "auto" }, answer),
      ),
    );
  }

  #push(item) {
    const stick = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    this.list.append(item);
    while (this.list.children.length > MAX_LINES) this.list.firstElementChild.remove();
    if (stick) this.list.scrollTop = this.list.scrollHeight;
  }
}

export class ChatBox {
  /** `send(name, text)` returns a promise of {accepted, reason}. */
  constructor(form, note, nameChip, send) {
    this.form = form;
    this.input = form.elements.text;
    this.note = note;
    this.nameChip = nameChip;
    this.send = send;
    this.name = store.get("shopcast.name") || `Guest ${Math.floor(1000 + Math.random() * 9000)}`;
    this.input.placeholder = t("chatPlaceholder");
    this.#showName();
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#submit();
    });
    nameChip.addEventListener("click", () => this.#editName());
  }

  async #submit() {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = "";
    this.note.textContent = "";
    try {
      const receipt = await this.send(this.name, text);
      if (receipt && receipt.accepted === false) {
        this.note.textContent = t("chatRefused", { reason: receipt.reason || "" });
      }
    } catch (error) {
      this.input.value = text;
      this.note.textContent = error.message || t("networkError");
    }
  }

  refused(receipt) {
    if (receipt && receipt.accepted === false) {
      this.note.textContent = t("chatRefused", { reason: receipt.reason || "" });
    }
  }

  #showName() {
    this.nameChip.textContent = this.name;
    this.nameChip.title = t("chatAs", { name: this.name });
  }

  #editName() {
    const input = h("input", {
      class: "name-input",
      value: this.name,
      maxlength: 25,
      "aria-label": t("yourName"),
      dir: "auto",
    });
    const done = () => {
      const name = input.value.trim();
      if (name) {
        this.name = name;
        store.set("shopcast.name", name);
      }
      input.replaceWith(this.nameChip);
      this.#showName();
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        done();
      }
    });
    input.addEventListener("blur", done, { once: true });
    this.nameChip.replaceWith(input);
    input.focus();
    input.select();
  }
}
