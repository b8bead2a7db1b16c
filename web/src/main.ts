/**
 * Entry point: reads the URL (?generated=N for a synthetic graph, &seed=S,
 * ?renderer=webgl) and starts the app in #app. For the API's graph it sends
 * the graph query first and loads the app (and Cytoscape with it) as
 * a separate chunk meanwhile: the browser compiles while the server answers.
 */
import { loadGraph } from './api/load-graph';
import { operations } from './api/operations';
import { webgl2Available } from './graph/renderer-support';

const params = new URLSearchParams(window.location.search);
const generatedParam = params.get('generated');
const generated = generatedParam === null ? null : Number(generatedParam);
const seed = Number(params.get('seed') ?? '1');

const root = document.getElementById('app')!;
if (generated !== null && !(Number.isInteger(generated) && generated >= 4 && generated <= 100_000)) {
  root.textContent = `?generated=${generatedParam} is not a node count from 4 to 100000.`;
} else {
  // Start-up milestones (ms since navigation), continued by the app in window.__linchpin.timings.
  const timings: Record<string, number> = { script: Math.round(performance.now()) };
  const preload =
    generated === null
      ? {
          graph: loadGraph(operations).then((loaded) => {
            timings.graph = Math.round(performance.now());
            return loaded;
          }),
        }
      : null;
  // The app handles its failure; until it takes it, keep it from counting as unhandled.
  preload?.graph.catch(() => undefined);
  const renderer = params.get('renderer') === 'webgl' && webgl2Available() ? 'webgl' : 'canvas';
  import('./ui/app')
    .then(({ App }) => {
      timings.app = Math.round(performance.now());
      return new App({ root, generated, seed: Number.isFinite(seed) ? seed : 1, renderer, preload, timings }).start();
    })
    .catch((error: unknown) => {
      root.textContent = `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
    });
}
