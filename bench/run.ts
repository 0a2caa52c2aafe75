// `npm run bench`: the benchmarks, one after the other. Each writes bench/results/<name>.json.
await import('./review-latency.js');
await import('./slack.js');
await import('./cold-start.js');
await import('./hostile-requests.js');
