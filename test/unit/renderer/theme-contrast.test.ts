import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHART_COLORS, SEVERITY_COLORS, WORKER_STATE_COLORS } from '../../../renderer/features/charts/chart-colors';

// The palette's source is styles.css: every colour is `--name: light-dark(<light>, <dark>)` in :root.
const css = readFileSync(join(__dirname, '..', '..', '..', 'renderer', 'styles.css'), 'utf8');
type Theme = 'light' | 'dark';

function palette(): Map<string, Record<Theme, string>> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? assert.fail('styles.css has no :root block');
  const colors = new Map<string, Record<Theme, string>>();
  for (const match of root.matchAll(/(--[a-z0-9-]+)\s*:\s*light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)/gi)) {
    colors.set(match[1]!, { light: match[2]!, dark: match[3]! });
  }
  return colors;
}

/** WCAG 2 relative luminance of an sRGB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

/** `var(--chart-offline)` -> `--chart-offline`. */
function variableOf(color: string): string {
  return /^var\((--[a-z0-9-]+)\)$/.exec(color)?.[1] ?? assert.fail(`${color} is not a palette variable`);
}

const colors = palette();
function color(name: string, theme: Theme): string {
  return colors.get(name)?.[theme] ?? assert.fail(`styles.css defines no light-dark() colour ${name}`);
}

describe('theme palette contrast (WCAG)', () => {
  const drawn = {
    ...Object.fromEntries(Object.entries(WORKER_STATE_COLORS).map(([state, value]) => [`worker state ${state}`, value])),
    ...Object.fromEntries(Object.entries(SEVERITY_COLORS).map(([severity, value]) => [`alert ${severity}`, value])),
    'hashrate line': CHART_COLORS.accent,
    'paid bars': CHART_COLORS.paid,
    axis: CHART_COLORS.axis,
  };

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: every chart state colour is at least 3:1 against the card and page background`, () => {
      const failures: string[] = [];
      for (const [what, value] of Object.entries(drawn)) {
        for (const background of ['--surface', '--bg']) {
          const ratio = contrast(color(variableOf(value), theme), color(background, theme));
          if (ratio < 3) failures.push(`${what} (${variableOf(value)}) on ${background}: ${ratio.toFixed(2)}:1`);
        }
      }
      assert.deepEqual(failures, []);
    });

    it(`${theme}: body and secondary text are at least 4.5:1 against the cards`, () => {
      for (const text of ['--text', '--muted', '--accent', '--ok', '--warning', '--problem', '--unknown', '--idle']) {
        const ratio = contrast(color(text, theme), color('--surface', theme));
        assert.ok(ratio >= 4.5, `${text} on --surface in ${theme}: ${ratio.toFixed(2)}:1`);
      }
    });
  }

  it('the dark theme is dark and the light one light', () => {
    assert.ok(luminance(color('--bg', 'dark')) < 0.05);
    assert.ok(luminance(color('--bg', 'light')) > 0.8);
  });

  it('the four worker states are told apart by colour in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      const values = Object.values(WORKER_STATE_COLORS).map((value) => color(variableOf(value), theme));
      assert.equal(new Set(values).size, values.length, theme);
    }
  });

  it('"not hashing" has a colour of its own, told apart from the states, the accent and its own pill background', () => {
    for (const theme of ['light', 'dark'] as const) {
      const idle = color('--idle', theme);
      const others = ['--ok', '--warning', '--problem', '--unknown', '--accent', ...Object.values(WORKER_STATE_COLORS).map(variableOf)].map((name) => color(name, theme));
      assert.ok(!others.includes(idle), theme);
      const onPill = contrast(idle, color('--idle-soft', theme));
      assert.ok(onPill >= 4.5, `--idle on --idle-soft in ${theme}: ${onPill.toFixed(2)}:1`);
      const onPage = contrast(idle, color('--bg', theme));
      assert.ok(onPage >= 4.5, `--idle on --bg in ${theme}: ${onPage.toFixed(2)}:1`);
    }
  });
});
