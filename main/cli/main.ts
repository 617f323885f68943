import { runCli } from './cli';
import { exitWithResult } from './exit-when-flushed';

exitWithResult(runCli(process.argv.slice(2)));
