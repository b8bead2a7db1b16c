/**
 * Entry point: reads the URL (?generated=N for a synthetic graph, &seed=S,
 * ?renderer=webgl) and starts the app in #app. For the API's graph it sends
 * the graph query first and loads the app (and Cytoscape with it) as
 * a separate chunk meanwhile: the browser compiles while the server answers.
 */
import { loadGraph } from './api/load-graph';
import { operations } from './api/operations';
import { whoAmI } from './api/session';
import { webgl2Available } from './graph/renderer-support';
import { renderSessionBar, renderSignIn } from './ui/sign-in';

const params = new URLSearchParams(window.location.search);
const generatedParam = params.get('generated');
const generated = generatedParam === null ? null : Number(generatedParam);
const seed = Number(params.get('seed') ?? '1');

const root = document.getElementById('app')!;
if (generated !== null && !(Number.isInteger(generated) && generated >= 4 && generated <= 100_000)) {
  root.textContent = `?generated=${generatedParam} is not a node count from 4 to 100000.`;
} else if (generated !== null) {
  // A synthetic graph needs no sign-in: it never asks the API for data.
  start(null);
} else {
  // Who is signed in, asked alongside the graph; a 401 shows the sign-in screen instead of the app.
  const timings: Record<string, number> = { script: Math.round(performance.now()) };
  const graph = loadGraph(operations).then((loaded) => {
    timings.graph = Math.round(performance.now());
    return loaded;
  });
  graph.catch(() => undefined);
  whoAmI()
    .then((me) => {
      if (me === 'signed-out') {
        renderSignIn(root, () => window.location.reload());
        return;
      }
      renderSessionBar(me);
      start({ graph }, timings);
    })
    // The API cannot say (e.g. Neo4j down): start anyway, and the app says what is wrong.
    .catch(() => start({ graph }, timings));
}

function start(preload: { graph: ReturnType<typeof loadGraph> } | null, timings: Record<string, number> = { script: Math.round(performance.now()) }): void {
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
