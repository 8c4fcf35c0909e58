/**
 * Knows every secret main holds (the vault registers each token as it learns
 * it) and scrubs them from any text about to leave main: log lines, error
 * messages, journal lines. Defence in depth: nothing should contain a token in
 * the first place, and tests check that nothing does.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  register(secret: string): void {
    // Very short strings would redact ordinary words; tokens are never that short.
    if (secret.length >= 6) this.secrets.add(secret);
  }

  forget(secret: string): void {
    this.secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text.replace(/(bearer\s+)[^\s"',;]+/gi, '$1[redacted]');
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
}
