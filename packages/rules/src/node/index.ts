export { readPackFiles } from './read-pack-files.js';
export { loadRuleFile, loadPackDir } from './load-from-disk.js';
