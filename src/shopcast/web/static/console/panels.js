// The console's side panels: outputs and health, rundown, products with pin/unpin, the deal.

import { fill, h } from "/static/watch/dom.js";

export function renderStatus(view, nodes) {
  const { status, latency } = view;
  nodes.dot.dataset.status = status.status;
  fill(
    nodes.outputs,
    status.outputs.map((o) =>
      h(
        "li",
        { class: "output", dataset: { state: o.state }, title: o.detail || o.state },
        h("span", { class: "led" }),
        h("span", {}, o.name),
        h("span", { class: "muted" }, o.state),
      ),
    ),
  );
  nodes.latency.textContent = latency.count
    ? `${latency.p50_s.toFixed(1)} / ${latency.p95_s.toFixed(1)} s`
    : "–";
  renderQuestions(status.questions, nodes);
  nodes.behind.textContent = `${status.behind_s.toFixed(2)} s`;
  nodes.uptime.textContent = clock(status.uptime_s);
  fill(
    nodes.errors,
    status.errors.slice(-5).reverse().map((e) => h("li", {}, `⚠ ${e}`)),
  );
}

// Every question: received / voiced / in text / refused / dropped (and why), and arrival →
// acknowledgement and → answer proper (first word of substance) per answer path.
function renderQuestions(q, nodes) {
  if (!q || !nodes.questions) return;
  const all = (q.latency || []).find((row) => row.path === "all");
  nodes.substance.textContent = all && all.substance.count
    ? `${all.substance.p50_s.toFixed(1)} / ${all.substance.p95_s.toFixed(1)} s`
    : "–";
  nodes.questions.textContent =
    `${q.received} questions · ${q.voiced} voiced (${q.grouped} grouped) · ` +
    `${q.text} in chat text · ${q.refused} refused · ${q.dropped} dropped · ${q.waiting} waiting`;
  const cell = (s) => (s.count ? `${s.p50_s.toFixed(1)} / ${s.p95_s.toFixed(1)} / ${s.max_s.toFixed(1)}` : "–");
  fill(
    nodes.paths,
    (q.latency || []).length
      ? [
          h("tr", {}, h("th", {}, "path"), h("th", {}, "n"), h("th", {}, "ack s"), h("th", {}, "answer s")),
          ...q.latency.map((row) =>
            h("tr", {}, h("td", {}, row.path), h("td", {}, String(row.substance.count)),
              h("td", {}, cell(row.ack)), h("td", {}, cell(row.substance))),
          ),
        ]
      : [],
  );
  fill(
    nodes.why,
    Object.entries(q.why || {}).slice(0, 6).map(([why, n]) => h("li", {}, `${why} ×${n}`)),
  );
}

export function renderRundown(list, rundown) {
  fill(
    list,
    rundown.map((item) =>
      h(
        "li",
        { class: item.current ? "current" : "", dataset: { kind: item.kind } },
        h("span", { class: "icon" }, item.kind === "qa" ? "💬" : "📦"),
        h("span", { class: "title" }, item.title),
        item.deal ? h("span", { class: "chip deal-chip" }, "⚡ deal") : null,
        h("span", { class: "muted small" }, clock(item.seconds)),
        item.current ? h("span", { class: "now" }, "NOW") : null,
      ),
    ),
  );
}

export function renderShelf(list, shelf, pinned, pin) {
  fill(
    list,
    shelf.map((p) => {
      const isPinned = p.sku === pinned;
      return h(
        "li",
        { class: isPinned ? "pinned" : "", dataset: { sku: p.sku } },
        h("span", { class: "title" }, isPinned ? `📌 ${p.title}` : p.title),
        h(
          "button",
          { type: "button", class: isPinned ? "ghost" : "", onclick: () => pin(isPinned ? null : p.sku) },
          isPinned ? "Unpin" : "Pin",
        ),
      );
    }),
  );
}

export function renderDeal(box, deal) {
  box.hidden = !deal;
  if (!deal) return;
  const now = Date.now();
  const end = deal.state === "live" ? Date.parse(deal.ends_at) : Date.parse(deal.starts_at);
  const left = Math.max(0, Math.round((end - now) / 1000));
  const label = { scheduled: "starts in", countdown: "starts in", live: "ends in" }[deal.state];
  fill(
    box,
    h("b", { class: "price" }, deal.price_text),
    deal.regular_price_text ? h("s", { class: "muted" }, deal.regular_price_text) : null,
    h("span", { class: "chip", dataset: { state: deal.state } }, deal.state.replace("_", " ")),
    label ? h("span", {}, `${label} ${clock(left)}`) : null,
    h("span", { class: "muted" }, `${deal.remaining}/${deal.total} left`),
  );
}

export function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const h_ = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h_ ? `${h_}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}
