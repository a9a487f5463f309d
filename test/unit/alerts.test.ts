/**
 * The organiser's dashboard alerts, as figures and words: one rounding rule
 * for overtime (the coach's countdown and the alert agree).
 */
import { describe, expect, it } from 'vitest';
import { alertWords, dashboardAlerts, overtimeMinutes, type TableFacts } from '../../shared/domain/alerts.js';
import { formatCountdown } from '../../shared/domain/timer.js';

const table = (over: Partial<TableFacts>): TableFacts => ({
  id: 't1',
  name: 'Quick',
  closed: false,
  waiting: 0,
  busy: true,
  overtimeMinutes: null,
  lastHeardAt: null,
  local: true,
  ...over,
});

describe('overtime: one rounding rule', () => {
  it('the alert says what the countdown shows: 48 s over is "under a minute", never "0 min"', () => {
    const remainingMs = -48_700;
    expect(formatCountdown(remainingMs)).toBe('+0:48');
    const [alert] = dashboardAlerts([table({ overtimeMinutes: overtimeMinutes(remainingMs) })], 0);
    expect(alert).toMatchObject({ kind: 'overtime', minutes: 0 });
    expect(alertWords(alert!)).toEqual({ key: 'overtimeUnderMinute', params: { table: 'Quick' } });
  });

  it("the alert's minutes are the countdown's minutes, for every overtime", () => {
    for (let ms = -1; ms > -3 * 3_600_000; ms -= 997) {
      const digits = formatCountdown(ms);
      const minutes = digits === '0:00' ? 0 : Number(/^\+(\d+):/.exec(digits)?.[1]);
      expect(overtimeMinutes(ms), digits).toBe(minutes);
    }
    const [alert] = dashboardAlerts([table({ overtimeMinutes: overtimeMinutes(-65_000) })], 0);
    expect(alertWords(alert!)).toEqual({ key: 'overtime', params: { table: 'Quick', minutes: 1 } });
    expect(overtimeMinutes(1)).toBeNull();
  });
});
