// dredd's logger (winston 2.4) makes Node print a padLevels circular-dependency warning on every run; the preload
// contract-tests/dredd/quiet-winston.cjs, which runDredd passes to dredd's process, drops that warning and no other
// (dredd.test.ts checks a real run's output has none).
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8' }).stderr;

describe('dredd output', () => {
  test('winston\'s padLevels warning is dropped, other warnings still print', () => {
    expect(node(['-e', "require('winston')"])).toContain("'padLevels'");
    expect(node(['--require', './contract-tests/dredd/quiet-winston.cjs', '-e', "require('winston')"])).not.toContain('padLevels');
    expect(node(['--require', './contract-tests/dredd/quiet-winston.cjs', '-e', "process.emitWarning('other warning'); require('winston')"]))
      .toContain('other warning');
  });

});
