// The console's sign-in form: POST /auth/login sets the session cookie, then the page reloads
// into the console (or says why the account may not use it).

import { api } from "./api.js";

const form = document.getElementById("signin-form");
const note = document.getElementById("signin-note");
const signOut = document.getElementById("sign-out");
signOut.hidden = !document.getElementById("refusal").textContent.trim();

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  note.textContent = "Signing in…";
  try {
    await api("POST", "/auth/login", {
      name: form.elements.name.value.trim(),
      password: form.elements.password.value,
    });
    location.reload();
  } catch (error) {
    note.textContent = error.message;
  }
});

signOut.addEventListener("click", async () => {
  await api("POST", "/auth/logout").catch(() => {});
  location.reload();
});
