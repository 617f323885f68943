import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DISCORD_COLORS, DISCORD_LIMITS, discordPayload, escapeDiscordMarkdown, formatDiscord } from '../../../../main/alerts/channels/discord-format';
import { makeNotification } from './make-notification';

describe('Discord payload', () => {
  it('puts the notification in one embed with severity color and ISO timestamp, and pings nobody', () => {
    const payload = discordPayload(makeNotification({ severity: 'critical' }));
    assert.equal(payload.content, undefined);
    assert.deepEqual(payload.allowed_mentions, { parse: [] });
    const [embed] = payload.embeds;
    assert.equal(embed?.title, 'Worker offline in Main farm');
    assert.equal(embed?.description, 'rig-01 has sent no shares for 15 min.');
    assert.equal(embed?.color, 0xe74c3c);
    assert.equal(embed?.timestamp, '2026-11-21T12:00:00.000Z');
  });

  it('colors by severity, and resolutions green', () => {
    assert.equal(discordPayload(makeNotification({ severity: 'warning' })).embeds[0]?.color, DISCORD_COLORS.warning);
    assert.equal(discordPayload(makeNotification({ severity: 'info' })).embeds[0]?.color, DISCORD_COLORS.info);
    assert.equal(discordPayload(makeNotification({ severity: 'critical', kind: 'resolved' })).embeds[0]?.color, DISCORD_COLORS.resolved);
    assert.equal(new Set(Object.values(DISCORD_COLORS)).size, 4);
  });

  it('adds urgent content, and truncates title, description and content to the limits with "…"', () => {
    const payload = discordPayload(makeNotification({ urgent: true, title: 'T'.repeat(3000), body: 'b_'.repeat(5000) }));
    const [embed] = payload.embeds;
    assert.equal(embed?.title.length, DISCORD_LIMITS.title);
    assert.ok(embed?.title.endsWith('…'));
    assert.ok((embed?.description.length ?? 0) <= DISCORD_LIMITS.description);
    assert.ok((embed?.description.length ?? 0) > DISCORD_LIMITS.description - 4);
    assert.ok(embed?.description.endsWith('…'));
    assert.ok(!embed?.description.endsWith('\\…'), 'no dangling escape before the ellipsis');
    assert.ok((payload.content?.length ?? 0) <= DISCORD_LIMITS.content);
    assert.match(payload.content ?? '', /^Urgent: T+…$/);
  });

  it('escapes markdown so names show as typed', () => {
    assert.equal(escapeDiscordMarkdown('*rig*_01 [x](y) `a` ~~b~~ |c|'), '\\*rig\\*\\_01 \\[x\\](y) \\`a\\` \\~\\~b\\~\\~ \\|c\\|');
    assert.equal(escapeDiscordMarkdown('# head\n- item\n> quote\nrig-01'), '\\# head\n\\- item\n\\> quote\nrig-01');
  });

  it('posts JSON to the webhook URL with wait=true, keeping its own query', () => {
    const request = formatDiscord('https://discord.com/api/webhooks/1/tok?thread_id=9', makeNotification());
    const url = new URL(request.url);
    assert.equal(url.pathname, '/api/webhooks/1/tok');
    assert.equal(url.searchParams.get('wait'), 'true');
    assert.equal(url.searchParams.get('thread_id'), '9');
    assert.equal(request.headers['Content-Type'], 'application/json');
    assert.ok(Array.isArray((JSON.parse(request.body) as { embeds: unknown[] }).embeds));
  });
});
