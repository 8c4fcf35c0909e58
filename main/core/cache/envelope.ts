import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * On-disk envelope of every cache file: a small clear header, then the
 * AES-256-GCM ciphertext and its tag.
 *
 *   offset 0  magic "MMOC"        identifies our files (and nothing else)
 *          4  format   u8         layout of this envelope (1)
 *          5  kind     u8         1 = profile index, 2 = tenant database
 *          6  schema   u16 BE     schema version of the plaintext, readable before decrypting
 *          8  nonce    12 bytes   random per write
 *         20  ciphertext … tag (16 bytes)
 *
 * The whole header is authenticated as AAD, together with the file's own name
 * (passed by the caller, never stored): editing the schema number, or copying
 * one tenant's file over another's, fails authentication like any flipped byte.
 */
export const MAGIC = Buffer.from('MMOC', 'ascii');
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 20;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export const FileKind = { index: 1, tenant: 2 } as const;
export type FileKind = (typeof FileKind)[keyof typeof FileKind];

export interface EnvelopeHeader {
  kind: FileKind;
  schemaVersion: number;
}

/** Why a file could not be opened. Every one of them means: never show it, quarantine it, refetch. */
export class DamagedFileError extends Error {
  constructor(
    readonly reason: 'not_ours' | 'truncated' | 'unknown_format' | 'wrong_kind' | 'authentication',
  ) {
    super(`cache file unusable: ${reason}`);
    this.name = 'DamagedFileError';
  }
}

function header(kind: FileKind, schemaVersion: number, nonce: Buffer): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(h, 0);
  h.writeUInt8(FORMAT_VERSION, 4);
  h.writeUInt8(kind, 5);
  h.writeUInt16BE(schemaVersion, 6);
  nonce.copy(h, 8);
  return h;
}

function aad(head: Buffer, fileName: string): Buffer {
  return Buffer.concat([head, Buffer.from(`\0${fileName}`, 'utf8')]);
}

export function seal(key: Buffer, fileName: string, meta: EnvelopeHeader, plaintext: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const head = header(meta.kind, meta.schemaVersion, nonce);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(head, fileName));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([head, body, cipher.getAuthTag()]);
}

/** Reads the clear header without trusting it (it is only authenticated by `open`). */
export function peekHeader(file: Buffer): EnvelopeHeader {
  if (file.length < HEADER_BYTES + TAG_BYTES) throw new DamagedFileError('truncated');
  if (!file.subarray(0, 4).equals(MAGIC)) throw new DamagedFileError('not_ours');
  if (file.readUInt8(4) !== FORMAT_VERSION) throw new DamagedFileError('unknown_format');
  const kind = file.readUInt8(5);
  if (kind !== FileKind.index && kind !== FileKind.tenant) throw new DamagedFileError('unknown_format');
  return { kind, schemaVersion: file.readUInt16BE(6) };
}

export function open(
  key: Buffer,
  fileName: string,
  expectedKind: FileKind,
  file: Buffer,
): { header: EnvelopeHeader; plaintext: Buffer } {
  const meta = peekHeader(file);
  if (meta.kind !== expectedKind) throw new DamagedFileError('wrong_kind');
  const head = file.subarray(0, HEADER_BYTES);
  const nonce = head.subarray(8, 8 + NONCE_BYTES);
  const tag = file.subarray(file.length - TAG_BYTES);
  const body = file.subarray(HEADER_BYTES, file.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(head, fileName));
  decipher.setAuthTag(tag);
  try {
    const plaintext = Buffer.concat([decipher.update(body), decipher.final()]);
    return { header: meta, plaintext };
  } catch {
    throw new DamagedFileError('authentication');
  }
}
