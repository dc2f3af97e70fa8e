/** Public surface of the knowledge engine. The dialogue core needs only `buildKnowledgeEngine`. */
export { buildKnowledgeEngine, type EngineOptions, type EngineStats, type KnowledgeEngine } from './engine.ts';
export { detectLanguage, type DetectedLanguage } from './analysis/language.ts';
export { analyze, type AnalyzedText } from './analysis/analyze.ts';
export { assessPriority } from './request/priority.ts';
export { articlesFromLabelled, type LabelledExample } from './dataset.ts';
