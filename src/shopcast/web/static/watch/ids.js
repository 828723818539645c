// Random ids and the viewer's remembered id, name and cart (localStorage when allowed).

export function uid() {
  // crypto.randomUUID needs a secure context; getRandomValues works on plain http too.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const memory = new Map();

export const store = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  },
  remove(key) {
    try {
      localStorage.removeItem(key);
    } catch {
      memory.delete(key);
    }
  },
};

export function viewerId() {
  let id = store.get("shopcast.viewer");
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    id = `v-${uid().slice(0, 20)}`;
    store.set("shopcast.viewer", id);
  }
  return id;
}
