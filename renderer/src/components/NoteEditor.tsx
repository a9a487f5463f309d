import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Envelope } from '../../../shared/contract';
import { formatClockTime } from '../lib/format';

/** How long typing may pause before the note is saved. */
const SAVE_AFTER_MS = 300;
/** While someone types without pause, save at least this often. */
const SAVE_AT_LEAST_EVERY_MS = 1000;
const RETRY_MS = 1000;

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed'; message: string };

/**
 * A note that saves itself as the coach types. "Saved" appears only after the
 * core has committed the text to SQLite; a failed save is shown and retried
 * until it goes through, and the text stays in the box meanwhile.
 */
export function NoteEditor(props: {
  label: string;
  text: string;
  savedAt: number | null;
  save(text: string): Promise<Envelope<{ savedAt: number }>>;
  autoFocus?: boolean;
  hint?: string;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  /** Height of the box in lines (default 6). */
  rows?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(props.text);
  const [status, setStatus] = useState<Status>(props.savedAt ? { kind: 'saved', at: props.savedAt } : { kind: 'idle' });
  const latest = useRef(props.text);
  const saved = useRef(props.text);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstUnsavedAt = useRef<number | null>(null);
  const saveRef = useRef(props.save);
  saveRef.current = props.save;

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current || latest.current === saved.current) return;
    inFlight.current = true;
    const sending = latest.current;
    setStatus({ kind: 'saving' });
    const result = await saveRef.current(sending);
    inFlight.current = false;
    if (result.ok) {
      saved.current = sending;
      if (latest.current === sending) {
        firstUnsavedAt.current = null;
        setStatus({ kind: 'saved', at: result.value.savedAt });
      } else {
        void flush();
      }
    } else {
      setStatus({ kind: 'failed', message: result.error.message });
      timer.current = setTimeout(() => void flush(), RETRY_MS);
    }
  }, []);

  const onChange = (value: string) => {
    setText(value);
    latest.current = value;
    // Never say "Saved" while the box holds text the core has not committed.
    if (value !== saved.current) setStatus((s) => (s.kind === 'failed' ? s : { kind: 'saving' }));
    firstUnsavedAt.current ??= Date.now();
    if (timer.current) clearTimeout(timer.current);
    const waited = Date.now() - firstUnsavedAt.current;
    const delay = waited >= SAVE_AT_LEAST_EVERY_MS ? 0 : Math.min(SAVE_AFTER_MS, SAVE_AT_LEAST_EVERY_MS - waited);
    timer.current = setTimeout(() => void flush(), delay);
  };

  // Text that changed elsewhere (another window) is taken only when nothing is pending here.
  useEffect(() => {
    if (latest.current === saved.current && !inFlight.current && props.text !== saved.current) {
      latest.current = props.text;
      saved.current = props.text;
      setText(props.text);
    }
  }, [props.text]);

  // Leaving the note (ending the turn, switching table, closing or reloading
  // the window) saves what is pending.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  const statusText =
    status.kind === 'saving'
      ? t('note.saving')
      : status.kind === 'saved'
        ? t('note.savedAt', { time: formatClockTime(status.at, true) })
        : status.kind === 'failed'
          ? t('note.failed', { message: status.message })
          : t('note.notStarted');

  return (
    <div className="note">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <p className="hint">{props.hint}</p>}
      <textarea
        id={id}
        ref={props.textareaRef}
        value={text}
        rows={props.rows ?? 6}
        autoFocus={props.autoFocus}
        aria-describedby={`${id}-status`}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => void flush()}
      />
      <p id={`${id}-status`} className={`note-status ${status.kind}`} role="status">
        {statusText}
      </p>
    </div>
  );
}
