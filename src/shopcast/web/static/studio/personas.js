// Personas: every host as a picture; one host's looks per market (a real frame of the rig),
// its voice per market, and an edit form that saves through PUT /studio/api/personas/{name}.

import { $, h, fill } from "/static/watch/dom.js";
import { errorText, load, studio, toast } from "./studio.js";

const api = (name) => `/studio/api/personas/${encodeURIComponent(name)}`;

function mainLook(persona) {
  return persona.markets.find((m) => m.market === "en-US") || persona.markets[0];
}

export async function showPersonas(root, [name]) {
  if (name) return showPersona(root, decodeURIComponent(name));
  const personas = await load("/studio/api/personas");
  fill(
    root,
    h("div", { class: "view-head" }, h("h1", {}, "Personas"), h("span", { class: "muted" }, "Your virtual hosts, as viewers see them")),
    h(
      "div",
      { class: "grid", id: "personas" },
      personas.map((p) =>
        h(
          "a",
          { class: "card persona-card", href: `#personas/${encodeURIComponent(p.name)}`, dataset: { name: p.name } },
          h("img", { src: mainLook(p).preview_url, alt: `${p.display_name} (${mainLook(p).market})`, loading: "lazy" }),
          h(
            "div",
            { class: "body" },
            h("h3", {}, p.display_name),
            h("p", {}, p.personality),
            h("span", { class: "muted" }, `${p.markets.length} markets`),
          ),
        ),
      ),
    ),
  );
}

async function showPersona(root, name) {
  const persona = await load(api(name));
  let current = mainLook(persona);
  const stageImage = h("img", { id: "persona-preview", alt: "" });
  const audio = h("audio", { id: "persona-voice", preload: "none" });
  const playButton = h("button", { type: "button", class: "btn btn-primary play", id: "play-voice" }, "▶ Hear the voice");
  const strip = h("div", { class: "market-strip", id: "market-strip" });
  const caption = h("p", { class: "muted", id: "market-caption", dir: "auto" });

  function select(look) {
    current = look;
    stageImage.src = look.preview_url;
    stageImage.alt = `${persona.display_name} in ${look.market_name}`;
    audio.src = look.voice_url;
    caption.textContent = `${look.market_name} · ${look.pack} · ${look.engine}/${look.voice} — “${look.greeting || ""}”`;
    for (const button of strip.querySelectorAll("button")) {
      button.classList.toggle("is-active", button.dataset.market === look.market);
    }
    form.sync(look);
  }

  playButton.addEventListener("click", async () => {
    playButton.disabled = true;
    playButton.textContent = "… making the voice";
    try {
      audio.currentTime = 0;
      await audio.play();
      playButton.textContent = "▶ Playing";
    } catch (error) {
      toast(`The voice could not play: ${error.message || error}`, "error");
      playButton.textContent = "▶ Hear the voice";
    } finally {
      playButton.disabled = false;
    }
  });
  audio.addEventListener("ended", () => (playButton.textContent = "▶ Hear the voice"));

  for (const look of persona.markets) {
    strip.append(
      h(
        "button",
        { type: "button", dataset: { market: look.market }, title: look.market_name, onclick: () => select(look) },
        h("img", { src: look.preview_url, alt: "", loading: "lazy" }),
        h("span", {}, look.market),
      ),
    );
  }

  const form = personaForm(persona, () => current);
  fill(
    root,
    h("div", { class: "view-head" }, h("a", { href: "#personas" }, "← Personas"), h("h1", { id: "persona-title" }, persona.display_name)),
    h(
      "div",
      { class: "persona-detail" },
      h("div", {}, h("div", { class: "stage-preview" }, stageImage, playButton), audio),
      h("div", {}, strip, caption, form.node),
    ),
  );
  select(current);
}

function personaForm(persona, currentLook) {
  const doc = structuredClone(persona.document);
  const field = (label, name, value, tag = "input") =>
    h("label", {}, label, h(tag, { name, id: `pf-${name}`, value: tag === "input" ? value : null }, tag === "textarea" ? value : null),
      h("span", { class: "field-error", "data-for": name }));
  const node = h(
    "form",
    { class: "card persona-form", id: "persona-form", novalidate: true },
    h("h2", {}, "Edit"),
    field("Display name", "display_name", doc.display_name),
    field("Personality", "personality", doc.personality, "textarea"),
    field("Speaking style", "speaking_style", doc.speaking_style, "textarea"),
    h("h3", { id: "pf-market-title" }, ""),
    h(
      "div",
      { class: "row" },
      field("Voice", "voice", ""),
      field("Look (avatar pack)", "pack", ""),
      field("Speed", "speed", ""),
    ),
    field("Greeting (what the voice sample says)", "greeting", ""),
    h("p", { class: "form-error", id: "persona-error", role: "alert" }),
    h("div", {}, h("button", { type: "submit", class: "btn btn-primary", id: "persona-save", disabled: !studio.canEdit }, "Save persona")),
  );
  const input = (name) => node.querySelector(`[name="${name}"]`);

  function sync(look) {
    const market = doc.markets[look.market];
    $("#pf-market-title", node).textContent = `${look.market_name} (${look.market})`;
    input("voice").value = market.voice.voice;
    input("pack").value = market.look.pack;
    input("speed").value = market.voice.speed ?? 1;
    input("greeting").value = market.greeting || "";
  }

  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    const look = currentLook();
    const market = doc.markets[look.market];
    doc.display_name = input("display_name").value;
    doc.personality = input("personality").value;
    doc.speaking_style = input("speaking_style").value;
    market.voice.voice = input("voice").value.trim();
    market.voice.speed = Number(input("speed").value);
    market.look.pack = input("pack").value.trim();
    market.greeting = input("greeting").value.trim() || null;
    for (const span of node.querySelectorAll(".field-error")) span.textContent = "";
    $("#persona-error", node).textContent = "";
    try {
      await load(api(persona.name), { method: "PUT", body: doc });
      toast("Persona saved");
      location.hash = `#personas/${encodeURIComponent(persona.name)}`;
      await showPersonas($("#view-personas"), [persona.name]);
    } catch (error) {
      $("#persona-error", node).textContent = errorText(error);
    }
  });
  return { node, sync };
}
