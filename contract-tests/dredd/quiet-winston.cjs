// Preloaded into dredd's process (node --require): dredd 14.1.0 logs through winston 2.4, whose lib/winston/common.js
// reads `winston.padLevels` while lib/winston.js is still loading (a circular require), so Node prints
// "Warning: Accessing non-existent property 'padLevels' of module exports inside circular dependency" on every run.
// It is harmless (winston falls back to no padding) and unfixable here (dredd has no later release); only that one
// warning is dropped, every other warning still prints.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const text = typeof warning === 'string' ? warning : warning && warning.message;
  if (typeof text === 'string' && text.includes("'padLevels'") && text.includes('circular dependency')) return;
  return emitWarning.call(process, warning, ...rest);
};
