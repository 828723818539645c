// The microphone tap of takeover.js: runs on the audio thread and posts each 128-sample block
// (Float32, the context's rate) to the page. A file of its own, not a blob: URL, so pages with
// a strict Content-Security-Policy (script-src 'self') can load it.
class TakeoverTap extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel && channel.length) this.port.postMessage(channel.slice(0));
    return true;
  }
}

registerProcessor("shopcast-takeover-tap", TakeoverTap);
