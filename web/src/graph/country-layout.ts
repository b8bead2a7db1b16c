/**
 * The country view's preset layout: each country's nodes form a disc (a
 * sunflower spiral, critical functions at the centre, then services,
 * facilities and providers) around the country's centroid, projected with an
 * equal-area conic centred on the North Atlantic. Discs that would overlap
 * (dense Western Europe) are pushed apart, each held by a spring to its
 * centroid, so the picture stays recognisably geographic.
 */
import { geoConicEqualArea } from 'd3-geo';
import type { GeoProjection } from 'd3-geo';
import type { DependencyKind } from '../../../graph-schema/vocabulary';
import type { GraphModel } from '../model/graph-model';

export interface Point {
  x: number;
  y: number;
}

/** Distance between neighbouring nodes of a disc (model units; nodes are 14–58 wide). */
const SPACING = 24;
const GAP = 40;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const RING_ORDER: Record<DependencyKind, number> = { CriticalFunction: 0, Service: 1, Facility: 2, Provider: 3 };

/** The projection shared by the layout and the map drawn under it. */
export function countryProjection(): GeoProjection {
  return geoConicEqualArea().parallels([35, 65]).rotate([30, 0]).center([0, 50]).scale(6000).translate([0, 0]);
}

interface Disc {
  id: string;
  anchor: Point;
  centre: Point;
  radius: number;
  members: string[];
}

function relax(discs: Disc[], iterations = 300): void {
  for (let it = 0; it < iterations; it++) {
    let moved = false;
    for (let i = 0; i < discs.length; i++) {
      for (let j = i + 1; j < discs.length; j++) {
        const a = discs[i]!;
        const b = discs[j]!;
        let dx = b.centre.x - a.centre.x;
        let dy = b.centre.y - a.centre.y;
        let d = Math.hypot(dx, dy);
        const need = a.radius + b.radius + GAP;
        if (d >= need) continue;
        if (d < 1e-6) {
          dx = 1;
          dy = 0;
          d = 1;
        }
        // The smaller disc moves more, so big countries stay near their place.
        const push = need - d;
        const wa = b.radius / (a.radius + b.radius);
        a.centre.x -= (dx / d) * push * wa;
        a.centre.y -= (dy / d) * push * wa;
        b.centre.x += (dx / d) * push * (1 - wa);
        b.centre.y += (dy / d) * push * (1 - wa);
        moved = true;
      }
    }
    for (const disc of discs) {
      disc.centre.x += (disc.anchor.x - disc.centre.x) * 0.02;
      disc.centre.y += (disc.anchor.y - disc.centre.y) * 0.02;
    }
    if (!moved && it > 10) break;
  }
}

/** Positions of the given nodes, grouped by country. Nodes without a known country gather in a disc in the Atlantic. */
export function countryPositions(model: GraphModel, nodeIds: Iterable<string>, projection = countryProjection()): Map<string, Point> {
  const byCountry = new Map<string, string[]>();
  for (const id of nodeIds) {
    const n = model.nodes.get(id);
    if (!n) continue;
    const key = n.country && model.countries.has(n.country) ? n.country : '';
    let list = byCountry.get(key);
    if (!list) byCountry.set(key, (list = []));
    list.push(id);
  }
  const discs: Disc[] = [];
  for (const [key, members] of byCountry) {
    const c = model.countries.get(key);
    const projected = c ? projection([c.longitude, c.latitude]) : projection([-35, 45]);
    const anchor = { x: projected?.[0] ?? 0, y: projected?.[1] ?? 0 };
    members.sort((a, b) => {
      const ka = RING_ORDER[model.nodes.get(a)!.kind];
      const kb = RING_ORDER[model.nodes.get(b)!.kind];
      return ka - kb || (a < b ? -1 : 1);
    });
    discs.push({ id: key, anchor, centre: { ...anchor }, radius: SPACING * Math.sqrt(members.length + 1), members });
  }
  discs.sort((a, b) => (a.id < b.id ? -1 : 1));
  relax(discs);

  const positions = new Map<string, Point>();
  for (const disc of discs) {
    disc.members.forEach((id, k) => {
      const r = SPACING * Math.sqrt(k + 0.5);
      const angle = k * GOLDEN_ANGLE;
      positions.set(id, { x: disc.centre.x + r * Math.cos(angle), y: disc.centre.y + r * Math.sin(angle) });
    });
  }
  return positions;
}
