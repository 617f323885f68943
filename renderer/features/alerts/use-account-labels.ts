import { useMemo } from 'react';
import { useAccountsStore } from '../../state/app-stores';

/** Account labels by id, from the configs and the engine's summaries (either may load first). */
export function useAccountLabels(): ReadonlyMap<string, string> {
  const configs = useAccountsStore((state) => state.configs);
  const byId = useAccountsStore((state) => state.byId);
  return useMemo(() => {
    const labels = new Map<string, string>();
    for (const summary of Object.values(byId)) labels.set(summary.id, summary.label);
    for (const config of configs) labels.set(config.id, config.label);
    return labels;
  }, [configs, byId]);
}

/** [id, label] pairs ordered by label, for account selects. */
export function accountOptions(labels: ReadonlyMap<string, string>): { id: string; label: string }[] {
  return [...labels].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
}
