import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FeedbackAnswer } from "../../../shared/feedback";
import { FEEDBACK_LIMITS } from "../../../shared/feedback-limits";
import "./feedback.css";

/**
 * The participant's anonymous card: how useful the conversation was (1–5),
 * whether they would like a mentoring follow-up, and an optional comment.
 * It asks for no name. Used full-screen on the coach's laptop and on a phone.
 */
export function FeedbackCard({
  onSend,
  busy,
}: {
  onSend: (answer: FeedbackAnswer) => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const [useful, setUseful] = useState<number | null>(null);
  const [wantsMentoring, setWantsMentoring] = useState(false);
  const [comment, setComment] = useState("");
  return (
    <form
      className="feedback-card"
      aria-label={t("feedback.cardTitle")}
      onSubmit={(e) => {
        e.preventDefault();
        if (useful === null) return;
        onSend({
          useful,
          wantsMentoring,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        });
      }}
    >
      <h2>{t("feedback.cardTitle")}</h2>
      <p className="hint">{t("feedback.anonymous")}</p>
      <fieldset className="useful-scale">
        <legend>{t("feedback.useful")}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={useful === n ? "chosen" : undefined}>
            <input
              type="radio"
              name="useful"
              value={n}
              checked={useful === n}
              onChange={() => setUseful(n)}
            />
            <span className="scale-number">{n}</span>
            <span className="scale-word">{t(`feedback.scale.${n}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={wantsMentoring}
          onChange={(e) => setWantsMentoring(e.currentTarget.checked)}
        />
        {t("feedback.mentoring")}
      </label>
      <label className="comment">
        {t("feedback.comment")}
        <textarea
          value={comment}
          maxLength={FEEDBACK_LIMITS.commentChars}
          rows={3}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
      </label>
      <button
        type="submit"
        className="primary big"
        disabled={useful === null || busy}
      >
        {t("feedback.send")}
      </button>
    </form>
  );
}
