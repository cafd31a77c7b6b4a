// The waveform: peaks computed in the browser from the song's audio, drawn on a canvas with the sections, the
// playhead and the chosen point or region. Pointer: click picks a point, drag selects a region. Keyboard (the canvas is
// a slider): arrows move the point by a second (Page keys by ten), Shift+arrows grow the region, Enter plays from it.

const BUCKETS = 1200;

/** Peak (max |sample|) per bucket of the audio at url, decoded with Web Audio. */
export async function peaksOf(url, buckets = BUCKETS) {
  // The file's link names the server's public address; a page opened under another name of this server reads the
  // same path from where it was loaded.
  const response = await fetch(url).catch(() => fetch(new URL(url).pathname));
  if (!response.ok) throw new Error(`The audio could not be loaded (status ${response.status}).`);
  const bytes = await response.arrayBuffer();
  const context = new OfflineAudioContext(1, 1, 44100);
  const audio = await context.decodeAudioData(bytes);
  const peaks = new Float32Array(buckets);
  const per = Math.max(1, Math.floor(audio.length / buckets));
  for (let c = 0; c < audio.numberOfChannels; c++) {
    const samples = audio.getChannelData(c);
    for (let b = 0; b < buckets; b++) {
      let peak = peaks[b];
      const end = Math.min(samples.length, (b + 1) * per);
      for (let i = b * per; i < end; i++) {
        const v = Math.abs(samples[i]);
        if (v > peak) peak = v;
      }
      peaks[b] = peak;
    }
  }
  return peaks;
}

export class Waveform {
  constructor(canvas, { onPoint, onRegion, onPlayFrom }) {
    this.canvas = canvas;
    this.handlers = { onPoint, onRegion, onPlayFrom };
    this.peaks = null;
    this.duration = 0;
    this.sections = [];
    this.time = 0;
    this.point = null;
    this.region = null;
    this.listen();
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  reset(duration) {
    Object.assign(this, { peaks: null, duration, sections: [], time: 0, point: null, region: null });
    this.canvas.setAttribute("aria-valuemax", String(Math.round(duration * 10) / 10));
    this.announce();
    this.draw();
  }

  /** The slider's value for assistive technology: the point, or the region's start and end. */
  announce() {
    const at = this.region ? this.region.start : this.point ?? 0;
    this.canvas.setAttribute("aria-valuenow", String(at));
    this.canvas.setAttribute("aria-valuetext", this.region
      ? `region from ${this.region.start.toFixed(1)} to ${this.region.end.toFixed(1)} seconds`
      : `point at ${at.toFixed(1)} seconds`);
  }

  setPeaks(peaks) { this.peaks = peaks; this.draw(); }
  setSections(sections) { this.sections = sections || []; this.draw(); }
  setTime(time) { this.time = time; this.draw(); }

  setPoint(time) {
    this.point = this.clamp(time);
    this.region = null;
    this.handlers.onPoint(this.point);
    this.announce();
    this.draw();
  }

  setRegion(a, b) {
    const start = this.clamp(Math.min(a, b)), end = this.clamp(Math.max(a, b));
    this.region = { start, end };
    this.handlers.onRegion(start, end);
    this.announce();
    this.draw();
  }

  clamp(t) { return Math.round(Math.min(Math.max(0, t), this.duration) * 10) / 10; }

  timeAt(clientX) {
    const box = this.canvas.getBoundingClientRect();
    return ((clientX - box.left) / box.width) * this.duration;
  }

  listen() {
    let downAt = null;
    this.canvas.addEventListener("pointerdown", (e) => {
      if (!this.duration) return;
      downAt = this.timeAt(e.clientX);
      this.canvas.setPointerCapture(e.pointerId);
    });
    this.canvas.addEventListener("pointermove", (e) => {
      if (downAt === null) return;
      const t = this.timeAt(e.clientX);
      if (Math.abs(t - downAt) > this.duration / 200) this.setRegion(downAt, t);
    });
    this.canvas.addEventListener("pointerup", (e) => {
      if (downAt === null) return;
      const t = this.timeAt(e.clientX);
      if (Math.abs(t - downAt) > this.duration / 200) this.setRegion(downAt, t);
      else this.setPoint(t);
      downAt = null;
    });
    this.canvas.addEventListener("keydown", (e) => this.key(e));
  }

  key(e) {
    if (!this.duration) return;
    const steps = { ArrowLeft: -1, ArrowRight: 1, PageDown: -10, PageUp: 10 };
    if (e.key === "Enter") {
      this.handlers.onPlayFrom(this.region ? this.region.start : this.point ?? 0);
    } else if (e.key in steps) {
      const step = steps[e.key];
      if (e.shiftKey) {
        const start = this.region ? this.region.start : this.point ?? this.time;
        const end = this.region ? this.region.end : start;
        this.setRegion(start, end + step);
      } else {
        this.setPoint((this.point ?? this.time) + step);
      }
    } else {
      return;
    }
    e.preventDefault();
  }

  draw() {
    const canvas = this.canvas;
    const width = Math.max(1, Math.round(canvas.clientWidth * devicePixelRatio));
    const height = Math.max(1, Math.round(canvas.clientHeight * devicePixelRatio));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, width, height);
    if (!this.duration) return;
    const x = (t) => (t / this.duration) * width;
    this.drawSections(g, x, height);
    if (this.region) {
      g.fillStyle = "rgba(124, 196, 255, 0.28)";
      g.fillRect(x(this.region.start), 0, x(this.region.end) - x(this.region.start), height);
    }
    this.drawPeaks(g, width, height);
    this.line(g, x(this.time), height, "#eef1f6", 2);
    if (this.point !== null && !this.region) this.line(g, x(this.point), height, "#ffd166", 2);
  }

  drawSections(g, x, height) {
    g.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    this.sections.forEach((s, i) => {
      g.fillStyle = i % 2 ? "#141925" : "#1b2130";
      g.fillRect(x(s.start), 0, x(s.end) - x(s.start), height);
      this.line(g, x(s.start), height, "#69758a", 1);
      g.fillStyle = "#b4bccb";
      g.fillText(s.label, x(s.start) + 4 * devicePixelRatio, 14 * devicePixelRatio);
    });
  }

  drawPeaks(g, width, height) {
    if (!this.peaks) return;
    const mid = height / 2, n = this.peaks.length;
    g.fillStyle = "#7cc4ff";
    for (let px = 0; px < width; px++) {
      const peak = this.peaks[Math.min(n - 1, Math.floor((px / width) * n))];
      const h = Math.max(1, peak * (height / 2 - 18 * devicePixelRatio));
      g.fillRect(px, mid - h + 8 * devicePixelRatio, 1, 2 * h);
    }
  }

  line(g, px, height, colour, w) {
    g.fillStyle = colour;
    g.fillRect(px - w / 2, 0, w * devicePixelRatio, height);
  }
}
