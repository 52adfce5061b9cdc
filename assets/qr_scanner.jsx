// A QR code reader for the check-in page: the phone's camera (getUserMedia) decoded with jsQR.
// Calls onScan(text) once per code (the same code again only after 3 s). Wrapped in components/qr_scanner.py.
import React, { useCallback, useEffect, useRef, useState } from "react";
import jsQR from "jsqr";

const EVERY_MS = 150; // decode about seven frames a second: enough at a door, light on the phone
const SAME_CODE_MS = 3000;

export function QrScanner({ onScan, startLabel, stopLabel, deniedLabel, unsupportedLabel, ref: _reflexRef, ...rest }) {
  const videoRef = useRef(null);
  const canvasRef = useRef(null);
  const streamRef = useRef(null);
  const timerRef = useRef(0);
  const lastRef = useRef({ text: "", at: 0 });
  const onScanRef = useRef(onScan);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState("");
  onScanRef.current = onScan;

  const stop = useCallback(() => {
    clearTimeout(timerRef.current);
    if (streamRef.current) {
      streamRef.current.getTracks().forEach((t) => t.stop());
      streamRef.current = null;
    }
    setRunning(false);
  }, []);

  const tick = useCallback(() => {
    const video = videoRef.current;
    const canvas = canvasRef.current;
    if (!video || !canvas || !streamRef.current) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      const scale = Math.min(1, 640 / Math.max(video.videoWidth, video.videoHeight));
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });
      if (code && code.data) {
        const now = Date.now();
        const last = lastRef.current;
        if (code.data !== last.text || now - last.at > SAME_CODE_MS) {
          lastRef.current = { text: code.data, at: now };
          if (onScanRef.current) onScanRef.current(code.data);
        }
      }
    }
    timerRef.current = setTimeout(tick, EVERY_MS);
  }, []);

  const start = useCallback(async () => {
    setProblem("");
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      setProblem(unsupportedLabel || "");
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } },
        audio: false,
      });
      streamRef.current = stream;
      const video = videoRef.current;
      video.srcObject = stream;
      await video.play();
      setRunning(true);
      tick();
    } catch (err) {
      stop();
      setProblem(deniedLabel || String(err));
    }
  }, [deniedLabel, unsupportedLabel, stop, tick]);

  useEffect(() => stop, [stop]); // leaving the page turns the camera off

  return (
    <div className="qr-scanner" data-running={running ? "true" : "false"} {...rest}>
      <div className="qr-view" hidden={!running}>
        <video ref={videoRef} muted playsInline aria-hidden="true" />
        <div className="qr-frame" aria-hidden="true" />
      </div>
      <canvas ref={canvasRef} hidden />
      <button
        type="button"
        className={running ? "qr-button stop" : "qr-button"}
        onClick={running ? stop : start}
        data-testid="scan-toggle"
      >
        {running ? stopLabel : startLabel}
      </button>
      {problem ? (
        <p className="qr-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
