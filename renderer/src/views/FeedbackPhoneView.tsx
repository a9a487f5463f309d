import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackAnswer } from '../../../shared/feedback';
import { FeedbackCard } from '../components/FeedbackCard';

/** The token the coach's QR code carried, from the URL's fragment (#t=…): never sent in a request line. */
export function tokenFromHash(hash: string): string | null {
  const t = new URLSearchParams(hash.replace(/^#/, '')).get('t');
  return t && t.length <= 300 ? t : null;
}

/**
 * The feedback card on a participant's phone, served by the hub's listener
 * at /feedback. It shows nothing about the event or anyone in it; it sends
 * one answer with the token and says whether it was taken.
 */
export function FeedbackPhoneView() {
  const { t } = useTranslation();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [state, setState] = useState<'card' | 'sending' | 'thanks' | { refused: string }>(token ? 'card' : { refused: 'feedback_token_malformed' });
  useEffect(() => {
    document.documentElement.dataset.tablesideReady = 'true';
  }, []);
  const send = async (answer: FeedbackAnswer) => {
    setState('sending');
    try {
      const res = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token, ...answer }),
        cache: 'no-store',
      });
      const body = (await res.json()) as { ok: boolean; error?: { code: string } };
      setState(body.ok ? 'thanks' : { refused: body.error?.code ?? 'feedback_offline' });
    } catch {
      setState({ refused: 'feedback_offline' });
    }
  };
  return (
    <main className="feedback-phone">
      {state === 'thanks' ? (
        <p role="status" className="feedback-thanks">
          {t('feedback.thanks')}
        </p>
      ) : typeof state === 'object' ? (
        <p role="alert">{t(`feedback.refused.${state.refused}`, { defaultValue: t('feedback.refused.feedback_offline') })}</p>
      ) : (
        <FeedbackCard onSend={(a) => void send(a)} busy={state === 'sending'} />
      )}
    </main>
  );
}
