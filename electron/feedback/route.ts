/**
 * The phone path of participants' feedback (issue 15), served by the hub's
 * network listener beside /board, in its own module:
 *
 *   GET  /feedback       the app's page (the phone's card; the token stays in
 *                        the URL's #fragment, so it is never in a request line);
 *   POST /api/feedback   one answer: { token, useful, wantsMentoring, comment? }.
 *
 * The page carries no personal data, and the listener takes an answer only
 * with a valid one-time token (electron/feedback/token.ts), at most one per
 * token, within the size (FEEDBACK_LIMITS.bodyBytes) and rate limits (per
 * address and overall). Refusals answer a code the page translates, and
 * change nothing.
 */
import { decodeUtf8, parseBounded } from '../../shared/guard.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FEEDBACK_LIMITS, phoneFeedback, type FeedbackAnswer, type FeedbackRefusal } from '../../shared/feedback.js';
import { readBody, sendJson } from '../host/http.js';
import type { FeedbackRateLimit, FeedbackTokens, TokenClaims } from './token.js';

export const FEEDBACK_PAGE_PATH = '/feedback';
export const FEEDBACK_API_PATH = '/api/feedback';

export interface FeedbackRouteDeps {
  /** The tokens of the event this hub runs; null when it runs none (every answer refused). */
  tokens: () => FeedbackTokens | null;
  limit: FeedbackRateLimit;
  /** Whether the log already holds an answer for this token (after a restart). */
  alreadyUsed: (tokenId: string) => boolean;
  /** Commits the answer to the log; a refusal code if the log refuses it (a token already used there). */
  record: (claims: TokenClaims, answer: FeedbackAnswer) => FeedbackRefusal | void;
  /** Serves the app's page (index.html) with the listener's headers. */
  servePage: (res: ServerResponse) => void;
}

const STATUS: Record<FeedbackRefusal, number> = {
  feedback_token_malformed: 400,
  feedback_token_forged: 403,
  feedback_token_expired: 410,
  feedback_token_used: 409,
  feedback_too_large: 413,
  feedback_rate_limited: 429,
  feedback_bad_answer: 400,
  feedback_turn_running: 409,
  feedback_turn_gone: 410,
  feedback_not_kept: 409,
};

function refuse(res: ServerResponse, code: FeedbackRefusal): void {
  sendJson(res, STATUS[code], { ok: false, error: { code } });
}

/**
 * The feedback routes: answers a request on its paths and returns true, or
 * returns false for every other path (for the listener's own routing).
 */
export function feedbackRoute(deps: FeedbackRouteDeps) {
  return (req: IncomingMessage, res: ServerResponse, url: URL, from: string): false | Promise<void> | void => {
    if (url.pathname === FEEDBACK_PAGE_PATH && req.method === 'GET') return deps.servePage(res);
    if (url.pathname !== FEEDBACK_API_PATH) return false;
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed' } });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, 'feedback_bad_answer');
    if (!deps.limit.take(from)) return refuse(res, 'feedback_rate_limited');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > FEEDBACK_LIMITS.bodyBytes) return refuse(res, 'feedback_too_large');
    return readBody(req, FEEDBACK_LIMITS.bodyBytes).then(
      (body) => {
        // The gate (shared/guard.ts): depth before parsing, the comment's text NFC and readable.
        const text = decodeUtf8(body);
        if (!text.ok) return refuse(res, 'feedback_bad_answer');
        const parsed = parseBounded(text.value);
        if (!parsed.ok) return refuse(res, 'feedback_bad_answer');
        const answer = phoneFeedback.safeParse(parsed.value);
        if (!answer.success) return refuse(res, 'feedback_bad_answer');
        const tokens = deps.tokens();
        if (!tokens) return refuse(res, 'feedback_token_forged');
        const { token, ...card } = answer.data;
        const checked = tokens.check(token);
        if (!checked.ok) return refuse(res, checked.code);
        if (deps.alreadyUsed(checked.claims.tokenId)) return refuse(res, 'feedback_token_used');
        const refused = deps.record(checked.claims, card);
        if (refused) return refuse(res, refused);
        // Only now is the token spent: a failed commit leaves it usable.
        tokens.consume(token);
        sendJson(res, 200, { ok: true });
      },
      () => refuse(res, 'feedback_too_large'),
    );
  };
}
