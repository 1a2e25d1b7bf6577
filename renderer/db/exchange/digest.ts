import { subtleSha256, type Sha256 } from '../../../shared/bundle/digest';

/** The app's SHA-256 for bundles: WebCrypto's, native and off the main thread (shared/bundle/digest.ts). */
export const bundleSha256: Sha256 = subtleSha256(crypto.subtle);
