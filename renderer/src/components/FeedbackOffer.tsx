import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TurnView } from '../../../shared/contract';
import type { FeedbackAnswer } from '../../../shared/feedback';
import { api } from '../api';
import { formatClockTime } from '../lib/format';
import { FeedbackCard } from './FeedbackCard';
import { FormError } from './Field';
import { Modal } from './Modal';

/** How long the laptop's card waits for an answer before it returns to the table by itself. */
const CARD_IDLE_MS = 120_000;
/** How long the thanks stay on screen. */
const THANKS_MS = 3_000;

/** The laptop's full-screen card: it returns to the table by itself after the answer, or when nobody answers. */
function LaptopCard({ turnId, onClose }: { turnId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'card' | 'sending' | 'thanks'>('card');
  const [error, setError] = useState<string | null>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const id = setTimeout(() => close.current(), state === 'thanks' ? THANKS_MS : CARD_IDLE_MS);
    return () => clearTimeout(id);
  }, [state]);
  const send = async (answer: FeedbackAnswer) => {
    setState('sending');
    const r = await api.call('feedback.record', { turnId, ...answer });
    if (r.ok) setState('thanks');
    else {
      setError(r.error.message);
      setState('card');
    }
  };
  return (
    <Modal className="feedback-overlay" label={t('feedback.cardTitle')} onClose={onClose}>
      {state === 'thanks' ? (
        <p role="status" className="feedback-thanks">
          {t('feedback.thanks')}
        </p>
      ) : (
        <>
          <FeedbackCard onSend={(a) => void send(a)} busy={state === 'sending'} />
          <FormError message={error ?? undefined} />
          <button type="button" className="small" onClick={onClose}>
            {t('feedback.backToTable')}
          </button>
        </>
      )}
    </Modal>
  );
}

/** The QR code a phone scans: a one-time card for this turn, valid a few minutes. */
function PhoneCode({ turnId, onClose }: { turnId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [offer, setOffer] = useState<{ url: string; expiresAt: number; qr: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('feedback.offer', { turnId }).then(async (r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      const svg = await QRCode.toString(r.value.url, { type: 'svg', margin: 1 });
      if (live) setOffer({ ...r.value, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
    });
    return () => {
      live = false;
    };
  }, [turnId]);
  return (
    <Modal className="feedback-overlay" label={t('feedback.phoneTitle')} onClose={onClose}>
      <h2>{t('feedback.phoneTitle')}</h2>
      <FormError message={error ?? undefined} />
      {offer && (
        <div className="feedback-qr">
          <img src={offer.qr} alt={t('feedback.qrAlt')} />
          <p>{t('feedback.phoneHint', { time: formatClockTime(offer.expiresAt) })}</p>
          <p className="hint">
            <a href={offer.url} target="_blank" rel="noreferrer">
              {t('feedback.phoneLink')}
            </a>
          </p>
        </div>
      )}
      <button type="button" onClick={onClose}>
        {t('feedback.backToTable')}
      </button>
    </Modal>
  );
}

/** After a turn: offer the participant an anonymous feedback card, on this laptop or on their phone. */
export function FeedbackOffer({ turn }: { turn: TurnView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'laptop' | 'phone' | null>(null);
  return (
    <div className="feedback-offer">
      <span className="hint">{t('feedback.offer')}</span>
      <button type="button" className="small" onClick={() => setOpen('laptop')}>
        {t('feedback.onLaptop')}
      </button>
      <button type="button" className="small" onClick={() => setOpen('phone')}>
        {t('feedback.onPhone')}
      </button>
      {open === 'laptop' && <LaptopCard turnId={turn.id} onClose={() => setOpen(null)} />}
      {open === 'phone' && <PhoneCode turnId={turn.id} onClose={() => setOpen(null)} />}
    </div>
  );
}
