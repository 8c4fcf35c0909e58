import { describe, expect, it } from 'vitest';
import { forbiddenLaunchSwitch } from '../../../main/core/window/launch-guard';

describe('the launch guard of a packaged build', () => {
  it('names the first switch that would open the app to a debugger', () => {
    expect(forbiddenLaunchSwitch(['/opt/app/operator', '--remote-debugging-port=9222'])).toBe(
      '--remote-debugging-port',
    );
    expect(forbiddenLaunchSwitch(['/opt/app/operator', '--remote-debugging-pipe'])).toBe(
      '--remote-debugging-pipe',
    );
    expect(forbiddenLaunchSwitch(['operator', '--inspect-brk=9229'])).toBe('--inspect-brk');
    expect(forbiddenLaunchSwitch(['operator', '--inspect'])).toBe('--inspect');
  });

  it('lets ordinary launches through', () => {
    expect(forbiddenLaunchSwitch(['/opt/app/operator'])).toBeNull();
    expect(forbiddenLaunchSwitch(['operator', '--no-sandbox-not-really', 'file.txt', '--remote'])).toBeNull();
  });
});
