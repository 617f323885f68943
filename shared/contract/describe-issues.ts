// The one wording of zod issues, for every layer: the UI's unreadable cards, requests, config files, pool answers, the CLI.

/** What a zod issue brings (a ZodError's `issues`); structural, so this file needs no zod import. */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

export interface IssueWording {
  /** How many issues to name (default 5). */
  limit?: number;
  /** Names an issue's place; '' leaves the message alone. Default: the dotted path, `(root)` for the whole value. */
  where?: (path: readonly PropertyKey[]) => string;
  /** `where (message), …` instead of `where: message; …`, for a message that already has a colon before the list. */
  parenthesized?: boolean;
}

function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

/** `path: message` for the first issues, e.g. `hashrate.h10m: Invalid input: expected number, received null`. */
export function describeIssues(error: { readonly issues: readonly IssueLike[] }, wording: IssueWording | number = {}): string {
  const { limit = 5, where = dottedPath, parenthesized = false } = typeof wording === 'number' ? { limit: wording } : wording;
  return error.issues
    .slice(0, limit)
    .map((issue) => {
      const place = where(issue.path);
      if (place === '') return issue.message;
      return parenthesized ? `${place} (${issue.message})` : `${place}: ${issue.message}`;
    })
    .join(parenthesized ? ', ' : '; ');
}
