// Written by tools/eval/calibrate-review.ts: do not edit by hand.
import type { Calibration } from './calibration.js';

export const CALIBRATION: Calibration = {
  version: 7,
  fittedOn: 'test/fixtures/review/calibration (6 personas, 63 drafts); test/fixtures/review/consumer (6 personas, 42 drafts)',
  fittedAt: '2026-12-01',
  cases: 105,
  semantic: {
    relevance: {
      features: ['bestJob', 'bestPainGain', 'genericness', 'productNamed'],
      weights: [7.0477, 4.7393, -1.8372, 1.0015],
      bias: -4.0057,
    },
    secondary: {
      features: ['evidence', 'gapToBest'],
      weights: [4.0995, 2.7952],
      bias: -1.5737,
    },
    relevanceThreshold: 0.225,
    secondaryThreshold: 0.3,
  },
  lexical: {
    relevance: {
      features: ['bestJob', 'bestPainGain', 'productNamed'],
      weights: [5.2958, 4.1954, 1.3105],
      bias: -3.4983,
    },
    secondary: {
      features: ['evidence', 'gapToBest'],
      weights: [4.7339, 3.2257],
      bias: -0.8157,
    },
    relevanceThreshold: 0.15,
    secondaryThreshold: 0.35,
  },
  crossValidation: {
    semantic: {
      cvPersonaTop1: 0.932,
      cvGenericDetection: 0.941,
      cvJobPrecision: 0.708,
      cvJobRecall: 0.722,
      fitPersonaTop1: 0.932,
      fitGenericDetection: 0.941,
      fitJobPrecision: 0.721,
      fitJobRecall: 0.735,
    },
    lexical: {
      cvPersonaTop1: 0.833,
      cvGenericDetection: 0.784,
      cvJobPrecision: 0.719,
      cvJobRecall: 0.709,
      fitPersonaTop1: 0.83,
      fitGenericDetection: 0.706,
      fitJobPrecision: 0.705,
      fitJobRecall: 0.725,
    },
  },
};
