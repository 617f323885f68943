import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axisTimeFormatter, resolutionText, tooltipTimeFormatter, utcDayFormatter } from '../../../renderer/features/charts/chart-time';

const AT = Date.parse('2025-03-03T14:05:09.000Z');
const HOUR = 3_600_000;
const utc = { locale: 'en-US', timeZone: 'UTC' };

describe('chart times', () => {
  it('gives tooltips the exact time with its zone', () => {
    assert.equal(tooltipTimeFormatter(utc)(AT), 'Mar 3, 2025, 02:05:09 PM UTC');
    assert.match(tooltipTimeFormatter({ locale: 'en-US', timeZone: 'Asia/Tokyo' })(AT), /11:05:09 PM GMT\+9$/);
  });

  it('labels ticks to fit the span', () => {
    assert.equal(axisTimeFormatter(24 * HOUR, utc)(AT), '02:05 PM');
    assert.equal(axisTimeFormatter(7 * 24 * HOUR, utc)(AT), 'Mon 02:05 PM');
    assert.equal(axisTimeFormatter(30 * 24 * HOUR, utc)(AT), 'Mar 3');
    assert.equal(axisTimeFormatter(365 * 24 * HOUR, utc)(AT), 'Mar 2025');
  });

  it('labels earnings days as the UTC days they are', () => {
    assert.equal(utcDayFormatter('en-US')('2025-03-03'), 'Mar 3, 2025');
    assert.equal(utcDayFormatter('en-US')('not a day'), 'not a day');
  });

  it('names what a point stands for', () => {
    assert.equal(resolutionText('raw'), 'poll samples');
    assert.equal(resolutionText('hour'), 'hourly figures');
    assert.equal(resolutionText('day'), 'daily figures');
  });
});
