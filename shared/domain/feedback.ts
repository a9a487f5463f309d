/**
 * What participants said (issue 15): the one summary of the feedback cards,
 * for the report's section and anywhere else that shows it. Anonymous by
 * construction: a card holds no name, no turn and no entry, only its table
 * and the hour it was given (`feedbackTime`), in the log, the tables and every
 * export; the summary keeps no table either.
 */

/** A card's time is kept to this step (ms): the hour it was given, never the minute a turn ended. */
export const FEEDBACK_TIME_STEP_MS = 60 * 60_000;

/** When a card was given, as it is kept: `at` (epoch ms) floored to the hour (FEEDBACK_TIME_STEP_MS). */
export function feedbackTime(at: number): number {
  return at - (((at % FEEDBACK_TIME_STEP_MS) + FEEDBACK_TIME_STEP_MS) % FEEDBACK_TIME_STEP_MS);
}

/** One feedback card as the log holds it. */
export interface FeedbackFact {
  /** 1 (not useful) to 5 (very useful). */
  useful: number;
  wantsMentoring: boolean;
  comment: string | null;
  via: 'laptop' | 'phone';
  /** Epoch ms: the hour it was given (`feedbackTime`), not the moment. */
  at: number;
}

export interface FeedbackSummary {
  answers: number;
  /** How many answered 1, 2, 3, 4 and 5. */
  byUseful: [number, number, number, number, number];
  /** The mean of `useful`, to one decimal; null with no answers. */
  meanUseful: number | null;
  wantsMentoring: number;
  viaLaptop: number;
  viaPhone: number;
  /** How many cards had a comment. */
  commentCount: number;
  /**
   * The comments, oldest first, without anything that says who wrote them;
   * empty where the privacy level carries no free text (`withoutFreeText`).
   */
  comments: string[];
}

/** The summary with the comments' words left out and only their count kept (the report's rule, `REPORT_PRIVACY`). */
export function withoutFreeText(summary: FeedbackSummary): FeedbackSummary {
  return { ...summary, comments: [] };
}

/** Summarises the cards: counts, the spread of usefulness, its mean, mentoring wishes and the comments. */
export function summariseFeedback(facts: readonly FeedbackFact[]): FeedbackSummary {
  const byUseful: FeedbackSummary['byUseful'] = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const f of facts) {
    byUseful[f.useful - 1] = (byUseful[f.useful - 1] ?? 0) + 1;
    sum += f.useful;
  }
  return {
    answers: facts.length,
    byUseful,
    meanUseful: facts.length === 0 ? null : Math.round((sum / facts.length) * 10) / 10,
    wantsMentoring: facts.filter((f) => f.wantsMentoring).length,
    viaLaptop: facts.filter((f) => f.via === 'laptop').length,
    viaPhone: facts.filter((f) => f.via === 'phone').length,
    commentCount: facts.filter((f) => f.comment).length,
    // By the hour, then by the text: not in the order the turns ended.
    comments: [...facts]
      .sort((a, b) => a.at - b.at || (a.comment ?? '').localeCompare(b.comment ?? ''))
      .flatMap((f) => (f.comment ? [f.comment] : [])),
  };
}
