// Renders: start a job (an approved script, or a quick catalog script), watch its progress
// bar move (Server-Sent Events), then play the video (C2PA-signed MP4) right in its card.

import { h, fill } from "/static/watch/dom.js";
import { errorText, load, studio } from "./studio.js";

const STAGES = {
  queued: "Waiting in line",
  script: "Writing the script",
  speech: "Speaking the lines",
  render: "Rendering frames",
  finishing: "Signing and finishing",
  done: "Ready",
  failed: "Failed",
};
const streams = new Map(); // job id → EventSource

export async function showRenders(root, [mode, scriptId]) {
  const [approved, jobs] = await Promise.all([load("/studio/api/scripts?status=approved"), load("/studio/api/renders")]);
  const list = h("div", { class: "jobs", id: "jobs" });
  fill(
    root,
    h("div", { class: "view-head" }, h("h1", {}, "Renders"), h("span", { class: "muted" }, "One job at a time; each video carries its AI-generated credentials")),
    renderForm(approved, mode === "new" ? Number(scriptId) : null, list),
    list,
  );
  for (const job of jobs) list.append(jobCard(job));
}

function scriptLabel(s) {
  return `#${s.id} · ${s.product_sku} · ${s.persona} · ${s.market} · variant ${String.fromCharCode(65 + s.variant)}`;
}

function renderForm(approved, chosen, list) {
  const script = h(
    "select",
    { name: "script_id", id: "render-script" },
    approved.length ? approved.map((s) => h("option", { value: s.id, selected: s.id === chosen }, scriptLabel(s))) : h("option", { value: "" }, "No approved script yet"),
  );
  const aspect = h("select", { name: "aspect", id: "render-aspect" }, h("option", { value: "9:16" }, "9:16 (phone)"), h("option", { value: "16:9" }, "16:9 (wide)"));
  const error = h("p", { class: "form-error", id: "render-error", role: "alert" });
  const start = h("button", { type: "submit", class: "btn btn-primary", id: "render-start", disabled: !studio.canEdit || !approved.length }, "Render video");
  const node = h("form", { class: "card render-form", id: "render-form" }, h("label", {}, "Approved script", script), h("label", {}, "Aspect", aspect), start, error);
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    try {
      const job = await load("/studio/api/renders", { method: "POST", body: { script_id: Number(script.value), aspect: aspect.value } });
      list.prepend(jobCard(job));
    } catch (failure) {
      error.textContent = errorText(failure);
    }
  });
  return node;
}

function jobCard(job) {
  const card = h("article", { class: "card job", dataset: { id: job.id, status: job.status } });
  update(card, job);
  if (job.status === "queued" || job.status === "running") follow(card, job.id);
  return card;
}

function follow(card, id) {
  streams.get(id)?.close();
  const source = new EventSource(`/studio/api/renders/${id}/events`);
  streams.set(id, source);
  source.addEventListener("progress", (event) => {
    const job = JSON.parse(event.data);
    update(card, job);
    if (job.status === "done" || job.status === "failed") {
      source.close();
      streams.delete(id);
    }
  });
  source.onerror = () => {
    // The stream ends after the final event; if the connection drops, read the state once.
    source.close();
    streams.delete(id);
    load(`/studio/api/renders/${id}`).then((job) => {
      update(card, job);
      if (job.status === "queued" || job.status === "running") setTimeout(() => follow(card, id), 1000);
    }).catch(() => null);
  };
}

function update(card, job) {
  const previous = card.dataset.status;
  card.dataset.status = job.status;
  const landscape = job.aspect === "16:9";
  const label = STAGES[job.stage] || job.stage;
  const percent = Math.round(job.percent);
  const bar = h("div", { style: null });
  const progress = h("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": percent, "aria-label": label }, bar);
  bar.style.width = `${percent}%`;
  let media = card.querySelector(".job-media");
  const needsPlayer = job.status === "done" && !(media && media.querySelector("video"));
  if (!media || needsPlayer || previous !== job.status) {
    media = h(
      "div",
      { class: `job-media${landscape ? " landscape" : ""}` },
      job.status === "done"
        ? h("video", { src: job.video_url, poster: job.thumbnail_url, controls: true, playsinline: true, preload: "metadata" })
        : job.status === "failed"
          ? h("span", {}, "✕")
          : h("div", { class: "spinner", "aria-hidden": "true" }),
    );
  }
  fill(
    card,
    media,
    h(
      "div",
      { class: "body" },
      h("h3", {}, `${job.product_sku} · ${job.persona} · ${job.market} · ${job.aspect}`),
      progress,
      h("div", { class: "stage-line" }, h("span", { class: "stage" }, label), h("span", { class: "percent" }, `${percent}%`)),
      job.error ? h("p", { class: "field-error" }, job.error) : null,
      job.duration_s ? h("span", { class: "muted" }, `${job.duration_s.toFixed(1)} s video`) : null,
    ),
  );
}
