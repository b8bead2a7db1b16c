/**
 * The offline map under the country view: world-atlas's 1:110m countries
 * (Natural Earth), drawn with d3-geo in the country layout's projection onto a
 * canvas behind the graph, and redrawn with the graph's pan and zoom. No
 * network tiles. NATO members are tinted.
 */
import { geoPath } from 'd3-geo';
import type { GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface Viewport {
  pan: { x: number; y: number };
  zoom: number;
}

interface Shape {
  numeric: string;
  path: Path2D;
}

export class GeoBackdrop {
  private shapes: Shape[] = [];
  private highlighted = new Set<string>();
  private visible = false;
  private last: Viewport | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Loads the atlas (a separate chunk, fetched once) and builds one path per country. */
  async load(projection: GeoProjection): Promise<void> {
    if (this.shapes.length > 0) return;
    const atlas = (await import('world-atlas/countries-110m.json')).default as unknown as Topology<{ countries: GeometryCollection }>;
    const collection = feature(atlas, atlas.objects.countries);
    const toSvgPath = geoPath(projection);
    this.shapes = collection.features
      .map((f) => ({ numeric: String(f.id ?? ''), d: toSvgPath(f) }))
      .filter((s): s is { numeric: string; d: string } => typeof s.d === 'string' && s.d.length > 0)
      .map((s) => ({ numeric: s.numeric, path: new Path2D(s.d) }));
  }

  /** ISO numeric codes to tint (NATO members). */
  highlight(numerics: Iterable<string>): void {
    this.highlighted = new Set(numerics);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.canvas.hidden = !visible;
    if (visible && this.last) this.draw(this.last);
  }

  draw(viewport: Viewport): void {
    this.last = viewport;
    if (!this.visible) return;
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#EAF2F8';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(ratio * viewport.zoom, 0, 0, ratio * viewport.zoom, ratio * viewport.pan.x, ratio * viewport.pan.y);
    ctx.lineWidth = 0.8 / viewport.zoom;
    ctx.strokeStyle = '#B5C0CA';
    for (const shape of this.shapes) {
      ctx.fillStyle = this.highlighted.has(shape.numeric) ? '#DCE6F0' : '#F4F4F1';
      ctx.fill(shape.path);
      ctx.stroke(shape.path);
    }
  }
}
