/** `dyad eval`: every component scored on gold data in the formats of the shared gold folder. */
export { evaluate, evaluateAsync, formatReport, isTask, dyadVersion, type EvaluateOptions } from './evaluate.js';
export { GoldFormatError } from './gold-files.js';
export { NoParserError, scoreParse, readConllu, type DependencyParser } from './parse.js';
export { TASKS, type EvaluationReport, type Metrics, type Miss, type SetResult, type TaskName, type TypeScore } from './types.js';
