// The studio shell: who is signed in, the tabs (#personas, #catalog, #scripts, #renders) and
// small helpers the views share. Text always goes into the page as text (dom.js's h()).

import { api, ApiError } from "/static/watch/api.js";
import { $, h } from "/static/watch/dom.js";
import { showPersonas } from "./personas.js";
import { showCatalog } from "./catalog.js";
import { showScripts } from "./scripts.js";
import { showRenders } from "./renders.js";

const VIEWS = { personas: showPersonas, catalog: showCatalog, scripts: showScripts, renders: showRenders };
const EDITOR_ROLES = new Set(["editor", "owner"]);

export const studio = { me: null, canEdit: false, current: null };

export function toast(text, kind = "info") {
  const node = h("div", { class: `toast${kind === "error" ? " is-error" : ""}`, role: "status" }, text);
  $("#toasts").append(node);
  setTimeout(() => node.remove(), 4000);
}

/** The message of a refusal, with its field problems. */
export function errorText(error) {
  if (!(error instanceof ApiError)) return String(error);
  const problems = error.problems.map((p) => `${p.field}: ${p.problem}`);
  return problems.length ? problems.join("; ") : error.message;
}

export async function load(path, options) {
  try {
    return await api(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) showSignIn();
    throw error;
  }
}

function showSignIn() {
  document.body.dataset.view = "signin";
  $("#signin").hidden = false;
  $("#tabs").hidden = true;
  $("#who").hidden = true;
  for (const view of document.querySelectorAll(".view")) view.hidden = true;
}

async function whoAmI() {
  try {
    studio.me = await api("/auth/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
  studio.canEdit = EDITOR_ROLES.has(studio.me.role);
  $("#who-name").textContent = studio.me.name;
  $("#who-role").textContent = studio.me.role;
  $("#who").hidden = false;
  return studio.me;
}

async function route() {
  if (!studio.me) return;
  const name = location.hash.replace(/^#/, "").split("/")[0] || "personas";
  const view = VIEWS[name] ? name : "personas";
  document.body.dataset.view = view;
  $("#signin").hidden = true;
  $("#tabs").hidden = false;
  for (const link of document.querySelectorAll("#tabs a")) {
    link.classList.toggle("is-active", link.dataset.tab === view);
  }
  for (const [key] of Object.entries(VIEWS)) $(`#view-${key}`).hidden = key !== view;
  studio.current = view;
  const root = $(`#view-${view}`);
  try {
    await VIEWS[view](root, location.hash.replace(/^#/, "").split("/").slice(1));
  } catch (error) {
    toast(errorText(error), "error");
  }
}

async function signIn(event) {
  event.preventDefault();
  const error = $("#signin-error");
  error.textContent = "";
  try {
    await api("/auth/login", {
      method: "POST",
      body: { name: $("#signin-name").value.trim(), password: $("#signin-password").value },
    });
  } catch (failure) {
    error.textContent = errorText(failure);
    return;
  }
  $("#signin-password").value = "";
  await start();
}

async function signOut() {
  await api("/auth/logout", { method: "POST" }).catch(() => null);
  studio.me = null;
  showSignIn();
}

async function start() {
  const me = await whoAmI();
  if (!me) {
    showSignIn();
    return;
  }
  if (me.role === "viewer") {
    showSignIn();
    $("#signin-error").textContent = "A viewer account cannot use the studio; ask an owner for the editor role.";
    return;
  }
  await route();
}

$("#signin-form").addEventListener("submit", signIn);
$("#sign-out").addEventListener("click", signOut);
window.addEventListener("hashchange", route);
start();
