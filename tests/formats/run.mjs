// Runs the `catalogue` command of this repository for the format tests.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function catalogue(...args) {
  const run = spawnSync('cargo', ['run', '-q', '--offline', '-p', 'catalogue-cli', '--', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
