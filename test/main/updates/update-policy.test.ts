import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseNotesText } from '../../../main/core/updates/release-notes';
import { dataLocationProblem, installDirOf } from '../../../main/core/updates/update-policy';

describe('release notes', () => {
  it('turns GitHub HTML into text and drops markup', () => {
    expect(
      releaseNotesText({ version: '1', releaseNotes: '<p>A &lt;b&gt;</p><img src=x onerror=alert(1)>B' }),
    ).toBe('A <b>\nB');
  });

  it('lists every intermediate version of a full changelog', () => {
    expect(
      releaseNotesText({
        version: '1.2.0',
        releaseNotes: [
          { version: '1.2.0', note: '<p>Two</p>' },
          { version: '1.1.0', note: null },
        ],
      }),
    ).toBe('1.2.0\nTwo\n\n1.1.0');
  });

  it('is empty when there are no notes', () => {
    expect(releaseNotesText({ version: '1', releaseNotes: null })).toBe('');
  });
});

describe('app data location', () => {
  it.each([
    ['/home/op/.config/ModelMachines Operator', '/opt/ModelMachines Operator', false],
    ['/opt/ModelMachines Operator-data', '/opt/ModelMachines Operator', false],
    ['/opt/ModelMachines Operator/data', '/opt/ModelMachines Operator', true],
    ['/opt/ModelMachines Operator', '/opt/ModelMachines Operator', true],
  ])('POSIX: userData %s with install dir %s is a problem: %s', (userData, installDir, problem) => {
    expect(dataLocationProblem({ userData, installDir }, posix) !== null).toBe(problem);
  });

  it.each([
    [
      'C:\\Users\\op\\AppData\\Roaming\\ModelMachines Operator',
      'C:\\Program Files\\ModelMachines Operator',
      false,
    ],
    ['C:\\Program Files\\ModelMachines Operator\\data', 'C:\\Program Files\\ModelMachines Operator', true],
    ['c:\\program files\\modelmachines operator', 'C:\\Program Files\\ModelMachines Operator', true],
  ])('Windows: userData %s with install dir %s is a problem: %s', (userData, installDir, problem) => {
    expect(dataLocationProblem({ userData, installDir }, win32) !== null).toBe(problem);
  });
});

describe('install directory', () => {
  it.each([
    [
      {
        exePath: '/Applications/ModelMachines Operator.app/Contents/MacOS/ModelMachines Operator',
        platform: 'darwin',
      },
      '/Applications/ModelMachines Operator.app',
    ],
    [
      {
        exePath: '/tmp/.mount_abc/modelmachines-operator',
        platform: 'linux',
        appImagePath: '/home/op/Apps/Operator.AppImage',
      },
      '/home/op/Apps',
    ],
    [
      { exePath: '/opt/ModelMachines Operator/modelmachines-operator', platform: 'linux' },
      '/opt/ModelMachines Operator',
    ],
  ])('of %o is %s', (input, expected) => {
    expect(installDirOf(input, posix)).toBe(expected);
  });

  it('is the executable folder on Windows', () => {
    expect(
      installDirOf(
        {
          exePath:
            'C:\\Users\\op\\AppData\\Local\\Programs\\ModelMachines Operator\\ModelMachines Operator.exe',
          platform: 'win32',
        },
        win32,
      ),
    ).toBe('C:\\Users\\op\\AppData\\Local\\Programs\\ModelMachines Operator');
  });
});
