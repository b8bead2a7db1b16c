/**
 * The offline GraphQL explorer at /explorer: GraphiQL 3 and React 18 served
 * from node_modules (their UMD builds), so nothing loads from a CDN.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dir = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));

/** URL path under /explorer/assets/ → file on disk. */
export const EXPLORER_ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: join(dir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: join(dir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: join(dir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: join(dir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

export const EXAMPLE_QUERY = `# Linchpin GraphQL explorer. Try:
query NatoMembers {
  countries(filter: { natoMember: true }, sort: { field: NAME }) {
    totalCount
    nodes { id name accessionYear }
  }
}
`;

export function explorerHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Linchpin — GraphQL explorer</title>
  <link rel="stylesheet" href="/explorer/assets/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the explorer…</div>
  <script src="/explorer/assets/react.js"></script>
  <script src="/explorer/assets/react-dom.js"></script>
  <script src="/explorer/assets/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE_QUERY)} }),
    );
  </script>
</body>
</html>`;
}

export function homeHtml(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Linchpin</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body>
  <h1>Linchpin</h1>
  <p>Infrastructure dependency graph and systemic-risk modeller for the critical functions of NATO member states.</p>
  <ul>
    <li><a href="/explorer">GraphQL explorer</a> (works offline)</li>
    <li>GraphQL endpoint: <code>/graphql</code></li>
    <li><a href="/health">Health</a> of the API and Neo4j</li>
  </ul>
</body>
</html>`;
}
