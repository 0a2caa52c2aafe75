// Written by scripts/calibrate-review.ts: do not edit by hand.
import type { Calibration } from './calibration.js';

export const CALIBRATION: Calibration = {
  "version": 4,
  "fittedOn": "test/fixtures/review/calibration (6 personas, 63 drafts)",
  "fittedAt": "2026-11-22",
  "cases": 63,
  "semantic": {
    "relevance": {
      "features": [
        "bestJob",
        "bestPainGain",
        "genericness",
        "productNamed"
      ],
      "weights": [
        6.4695,
        5.0463,
        -1.972,
        0.8293
      ],
      "bias": -4.0193
    },
    "secondary": {
      "features": [
        "evidence",
        "gapToBest"
      ],
      "weights": [
        4.6693,
        2.7833
      ],
      "bias": -1.9287
    },
    "relevanceThreshold": 0.2,
    "secondaryThreshold": 0.3
  },
  "lexical": {
    "relevance": {
      "features": [
        "bestJob",
        "bestPainGain",
        "productNamed"
      ],
      "weights": [
        4.9817,
        4.7921,
        1.15
      ],
      "bias": -3.655
    },
    "secondary": {
      "features": [
        "evidence",
        "gapToBest"
      ],
      "weights": [
        4.1853,
        2.8973
      ],
      "bias": -1.0944
    },
    "relevanceThreshold": 0.15,
    "secondaryThreshold": 0.3
  },
  "crossValidation": {
    "semantic": {
      "cvPersonaTop1": 0.878,
      "cvGenericDetection": 0.909,
      "cvJobPrecision": 0.692,
      "cvJobRecall": 0.696,
      "fitPersonaTop1": 0.885,
      "fitGenericDetection": 0.909,
      "fitJobPrecision": 0.724,
      "fitJobRecall": 0.75
    },
    "lexical": {
      "cvPersonaTop1": 0.859,
      "cvGenericDetection": 0.909,
      "cvJobPrecision": 0.681,
      "cvJobRecall": 0.738,
      "fitPersonaTop1": 0.846,
      "fitGenericDetection": 0.909,
      "fitJobPrecision": 0.677,
      "fitJobRecall": 0.75
    }
  }
};
