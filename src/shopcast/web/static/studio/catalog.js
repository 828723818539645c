// The catalog at a glance: a picture, the name, stock and a price per market; and a product's
// words per language, its own copy beside another language's, to edit and approve
// (#catalog/<sku>/<language>). A draft the model wrote is never used by videos or shows until
// an editor approves it here.

import { h, fill } from "/static/watch/dom.js";
import { errorText, load, studio, toast } from "./studio.js";

let products = null;

const STATE_LABEL = {
  own: "its own language",
  seller: "seller's words",
  approved: "approved",
  drafted: "drafted — review",
  missing: "missing",
};

export async function catalogItems() {
  products = products || (await load("/studio/api/catalog"));
  return products;
}

export function productThumb(item) {
  return item && item.image_url
    ? h("img", { src: item.image_url, alt: "", loading: "lazy" })
    : h("div", { class: "noimg", "aria-hidden": "true" });
}

export async function showCatalog(root, parts = []) {
  const [sku, language] = parts.map(decodeURIComponent);
  if (sku) return showTexts(root, sku, language);
  const items = await catalogItems();
  fill(
    root,
    h("div", { class: "view-head" }, h("h1", {}, "Catalog"), h("span", { class: "muted" }, `${items.length} products`)),
    h(
      "div",
      { class: "grid", id: "products" },
      items.map((item) =>
        h(
          "article",
          { class: "card product-card", dataset: { sku: item.sku } },
          productThumb(item),
          h(
            "div",
            { class: "body" },
            h("h3", { dir: "auto" }, item.title),
            h("span", { class: "muted" }, `${item.category || "—"} · ${item.stock} in stock · ${item.variants} variant${item.variants === 1 ? "" : "s"}`),
            h(
              "div",
              { class: "prices" },
              item.prices.map((p) => h("span", { class: "price", title: p.currency }, h("b", {}, p.market), p.text)),
            ),
            h("a", { class: "btn btn-small words-link", href: `#catalog/${encodeURIComponent(item.sku)}` }, "Words per language"),
          ),
        ),
      ),
    ),
  );
}

function lines(text) {
  return text.split("\n").map((line) => line.trim()).filter(Boolean);
}

function faqLines(faqs) {
  return faqs.map((f) => `${f.question} :: ${f.answer}`).join("\n");
}

function parseFaqs(text) {
  const faqs = [];
  for (const line of lines(text)) {
    const at = line.indexOf("::");
    if (at < 0) throw new Error(`FAQ line "${line}" must read "question :: answer"`);
    faqs.push({ question: line.slice(0, at).trim(), answer: line.slice(at + 2).trim() });
  }
  return faqs;
}

function sourceColumn(view) {
  const s = view.source;
  const row = (label, value) => h("div", { class: "text-field" }, h("span", { class: "text-label" }, label), h("p", { dir: "auto" }, value || "—"));
  return h(
    "div",
    { class: "card text-column", id: "text-source", lang: view.language },
    h("h2", {}, `Source (${view.language})`),
    row("Title", s.title),
    row("Spoken name", s.spoken_name),
    row("Description", s.description),
    row("Selling points", s.selling_points.join("\n")),
    row("FAQs", faqLines(s.faqs)),
  );
}

