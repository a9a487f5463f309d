import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { feedbackRoute } from '../../electron/feedback/route.js';
import { FeedbackRateLimit, FeedbackTokens, type TokenClaims } from '../../electron/feedback/token.js';
import type { FeedbackAnswer, FeedbackRefusal } from '../../shared/feedback.js';
import { recordPhoneCard } from '../../electron/sync/hub-server.js';
import { EVENT, TABLE, ok, testCore } from './helpers.js';

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = null;
});

async function start(options: { perAddress?: number; record?: (claims: TokenClaims, answer: FeedbackAnswer) => FeedbackRefusal | void } = {}) {
  let now = 1_756_201_500_000;
  const clock = () => now;
  const tokens = new FeedbackTokens(Buffer.alloc(32, 1), clock);
  const recorded: { claims: TokenClaims; answer: FeedbackAnswer }[] = [];
  const route = feedbackRoute({
    tokens: () => tokens,
    limit: new FeedbackRateLimit(clock, options.perAddress ?? 20, 120),
    alreadyUsed: (id) => recorded.some((r) => r.claims.tokenId === id),
    record: (claims, answer) => {
      const refused = options.record?.(claims, answer);
      if (!refused) recorded.push({ claims, answer });
      return refused;
    },
    servePage: (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Tableside</title>');
    },
  });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    const handled = route(req, res, url, req.socket.remoteAddress ?? '');
    if (handled === false) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', () => done()));
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  const post = async (body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => {
    const res = await fetch(`${base}/api/feedback`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string } } };
  };
  return { base, tokens, recorded, post, advance: (ms: number) => (now += ms) };
}

describe('the phone path of feedback on the hub listener', () => {
  it('takes one answer per token, and refuses the same token again', async () => {
    const hub = await start();
    const { token, claims } = hub.tokens.issue('turn-1');
    expect(await hub.post({ token, useful: 5, wantsMentoring: true, comment: 'Very helpful' })).toEqual({ status: 200, body: { ok: true } });
    expect(hub.recorded).toEqual([{ claims, answer: { useful: 5, wantsMentoring: true, comment: 'Very helpful' } }]);
    expect(await hub.post({ token, useful: 1, wantsMentoring: false })).toEqual({
      status: 409,
      body: { ok: false, error: { code: 'feedback_token_used' } },
    });
    expect(hub.recorded).toHaveLength(1);
  });

  it('refuses an expired, forged or malformed token, a bad answer, a wrong type and an oversized body; nothing is recorded', async () => {
    const hub = await start();
    const { token } = hub.tokens.issue('turn-1', 60_000);
    hub.advance(60_001);
    expect((await hub.post({ token, useful: 3, wantsMentoring: false })).body.error?.code).toBe('feedback_token_expired');
    const other = new FeedbackTokens(Buffer.alloc(32, 2)).issue('turn-1').token;
    expect((await hub.post({ token: other, useful: 3, wantsMentoring: false })).body.error?.code).toBe('feedback_token_forged');
    expect((await hub.post({ token: 'nonsense', useful: 3, wantsMentoring: false })).body.error?.code).toBe('feedback_token_malformed');
    const fresh = hub.tokens.issue('turn-2').token;
    expect((await hub.post({ token: fresh, useful: 9, wantsMentoring: false })).body.error?.code).toBe('feedback_bad_answer');
    expect((await hub.post({ token: fresh, useful: 3, wantsMentoring: false, name: 'Anna' })).body.error?.code).toBe('feedback_bad_answer');
    expect((await hub.post('{"token":', { 'Content-Type': 'application/json' })).body.error?.code).toBe('feedback_bad_answer');
    expect((await hub.post({ token: fresh, useful: 3, wantsMentoring: false }, { 'Content-Type': 'text/plain' })).body.error?.code).toBe(
      'feedback_bad_answer',
    );
    const big = await hub.post({ token: fresh, useful: 3, wantsMentoring: false, comment: 'x'.repeat(5000) });
    expect(big).toEqual({ status: 413, body: { ok: false, error: { code: 'feedback_too_large' } } });
    expect(hub.recorded).toEqual([]);
    // The fresh token was never spent by the refusals.
    expect((await hub.post({ token: fresh, useful: 3, wantsMentoring: false })).status).toBe(200);
  });

  it("says why the hub's log refused a card: the turn runs again, or is gone; never 'choose how useful it was'", async () => {
    const { core } = testCore();
    ok(core.call('event.create', EVENT));
    const tableId = ok(core.call('table.create', TABLE)).tableId;
    ok(core.call('walkin.add', { tableId, name: 'Ana', topics: [], partySize: 1 }));
    const turnId = ok(core.call('turn.start', { tableId })).turnId;
    const hub = await start({ record: (claims, answer) => recordPhoneCard(core, claims, answer) });
    const card = (turn: string) => ({ token: hub.tokens.issue(turn).token, useful: 4, wantsMentoring: false });
    // The coach offered the card, then undid End turn: the turn runs again.
    expect(await hub.post(card(turnId))).toEqual({ status: 409, body: { ok: false, error: { code: 'feedback_turn_running' } } });
    // A turn no longer in the log (its start undone).
    expect(await hub.post(card('turn-undone'))).toEqual({ status: 410, body: { ok: false, error: { code: 'feedback_turn_gone' } } });
    expect(hub.recorded).toEqual([]);
    // Once it has ended, the same kind of card is kept.
    ok(core.call('turn.end', { turnId }));
    expect(await hub.post(card(turnId))).toEqual({ status: 200, body: { ok: true } });
    expect(hub.recorded).toHaveLength(1);
    core.close();
  });

  it('limits how many answers one address sends in a minute', async () => {
    const hub = await start({ perAddress: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await hub.post({ token: hub.tokens.issue(`turn-${i}`).token, useful: 4, wantsMentoring: false })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(hub.recorded).toHaveLength(3);
    hub.advance(60_001);
    expect((await hub.post({ token: hub.tokens.issue('turn-9').token, useful: 4, wantsMentoring: false })).status).toBe(200);
  });

  it('serves the page and leaves every other path to the listener', async () => {
    const hub = await start();
    const page = await fetch(`${hub.base}/feedback`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Tableside</title>');
    expect((await fetch(`${hub.base}/api/rpc`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${hub.base}/api/feedback`)).status).toBe(405);
  });
});
