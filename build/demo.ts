// `npm run demo`: starts the pool simulators and PoolWatch against them. Where the Electron binary is
// missing (it cannot be downloaded everywhere), it says so and starts the headless mode instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { systemClock } from '../main/base/clock';
import { startDemoScenario } from './demo-scenario';
import { installedElectron } from './electron-binary';
import { startDemoPools } from './demo-pools';

const root = resolve(__dirname, '..');
/** POOLWATCH_DEMO_DIR moves the demo's config, history and profile (the smoke test uses a temporary folder). */
const demoDir = process.env.POOLWATCH_DEMO_DIR ?? join(root, '.tmp', 'demo');

/** The Electron executable, or null with the reason it cannot be used. */
function findElectron(): { path: string } | { reason: string } {
  if (process.env.POOLWATCH_DEMO_HEADLESS === '1') return { reason: 'POOLWATCH_DEMO_HEADLESS=1 asks for the headless mode' };
  return installedElectron();
}

async function main(): Promise<void> {
  const pools = await startDemoPools();
  const { sbi, spider, webminepool, stratumsphere, config } = pools;
  console.log(`Pool simulators: SBI ${sbi.url}, Spider ${spider.url}, WebMinePool ${webminepool.url}, Stratumsphere ${stratumsphere.url}`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...pools.env };

  const profile = join(demoDir, 'profile');
  await mkdir(profile, { recursive: true });
  const configFile = join(demoDir, 'config.json');
  await writeFile(configFile, JSON.stringify(config, null, 2));
  await writeFile(join(profile, 'config.json'), JSON.stringify(config, null, 2));

  const electron = findElectron();
  let app: ChildProcess;
  if ('path' in electron) {
    // The desktop app's SQLite must be built for Electron's ABI (once per Electron version).
    spawnSync(process.execPath, [join(root, 'build', 'electron-sqlite.mjs')], { stdio: 'inherit' });
    console.log('Starting the PoolWatch desktop app (look for the tray icon).');
    app = spawn(electron.path, [join(root, 'dist/main/electron-main.js')], {
      env: { ...env, POOLWATCH_USER_DATA: profile },
      stdio: 'inherit',
    });
  } else {
    console.log(`The Electron binary is not installed here (${electron.reason}).`);
    console.log('Starting the headless mode instead: open the URL below in a browser.');
    app = spawn(process.execPath, [join(root, 'dist/main/cli.js'), 'serve', '--config', configFile, '--port', process.env.POOLWATCH_DEMO_PORT ?? '0'], {
      env,
      stdio: 'inherit',
    });
  }
  // From the app's start, so a slow first start (Electron's SQLite build) does not eat into the scenario.
  const stopScenario = startDemoScenario({ sbi, webminepool }, systemClock, (line) => console.log(line));

  const shutdown = async (): Promise<void> => {
    stopScenario();
    app.kill('SIGTERM');
    await pools.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  app.once('exit', () => void shutdown());
}

main().catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});
