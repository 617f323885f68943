import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCliProcess, sbiCliConfig } from '../support/cli-process';
import { csvRecords } from '../support/parse-csv';
import { startSbiSim, type SbiSim } from '../sim/sbi';

// `poolwatch export workers --state/--name`: the Workers screen's filters, run as a script runs the CLI (its own
// process, stdout a pipe) against the SBI simulator over loopback.

const MINUTE = 60_000;

describe('poolwatch export workers --state STATE --name TEXT', () => {
  let sim: SbiSim;
  let config: string;
  let env: Record<string, string>;

  before(async () => {
    sim = await startSbiSim({ seed: 52, subaccounts: [{ name: 'rigs', coin: 'BTC', workers: 6, deadShare: 0, offlineShare: 0 }] });
    // rig-01..rig-06 online; two more with names in other cases; SBI says OFFLINE 2-10 min after the last share, DEAD after.
    sim.addWorker('rigs', 'Spare-RIG-10');
    sim.addWorker('rigs', 'backup-Rig-11');
    const now = Date.now();
    for (const name of ['rig-02', 'rig-04', 'backup-Rig-11']) sim.setWorkerLastShare('rigs', name, now - 5 * MINUTE);
    sim.setWorkerLastShare('rigs', 'rig-03', now - 2 * 60 * MINUTE);
    sim.setWorkerIdle('rigs', 'rig-05', true);
    ({ config, env } = await sbiCliConfig(sim, 'Farm', 'PW_FILTER'));
  });
  after(async () => {
    await sim.close();
  });

  async function exported(...options: string[]): Promise<Array<Record<string, string>>> {
    const result = await runCliProcess(['export', 'workers', '--config', config, ...options], env);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.startsWith('account_id,account,pool,group,worker,state,'), 'the header row, also when no worker passes');
    return csvRecords(result.stdout);
  }

  const namesOf = (rows: ReadonlyArray<Record<string, string>>) => rows.map((row) => row.worker!).sort();

  it('prints only the workers in that state, whose name holds the text in any case, as the Workers screen lists them', async () => {
    const all = await exported();
    assert.equal(all.length, 8);
    const states = new Map(all.map((row) => [row.worker!, row.state!]));
    assert.deepEqual([...new Set(states.values())].sort(), ['dead', 'offline', 'online'], 'the simulator gave every state the filters are tried with');

    const offline = await exported('--state', 'offline');
    assert.deepEqual(namesOf(offline), ['backup-Rig-11', 'rig-02', 'rig-04']);
    assert.deepEqual(namesOf(offline), namesOf(all.filter((row) => row.state === 'offline')), 'the same rows as the whole list holds in that state');
    assert.deepEqual(namesOf(await exported('--state', 'dead')), ['rig-03']);

    // Part of the name, any case: "RIG-1" is in spare-rig-10 and backup-rig-11, not in rig-01.
    assert.deepEqual(namesOf(await exported('--name', 'RIG-1')), ['Spare-RIG-10', 'backup-Rig-11']);
    // Both filters at once, with the table's sort.
    const both = await exported('--state', 'offline', '--name', 'rig-0', '--sort', 'name,desc');
    assert.deepEqual(both.map((row) => row.worker), ['rig-04', 'rig-02']);
    assert.ok(both.every((row) => row.account_id === 'farm' && row.group === 'rigs' && row.state === 'offline'));

    // Not hashing is timed across polls (at least a minute): the one poll of the CLI marks no worker, idle rig-05 neither.
    assert.equal(states.get('rig-05'), 'online');
    assert.deepEqual(await exported('--state', 'not-hashing'), []);
    // A name no worker has: the header alone, and success.
    assert.deepEqual(await exported('--name', 'x'.repeat(200)), []);
  });

  it('refuses an unknown state, a name over 200 characters and a filter on another export, exit 1, nothing on stdout', async () => {
    for (const [args, message] of [
      [['workers', '--state', 'sleeping'], /^poolwatch: export: --state: unknown worker state "sleeping": use one of online, offline, dead, unknown or not-hashing\n$/],
      [['workers', '--state', 'Offline'], /^poolwatch: export: --state: unknown worker state "Offline": use one of online, offline, dead, unknown or not-hashing\n$/],
      [['workers', '--name', 'x'.repeat(201)], /^poolwatch: export: --name: a name filter holds at most 200 characters, not 201\n$/],
      [['payouts', '--state', 'offline'], /^poolwatch: export: state and name filter the workers export only \(--state and --name need export workers\)\n$/],
      [['hashrate', '--name', 'rig'], /^poolwatch: export: state and name filter the workers export only \(--state and --name need export workers\)\n$/],
    ] as const) {
      const requestsBefore = sim.requestLog.length;
      const result = await runCliProcess(['export', ...args, '--config', config], env);
      assert.equal(result.code, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '', 'nothing on stdout');
      assert.equal(sim.requestLog.length, requestsBefore, 'refused before any pool is asked');
    }
  });
});
