/**
 * Whether this browser can run Cytoscape's WebGL renderer. `webgl: true`
 * throws without WebGL2 (and then never emits `render`), so the app probes
 * first and offers the canvas renderer otherwise.
 */
export type RendererKind = 'canvas' | 'webgl';

let cached: boolean | null = null;

export function webgl2Available(): boolean {
  if (cached !== null) return cached;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    cached = gl !== null;
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    cached = false;
  }
  return cached;
}
