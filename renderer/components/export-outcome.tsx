/** How an export ended, said beside its button: the file saved, or why it was not. */
export type ExportOutcome = { kind: 'saved'; filename: string } | { kind: 'failed'; message: string };

/** An export's status: not started or under way (nothing to say yet), or its outcome. */
export type ExportStatus<Busy extends { kind: 'busy' } = { kind: 'busy' }> = { kind: 'idle' } | Busy | ExportOutcome;

export function ExportOutcomeNote({ status }: { status: ExportOutcome | { kind: 'idle' | 'busy' } }) {
  if (status.kind === 'saved') {
    return (
      <span className="tone-text-ok" role="status">
        Saved {status.filename}
      </span>
    );
  }
  if (status.kind === 'failed') {
    return (
      <span className="inline-error" role="alert">
        Could not export: {status.message}
      </span>
    );
  }
  return null;
}
