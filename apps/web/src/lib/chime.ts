/** Notes of the chime (Hz) and when each starts (s): a rising major arpeggio, under half a second. */
const NOTES: readonly { frequency: number; at: number }[] = [
  { frequency: 659.25, at: 0 },
  { frequency: 830.61, at: 0.09 },
  { frequency: 987.77, at: 0.18 },
];
const NOTE_SECONDS = 0.32;
const PEAK_GAIN = 0.12;

type AudioContextClass = typeof AudioContext;

let context: AudioContext | undefined;

function audioContextClass(): AudioContextClass | undefined {
  if (typeof window === 'undefined') return undefined;
  if (typeof AudioContext === 'function') return AudioContext;
  return (window as Window & { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
}

/**
 * A short, quiet chime made with the Web Audio API (no audio files). Does nothing where audio is not
 * available or not allowed yet (browsers unlock audio after the first tap or key press).
 */
export function playChime(): void {
  const Context = audioContextClass();
  if (Context === undefined) return;
  try {
    context ??= new Context();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime + 0.01;
    for (const note of NOTES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = note.frequency;
      gain.gain.setValueAtTime(0, start + note.at);
      gain.gain.linearRampToValueAtTime(PEAK_GAIN, start + note.at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + NOTE_SECONDS);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + note.at);
      oscillator.stop(start + note.at + NOTE_SECONDS + 0.02);
    }
  } catch {
    // No sound is better than an error over a reward.
  }
}
