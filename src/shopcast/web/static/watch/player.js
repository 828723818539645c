// The live video: hls.js with a low-latency live configuration (Safari plays HLS natively),
// muted autoplay (what browsers allow) and a "tap for sound" button.

import { t } from "./strings.js";

const HLS_CONFIG = {
  lowLatencyMode: true,
  liveSyncDurationCount: 2, // play ~2 segments (≈2 s) behind the live edge
  liveMaxLatencyDurationCount: 5, // further behind than this: jump forward
  maxLiveSyncPlaybackRate: 1.1, // or catch up gently by playing slightly faster
  maxBufferLength: 6,
  backBufferLength: 10,
  enableWorker: true,
};
const WAIT_MS = 1000;

export class LivePlayer {
  constructor(video, soundButton, playlistUrl) {
    this.video = video;
    this.soundButton = soundButton;
    this.url = playlistUrl;
    this.hls = null;
    this.stopped = false;
    soundButton.addEventListener("click", () => this.unmute());
    video.addEventListener("volumechange", () => this.#showSoundButton());
    video.addEventListener("playing", () => this.#showSoundButton());
  }

  async start() {
    this.video.muted = true;
    await this.#waitForPlaylist();
    if (this.stopped) return;
    const Hls = window.Hls;
    if (Hls && Hls.isSupported()) {
      this.#attachHls(Hls);
    } else if (this.video.canPlayType("application/vnd.apple.mpegurl")) {
      this.video.src = this.url;
      this.#play();
    }
  }

  stop() {
    this.stopped = true;
    if (this.hls) this.hls.destroy();
    this.hls = null;
  }

  unmute() {
    this.video.muted = false;
    this.video.volume = 1;
    this.#play();
    this.#showSoundButton();
  }

  async #waitForPlaylist() {
    // The playlist appears a second or two after a show starts: wait for it rather than let
    // the player give up on a 404.
    while (!this.stopped) {
      try {
        const response = await fetch(this.url, { cache: "no-store" });
        if (response.ok && (await response.text()).includes("#EXTINF")) return;
      } catch {
        /* server restarting: keep waiting */
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  }

  #attachHls(Hls) {
    const hls = new Hls(HLS_CONFIG);
    this.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, () => this.#play());
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
        hls.recoverMediaError();
        return;
      }
      // Network or other fatal error: start over once the playlist is back.
      hls.destroy();
      this.hls = null;
      setTimeout(() => this.start(), WAIT_MS);
    });
    hls.loadSource(this.url);
    hls.attachMedia(this.video);
  }

  #play() {
    const attempt = this.video.play();
    if (attempt && attempt.catch) {
      attempt.catch(() => {
        // Even muted autoplay was refused (data saver, policy): one tap starts it.
        this.soundButton.textContent = `▶ ${t("tapToPlay")}`;
        this.soundButton.hidden = false;
      });
    }
  }

  #showSoundButton() {
    if (this.video.paused && this.video.readyState < 3) return;
    this.soundButton.textContent = `🔇 ${t("tapForSound")}`;
    this.soundButton.hidden = !this.video.muted;
  }
}
