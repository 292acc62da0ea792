// The ingest pipeline's worker thread (see planner.ts): one plan per task, nothing kept between tasks.
import { planIngest, type IngestKnowledge } from './pipeline.ts';
import type { IngestInput } from './ingest-input.ts';

export interface PlanTask {
  input: IngestInput;
  known: IngestKnowledge;
}

export default function plan({ input, known }: PlanTask) {
  return planIngest(input, known);
}
