// Scripts: a brief becomes N variants shown side by side (beats that differ are marked); click
// a line to edit it (the server checks it against the catalog), approve a variant, render it.

import { $, h, fill } from "/static/watch/dom.js";
import { errorText, load, studio, toast } from "./studio.js";
import { catalogItems, productThumb } from "./catalog.js";

let personas = null;
let lastBrief = null; // the form as last sent, so it stays filled in after the variants arrive

export async function showScripts(root, [batch]) {
  const [items, people] = await Promise.all([catalogItems(), personas || load("/studio/api/personas")]);
  personas = people;
  const form = briefForm(items, people);
  const results = h("div", { class: "variants", id: "variants" });
  fill(
    root,
    h("div", { class: "view-head" }, h("h1", {}, "Scripts"), h("span", { class: "muted" }, "A brief in, variants out: compare, edit, approve")),
    form,
    results,
  );
  if (!batch) {
    const latest = await load("/studio/api/scripts");
    batch = latest.length ? latest[0].batch : null;
  }
  if (batch) await showBatch(results, batch);
}

function options(list, value, label) {
  return list.map((item) => h("option", { value: value(item) }, label(item)));
}

function briefForm(items, people) {
  const product = h("select", { name: "product", id: "brief-product" }, options(items, (i) => i.sku, (i) => i.title));
  const persona = h("select", { name: "persona", id: "brief-persona" }, options(people, (p) => p.name, (p) => p.display_name));
  const market = h("select", { name: "market", id: "brief-market" });
  const thumb = h("span", { class: "thumb" });
  const syncMarkets = () => {
    const chosen = people.find((p) => p.name === persona.value);
    const previous = market.value || "en-US";
    fill(market, options(chosen.markets, (m) => m.market, (m) => `${m.market} · ${m.market_name}`));
    market.value = chosen.markets.some((m) => m.market === previous) ? previous : chosen.markets[0].market;
  };
  const syncThumb = () => fill(thumb, productThumb(items.find((i) => i.sku === product.value)));
  persona.addEventListener("change", syncMarkets);
  product.addEventListener("change", syncThumb);
  if (lastBrief) {
    product.value = lastBrief.product;
    persona.value = lastBrief.persona;
  }
  syncMarkets();
  if (lastBrief) market.value = lastBrief.market;
  syncThumb();
  const error = h("p", { class: "form-error", id: "brief-error", role: "alert" });
  const button = h("button", { type: "submit", class: "btn btn-primary", id: "brief-generate", disabled: !studio.canEdit }, "Write variants");
  const node = h(
    "form",
    { class: "card brief-form", id: "brief-form" },
    h("div", { class: "product-pick" }, thumb, h("label", {}, "Product", product)),
    h("label", {}, "Persona", persona),
    h("label", {}, "Market", market),
    h("label", {}, "Length (s)", h("input", { name: "length_s", id: "brief-length", type: "number", min: 5, max: 180, value: 20 })),
    h("label", {}, "Variants", h("input", { name: "variants", id: "brief-variants", type: "number", min: 1, max: 5, value: 2 })),
    h("label", { class: "wide" }, "Brief", h("textarea", { name: "brief", id: "brief-text", maxlength: 2000, placeholder: "Angle, audience and tone, e.g. evening routine for dry winter skin" })),
    h(
      "label",
      {},
      "Writer",
      h("select", { name: "writer", id: "brief-writer" }, h("option", { value: "templates" }, "Catalog templates (instant)"), h("option", { value: "llm" }, "Language model")),
    ),
    h("div", { class: "wide" }, error),
    h("div", {}, button),
  );
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    button.disabled = true;
    button.textContent = "Writing…";
    try {
      const body = {
        product: product.value,
        persona: persona.value,
        market: market.value,
        brief: $("#brief-text").value.trim() || null,
        length_s: Number($("#brief-length").value),
        variants: Number($("#brief-variants").value),
        writer: $("#brief-writer").value,
      };
      const written = await load("/studio/api/scripts", { method: "POST", body });
      lastBrief = body;
      location.hash = `#scripts/${written[0].batch}`;
    } catch (failure) {
      error.textContent = errorText(failure);
    } finally {
      button.disabled = !studio.canEdit;
      button.textContent = "Write variants";
    }
  });
  if (lastBrief) {
    $("#brief-text", node).value = lastBrief.brief || "";
    $("#brief-length", node).value = lastBrief.length_s;
    $("#brief-variants", node).value = lastBrief.variants;
    $("#brief-writer", node).value = lastBrief.writer;
  }
  return node;
}

