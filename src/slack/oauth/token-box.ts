// Bot tokens at rest: AES-256-GCM under a key from the environment (SLACK_TOKEN_KEYS). The
// stored form is `v1.<iv>.<tag>.<ciphertext>` (base64url) with the key's id beside it, so keys
// can rotate: the first key encrypts, any listed key decrypts.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TokenKey } from '../../config/env.js';

export interface SealedToken {
  keyId: string;
  sealed: string;
}

export class TokenBox {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: TokenKey[]) {
    if (keys.length === 0) throw new Error('at least one token key is needed');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  seal(token: string, aad: string): SealedToken {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The install key is bound in as associated data: a sealed token copied to another row does not open.
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return { keyId: id, sealed: ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.') };
  }

  open({ keyId, sealed }: SealedToken, aad: string): string {
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`token key "${keyId}" is not in SLACK_TOKEN_KEYS: add it back, or reinstall the app in that workspace`);
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('stored token is not in a known format');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