function editColumn(view, language) {
  const text = view.texts[language] || { title: "", spoken_name: "", description: "", selling_points: [], attributes: {}, faqs: [], origin: "missing" };
  const state = (view.languages.find((l) => l.language === language) || {}).state || "missing";
  const readOnly = !studio.canEdit;
  const field = (label, name, value, multiline) =>
    h("label", {}, label, multiline
      ? h("textarea", { name, id: `text-${name}`, dir: "auto", rows: 4, readonly: readOnly }, value)
      : h("input", { name, id: `text-${name}`, dir: "auto", value, readonly: readOnly }));
  const form = h(
    "form",
    { class: "card text-column", id: "text-form", lang: language },
    h("div", { class: "text-head" }, h("h2", {}, `${language}`), h("span", { class: `badge badge-${state}`, id: "text-state" }, STATE_LABEL[state] || state)),
    field("Title", "title", text.title, false),
    field("Spoken name", "spoken_name", text.spoken_name, false),
    field("Description", "description", text.description, true),
    field("Selling points (one per line)", "selling_points", text.selling_points.join("\n"), true),
    field("FAQs (question :: answer, one per line)", "faqs", faqLines(text.faqs), true),
    h("p", { class: "form-error", id: "text-error", role: "alert" }),
    readOnly
      ? h("p", { class: "muted" }, "Editors can change and approve these words.")
      : h(
          "div",
          { class: "text-actions" },
          h("button", { type: "submit", class: "btn", id: "text-save", value: "save" }, "Save"),
          h("button", { type: "submit", class: "btn btn-ok", id: "text-approve", value: "approve" }, "Save and approve"),
        ),
  );
  form.dataset.attributes = JSON.stringify(text.attributes || {});
  form.addEventListener("submit", (event) => saveText(event, view, language));
  return form;
}

async function saveText(event, view, language) {
  event.preventDefault();
  const form = event.currentTarget;
  const error = form.querySelector("#text-error");
  error.textContent = "";
  const value = (name) => form.querySelector(`[name="${name}"]`).value;
  let body;
  try {
    body = {
      title: value("title"),
      spoken_name: value("spoken_name"),
      description: value("description"),
      selling_points: lines(value("selling_points")),
      attributes: JSON.parse(form.dataset.attributes || "{}"),
      faqs: parseFaqs(value("faqs")),
      approve: event.submitter && event.submitter.value === "approve",
    };
  } catch (failure) {
    error.textContent = failure.message;
    return;
  }
  try {
    const saved = await load(`/studio/api/catalog/${encodeURIComponent(view.sku)}/texts/${encodeURIComponent(language)}`, { method: "PUT", body });
    toast(body.approve ? `${language} words approved` : `${language} words saved`);
    renderTexts(document.querySelector("#view-catalog"), saved, language);
  } catch (failure) {
    error.textContent = errorText(failure);
  }
}

function renderTexts(root, view, language) {
  const others = view.languages.filter((l) => l.state !== "own");
  const chosen = language && others.some((l) => l.language === language) ? language : (others[0] || {}).language;
  fill(
    root,
    h(
      "div",
      { class: "view-head" },
      h("a", { href: "#catalog", class: "btn btn-small" }, "← Catalog"),
      h("h1", { dir: "auto" }, view.title),
      h("span", { class: "muted" }, view.status === "active" ? "on sale" : `${view.status}: not presented or sold`),
    ),
    h(
      "div",
      { class: "markets", id: "text-languages" },
      others.map((l) =>
        h(
          "a",
          {
            class: `chip${l.language === chosen ? " is-active" : ""}`,
            href: `#catalog/${encodeURIComponent(view.sku)}/${l.language}`,
            dataset: { language: l.language, state: l.state },
            title: l.markets.join(", "),
          },
          l.language,
          h("span", { class: `badge badge-${l.state}` }, STATE_LABEL[l.state] || l.state),
        ),
      ),
    ),
    view.copy_flags.length
      ? h("div", { class: "card copy-flags", id: "copy-flags" }, h("b", {}, "Taken out of the copy (read as instructions to the host):"), h("ul", {}, view.copy_flags.map((f) => h("li", { dir: "auto" }, f))))
      : null,
    chosen ? h("div", { class: "text-sides" }, sourceColumn(view), editColumn(view, chosen)) : h("p", { class: "muted" }, "No other language to show."),
  );
}

async function showTexts(root, sku, language) {
  try {
    const view = await load(`/studio/api/catalog/${encodeURIComponent(sku)}/texts`);
    renderTexts(root, view, language);
  } catch (failure) {
    toast(errorText(failure), "error");
  }
}
