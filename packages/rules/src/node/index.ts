export { readPackFiles } from './read-pack-files.js';
export { loadRuleFile, loadPackDir, readTextFile } from './load-from-disk.js';
export { createAlertTransform, type AlertTransformOptions } from './stream-adapter.js';
