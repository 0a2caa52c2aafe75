// Who may import whom (docs/architecture.md explains the layers). `npm run lint` checks it.
// Tests, benchmarks and tools may import anything; the rules are about src/.
const INNER = '^src/(domain|config|db|personas|search|review-engine|copy-review|reminders)/';
const OUTER = '^src/(slack|cli|local|mcp)/|^src/(main|runtime)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'inner-layers-stay-inside',
      comment: 'Domain, data and services never know Slack, the CLI, the local console or the wiring: they are called, they do not call out.',
      severity: 'error',
      from: { path: INNER },
      to: { path: OUTER },
    },
    {
      name: 'domain-imports-nothing',
      comment: 'domain/ is the vocabulary everything else speaks: it imports nothing of the project and no package (Node built-ins only).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'config-imports-no-feature',
      comment: 'config/ reads the environment; it may use domain/, nothing else of the project.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/(config|domain)/' },
    },
    {
      name: 'review-engine-has-no-sql',
      comment: 'The engine keeps vectors through its VectorStore interface; db/ is wired in by the runtime.',
      severity: 'error',
      from: { path: '^src/review-engine/' },
      to: { path: '^src/(db|copy-review|personas|reminders)/' },
    },
    {
      name: 'slack-only-in-the-slack-layer',
      comment: '@slack/* packages (Bolt, the Web API, Block Kit types) only under src/slack/.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/slack/' },
      to: { path: '(^|/)node_modules/@slack/' },
    },
    {
      name: 'mcp-only-in-the-mcp-layer',
      comment: 'The MCP SDK only under src/mcp/: it is one more way in, like Slack and the CLI.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/mcp/' },
      to: { path: '(^|/)node_modules/@modelcontextprotocol/' },
    },
    {
      name: 'orm-only-in-db',
      comment: 'drizzle (and the database drivers) only under src/db/: SQL has one home.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/db/' },
      to: { path: '(^|/)node_modules/(drizzle-orm|postgres|@electric-sql/pglite)/' },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Folders point one way: no folder reaches back into one that depends on it.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'production-code-stays-in-src',
      comment: 'The build compiles src/ alone: it cannot import tests, benchmarks, tools or test helpers.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|tools|testing)/' },
    },
    {
      name: 'tests-do-not-import-benchmarks',
      comment: 'Shared fixtures live in testing/; bench/ is not a library.',
      severity: 'error',
      from: { path: '^test/' },
      to: { path: '^bench/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    moduleSystems: ['es6'],
  },
};
