// `npm run eval -- <dir> [--json] [--verbose] [--lexical]`: runs the review engine over a
// labelled set (personas.yaml + drafts.yaml, the format of the development set) and prints
// persona top-1 accuracy, generic-copy detection, job precision and recall, job-count accuracy
// and channel-verdict accuracy, each against the bounds the engine is held to.
// Needs no database: the personas are read from the directory.
//
// `--folds K` measures learning (learning.ts): K-fold, each fold reviewed having learned the
// labelled drafts of the others, then the learning curve (0, 1, 2, 4, 8 drafts per persona).
import { parseArgs } from 'node:util';
import { loadEmbedder } from '../../src/review-engine/embedder.js';
import { createReviewEngine } from '../../src/review-engine/engine.js';
import { loadEvalSet } from './eval-set.js';
import { checkBounds, formatEvalReport, predictionOf, scoreCases } from './evaluate.js';
import type { CasePrediction } from './evaluate.js';
import { LearningEval, formatCurve } from './learning.js';
import { UsageError, write } from '../../src/cli/io.js';
import type { CliIo } from '../../src/cli/io.js';

export const EVAL_USAGE = `Usage: npm run eval -- <dir> [--json] [--verbose] [--lexical] [--folds K | --learn DIR]

  <dir>       a directory with personas.yaml and drafts.yaml
  --json      the metrics as JSON
  --verbose   list every miss
  --lexical   review without the sentence model (the fallback)
  --folds K   learn from the set: K-fold (each fold reviewed having learned the others), then
              the learning curve (0, 1, 2, 4, 8 labelled drafts per persona)
  --learn DIR learn every labelled draft of DIR (same personas), then review <dir>`;

export async function runEval(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        lexical: { type: 'boolean', default: false },
        folds: { type: 'string' },
        learn: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    write(io.stderr, `${(err as Error).message}\n\n${EVAL_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    write(io.stdout, EVAL_USAGE);
    return 0;
  }
  try {
    const [dir] = parsed.positionals;
    if (!dir) throw new UsageError(`eval needs a directory\n\n${EVAL_USAGE}`);
    const set = await loadEvalSet(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new UsageError(`${dir} needs personas.yaml and drafts.yaml (${err.path ?? err.message})`);
      throw err;
    });
    const folds = parsed.values.folds === undefined ? null : Number(parsed.values.folds);
    if (folds !== null && (!Number.isInteger(folds) || folds < 2 || folds > set.cases.length))
      throw new UsageError(`--folds needs a whole number from 2 to ${set.cases.length} (the drafts in the set)`);
    const loaded = await loadEmbedder({ disabled: parsed.values.lexical });
    const engine = createReviewEngine({ embedder: loaded.embedder, embedderReason: loaded.reason, clock: io.clock });
    const started = performance.now();
    await engine.prepare('T_EVAL', set.personas);
    if (parsed.values.learn !== undefined) {
      const other = await loadEvalSet(parsed.values.learn);
      const report = await new LearningEval(engine, set).learnedFrom(other);
      const seconds = (performance.now() - started) / 1000;
      const header = `${dir}: ${set.personas.length} personas, ${set.cases.length} drafts, having learned the ${other.cases.length} drafts of ${parsed.values.learn}, ${engine.mode} mode, ${seconds.toFixed(1)} s`;
      if (parsed.values.json)
        write(io.stdout, JSON.stringify({ dir, learned: parsed.values.learn, mode: engine.mode, model: engine.model, ...report }, null, 2));
      else write(io.stdout, formatEvalReport(report, header, parsed.values.verbose));
      return 0;
    }
    if (folds !== null) {
      const learning = new LearningEval(engine, set);
      const report = await learning.kFold(folds);
      const curve = await learning.curve();
      const seconds = (performance.now() - started) / 1000;
      const header = `${dir}: ${set.personas.length} personas, ${set.cases.length} drafts, ${folds}-fold with learning, ${engine.mode} mode, ${seconds.toFixed(1)} s`;
      if (parsed.values.json)
        write(
          io.stdout,
          JSON.stringify(
            {
              dir,
              mode: engine.mode,
              model: engine.model,
              personas: set.personas.length,
              folds,
              ...report,
              // A rate over no drafts is null, not 1: a row can have nothing left to review.
              curve: curve.map((r) => ({
                examplesPerPersona: r.n,
                learned: r.learned,
                personaTop1: r.report.personaTop1.total === 0 ? null : r.report.personaTop1.rate,
                personaDrafts: r.report.personaTop1.total,
                genericDetection: r.report.genericDetection.total === 0 ? null : r.report.genericDetection.rate,
                genericDrafts: r.report.genericDetection.total,
                jobPrecision: r.report.jobs.truePositives + r.report.jobs.falsePositives === 0 ? null : r.report.jobs.precision,
                jobRecall: r.report.jobs.truePositives + r.report.jobs.falseNegatives === 0 ? null : r.report.jobs.recall,
                labelledJobs: r.report.jobs.truePositives + r.report.jobs.falseNegatives,
              })),
            },
            null,
            2,
          ),
        );
      else write(io.stdout, `${formatEvalReport(report, header, parsed.values.verbose)}\n${formatCurve(curve)}`);
      return 0;
    }
    const predictions: CasePrediction[] = [];
    for (const c of set.cases)
      predictions.push(predictionOf(c.id, await engine.review({ text: c.text, personas: set.personas, teamId: 'T_EVAL', channel: c.channel })));
    const report = scoreCases(set.cases, predictions);
    const seconds = (performance.now() - started) / 1000;
    const header = `${dir}: ${set.personas.length} personas, ${set.cases.length} drafts, ${engine.mode} mode${engine.model ? ` (${engine.model})` : ` (${loaded.reason})`}, ${seconds.toFixed(1)} s`;
    if (parsed.values.json)
      write(
        io.stdout,
        JSON.stringify({ dir, mode: engine.mode, model: engine.model, personas: set.personas.length, ...report, bounds: checkBounds(report) }, null, 2),
      );
    else write(io.stdout, formatEvalReport(report, header, parsed.values.verbose));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      write(io.stderr, err.message);
      return 2;
    }
    write(io.stderr, `eval: ${(err as Error).message}`);
    return 1;
  }
}
