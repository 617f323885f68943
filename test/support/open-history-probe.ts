// Opens each history database path given and prints, as JSON, null for success or the error message.
// Run as another user by history-open.test.ts, because file permissions do not bind root.
import { openHistoryStores } from '../../main/store/history-stores';

const results = process.argv.slice(2).map((file) => {
  try {
    openHistoryStores(file).close();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
});
process.stdout.write(JSON.stringify(results));
