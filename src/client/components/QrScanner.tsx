/**
 * Scans the enrollment QR with the camera through the browser's BarcodeDetector (Chrome on
 * Android has it). Where it is missing, the button is not shown and the code is typed.
 */
import { Show, createSignal, onCleanup } from 'solid-js';
import { t } from '../i18n';
import { Icon } from './Icon';

interface Detector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

export function canScanQr(): boolean {
  return typeof (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector === 'function' && window.isSecureContext && !!navigator.mediaDevices?.getUserMedia;
}

export function QrScanner(props: { onCode: (text: string) => void }) {
  const [scanning, setScanning] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  let video: HTMLVideoElement | undefined;
  let stream: MediaStream | null = null;
  let stopped = false;

  const stop = () => {
    stopped = true;
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    setScanning(false);
  };
  onCleanup(stop);

  const start = async () => {
    setFailed(false);
    stopped = false;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      setFailed(true);
      return;
    }
    setScanning(true);
    if (!video) return stop();
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    const Barcode = (globalThis as unknown as { BarcodeDetector: DetectorClass }).BarcodeDetector;
    const detector = new Barcode({ formats: ['qr_code'] });
    const tick = async () => {
      if (stopped || !video) return;
      try {
        const [found] = await detector.detect(video);
        if (found?.rawValue) {
          stop();
          props.onCode(found.rawValue);
          return;
        }
      } catch {
        // A frame the detector could not read; try the next one.
      }
      setTimeout(() => void tick(), 250);
    };
    void tick();
  };

  return (
    <div class="qr-scanner">
      <Show
        when={scanning()}
        fallback={
          <button type="button" class="button button-secondary wide" onClick={() => void start()}>
            <Icon name="qr" /> {t('enroll.scan')}
          </button>
        }
      >
        <button type="button" class="button button-secondary wide" onClick={stop}>
          {t('enroll.scan_stop')}
        </button>
      </Show>
      <video ref={video} class="qr-video" classList={{ hidden: !scanning() }} playsinline muted aria-label={t('enroll.scan_hint')} />
      <Show when={failed()}>
        <p class="notice notice-warn">{t('enroll.camera_denied')}</p>
      </Show>
    </div>
  );
}
