// The sentence model's own thread (run by the pool in worker-embedder.ts). Inference is
// synchronous CPU work of tens of milliseconds per call; here it no longer delays the main
// thread's acknowledgements, routing and posting. Each thread holds one copy of the model.
import { UseLiteEmbedder } from './embedder.js';

const model = new UseLiteEmbedder();

export interface ModelTask {
  texts: string[];
}

/** Loads the model on the first call; vectors come back unit-length, one per text, in order. */
export default function embedTexts(task: ModelTask): Promise<number[][]> {
  return model.embed(task.texts);
}
