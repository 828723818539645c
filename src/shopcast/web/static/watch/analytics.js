// Viewer events for the show's funnel (POST /analytics/events): join, leave, product click,
// add to cart. Fire-and-forget: a lost event never bothers the viewer.

import { uid } from "./ids.js";

export class Tracker {
  constructor(showId, viewerId) {
    this.showId = showId;
    this.viewerId = viewerId;
    this.segment = null;
  }

  track(kind, extra = {}) {
    const event = {
      event_id: uid(),
      show_id: this.showId,
      viewer_id: this.viewerId,
      segment_id: this.segment,
      kind,
      occurred_at: new Date().toISOString(),
      ...extra,
    };
    // keepalive lets the "leave" event out while the page unloads
    fetch("/analytics/events", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ events: [event] }),
      keepalive: true,
    }).catch(() => {});
  }
}