async function showBatch(root, batch) {
  const variants = (await load(`/studio/api/scripts?batch=${encodeURIComponent(batch)}`)).sort((a, b) => a.variant - b.variant);
  let differs = new Set();
  if (variants.length >= 2) {
    const comparison = await load(`/studio/api/scripts/compare?a=${variants[0].id}&b=${variants[1].id}`);
    differs = new Set(comparison.beats.filter((b) => !b.same).map((b) => b.kind));
  }
  fill(root, variants.map((v) => variantCard(v, differs, () => showBatch(root, batch))));
}

function variantCard(stored, differs, refresh) {
  const script = stored.script;
  const approved = stored.status === "approved";
  const letter = String.fromCharCode(65 + stored.variant);
  const approve = h(
    "button",
    { type: "button", class: "btn btn-ok btn-small", "data-action": "approve", disabled: approved || !studio.canEdit },
    approved ? "Approved" : "Approve",
  );
  approve.addEventListener("click", async () => {
    try {
      await load(`/studio/api/scripts/${stored.id}/approve`, { method: "POST" });
      toast(`Variant ${letter} approved`);
      await refresh();
    } catch (error) {
      toast(errorText(error), "error");
    }
  });
  const render = h("button", { type: "button", class: "btn btn-primary btn-small", "data-action": "render", hidden: !approved }, "Render");
  render.addEventListener("click", () => {
    location.hash = `#renders/new/${stored.id}`;
  });
  return h(
    "article",
    { class: `card variant${approved ? " is-approved" : ""}`, dataset: { id: stored.id, status: stored.status } },
    h(
      "div",
      { class: "variant-head" },
      h("h2", {}, `Variant ${letter}`),
      h("span", { class: `badge badge-${stored.status}` }, stored.status),
      h("span", { class: "muted" }, `~${script.beats.reduce((s, b) => s + b.est_seconds, 0).toFixed(0)} s`),
      h("div", { class: "actions" }, approve, render),
    ),
    script.beats.map((beat, index) => beatRow(stored, beat, index, differs, refresh)),
    script.checks.length ? h("ul", { class: "checks" }, script.checks.map((c) => h("li", {}, c))) : null,
  );
}

function beatRow(stored, beat, index, differs, refresh) {
  const text = h("p", { class: "beat-text", dir: "auto", tabindex: 0, title: "Click to edit" }, beat.text);
  const row = h(
    "div",
    { class: `beat${differs.has(beat.kind) ? " is-different" : ""}`, dataset: { index, kind: beat.kind } },
    h("div", { class: "beat-kind" }, beat.kind, h("small", {}, `${beat.est_seconds.toFixed(1)} s`)),
    text,
  );
  const edit = () => {
    if (!studio.canEdit || row.querySelector("textarea")) return;
    const area = h("textarea", { class: "beat-input", dir: "auto", maxlength: 600 }, beat.text);
    const error = h("span", { class: "field-error beat-error", role: "alert" });
    const save = h("button", { type: "button", class: "btn btn-primary btn-small", "data-action": "save-beat" }, "Save line");
    const cancel = h("button", { type: "button", class: "btn btn-small", onclick: () => refresh() }, "Cancel");
    save.addEventListener("click", async () => {
      error.textContent = "";
      try {
        await load(`/studio/api/scripts/${stored.id}/beats/${index}`, { method: "PATCH", body: { text: area.value } });
        toast("Line saved");
        await refresh();
      } catch (failure) {
        error.textContent = errorText(failure);
      }
    });
    text.replaceWith(h("div", { class: "beat-edit" }, area, error, h("div", {}, save, " ", cancel)));
    area.focus();
  };
  text.addEventListener("click", edit);
  text.addEventListener("keydown", (event) => event.key === "Enter" && edit());
  return row;
}
