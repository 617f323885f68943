// Child process of the crash test: records polls into the history database given as argv[2], starting at poll
// argv[3], and prints each poll's number once recordPoll has returned (committed), until it is killed. Every sixth
// poll it also runs maintenance, so a kill can land inside a rollup step too.
import { writeSync } from 'node:fs';
import { openHistoryStores } from '../../main/store/history-stores';
import { crashPoll, crashPollAt } from './crash-polls';

const [file, start] = process.argv.slice(2);
const stores = openHistoryStores(file!);
for (let n = Number(start); ; n += 1) {
  stores.samples.recordPoll(crashPoll(n));
  writeSync(1, `${n}\n`);
  if (n % 6 === 5) stores.samples.runMaintenance(crashPollAt(n));
}
