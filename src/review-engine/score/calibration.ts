// The fitted part of the engine: two small logistic models and their thresholds, per mode
// (with sentence vectors, or words alone). The numbers live in calibration-data.ts, written by
// `npm run calibrate:review` (tools/eval/calibrate-review.ts) from the labelled calibration set in
// test/fixtures/review/calibration; never edit them by hand.
import { CALIBRATION } from './calibration-data.js';

export interface LogisticModel {
  features: readonly string[];
  weights: readonly number[];
  bias: number;
}

export interface ModeCalibration {
  /** P(the draft is written for this persona), from the persona's best job and pain/gain evidence. */
  relevance: LogisticModel;
  /** P(a further job is addressed too), from its evidence and its gap to the persona's best job. */
  secondary: LogisticModel;
  /** A persona whose relevance reaches this is matched: its best job is addressed. */
  relevanceThreshold: number;
  /** A further job (or a pain or gain) of a matched persona counts when `secondary` reaches this. */
  secondaryThreshold: number;
}

export interface Calibration {
  version: number;
  fittedOn: string;
  fittedAt: string;
  cases: number;
  semantic: ModeCalibration;
  lexical: ModeCalibration;
  crossValidation: Record<string, Record<string, number>>;
}

export const calibration: Calibration = CALIBRATION;

/** `shift` is added to the logit (what the team's examples say, see examples.ts); 0 leaves the model as fitted. */
export function logistic(model: LogisticModel, x: Readonly<Record<string, number>>, shift = 0): number {
  let z = model.bias + shift;
  model.features.forEach((name, i) => {
    z += (model.weights[i] ?? 0) * (x[name] ?? 0);
  });
  return 1 / (1 + Math.exp(-z));
}
