#!/usr/bin/env bash
# Checks the production build as the Dockerfile runs it, without Docker: dist/ plus
# `npm ci --omit=dev` in a clean directory, `node dist/main.js`, /healthz, SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r package.json package-lock.json dist migrations examples "$work/"
(cd "$work" && npm ci --omit=dev --no-audit --no-fund >/dev/null 2>&1)
# Our dev tools must not be there. (typescript may be: graphile-worker → cosmiconfig takes it as a
# peer dependency of a production dependency, so its presence says nothing about our dev dependencies.)
if [ -d "$work/node_modules/tsx" ] || [ -d "$work/node_modules/vitest" ] || [ -d "$work/node_modules/@biomejs" ]; then
  echo "smoke-prod: dev dependencies leaked into the production install" >&2
  exit 1
fi

port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
(
  cd "$work"
  SLACK_BOT_TOKEN=xoxb-smoke SLACK_SIGNING_SECRET=5ec2e7f00dfeedc0ffee5ec2e7f00d42 SLACK_TEAM_ID=TSMOKE \
    DATABASE_URL=pglite:memory PORT="$port" HOST=127.0.0.1 REMINDERS=off LOG_LEVEL=warn \
    exec node dist/main.js
) &
pid=$!
ok=0
for _ in $(seq 1 60); do
  if body=$(curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null); then ok=1; break; fi
  sleep 0.5
done
if [ "$ok" != 1 ]; then
  echo "smoke-prod: /healthz did not answer" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
fi
echo "smoke-prod: node dist/main.js with production dependencies answers /healthz: $body"
kill -TERM "$pid"
start=$(date +%s)
wait "$pid"
code=$?
echo "smoke-prod: exited $code $(( $(date +%s) - start ))s after SIGTERM"
[ "$code" = 0 ]

# The review engine from the same install: the sentence model and the emoji names must load
# from production dependencies alone.
review=$(
  cd "$work"
  export DATABASE_URL="pglite:$work/store" LOG_LEVEL=warn
  node dist/cli/main.js import examples/personas.yaml >/dev/null
  node dist/cli/main.js review --json --channel instagram "School run by bike, everyone safe and on time. 🚲"
)
echo "$review" | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const r = JSON.parse(s);
    if (r.analysis.mode !== "semantic" || r.personas.length !== 7) { console.error("smoke-prod: review from dist/ was not semantic over the 7 examples:", s.slice(0, 300)); process.exit(1); }
    console.log(`smoke-prod: node dist/cli/main.js review: ${r.analysis.mode} (${r.analysis.model}), best fit ${r.personas[0].name} ${r.personas[0].fit}`);
  });'

# The sentence model in its worker thread (what the Slack app reviews with), from dist/ alone.
(
  cd "$work"
  node --input-type=module -e '
    const { createWorkerEmbedder } = await import("./dist/review-engine/worker-embedder.js");
    const e = await createWorkerEmbedder({ threads: 1 });
    const [v] = await e.embed(["School run by bike"]);
    await e.close();
    if (v?.length !== 512) { console.error("smoke-prod: the model thread from dist/ returned no 512-d vector"); process.exit(1); }
    console.log(`smoke-prod: the model thread from dist/ embeds (${e.model}, ${v.length} dimensions)`);'
)

# The MCP server from the same install: one initialize over stdio, answered on standard output alone.
mcp=$(
  cd "$work"
  printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"smoke","version":"1"}}}' |
    DATABASE_URL="pglite:$work/store" REVIEW_MODEL=off LOG_LEVEL=warn node dist/mcp/main.js
)
echo "$mcp" | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const r = JSON.parse(s.trim().split("\n")[0]);
    if (r.result?.serverInfo?.name !== "persona-bot") { console.error("smoke-prod: node dist/mcp/main.js did not initialize:", s.slice(0, 300)); process.exit(1); }
    console.log(`smoke-prod: node dist/mcp/main.js answers initialize (protocol ${r.result.protocolVersion})`);
  });'
