/**
 * What participants said (issue 15): the one summary of the feedback cards,
 * for the report's section and anywhere else that shows it. Anonymous by
 * construction: a card holds no name, and the summary keeps no turn or table.
 */

/** One feedback card as the log holds it. */
export interface FeedbackFact {
  /** 1 (not useful) to 5 (very useful). */
  useful: number;
  wantsMentoring: boolean;
  comment: string | null;
  via: 'laptop' | 'phone';
  /** Epoch ms, when it was given. */
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
  /** The comments, oldest first, without anything that says who wrote them. */
  comments: string[];
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
    comments: [...facts]
      .sort((a, b) => a.at - b.at)
      .flatMap((f) => (f.comment ? [f.comment] : [])),
  };
}
