/**
 * Entry point: reads the URL (?generated=N for a synthetic graph, &seed=S,
 * ?renderer=webgl) and starts the app in #app.
 */
import { App } from './ui/app';
import { webgl2Available } from './graph/renderer-support';

const params = new URLSearchParams(window.location.search);
const generatedParam = params.get('generated');
const generated = generatedParam === null ? null : Number(generatedParam);
const seed = Number(params.get('seed') ?? '1');
const renderer = params.get('renderer') === 'webgl' && webgl2Available() ? 'webgl' : 'canvas';

const root = document.getElementById('app')!;
if (generated !== null && !(Number.isInteger(generated) && generated >= 4 && generated <= 100_000)) {
  root.textContent = `?generated=${generatedParam} is not a node count from 4 to 100000.`;
} else {
  const app = new App({ root, generated, seed: Number.isFinite(seed) ? seed : 1, renderer });
  void app.start();
}
