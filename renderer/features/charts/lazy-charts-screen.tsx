import { lazy, Suspense, type ComponentType } from 'react';
import type { ChartScope } from '../../state/route';

type ChartsScreenComponent = ComponentType<{ scope: ChartScope }>;

/**
 * recharts and d3 are most of the UI's code, so the Charts screen is its own chunk, loaded when first opened.
 * A failed load (the server went away) throws to the screen's error panel; a fresh lazy component lets its
 * "Try again" load the chunk anew instead of rethrowing the cached failure.
 */
function lazyChartsScreen(): ChartsScreenComponent {
  return lazy(() =>
    import('./charts-screen').then(
      (module) => ({ default: module.ChartsScreen }),
      (error: unknown) => {
        LoadedChartsScreen = lazyChartsScreen();
        throw error;
      },
    ),
  );
}

let LoadedChartsScreen: ChartsScreenComponent = lazyChartsScreen();

export function LazyChartsScreen({ scope }: { scope: ChartScope }) {
  const Screen = LoadedChartsScreen;
  return (
    <Suspense
      fallback={
        <p className="muted" role="status" data-testid="charts-loading">
          Loading charts…
        </p>
      }
    >
      <Screen scope={scope} />
    </Suspense>
  );
}
