export const USAGE = `poolwatch — watch mining-pool accounts

Usage:
  poolwatch serve [--config FILE] [--data DIR] [--port N] [--host ADDR] [--tls-cert FILE --tls-key FILE] [--metrics-workers]
                  [--token-file FILE] [--secret-store keychain|file] [--secrets-key-file FILE]
      Run the monitor headless and serve its web UI on 127.0.0.1 (or ADDR: 0.0.0.0 for every interface; the token
      is then needed for everything, with a warning). --tls-cert/--tls-key (PEM) serve HTTPS.
      Prints the URL to open; it carries a random access token, new at every start.
      --token-file FILE keeps one token across restarts (created 0600 with a random token if missing;
      refused if other users can read it).
      Secrets typed in the UI go to the system keychain where a Secret Service answers, else to the encrypted
      file DIR/secrets.enc (key: --secrets-key-file FILE, or POOLWATCH_SECRETS_KEY, or DIR/secrets.key made 0600);
      --secret-store keychain|file (or POOLWATCH_SECRET_STORE) forces one. serve prints which it uses.
      API clients send "Authorization: Bearer <token>" (GET /api/snapshot, GET /api/alerts, GET /metrics for
      Prometheus; --metrics-workers adds per-worker series).
      History (alerts, hashrate, workers, payouts) is kept in DIR/history.sqlite; DIR defaults to the config file's folder.
  poolwatch poll --config FILE [--json] [--workers] [--secret-store keychain|file] [--secrets-key-file FILE]
      Poll every account once, print the snapshot and exit (2 if an account could not be read).
      Secrets come from serve's secrets file beside the config where there is one, else the keychain.
      --json prints the snapshot JSON document (schemaVersion 1); --workers adds each worker.
  poolwatch alerts --config FILE [--data DIR] [--json] [--account ID] [--rule RULE] [--from ISO] [--to ISO] [--limit N]
      Print the alert history (every transition and event), newest first.
  poolwatch export workers|hashrate|payouts|earnings --config FILE [--data DIR] [--account ID]
                   [--group NAME [--worker NAME]] [--from ISO] [--to ISO] [--sort KEY[,asc|desc]]
                   [--state STATE] [--name TEXT] [--secret-store keychain|file] [--secrets-key-file FILE]
      Print CSV on stdout (header row; H/s, whole coins or base units as the unit column says; ISO times).
      workers: the current workers (polls once), in the Workers screen's order: worst first, or --sort by
      name, group, state, h10m, h1h, h24h, lastShare or attr:LABEL (a pool attribute), ascending unless ,desc.
      --state (online, offline, dead, unknown or not-hashing) and --name (part of the name, any case, at most
      200 characters) keep the workers the Workers screen's filters would.
      hashrate: history, the last 24 h unless --from/--to.
      payouts, earnings: everything recorded unless --from/--to. History comes from DIR/history.sqlite.
      With no history.sqlite in DIR yet, payouts and earnings poll once and print what the pools report,
      and hashrate prints the pools' own history where they keep one (refused if none does); stderr says so.
  poolwatch doctor [--config FILE] [--data DIR] [--secret-store keychain|file] [--secrets-key-file FILE]
      Check the setup and print one line per check (ok, warn or fail) with what to fix: the config, the keychain,
      the data folder and its lock, each account's credentials, its pool's reachability (one request) and clock,
      and each channel's secrets.
      Exit 0 when nothing failed (warnings allowed), 1 when the setup fails, 2 when only an account fails.
  poolwatch --help
      Show this help.

Config file: JSON {"accounts": [{"id", "pool", "label", "baseUrl"?, "pollIntervalSec"?, "credentials"}]}.
Credentials are references, never values: {"keychain": true} or {"env": "VARIABLE_NAME"}.
Exit codes: 0 done; 1 bad config or arguments, or no history to read (nothing printed);
  2 polled, but at least one account could not be read (every account is still printed; stderr names it);
  3 unexpected failure.`;
