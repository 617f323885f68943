import { EXIT } from './exit-codes';

// process.exit() drops whatever is still queued for a pipe (stdout to `jq`, a file via a slow reader): a large
// snapshot or CSV would be cut. So the CLI exits only once both streams have handed everything to the OS.

/** Resolves once everything written to the stream so far is flushed, or the stream failed (a reader that left). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) {
      resolve();
      return;
    }
    // Writes complete in order: the callback of an empty write runs after every earlier write is out.
    stream.write('', () => resolve());
  });
}

/** A reader that closes its end early (`| head`) is not a failure of ours: the output it wanted was written. */
function ignoreClosedReader(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/** Exits with `code` after stdout and stderr are flushed. */
export async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Runs the CLI's promise to its exit code, flushed; an unexpected failure is reported on stderr. */
export function exitWithResult(result: Promise<number>): void {
  ignoreClosedReader(process.stdout);
  ignoreClosedReader(process.stderr);
  void result.then(
    (code) => exitWhenFlushed(code),
    (error: Error) => {
      process.stderr.write(`poolwatch: unexpected failure: ${error.message}\n`);
      return exitWhenFlushed(EXIT.unexpected);
    },
  );
}
