import { describe, expect, it } from 'vitest';
import { FeedbackRateLimit, FeedbackTokens, feedbackSecret } from '../../electron/feedback/token.js';
import { FEEDBACK_LIMITS, feedbackAnswer, phoneFeedback } from '../../shared/feedback.js';

const secret = Buffer.alloc(32, 7);
const clock = () => {
  let now = 1_756_201_500_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('feedback tokens', () => {
  it('a token is valid for its turn until it expires, and only once', () => {
    const c = clock();
    const tokens = new FeedbackTokens(secret, c.now);
    const { token, claims } = tokens.issue('turn-1');
    expect(claims).toMatchObject({ turnId: 'turn-1', expiresAt: c.now() + FEEDBACK_LIMITS.tokenTtlMs });
    expect(tokens.check(token)).toEqual({ ok: true, claims });
    expect(tokens.consume(token)).toEqual({ ok: true, claims });
    expect(tokens.consume(token)).toEqual({ ok: false, code: 'feedback_token_used' });
    expect(tokens.check(token)).toEqual({ ok: false, code: 'feedback_token_used' });
  });

  it('refuses an expired token, one minute or one millisecond late', () => {
    const c = clock();
    const tokens = new FeedbackTokens(secret, c.now);
    const { token } = tokens.issue('turn-1', 60_000);
    c.advance(60_000);
    expect(tokens.check(token).ok).toBe(true);
    c.advance(1);
    expect(tokens.consume(token)).toEqual({ ok: false, code: 'feedback_token_expired' });
  });

  it('refuses a token whose turn, expiry or signature was altered, or made with another hub\'s secret', () => {
    const c = clock();
    const tokens = new FeedbackTokens(secret, c.now);
    const { token } = tokens.issue('turn-1');
    const [v, turn, expiry, nonce, mac] = token.split('.') as [string, string, string, string, string];
    const other = Buffer.from('turn-2').toString('base64url');
    expect(tokens.check([v, other, expiry, nonce, mac].join('.'))).toEqual({ ok: false, code: 'feedback_token_forged' });
    const later = (parseInt(expiry, 36) + 3_600_000).toString(36);
    expect(tokens.check([v, turn, later, nonce, mac].join('.'))).toEqual({ ok: false, code: 'feedback_token_forged' });
    const flipped = mac.slice(0, -2) + (mac.endsWith('AA') ? 'BB' : 'AA');
    expect(tokens.check([v, turn, expiry, nonce, flipped].join('.'))).toEqual({ ok: false, code: 'feedback_token_forged' });
    const elsewhere = new FeedbackTokens(Buffer.alloc(32, 8), c.now);
    expect(elsewhere.check(token)).toEqual({ ok: false, code: 'feedback_token_forged' });
  });

  it('refuses malformed tokens without throwing', () => {
    const tokens = new FeedbackTokens(secret);
    for (const bad of ['', 'x', 'v1.a.b.c', 'v2.a.b.c.d', 'v1.a.ZZ!.c.d', 'v1.a$.b.c.d', `v1.${'a'.repeat(300)}.1.c.d`]) {
      expect(tokens.check(bad)).toEqual({ ok: false, code: 'feedback_token_malformed' });
    }
  });

  it('each token issued is distinct, so a group can answer one by one; the log can say a token was used before a restart', () => {
    const tokens = new FeedbackTokens(secret);
    const a = tokens.issue('turn-1');
    const b = tokens.issue('turn-1');
    expect(a.token).not.toBe(b.token);
    expect(tokens.consume(a.token).ok).toBe(true);
    expect(tokens.consume(b.token).ok).toBe(true);
    const restarted = new FeedbackTokens(secret);
    const c = tokens.issue('turn-1');
    expect(restarted.consume(c.token, (id) => id === c.claims.tokenId)).toEqual({ ok: false, code: 'feedback_token_used' });
  });

  it('a coach laptop and the hub of the same event derive the same secret; another event does not', () => {
    const key = Buffer.alloc(32, 3);
    const coach = new FeedbackTokens(feedbackSecret(key, 'event-1'));
    const hub = new FeedbackTokens(feedbackSecret(Buffer.from(key), 'event-1'));
    const elsewhere = new FeedbackTokens(feedbackSecret(key, 'event-2'));
    const { token } = coach.issue('turn-1');
    expect(hub.consume(token).ok).toBe(true);
    expect(elsewhere.check(token)).toEqual({ ok: false, code: 'feedback_token_forged' });
  });

  it('needs a secret of at least 32 bytes', () => {
    expect(() => new FeedbackTokens(Buffer.alloc(16))).toThrow();
    expect(FeedbackTokens.newSecret().byteLength).toBe(32);
  });
});

describe('feedback limits', () => {
  it('takes at most N answers a minute from one address and M from all', () => {
    const c = clock();
    const limit = new FeedbackRateLimit(c.now, 3, 5);
    expect([1, 2, 3, 4].map(() => limit.take('10.0.0.2'))).toEqual([true, true, true, false]);
    expect(limit.take('10.0.0.3')).toBe(true);
    expect(limit.take('10.0.0.4')).toBe(true);
    expect(limit.take('10.0.0.5')).toBe(false);
    c.advance(60_001);
    expect(limit.take('10.0.0.2')).toBe(true);
  });

  it('an answer is 1–5, yes or no, and an optional comment of at most 500 characters, nothing else', () => {
    expect(feedbackAnswer.parse({ useful: 4, wantsMentoring: true, comment: '  Merci\u0301 ' })).toEqual({
      useful: 4,
      wantsMentoring: true,
      comment: 'Mercí',
    });
    for (const bad of [
      { useful: 0, wantsMentoring: false },
      { useful: 6, wantsMentoring: false },
      { useful: 2.5, wantsMentoring: false },
      { useful: 3 },
      { useful: 3, wantsMentoring: false, comment: 'x'.repeat(501) },
      { useful: 3, wantsMentoring: false, name: 'Anna' },
    ]) {
      expect(feedbackAnswer.safeParse(bad).success).toBe(false);
    }
    expect(phoneFeedback.safeParse({ useful: 3, wantsMentoring: false, token: 'v1.a.b.c.d' }).success).toBe(true);
    expect(phoneFeedback.safeParse({ useful: 3, wantsMentoring: false }).success).toBe(false);
  });
});

describe('what participants said', () => {
  it('summarises the cards: spread, mean to one decimal, mentoring wishes, both paths, comments oldest first', async () => {
    const { summariseFeedback } = await import('../../shared/domain/feedback.js');
    expect(summariseFeedback([])).toEqual({
      answers: 0,
      byUseful: [0, 0, 0, 0, 0],
      meanUseful: null,
      wantsMentoring: 0,
      viaLaptop: 0,
      viaPhone: 0,
      commentCount: 0,
      comments: [],
    });
    const s = summariseFeedback([
      { useful: 5, wantsMentoring: false, comment: 'Great', via: 'phone', at: 30 },
      { useful: 4, wantsMentoring: true, comment: 'Clear next steps', via: 'laptop', at: 10 },
      { useful: 4, wantsMentoring: false, comment: null, via: 'laptop', at: 20 },
    ]);
    expect(s).toEqual({
      answers: 3,
      byUseful: [0, 0, 0, 2, 1],
      meanUseful: 4.3,
      wantsMentoring: 1,
      viaLaptop: 2,
      viaPhone: 1,
      commentCount: 2,
      comments: ['Clear next steps', 'Great'],
    });
  });
});
