// Building DOM nodes without HTML strings: text always goes in as text (never innerHTML), so
// viewer chat, product copy and server messages cannot inject elements or scripts.

/**
 * h("p", {class: "x", dir: "auto", onclick: fn}, "text", child, [more, children])
 * Strings and numbers become text nodes; null/false children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(node.dataset, value);
    } else if (value === true) {
      node.setAttribute(key, "");
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.append(child);
    else node.append(document.createTextNode(String(child)));
  }
}

export const $ = (selector, root = document) => root.querySelector(selector);

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Replace `node`'s children, with the same rules as h() (null/false skipped, text as text). */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}
