// Rewrites docs/benchmarks.md from the results in bench/results/*.json, without running anything.
//   npx tsx bench/report.ts
import { writeReport } from './support/report.js';

writeReport();
