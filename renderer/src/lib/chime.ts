/**
 * The chime for a turn's warning and its end, synthesised with Web Audio (no
 * sound files to ship). Browsers start audio only after a person has
 * interacted with the page, so the context is unlocked on the first click.
 */
let context: AudioContext | null = null;

export function unlockAudioOnFirstGesture(): void {
  const unlock = () => {
    context ??= new AudioContext();
    void context.resume();
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
}

const NOTES = { warning: [660], end: [880, 660, 880], join: [523, 784] } as const;

export function chime(kind: keyof typeof NOTES): void {
  context ??= new AudioContext();
  const ctx = context;
  void ctx.resume();
  const notes = NOTES[kind];
  notes.forEach((frequency, i) => {
    const start = ctx.currentTime + i * 0.35;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.32);
  });
}
