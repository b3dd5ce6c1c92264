/**
 * Camera track helpers shared by the decoder engines: constraints, torch, focus, device list.
 * Browser only, but nothing runs at import time.
 */
import "client-only";

/** Torch and focus are not in TypeScript's DOM types yet (docs/scanning-findings.md §2: feature-detect, iOS is late). */
type ExtendedCapabilities = MediaTrackCapabilities & { torch?: boolean; focusMode?: string[] };
type ExtendedConstraintSet = MediaTrackConstraintSet & { torch?: boolean; focusMode?: string };

/**
 * docs/scanning-findings.md §1/§7: ask for 1280×720 (an 18-digit Code 128 needs the pixels, §3.4) from the rear
 * camera; a picked camera is asked for by id instead.
 */
export function cameraConstraints(deviceId?: string): MediaStreamConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  return {
    audio: false,
    video: deviceId ? { deviceId: { exact: deviceId }, ...size } : { facingMode: { ideal: "environment" }, ...size },
  };
}

function capabilitiesOf(track: MediaStreamTrack): ExtendedCapabilities {
  try {
    return track.getCapabilities?.() ?? {};
  } catch {
    return {};
  }
}

export function supportsTorch(track: MediaStreamTrack): boolean {
  return capabilitiesOf(track).torch === true;
}

export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<void> {
  const torch: ExtendedConstraintSet = { torch: on };
  await track.applyConstraints({ advanced: [torch] });
}

/** docs/scanning-findings.md §2/§7: close-up codes blur without continuous autofocus; not every camera offers it. */
export async function preferContinuousFocus(track: MediaStreamTrack): Promise<void> {
  if (!capabilitiesOf(track).focusMode?.includes("continuous")) return;
  const focus: ExtendedConstraintSet = { focusMode: "continuous" };
  await track.applyConstraints({ advanced: [focus] }).catch(() => undefined);
}

export type CameraDevice = { deviceId: string; label: string };

/** Video inputs; labels are only filled in once camera permission was granted. */
export async function listCameras(): Promise<CameraDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === "videoinput" && device.deviceId !== "")
    .map((device) => ({ deviceId: device.deviceId, label: device.label }));
}
