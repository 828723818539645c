// "Take over with my voice": loads the voice takeover module (/static/takeover/takeover.js,
// exporting startTakeover(showId, opts) and stopTakeover()) only when pressed, and says so
// plainly when this server does not have it. Its onStatus sentences become the note.

const MODULE_URL = "/static/takeover/takeover.js";

export function setupTakeover(button, note, showId) {
  let module = null;
  let active = false;
  const say = (text) => {
    note.textContent = text;
  };

  button.addEventListener("click", async () => {
    if (active) {
      try {
        await module.stopTakeover();
      } finally {
        active = false;
        button.classList.remove("on");
        button.textContent = "🎤 Take over with my voice";
        say("The host speaks on its own again.");
      }
      return;
    }
    try {
      module = module || (await import(MODULE_URL));
    } catch {
      say("Voice takeover is not installed on this server (no /static/takeover/takeover.js).");
      return;
    }
    if (typeof module.startTakeover !== "function") {
      say("The voice takeover module has no startTakeover(): update the server.");
      return;
    }
    button.disabled = true;
    say("Starting your microphone…");
    try {
      await module.startTakeover(showId, { onStatus: say });
      active = true;
      button.classList.add("on");
      button.textContent = "⏹ Give the voice back"; // the module's onStatus says the rest
    } catch (error) {
      say(`Could not take over: ${error && error.message ? error.message : error}`);
    } finally {
      button.disabled = false;
    }
  });
}
