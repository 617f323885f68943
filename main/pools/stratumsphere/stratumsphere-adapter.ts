import { sumHashrates, type Group, type Worker } from '../../../shared/model';
import type { PollContext, PoolAdapter, PoolReading } from '../adapter';
import { PoolError } from '../../base/pool-error';
import { mapBounded } from './bounded-map';
import { rentalEndpoint, SCHEDULERS_ENDPOINT, type RentalFigures, type RentalRef, type SchedulerInfo } from './endpoints';
import { StratumsphereClient, STRATUMSPHERE_NAME, type StratumsphereResult } from './stratumsphere-client';
import { rentalToWorker, schedulerToGroup, uniqueNames } from './stratumsphere-mapping';

/** Each rental costs one request per poll: beyond this many the rest are counted but not read, to stay polite. */
export const MAX_RENTALS_PER_POLL = 500;
/** Rental requests in flight at once; the http client also caps each host at 4. */
const RENTAL_CONCURRENCY = 4;
/** Printable ASCII without spaces: anything else cannot be a key copied from Account → Integrations. */
const KEY_CHARACTERS = /^[\x21-\x7e]+$/;

function keyProblem(key: string): string | null {
  if (key === '') return 'Enter the API key shown under Account → Integrations on Stratumsphere.';
  if (/^bearer\s/i.test(key)) return 'Enter the key alone, without "Bearer": Stratumsphere takes the raw key in the Authorization header.';
  if (!KEY_CHARACTERS.test(key)) return 'The API key contains spaces, line breaks or other characters a key cannot have; copy it again from Account → Integrations.';
  return null;
}

function apiKeyFrom(credentials: Readonly<Record<string, string>>): string {
  const key = credentials.apiKey?.trim() ?? '';
  if (key === '') throw new PoolError('config', 'This Stratumsphere account has no API key. Edit the account and enter the key from Account → Integrations.');
  // A key that cannot go into a header would fail inside fetch with an unhelpful message.
  if (!/^[\x20-\x7e]+$/.test(key)) throw new PoolError('config', keyProblem(key) ?? 'The API key cannot be sent as typed; edit the account and enter it again.');
  return key;
}

interface PlannedRental {
  scheduler: number;
  ref: RentalRef;
}

interface ReadRental {
  scheduler: number;
  id: string;
  label: string | null;
  figures: RentalFigures;
}

/** Every rental the schedulers list, in list order, each id once. */
function planRentals(schedulers: readonly SchedulerInfo[]): PlannedRental[] {
  const seen = new Set<string>();
  const planned: PlannedRental[] = [];
  schedulers.forEach((scheduler, index) => {
    for (const ref of scheduler.rentals ?? []) {
      if (seen.has(ref.id)) continue;
      seen.add(ref.id);
      planned.push({ scheduler: index, ref });
    }
  });
  return planned;
}

async function readRentals(client: StratumsphereClient, planned: readonly PlannedRental[], limitations: string[]): Promise<ReadRental[]> {
  const toFetch = planned.filter((entry) => entry.ref.figures === null);
  const answers = await mapBounded(toFetch, RENTAL_CONCURRENCY, (entry) => client.tryGet(rentalEndpoint(entry.ref.id)));
  const byId = new Map<string, StratumsphereResult<RentalFigures>>(toFetch.map((entry, index) => [entry.ref.id, answers[index] as StratumsphereResult<RentalFigures>]));
  const forbidden: string[] = [];
  const read: ReadRental[] = [];
  for (const entry of planned) {
    const answer = entry.ref.figures ? { ok: true as const, value: entry.ref.figures } : byId.get(entry.ref.id);
    if (!answer) continue;
    if (!answer.ok) {
      // 404: deleted between the list and the detail request; it is simply gone.
      if (answer.status === 403) forbidden.push(answer.reason);
      continue;
    }
    read.push({ scheduler: entry.scheduler, id: entry.ref.id, label: answer.value.name ?? entry.ref.name, figures: answer.value });
  }
  if (forbidden.length > 0) {
    limitations.push(`${STRATUMSPHERE_NAME} refused ${forbidden.length} rental${forbidden.length === 1 ? '' : 's'} (HTTP 403: ${forbidden[0]}); they are left out.`);
  }
  return read;
}

async function pollAccount(context: PollContext): Promise<PoolReading> {
  const client = new StratumsphereClient(context.http, context.baseUrl, apiKeyFrom(context.credentials), context.signal);
  const schedulers = await client.get(SCHEDULERS_ENDPOINT);
  const limitations: string[] = [];

  if (schedulers.length > 0 && schedulers.every((scheduler) => scheduler.rentals === null)) {
    limitations.push(`${STRATUMSPHERE_NAME}'s scheduler list names no rentals, so none can be shown. Its API may have changed; please report this to PoolWatch.`);
  }
  const planned = planRentals(schedulers);
  const capped = planned.slice(0, MAX_RENTALS_PER_POLL);
  const unread = new Array<number>(schedulers.length).fill(0);
  for (const entry of planned.slice(MAX_RENTALS_PER_POLL)) unread[entry.scheduler] = (unread[entry.scheduler] ?? 0) + 1;
  if (planned.length > capped.length) {
    limitations.push(
      `This account has ${planned.length} rentals; PoolWatch reads ${MAX_RENTALS_PER_POLL} of them on each poll so as not to flood ${STRATUMSPHERE_NAME} with requests. The other ${planned.length - capped.length} are counted as unknown.`,
    );
  }
  const rentals = await readRentals(client, capped, limitations);

  const groupNames = uniqueNames(schedulers, (scheduler) => scheduler.name, (scheduler) => scheduler.id, (id) => `scheduler ${id}`);
  const workers: Worker[] = [];
  const groups: Group[] = schedulers.map((scheduler, index) => {
    const groupName = groupNames[index] as string;
    const own = rentals.filter((rental) => rental.scheduler === index);
    const names = uniqueNames(own, (rental) => rental.label, (rental) => rental.id, (id) => `rental ${id}`);
    const members = own.map((rental, position) => rentalToWorker(rental.id, rental.figures, names[position] as string, groupName));
    workers.push(...members);
    return schedulerToGroup(scheduler, groupName, members, unread[index] ?? 0);
  });

  return {
    poolAccountName: null,
    hashrate: sumHashrates(groups.map((group) => group.hashrate)),
    groups,
    workers,
    balances: [],
    payouts: [],
    revenue: [],
    stratumServers: [],
    limitations,
  };
}

export function createStratumsphereAdapter(): PoolAdapter {
  return {
    pool: 'stratumsphere',
    poll: pollAccount,
    validateCredentials(credentials) {
      return keyProblem(credentials.apiKey?.trim() ?? '');
    },
  };
}
