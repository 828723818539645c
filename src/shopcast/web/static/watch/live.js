// The show's event stream over a WebSocket, reconnecting with backoff; chat goes out on it.

const MAX_BACKOFF_MS = 10000;

export class LiveSocket {
  constructor(showId, viewerId, { onEvent, onStatus }) {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    this.url = `${scheme}://${location.host}/api/shows/${encodeURIComponent(showId)}/ws?viewer=${encodeURIComponent(viewerId)}`;
    this.onEvent = onEvent;
    this.onStatus = onStatus || (() => {});
    this.attempt = 0;
    this.closed = false;
    this.socket = null;
  }

  open() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.attempt = 0;
      this.onStatus("open");
    });
    socket.addEventListener("message", (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (event && typeof event.type === "string") this.onEvent(event);
    });
    socket.addEventListener("close", (close) => {
      if (this.closed) return;
      if (close.code === 4404) {
        this.onStatus("gone");
        return;
      }
      this.onStatus("down");
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt++);
      setTimeout(() => this.open(), delay);
    });
  }

  /** True when the message went out on the socket. */
  sendChat(name, text) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify({ type: "chat", name, text }));
    return true;
  }

  close() {
    this.closed = true;
    if (this.socket) this.socket.close();
  }
}
