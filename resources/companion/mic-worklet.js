// Microphone -> 16 kHz PCM16 blocks of 40 ms, posted to the page as transferable ArrayBuffers.
// The AudioContext runs at 16 kHz, so the browser has already resampled the input.
class PcmCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.block = new Int16Array(640);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const s = Math.max(-1, Math.min(1, channel[i]));
      this.block[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.filled === this.block.length) {
        const out = this.block.buffer;
        this.port.postMessage(out, [out]);
        this.block = new Int16Array(640);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor("pcm-capture", PcmCapture);
