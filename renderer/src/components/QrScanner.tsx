/**
 * Reading the hub's QR code with this laptop's camera. The picture stays in
 * this page: frames are decoded here (jsQR) and only the text of a Tableside
 * pairing code is handed on. The camera is on only while this is open.
 */
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Status = 'starting' | 'looking' | 'notOurs' | 'noCamera' | 'denied';

/** How often a frame is decoded: often enough to feel instant, rare enough to leave the page free. */
const EVERY_MS = 150;

export function QrScanner({ onCode, onClose }: { onCode: (pairing: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  // A page without camera support (or not a secure context) says so at once.
  const [status, setStatus] = useState<Status>(() => (typeof navigator.mediaDevices?.getUserMedia === 'function' ? 'starting' : 'noCamera'));
  const found = useRef(onCode);
  useEffect(() => {
    found.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    const look = () => {
      timer = null;
      const v = video.current;
      if (stopped || !v || !context) return;
      if (v.readyState >= v.HAVE_CURRENT_DATA && v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const qr = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (qr?.data.startsWith('tableside://join?')) {
          stopped = true;
          found.current(qr.data);
          return;
        }
        if (qr) setStatus('notOurs');
      }
      timer = setTimeout(look, EVERY_MS);
    };

    if (typeof navigator.mediaDevices?.getUserMedia !== 'function') return;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play().catch(() => {});
        setStatus('looking');
        look();
      })
      .catch((error: unknown) => {
        const name = (error as { name?: string }).name;
        setStatus(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'noCamera');
      });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  const problem = status === 'noCamera' || status === 'denied';
  return (
    <div className="qr-scanner" role="group" aria-label={t('scan.title')}>
      {!problem && <video ref={video} muted playsInline aria-label={t('scan.camera')} className="qr-video" />}
      <p role="status" className={problem ? 'form-error' : 'hint'}>
        {t(`scan.${status}`)}
      </p>
      <button type="button" onClick={onClose}>
        {problem ? t('scan.close') : t('scan.stop')}
      </button>
    </div>
  );
}
