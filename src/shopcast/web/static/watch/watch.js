// The watch page: wires the player, the live event stream, chat, shelf, deal and the shop.

import { Tracker } from "./analytics.js";
import { api, request } from "./api.js";
import { Assistant } from "./assistant.js";
import { Cart, cartView } from "./cart.js";
import { Catalog } from "./catalog.js";
import { ChatBox, ChatFeed } from "./chat.js";
import { Checkout } from "./checkout.js";
import { DealCard } from "./deal.js";
import { $, h } from "./dom.js";
import { serverClock, variantPrice } from "./format.js";
import { viewerId } from "./ids.js";
import { LiveSocket } from "./live.js";
import { LivePlayer } from "./player.js";
import { productView } from "./product.js";
import { Sheet } from "./sheet.js";
import { Shelf } from "./shelf.js";
import { t } from "./strings.js";
import { toast } from "./toasts.js";

const { showId, market, currency, country } = document.body.dataset;
const locale = market;
const showPath = `/api/shows/${encodeURIComponent(showId)}`;
const viewer = viewerId();

const catalog = new Catalog();
const tracker = new Tracker(showId, viewer);
const link = new URLSearchParams(location.search); // a variant's video links here with its ids
tracker.setVariant(link.get("experiment"), link.get("variant"));
const sheet = new Sheet($("#sheet"));
const feed = new ChatFeed($("#chat-feed"));
const cart = new Cart({ showId, viewerId: viewer, currency, onChange: showCartCount });
const checkout = new Checkout({
  market,
  country,
  locale,
  viewerId: viewer,
  cart,
  catalog,
  sheet,
  onOrdered: () => {},
});
const shelf = new Shelf($("#shelf"), $("#pinned"), { catalog, currency, locale, onOpen: openProduct });
const deal = new DealCard($("#deal"), {
  catalog,
  onBuy: (current) => {
    tracker.track("product_click", { sku: current.sku });
    checkout.openDeal(current);
  },
});
const onAir = { shelf: [], pinned: null }; // the show's products and the one on screen
const assistant = new Assistant({
  sheet,
  catalog,
  viewerId: viewer,
  market,
  showId,
  shelf: () => onAir.shelf,
  pinned: () => onAir.pinned,
  onOpen: (sku, back) => openProduct(sku, { back }),
});
let socket = null;

const chatBox = new ChatBox($("#composer"), $("#chat-note"), $("#name-chip"), (name, text) => {
  if (socket && socket.sendChat(name, text)) return Promise.resolve(null); // receipt comes as an event
  return api(`${showPath}/chat`, { method: "POST", body: { user_id: viewer, name, text } });
});

function applyState(state) {
  tracker.segment = state.segment || null;
  tracker.setVariant(state.experiment_id, state.variant_id); // a segment airing a variant
  const pill = $("#status");
  pill.dataset.status = state.status;
  pill.textContent =
    { starting: t("starting"), live: t("live"), off_air: t("offAir") }[state.status] || t("ended");
  shelf.update(state.shelf, state.pinned_sku);
  onAir.shelf = [...(state.pinned_sku ? [state.pinned_sku] : []), ...(state.shelf || [])];
  onAir.pinned = state.pinned_sku || null;
  deal.update(state.deal);
  const question = $("#question");
  question.hidden = !state.on_screen_question;
  $("#question-text").textContent = state.on_screen_question || "";
  feed.sync(state.recent_chat);
  const over = state.status === "stopped" || state.status === "failed";
  $("#ended").hidden = !over;
  $("#ended-text").textContent = over ? t("showEnded") : "";
}

function onEvent(event) {
  switch (event.type) {
    case "state":
      applyState(event.state);
      break;
    case "chat":
      feed.add(event.line);
      break;
    case "answer":
      feed.answer(event.question, event.answer);
      break;
    case "disclosure": // for this viewer only: the host is an AI
      feed.answer(null, event.text);
      break;
    case "answer_text": // a question the host could not get to aloud in time, answered here
      feed.answer(event.question, event.answer);
      break;
    case "queued": // for this viewer only: where their question stands
      $("#chat-note").textContent = event.text || "";
      break;
    case "purchase":
      toast($("#toasts"), event.text);
      break;
    case "receipt":
      chatBox.refused(event);
      break;
    case "error":
      $("#chat-note").textContent = event.message || "";
      break;
    default:
      break;
  }
}

function openProduct(sku, { back } = {}) {
  const hit = catalog.find(sku);
  if (!hit) return;
  const { product, variant } = hit;
  tracker.track("product_click", { sku: product.sku });
  const askAboutIt = h(
    "button",
    { type: "button", class: "btn btn-ask btn-block", onclick: () => assistant.open(product.sku) },
    t("askAboutThis"),
  );
  sheet.show(
    "product",
    product.title,
    [
      productView(product, variant ? variant.sku : null, {
        currency,
        locale,
        onAdd: addToCart,
        onViewCart: () => openCart(),
      }),
      askAboutIt,
    ],
    { back },
  );
}

async function addToCart(product, variant, quantity) {
  await cart.add(variant.sku, quantity);
  const quote = variantPrice(product, variant, currency);
  tracker.track("add_to_cart", {
    sku: variant.sku,
    amount: quote ? (Number(quote.price) * quantity).toFixed(2) : null,
    currency: quote ? currency : null,
  });
}

function openCart() {
  sheet.show(
    "cart",
    t("cart"),
    cartView(cart, catalog, {
      locale,
      onCheckout: () => checkout.openCart(openCart),
      onRemoved: openCart,
    }),
  );
}

function showCartCount() {
  const count = $("#cart-count");
  count.textContent = String(cart.count);
  count.hidden = cart.count === 0;
}

function wireShop() {
  const shop = $("#shop");
  $("#shop-title").textContent = t("shopTheShow");
  $("#open-shop").setAttribute("aria-label", t("shop"));
  $("#open-cart").setAttribute("aria-label", t("cart"));
  $("#ask-label").textContent = t("ask");
  $("#open-assistant").title = t("askTitle");
  $("#open-assistant").addEventListener("click", () => assistant.open(null));
  $("#open-shop").addEventListener("click", () => shop.classList.toggle("is-open"));
  $("#close-shop").addEventListener("click", () => shop.classList.remove("is-open"));
  $("#open-cart").addEventListener("click", openCart);
  $("#shelf").addEventListener("click", () => shop.classList.remove("is-open"));
}

async function boot() {
  wireShop();
  new LivePlayer($("#video"), $("#sound"), `/live/${encodeURIComponent(showId)}/hls/index.m3u8`).start();
  const sentAt = Date.now();
  const [{ data: state, response }] = await Promise.all([
    request(`${showPath}/state`),
    catalog.load().catch(() => {}),
  ]);
  serverClock.calibrate(response, sentAt, Date.now());
  applyState(state);
  cart.load();
  socket = new LiveSocket(showId, viewer, {
    onEvent,
    onStatus: (status) => {
      document.body.dataset.socket = status;
      $("#chat-note").textContent = status === "down" ? t("reconnecting") : "";
    },
  });
  socket.open();
  tracker.track("join");
  addEventListener("pagehide", () => tracker.track("leave"), { once: true });
}

boot();
