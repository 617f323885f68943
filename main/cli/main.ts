import { runCli } from './cli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`poolwatch: unexpected failure: ${error.message}\n`);
    process.exit(2);
  },
);
