/** Log lines carry what happened and to which account; callers pass text already free of secrets. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createStderrLogger(prefix = 'poolwatch'): Logger {
  const write = (level: string, message: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${prefix} ${level} ${message}\n`);
  };
  return { info: (m) => write('info', m), warn: (m) => write('warn', m), error: (m) => write('error', m) };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
