/**
 * The "got it" signal after a good camera read: a short beep (WebAudio, no audio file to cache)
 * and a buzz where the device can. Browser only; failures are silent (autoplay policy, no speaker).
 */
import "client-only";

type AudioContextConstructor = typeof AudioContext;

let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (audio) return audio;
  const Constructor: AudioContextConstructor | undefined =
    globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext;
  if (!Constructor) return null;
  try {
    audio = new Constructor();
  } catch {
    return null;
  }
  return audio;
}

/**
 * Call from a tap (e.g. "start camera" or any button on the sale screen) so the later beep is
 * allowed: browsers keep an AudioContext suspended until the page had a user gesture.
 */
export function primeReadFeedback(): void {
  void audioContext()
    ?.resume()
    .catch(() => undefined);
}

export function signalGoodRead(): void {
  beep();
  try {
    navigator.vibrate?.(80);
  } catch {
    // Some browsers throw instead of ignoring vibrate() without a user gesture.
  }
}

function beep(): void {
  const context = audioContext();
  if (!context) return;
  try {
    void context.resume().catch(() => undefined);
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const t = context.currentTime;
    oscillator.type = "square";
    oscillator.frequency.setValueAtTime(2400, t);
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.15, t + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.12);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(t);
    oscillator.stop(t + 0.13);
  } catch {
    // No audio output: the on-screen confirmation is enough.
  }
}
