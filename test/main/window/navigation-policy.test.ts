import { describe, expect, it } from 'vitest';
import {
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
} from '../../../main/core/window/navigation-policy';

describe('navigation', () => {
  it('stays inside the app origin', () => {
    expect(isAllowedNavigation('app://operator/index.html#/wallet')).toBe(true);
    expect(isAllowedNavigation('https://modelmachines.ai/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('app://evil/index.html')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
  });
});

describe('window.open', () => {
  it('never opens a window, and hands only allow-listed https links to the system browser', () => {
    expect(decideWindowOpen('https://docs.modelmachines.ai/credits')).toEqual({
      action: 'deny',
      openExternally: 'https://docs.modelmachines.ai/credits',
    });
    expect(decideWindowOpen('http://docs.modelmachines.ai/')).toEqual({
      action: 'deny',
      openExternally: null,
    });
    expect(decideWindowOpen('https://evil.example/')).toEqual({ action: 'deny', openExternally: null });
    expect(decideWindowOpen('https://user:pw@docs.modelmachines.ai/')).toEqual({
      action: 'deny',
      openExternally: null,
    });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: null });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: null });
  });
});

describe('permissions', () => {
  it('are all denied', () => {
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      expect(decidePermission(permission)).toBe(false);
    }
  });
});
