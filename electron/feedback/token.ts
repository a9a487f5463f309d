/**
 * One-time feedback tokens (issue 15). A token lets one phone answer one
 * feedback card for one turn, for a few minutes, through the hub's public
 * listener, without the event's code:
 *
 *   token = v1.<turnId, base64url>.<expiresAt, base36 ms>.<nonce, 12 random bytes>.<HMAC-SHA256, base64url>
 *
 * The HMAC (node:crypto) is over the version, turn id, expiry and nonce with a
 * secret derived from the event key (`feedbackSecret`), which only the
 * event's laptops hold, so a token cannot be forged or stretched; the
 * nonce makes each token shown distinct (a coach may show a fresh code for
 * each member of a group); at most one answer is accepted per token
 * (`FeedbackTokens.consume`). Used tokens are remembered until they expire,
 * after which they are refused as expired anyway.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { FEEDBACK_LIMITS, type FeedbackRefusal } from '../../shared/feedback.js';

const VERSION = 'v1';

/**
 * The token secret of an event: HKDF-SHA256 of the event key (which every
 * laptop of the event holds, and nobody else), so a coach's laptop can make
 * a token that the hub, wherever it runs, can check.
 */
export function feedbackSecret(eventKey: Uint8Array, eventId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', eventKey, Buffer.from(`tableside feedback ${eventId}`), Buffer.from('feedback tokens v1'), 32));
}

export interface TokenClaims {
  turnId: string;
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
  /** The token's own id (its nonce): what "used" remembers. */
  tokenId: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; code: FeedbackRefusal };

function b64(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Makes and checks tokens with one hub secret (at least 32 bytes). */
export class FeedbackTokens {
  private readonly used = new Map<string, number>();

  /** `secret`: the hub's own random bytes (kept with the hub's settings); `now`: the clock, epoch ms. */
  constructor(
    private readonly secret: Uint8Array,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.byteLength < 32) throw new Error('A feedback secret needs at least 32 bytes.');
  }

  /** A new random secret for a hub. */
  static newSecret(): Buffer {
    return randomBytes(32);
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret).update(body).digest();
  }

  /** A token for `turnId`, valid for `ttlMs` from now (default FEEDBACK_LIMITS.tokenTtlMs). */
  issue(turnId: string, ttlMs: number = FEEDBACK_LIMITS.tokenTtlMs): { token: string; claims: TokenClaims } {
    const expiresAt = this.now() + ttlMs;
    const tokenId = b64(randomBytes(12));
    const body = `${VERSION}.${b64(turnId)}.${expiresAt.toString(36)}.${tokenId}`;
    return { token: `${body}.${b64(this.mac(body))}`, claims: { turnId, expiresAt, tokenId } };
  }

  /** Checks a token's form, signature, expiry and use, without using it. */
  check(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION || token.length > 300) return { ok: false, code: 'feedback_token_malformed' };
    const [, turnPart, expiryPart, tokenId, macPart] = parts as [string, string, string, string, string];
    if (!/^[A-Za-z0-9_-]+$/.test(turnPart + tokenId + macPart) || !/^[0-9a-z]{1,12}$/.test(expiryPart)) {
      return { ok: false, code: 'feedback_token_malformed' };
    }
    const given = Buffer.from(macPart, 'base64url');
    const expected = this.mac(parts.slice(0, 4).join('.'));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'feedback_token_forged' };
    const expiresAt = parseInt(expiryPart, 36);
    if (!(this.now() <= expiresAt)) return { ok: false, code: 'feedback_token_expired' };
    if (this.used.has(tokenId)) return { ok: false, code: 'feedback_token_used' };
    return { ok: true, claims: { turnId: Buffer.from(turnPart, 'base64url').toString('utf8'), expiresAt, tokenId } };
  }

  /**
   * Checks a token and marks it used: the first call for a valid token
   * answers ok, every later one `feedback_token_used`. `alreadyUsed` lets the
   * caller add what it keeps elsewhere (the log's feedback, after a restart).
   */
  consume(token: string, alreadyUsed: (tokenId: string) => boolean = () => false): TokenCheck {
    const result = this.check(token);
    if (!result.ok) return result;
    if (alreadyUsed(result.claims.tokenId)) return { ok: false, code: 'feedback_token_used' };
    this.prune();
    this.used.set(result.claims.tokenId, result.claims.expiresAt);
    return result;
  }

  /** Forget used tokens that have expired (they are refused as expired). */
  private prune(): void {
    const now = this.now();
    for (const [id, expiresAt] of this.used) if (expiresAt < now) this.used.delete(id);
  }
}

/**
 * A sliding one-minute window per network address and for everyone
 * together. `take(address)` answers whether one more answer may be taken now,
 * and counts it if so.
 */
export class FeedbackRateLimit {
  private readonly byAddress = new Map<string, number[]>();
  private total: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly perAddress: number = FEEDBACK_LIMITS.perAddressPerMinute,
    private readonly overall: number = FEEDBACK_LIMITS.totalPerMinute,
  ) {}

  take(address: string): boolean {
    const now = this.now();
    const since = now - 60_000;
    this.total = this.total.filter((t) => t > since);
    const mine = (this.byAddress.get(address) ?? []).filter((t) => t > since);
    if (mine.length >= this.perAddress || this.total.length >= this.overall) {
      this.byAddress.set(address, mine);
      return false;
    }
    mine.push(now);
    this.total.push(now);
    this.byAddress.set(address, mine);
    if (this.byAddress.size > 10_000) {
      for (const [a, times] of this.byAddress) if (!times.some((t) => t > since)) this.byAddress.delete(a);
    }
    return true;
  }
}
