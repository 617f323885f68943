/** The CLI's exit codes (listed in `--help` and README): scripts tell a bad setup from an account that failed. */
export const EXIT = {
  done: 0,
  /** Bad config, bad arguments, or no history to read: nothing was polled or printed. */
  badInput: 1,
  /** Polled and printed, but at least one account could not be read (stderr and the output say which). */
  accountFailed: 2,
  /** A failure PoolWatch did not expect (a bug): the message is on stderr. */
  unexpected: 3,
} as const;
