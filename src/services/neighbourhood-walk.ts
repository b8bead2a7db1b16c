/**
 * The breadth-first walk behind `neighbourhood`, level by level, whatever
 * serves each level's dependencies (Neo4j in ./graph-reads.ts, the snapshot in
 * ./snapshot-reads.ts while Neo4j is down): each dependency once, each node
 * once, stopping when more than `maxNodes` nodes are reached.
 */
import type { DependencyModel } from '../store/models';

export class NeighbourhoodWalk {
  private readonly seen: Set<string>;
  private readonly seenEdges = new Set<string>();
  readonly steps: { depth: number; dependency: DependencyModel }[] = [];
  truncated = false;
  frontier: string[];

  constructor(
    private readonly root: string,
    private readonly direction: 'DEPENDENCIES' | 'DEPENDENTS',
    private readonly maxNodes: number,
  ) {
    this.seen = new Set([root]);
    this.frontier = [root];
  }

  /** True while another level should be read. */
  more(level: number, depth: number): boolean {
    return level <= depth && this.frontier.length > 0 && !this.truncated;
  }

  /** Takes the dependencies leaving (or entering) the frontier at `level`; the next frontier follows. */
  step(level: number, dependencies: readonly DependencyModel[]): void {
    const next: string[] = [];
    for (const dep of dependencies) {
      if (this.seenEdges.has(dep.record.id)) continue;
      this.seenEdges.add(dep.record.id);
      this.steps.push({ depth: level, dependency: dep });
      const other = this.direction === 'DEPENDENCIES' ? dep.record.supplier : dep.record.dependent;
      if (this.seen.has(other)) continue;
      if (this.seen.size > this.maxNodes) {
        this.truncated = true;
        break;
      }
      this.seen.add(other);
      next.push(other);
    }
    this.frontier = next;
  }

  /** The nodes reached, the root left out. */
  reached(): string[] {
    return [...this.seen].filter((id) => id !== this.root);
  }
}
