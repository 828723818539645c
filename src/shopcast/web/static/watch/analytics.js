// Viewer events for the show's funnel (POST /analytics/events): join, leave, product click,
// add to cart. Fire-and-forget: a lost event never bothers the viewer.
// Under an experiment (docs/experiments.md) every event names the script variant the viewer
// sees: from the page's link (?experiment=…&variant=…, a variant's video links here) or from
// the show's state while a segment airs one; a change after the join is sent as "exposure".

import { uid } from "./ids.js";

const EXPERIMENT_ID = /^[A-Za-z0-9_-]{1,32}$/;
const VARIANT_ID = /^[A-Za-z0-9_-]{1,40}$/;

export class Tracker {
  constructor(showId, viewerId) {
    this.showId = showId;
    this.viewerId = viewerId;
    this.segment = null;
    this.experiment = null;
    this.variant = null;
    this.joined = false;
  }

  /** The experiment variant the viewer sees now; ids that are not well formed are ignored. */
  setVariant(experimentId, variantId) {
    if (!EXPERIMENT_ID.test(experimentId || "") || !VARIANT_ID.test(variantId || "")) return;
    if (experimentId === this.experiment && variantId === this.variant) return;
    this.experiment = experimentId;
    this.variant = variantId;
    if (this.joined) this.track("exposure"); // before the join, the join carries it
  }

  track(kind, extra = {}) {
    if (kind === "join") this.joined = true;
    const event = {
      event_id: uid(),
      show_id: this.showId,
      viewer_id: this.viewerId,
      segment_id: this.segment,
      kind,
      occurred_at: new Date().toISOString(),
      ...(this.variant ? { experiment_id: this.experiment, variant_id: this.variant } : {}),
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
