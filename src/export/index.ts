export { EXPORT_COLUMNS, type ExportColumn, type ExportEvent } from './columns.js';
export { csvCell, guardFormula } from './csv.js';
export { GDELT_COLUMNS, GDELT_EVIDENCE_COLUMNS, GDELT_HEADER } from './gdelt.js';
export { exportEvents, EXPORT_FORMATS, hasStories, type ExportFormat, type ExportOptions, type ExportSource, type ExportSummary, type StoryLookup } from './export.js';
