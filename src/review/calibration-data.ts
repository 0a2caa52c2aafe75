// Written by scripts/calibrate-review.ts: do not edit by hand.
import type { Calibration } from './calibration.js';

export const CALIBRATION: Calibration = {
  "version": 5,
  "fittedOn": "test/fixtures/review/calibration (6 personas, 63 drafts); test/fixtures/review/consumer (6 personas, 42 drafts)",
  "fittedAt": "2026-12-01",
  "cases": 105,
  "semantic": {
    "relevance": {
      "features": [
        "bestJob",
        "bestPainGain",
        "genericness",
        "productNamed"
      ],
      "weights": [
        6.9621,
        4.7444,
        -1.799,
        1.0265
      ],
      "bias": -3.9959
    },
    "secondary": {
      "features": [
        "evidence",
        "gapToBest"
      ],
      "weights": [
        4.2707,
        2.9753
      ],
      "bias": -1.5643
    },
    "relevanceThreshold": 0.225,
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
        5.0147,
        4.2073,
        1.3381
      ],
      "bias": -3.4477
    },
    "secondary": {
      "features": [
        "evidence",
        "gapToBest"
      ],
      "weights": [
        4.841,
        3.1906
      ],
      "bias": -0.8636
    },
    "relevanceThreshold": 0.15,
    "secondaryThreshold": 0.35
  },
  "crossValidation": {
    "semantic": {
      "cvPersonaTop1": 0.913,
      "cvGenericDetection": 0.941,
      "cvJobPrecision": 0.718,
      "cvJobRecall": 0.716,
      "fitPersonaTop1": 0.92,
      "fitGenericDetection": 0.941,
      "fitJobPrecision": 0.728,
      "fitJobRecall": 0.735
    },
    "lexical": {
      "cvPersonaTop1": 0.826,
      "cvGenericDetection": 0.784,
      "cvJobPrecision": 0.719,
      "cvJobRecall": 0.709,
      "fitPersonaTop1": 0.818,
      "fitGenericDetection": 0.824,
      "fitJobPrecision": 0.725,
      "fitJobRecall": 0.725
    }
  }
};
